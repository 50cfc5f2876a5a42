import { daySummariesContract } from "./day-summaries.contract";

daySummariesContract("postgres");
