import { daySummariesContract } from "./day-summaries.contract";

daySummariesContract("sqlite");
