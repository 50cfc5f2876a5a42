import { syncWritesContract } from "./sync-writes.contract";

syncWritesContract("sqlite");
