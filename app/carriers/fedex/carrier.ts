import { SECOND, defineCarrier, MONDAY_TO_SATURDAY, MONDAY_TO_FRIDAY } from "~/carriers/plugin";
import { FedexCredentials, createFedexAdapter } from "./adapter";
import { parseFedexResponse } from "./parse";
import { FEDEX_SIGNATURE_HEADER, parseFedexPush, verifyFedexPush } from "./push.server";
import { FEDEX_EVENT_TYPES } from "./status-map";
import { FEDEX_NUMBERS_PER_SUBSCRIPTION, createFedexSubscriptionClient } from "./subscriptions.server";

export const fedexCarrier = defineCarrier({
  code: "fedex",
  displayName: "FedEx",
  role: "direct",
  path: "fedex",
  aliases: ["fedex", "federalexpress"],
  trackingUrl: "https://www.fedex.com/fedextrack/?trknbr={number}",
  claimPage: "https://www.fedex.com/en-us/customer-support/claims.html",
  credentials: FedexCredentials,
  credentialFields: { clientId: { label: "clientId", secret: false }, clientSecret: { label: "clientSecret", secret: true } },
  credentialEnv: { clientId: "FEDEX_CLIENT_ID", clientSecret: "FEDEX_CLIENT_SECRET" },
  limits: {
    numbersPerRequest: 30,
    windows: [{ requests: 1400, perMs: 10 * SECOND }],
    note: "Up to 30 numbers per request; 1,400 requests per 10 s per project",
  },
  // FedEx Home Delivery and Ground Economy deliver on Saturdays in the US; elsewhere Monday to Friday.
  deliveryWeekdays: { default: MONDAY_TO_FRIDAY, byCountry: { US: MONDAY_TO_SATURDAY } },
  createAdapter: createFedexAdapter,
  parse: (json, numbers) => parseFedexResponse(json, numbers === undefined ? {} : { trackingNumbers: numbers }),
  statusTables: { FEDEX_EVENT_TYPES },
  push: {
    secretEnv: ["FEDEX_WEBHOOK_SECURITY_TOKEN"],
    // Advanced Integrated Visibility: base64 HMAC-SHA256 of the raw body with the project's security token.
    verify: (rawBody, headers, token) => verifyFedexPush(rawBody, headers.get(FEDEX_SIGNATURE_HEADER), token),
    parse: (json) => {
      const push = parseFedexPush(json);
      return push.kind === "invalid" ? { error: push.message } : { items: push.items };
    },
  },
  // Tracking Number Subscription: up to 1,000 numbers per association job; no documented expiry.
  subscriptions: { numbersPerRequest: FEDEX_NUMBERS_PER_SUBSCRIPTION, createClient: createFedexSubscriptionClient },
  conformance: {
    delivered: "delivered.json",
    exception: "held-at-location.json",
    notFound: "invalid-and-not-found.json",
    error: "error.json",
    push: ["push-delivered.json"],
  },
});
