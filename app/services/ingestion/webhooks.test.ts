import { webhookContract } from "./webhooks.contract";

webhookContract("sqlite");
