import { worklistContract } from "~/services/worklist/worklist-page.contract";

worklistContract("sqlite");
