import { SECOND, defineCarrier } from "~/carriers/plugin";
import { SeventeenTrackCredentials, createSeventeenTrackAdapter, createSeventeenTrackSubscriptionClient } from "./adapter";
import { parseSeventeenTrackPush, parseSeventeenTrackResponse } from "./parse";
import { verifySeventeenTrackPush } from "./push.server";
import { SEVENTEEN_TRACK_STAGES, SEVENTEEN_TRACK_STATUSES, SEVENTEEN_TRACK_SUB_STATUSES } from "./status-map";

export const seventeenTrackCarrier = defineCarrier({
  code: "seventeen_track",
  displayName: "17TRACK (aggregator)",
  role: "aggregator",
  path: "17track",
  aliases: [],
  trackingUrl: "https://t.17track.net/en#nums={number}",
  // An aggregator relays many carriers: the parcel's own carrier is the one to ask.
  claimPage: null,
  credentials: SeventeenTrackCredentials,
  credentialFields: { apiKey: { label: "apiKey", secret: true }, webhookKey: { label: "webhookSecret", secret: true } },
  credentialEnv: { apiKey: "SEVENTEEN_TRACK_API_KEY", webhookKey: "SEVENTEEN_TRACK_WEBHOOK_KEY" },
  limits: {
    numbersPerRequest: 40,
    windows: [{ requests: 3, perMs: SECOND }],
    note: "Up to 40 numbers per register/gettrackinfo call; 3 requests/s",
  },
  createAdapter: createSeventeenTrackAdapter,
  parse: (json, numbers) => parseSeventeenTrackResponse(json, numbers === undefined ? {} : { trackingNumbers: numbers }),
  statusTables: { SEVENTEEN_TRACK_STATUSES, SEVENTEEN_TRACK_SUB_STATUSES, SEVENTEEN_TRACK_STAGES },
  push: {
    // 17TRACK signs pushes with the webhook key, or the API key when none is configured:
    // header `sign` = SHA-256(rawBody + "/" + key).
    secretEnv: ["SEVENTEEN_TRACK_WEBHOOK_KEY", "SEVENTEEN_TRACK_API_KEY"],
    verify: (rawBody, headers, key) => verifySeventeenTrackPush(rawBody, headers.get("sign"), key),
    parse: (json) => {
      const push = parseSeventeenTrackPush(json);
      if (push.kind === "invalid") return { error: push.message };
      return { items: push.kind === "updated" ? [push.item] : [] };
    },
  },
  // `register` subscribes a number to pushes until `stoptrack`.
  subscriptions: { numbersPerRequest: 40, createClient: createSeventeenTrackSubscriptionClient },
  conformance: {
    delivered: "delivered.json",
    exception: "exception.json",
    notFound: "invalid-and-not-found.json",
    error: "error.json",
    push: ["push-updated.json", "push-stopped.json"],
  },
});
