import { dashboardContract } from "./dashboard.contract";

dashboardContract("sqlite");
