import { repositoryContract } from "./repositories.contract";

repositoryContract("postgres");
