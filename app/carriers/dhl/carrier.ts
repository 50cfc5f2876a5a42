import { DAY, SECOND, defineCarrier, MONDAY_TO_SATURDAY, MONDAY_TO_FRIDAY } from "~/carriers/plugin";
import { DhlCredentials, createDhlAdapter } from "./adapter";
import { parseDhlResponse } from "./parse";
import { DHL_PUSH_TOKEN_HEADER, parseDhlPush, readDhlActivation, verifyDhlPushToken } from "./push.server";
import { DHL_STATUS_CODES } from "./status-map";
import { createDhlSubscriptionClient } from "./subscriptions.server";

export const dhlCarrier = defineCarrier({
  code: "dhl",
  displayName: "DHL",
  role: "direct",
  path: "dhl",
  aliases: ["dhl", "dhlexpress", "dhlparcel", "dhlecommerce", "dhlecommercesolutions", "dhlparcelde", "deutschepostdhl"],
  trackingUrl: "https://www.dhl.com/global-en/home/tracking.html?tracking-id={number}&submit=1",
  claimPage: "https://www.dhl.com/global-en/home/customer-service.html",
  credentials: DhlCredentials,
  credentialFields: { apiKey: { label: "apiKey", secret: true }, defaultService: { label: "defaultService", secret: false } },
  credentialEnv: { apiKey: "DHL_API_KEY" },
  limits: {
    numbersPerRequest: 1,
    windows: [
      { requests: 1, perMs: SECOND },
      { requests: 250, perMs: DAY },
    ],
    fetchesPerShipmentPerDay: 10,
    note: "Default key: 250 calls/day, 1 call/s; DHL asks for at most 10 fetches per shipment per day",
  },
  // DHL Paket in Germany and DHL eCommerce in the Netherlands deliver on Saturdays; DHL Express
  // elsewhere Monday to Friday.
  deliveryWeekdays: { default: MONDAY_TO_FRIDAY, byCountry: { DE: MONDAY_TO_SATURDAY, NL: MONDAY_TO_SATURDAY } },
  createAdapter: createDhlAdapter,
  parse: (json, numbers) => parseDhlResponse(json, numbers?.[0] === undefined ? {} : { trackingNumber: numbers[0] }),
  statusTables: { DHL_STATUS_CODES },
  push: {
    secretEnv: ["DHL_PUSH_SECRET"],
    // The subscription's static token, in the header we name when subscribing.
    verify: (_rawBody, headers, token) => verifyDhlPushToken(headers.get(DHL_PUSH_TOKEN_HEADER), token),
    parse: (json) => {
      const push = parseDhlPush(json);
      return push.kind === "invalid" ? { error: push.message } : { items: push.items };
    },
    // DHL's hand-shake: a validation message whose secret activates the new subscription.
    activation: readDhlActivation,
  },
  // Push API subscriptions by shipment, one per parcel; DHL documents no expiry.
  subscriptions: { numbersPerRequest: 1, createClient: createDhlSubscriptionClient },
  conformance: {
    delivered: "delivered.json",
    exception: "exception.json",
    notFound: "not-found.json",
    error: "error-auth.json",
    push: ["push-delivered.json", "push-exception.json", "push-in-transit.json", "push-out-for-delivery.json"],
  },
});
