import { DAY, HOUR, defineCarrier, MONDAY_TO_SATURDAY } from "~/carriers/plugin";
import { UspsCredentials, createUspsAdapter } from "./adapter";
import { parseUspsResponse } from "./parse";
import { USPS_SIGNATURE_HEADER, parseUspsPush, verifyUspsPush } from "./push.server";
import { USPS_EVENT_CODES } from "./status-map";
import { createUspsSubscriptionClient } from "./subscriptions.server";

export const uspsCarrier = defineCarrier({
  code: "usps",
  displayName: "USPS",
  role: "direct",
  path: "usps",
  aliases: ["usps", "unitedstatespostalservice"],
  trackingUrl: "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}",
  claimPage: "https://www.usps.com/help/claims.htm",
  credentials: UspsCredentials,
  credentialFields: { clientId: { label: "clientId", secret: false }, clientSecret: { label: "clientSecret", secret: true } },
  credentialEnv: { clientId: "USPS_CLIENT_ID", clientSecret: "USPS_CLIENT_SECRET" },
  limits: { numbersPerRequest: 1, windows: [{ requests: 60, perMs: HOUR }], note: "Default quota ~60 requests/hour until USPS raises it" },
  // USPS delivers parcels Monday to Saturday (Sunday only for Priority Mail Express and contract
  // parcels, which the estimate does not assume).
  deliveryWeekdays: { default: MONDAY_TO_SATURDAY },
  createAdapter: createUspsAdapter,
  parse: (json, numbers) => parseUspsResponse(json, numbers?.[0] === undefined ? {} : { trackingNumber: numbers[0] }),
  statusTables: { USPS_EVENT_CODES },
  push: {
    secretEnv: ["USPS_PUSH_SECRET"],
    // Subscriptions – Tracking: `X-HMAC` = base64 HMAC-SHA256 of timestamp + payload with the subscription secret.
    verify: (rawBody, headers, secret) => verifyUspsPush(rawBody, headers.get(USPS_SIGNATURE_HEADER), secret),
    parse: (json) => {
      const push = parseUspsPush(json);
      return push.kind === "invalid" ? { error: push.message } : { items: push.items };
    },
  },
  // One number per subscription; USPS drops one after 30 days without traffic, so it is renewed before.
  subscriptions: { lifetimeMs: 30 * DAY, numbersPerRequest: 1, createClient: createUspsSubscriptionClient },
  conformance: {
    delivered: "delivered.json",
    exception: "attempted.json",
    notFound: "not-found.json",
    error: "error-auth.json",
    push: ["push-in-transit.json", "push-delivered.json"],
  },
});
