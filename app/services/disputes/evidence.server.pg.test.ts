import { evidenceContract } from "./evidence.contract";

evidenceContract("postgres");
