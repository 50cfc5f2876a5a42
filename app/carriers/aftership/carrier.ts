import { SECOND, defineCarrier } from "~/carriers/plugin";
import { AfterShipCredentials, createAfterShipAdapter, createAfterShipSubscriptionClient } from "./adapter";
import { AFTERSHIP_MAX_NUMBERS_PER_REQUEST } from "./client.server";
import { parseAfterShipPush, parseAfterShipResponse } from "./parse";
import { AFTERSHIP_SIGNATURE_HEADER, verifyAfterShipPush } from "./push.server";
import { AFTERSHIP_SUBTAGS, AFTERSHIP_TAGS } from "./status-map";

export const aftershipCarrier = defineCarrier({
  code: "aftership",
  displayName: "AfterShip (aggregator)",
  role: "aggregator",
  path: "aftership",
  aliases: [],
  // An aggregator relays many carriers: the parcel's own carrier is the one to ask.
  claimPage: null,
  credentials: AfterShipCredentials,
  credentialFields: { apiKey: { label: "apiKey", secret: true }, webhookSecret: { label: "webhookSecret", secret: true } },
  credentialEnv: { apiKey: "AFTERSHIP_API_KEY", webhookSecret: "AFTERSHIP_WEBHOOK_SECRET" },
  limits: {
    numbersPerRequest: AFTERSHIP_MAX_NUMBERS_PER_REQUEST,
    windows: [{ requests: 10, perMs: SECOND }],
    note: "Up to 50 numbers per list request, one per create; 10 requests/s",
  },
  createAdapter: createAfterShipAdapter,
  parse: (json, numbers) => parseAfterShipResponse(json, numbers ?? []),
  statusTables: { AFTERSHIP_TAGS, AFTERSHIP_SUBTAGS },
  push: {
    secretEnv: ["AFTERSHIP_WEBHOOK_SECRET"],
    verify: (rawBody, headers, secret) => verifyAfterShipPush(rawBody, headers.get(AFTERSHIP_SIGNATURE_HEADER), secret),
    parse: (json) => {
      const push = parseAfterShipPush(json);
      if (push.kind === "invalid") return { error: push.message };
      return { items: push.kind === "updated" ? [push.item] : [] };
    },
  },
  // A created tracking is pushed to the account's webhook until it is deleted.
  subscriptions: { numbersPerRequest: 1, createClient: createAfterShipSubscriptionClient },
  conformance: {
    delivered: "delivered.json",
    exception: "exception.json",
    notFound: "not-found.json",
    error: "error.json",
    push: ["push-handover.json", "push-other-event.json"],
  },
});
