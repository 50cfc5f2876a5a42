import { rawReadsContract } from "./raw-reads.contract";

rawReadsContract("sqlite");
