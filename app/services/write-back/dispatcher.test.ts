import { writeBackContract } from "./dispatcher.contract";

writeBackContract("sqlite");
