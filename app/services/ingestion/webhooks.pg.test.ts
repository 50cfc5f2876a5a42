import { webhookContract } from "./webhooks.contract";

webhookContract("postgres");
