import { identityHashContract } from "./identity-hashes.contract";

identityHashContract("postgres");
