import { returnsContract } from "./returns.contract";

returnsContract("postgres");
