import { estimatesContract } from "./estimates.contract";

estimatesContract("sqlite");
