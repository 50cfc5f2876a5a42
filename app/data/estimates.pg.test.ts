import { estimatesContract } from "./estimates.contract";

estimatesContract("postgres");
