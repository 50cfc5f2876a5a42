import { dashboardContract } from "./dashboard.contract";

dashboardContract("postgres");
