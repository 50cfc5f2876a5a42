import { SECOND, defineCarrier, MONDAY_TO_SATURDAY, MONDAY_TO_FRIDAY } from "~/carriers/plugin";
import { FedexCredentials, createFedexAdapter } from "./adapter";
import { parseFedexResponse } from "./parse";
import { FEDEX_EVENT_TYPES } from "./status-map";

export const fedexCarrier = defineCarrier({
  code: "fedex",
  displayName: "FedEx",
  role: "direct",
  path: "fedex",
  aliases: ["fedex", "federalexpress"],
  trackingUrl: "https://www.fedex.com/fedextrack/?trknbr={number}",
  credentials: FedexCredentials,
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
  conformance: {
    delivered: "delivered.json",
    exception: "held-at-location.json",
    notFound: "invalid-and-not-found.json",
    error: "error.json",
  },
});
