import { rawReadsContract } from "./raw-reads.contract";

rawReadsContract("postgres");
