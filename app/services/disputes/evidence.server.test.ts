import { evidenceContract } from "./evidence.contract";

evidenceContract("sqlite");
