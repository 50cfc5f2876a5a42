import { returnsContract } from "./returns.contract";

returnsContract("sqlite");
