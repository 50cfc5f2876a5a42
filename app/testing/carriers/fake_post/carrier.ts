import { z } from "zod";
import { systemClock, type CarrierAdapter } from "~/carriers/adapter";
import { AuthError } from "~/carriers/errors";
import { fetchJson, trimSlash } from "~/carriers/http.server";
import { trackEachNumber } from "~/carriers/mapping";
import { defineCarrier } from "~/carriers/plugin";
import { parseFakePost } from "./parse";
import { FAKE_POST_CODES } from "./status-map";

const FakePostCredentials = z.object({ apiKey: z.string().trim().min(1) });

/**
 * A carrier folder that lives only in tests: everything Trackline needs to know about Fake Post
 * is here, and one line registers it (see fake-carrier.test.ts).
 */
export const fakePostCarrier = defineCarrier({
  code: "fake_post",
  displayName: "Fake Post",
  role: "direct",
  path: "fake-post",
  aliases: ["fakepost", "fakepostexpress"],
  trackingUrl: "https://fake-post.example/track/{number}",
  claimPage: "https://fake-post.example/claims",
  credentials: FakePostCredentials,
  credentialFields: { apiKey: { label: "apiKey", secret: true } },
  credentialEnv: { apiKey: "FAKE_POST_API_KEY" },
  limits: { numbersPerRequest: 1, windows: [{ requests: 5, perMs: 1000 }], fetchesPerShipmentPerDay: 4, note: "Made up for tests" },
  createAdapter(options): CarrierAdapter {
    const base = trimSlash(options.baseUrl ?? "https://fake-post.example");
    return {
      code: "fake_post",
      maxBatchSize: 1,
      track: (requests, signal) =>
        trackEachNumber(requests, async (request) => {
          const res = await fetchJson({
            fetch: options.fetch ?? fetch,
            url: `${base}/parcels/${encodeURIComponent(request.trackingNumber)}`,
            headers: { "x-api-key": options.credentials.apiKey },
            ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
            ...(signal ? { signal } : {}),
            clock: options.clock ?? systemClock,
          });
          if (res.status === 401) throw new AuthError("Fake Post rejected the key", res.text, { status: 401 });
          return { json: res.json, parsed: parseFakePost(res.json, [request.trackingNumber]) };
        }),
    };
  },
  parse: (json, numbers) => parseFakePost(json, numbers),
  statusTables: { FAKE_POST_CODES },
  conformance: { delivered: "delivered.json", exception: "attempted.json", notFound: "not-found.json", error: "error.json" },
});
