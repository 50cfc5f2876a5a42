import { repositoryContract } from "./repositories.contract";

repositoryContract("sqlite");
