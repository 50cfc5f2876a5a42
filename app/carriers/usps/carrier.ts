import { HOUR, defineCarrier, MONDAY_TO_SATURDAY } from "~/carriers/plugin";
import { UspsCredentials, createUspsAdapter } from "./adapter";
import { parseUspsResponse } from "./parse";
import { USPS_EVENT_CODES } from "./status-map";

export const uspsCarrier = defineCarrier({
  code: "usps",
  displayName: "USPS",
  role: "direct",
  path: "usps",
  aliases: ["usps", "unitedstatespostalservice"],
  trackingUrl: "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}",
  credentials: UspsCredentials,
  credentialEnv: { clientId: "USPS_CLIENT_ID", clientSecret: "USPS_CLIENT_SECRET" },
  limits: { numbersPerRequest: 1, windows: [{ requests: 60, perMs: HOUR }], note: "Default quota ~60 requests/hour until USPS raises it" },
  // USPS delivers parcels Monday to Saturday (Sunday only for Priority Mail Express and contract
  // parcels, which the estimate does not assume).
  deliveryWeekdays: { default: MONDAY_TO_SATURDAY },
  createAdapter: createUspsAdapter,
  parse: (json, numbers) => parseUspsResponse(json, numbers?.[0] === undefined ? {} : { trackingNumber: numbers[0] }),
  statusTables: { USPS_EVENT_CODES },
  conformance: {
    delivered: "delivered.json",
    exception: "attempted.json",
    notFound: "not-found.json",
    error: "error-auth.json",
  },
});
