import { DAY, defineCarrier, MONDAY_TO_SATURDAY, MONDAY_TO_FRIDAY } from "~/carriers/plugin";
import { UpsCredentials, createUpsAdapter, createUpsSubscriptionClient } from "./adapter";
import { parseUpsResponse } from "./parse";
import { UPS_ACTIVITY_CODE_OVERRIDES, UPS_STATUS_TYPES } from "./status-map";
import { UPS_TRACK_ALERT_CREDENTIAL_HEADER, parseUpsTrackAlert, verifyUpsTrackAlertCredential } from "./track-alert.server";

export const upsCarrier = defineCarrier({
  code: "ups",
  displayName: "UPS",
  role: "direct",
  path: "ups",
  aliases: ["ups", "unitedparcelservice"],
  trackingUrl: "https://www.ups.com/track?tracknum={number}",
  claimPage: "https://www.ups.com/us/en/support/file-a-claim.page",
  credentials: UpsCredentials,
  credentialFields: { clientId: { label: "clientId", secret: false }, clientSecret: { label: "clientSecret", secret: true }, merchantId: { label: "accountNumber", secret: false } },
  credentialEnv: { clientId: "UPS_CLIENT_ID", clientSecret: "UPS_CLIENT_SECRET" },
  limits: { numbersPerRequest: 1, windows: [], note: "Track API v1 takes one inquiry number per call; no published quota" },
  // UPS Ground and residential parcels are delivered on Saturdays across most of the US; elsewhere
  // Saturday is a paid option, so Monday to Friday.
  deliveryWeekdays: { default: MONDAY_TO_FRIDAY, byCountry: { US: MONDAY_TO_SATURDAY } },
  createAdapter: createUpsAdapter,
  parse: (json, numbers) => parseUpsResponse(json, numbers?.[0] === undefined ? {} : { trackingNumber: numbers[0] }),
  statusTables: { UPS_STATUS_TYPES, UPS_ACTIVITY_CODE_OVERRIDES },
  push: {
    secretEnv: ["UPS_TRACK_ALERT_CREDENTIAL"],
    // UPS Track Alert: one event per POST, authenticated by the subscription's `credential` header.
    verify: (_rawBody, headers, credential) => verifyUpsTrackAlertCredential(headers.get(UPS_TRACK_ALERT_CREDENTIAL_HEADER), credential),
    parse: (json) => {
      const push = parseUpsTrackAlert(json);
      return push.kind === "invalid" ? { error: push.message } : { items: [push.item] };
    },
  },
  // Track Alert: subscribe up to 100 numbers per call; UPS pushes for 14 days.
  subscriptions: { lifetimeMs: 14 * DAY, numbersPerRequest: 100, createClient: createUpsSubscriptionClient },
  conformance: {
    delivered: "delivered.json",
    exception: "failed-attempt.json",
    notFound: "not-found.json",
    error: "error-auth.json",
    push: ["track-alert-delivered.json", "track-alert-exception.json", "track-alert-in-transit.json", "track-alert-out-for-delivery.json"],
  },
});
