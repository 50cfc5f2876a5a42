import { writeBackContract } from "./dispatcher.contract";

writeBackContract("postgres");
