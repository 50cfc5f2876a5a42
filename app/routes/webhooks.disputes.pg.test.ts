import { disputesContract } from "~/services/disputes/dispute-webhooks.contract";

disputesContract("postgres");
