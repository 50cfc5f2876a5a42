import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CarrierCode } from "~/carriers/adapter";
import { AFTERSHIP_SIGNATURE_HEADER, signAfterShipPush } from "~/carriers/aftership/push.server";
import { CARRIERS } from "~/carriers/registry";
import { signSeventeenTrackPush } from "~/carriers/seventeen_track/push.server";
import { FEDEX_SIGNATURE_HEADER, signFedexPush } from "~/carriers/fedex/push.server";
import { USPS_SIGNATURE_HEADER, signUspsPush } from "~/carriers/usps/push.server";
import { hashString, planJourney, type Journey } from "./journey";
import type { LaneCountries } from "./lanes";
import {
  renderAfterShipTracking,
  renderUpsTrackAlert,
  dhlNotFound,
  renderDhl,
  renderFedex,
  renderFedexResult,
  renderSeventeenTrackInfo,
  renderUps,
  renderUsps,
  upsNotFound,
  uspsNotFound,
} from "./render";

/**
 * The fake carrier network: ONE node:http server on 127.0.0.1 speaking every carrier's wire format
 * under a path prefix (/ups, /fedex, /usps, /dhl, /17track), with expiring OAuth tokens and
 * switchable misbehaviour. The adapters' production code talks to it unchanged via `baseUrl`.
 * For tests, demos and local development only — never started in production.
 */

export type Fault =
  | { kind: "latency"; ms: number }
  | { kind: "rate_limit"; retryAfter?: string }
  | { kind: "server_error"; status?: number }
  | { kind: "hang" }
  | { kind: "malformed_json" }
  /** Revokes every token issued so far, so the next call presents an expired one. */
  | { kind: "expired_token" };

export interface FaultOptions {
  /** Affect only the next N tracking calls (default: until cleared). */
  times?: number;
}

export interface SimulatorCredentials {
  clientId: string;
  clientSecret: string;
  apiKey: string;
}

/** What the simulator accepts by default, for every carrier. */
export const SIMULATOR_CREDENTIALS: SimulatorCredentials = {
  clientId: "sim-client-id",
  clientSecret: "sim-client-secret",
  apiKey: "sim-api-key",
};

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Milliseconds since epoch; drives journeys and token expiry. */
  clock?: () => number;
  seed?: number;
  tokenTtlSeconds?: number;
  credentials?: SimulatorCredentials;
  /** Faults active from the start, per carrier. */
  misbehave?: Partial<Record<CarrierCode, Fault>>;
  /** When a number's label was created; default: 1–4 days before the server first saw it. */
  journeyStart?: (carrier: CarrierCode, trackingNumber: string, firstSeenAt: number) => number;
  /** Where a number's parcel travels (origin and destination country); default: the carrier's home network. */
  journeyLane?: (carrier: CarrierCode, trackingNumber: string) => LaneCountries | undefined;
  /** Account-level webhooks (17TRACK and AfterShip push every tracked number to one URL) and how pushes are sent. */
  push?: {
    seventeenTrack?: { url: string; key: string };
    aftership?: { url: string; secret: string };
    /** FedEx pushes to the webhook project's URL, signed with its security token (set in FedEx's portal, not per call). */
    fedex?: { url: string; token: string };
    /** Sends one push; defaults to fetch. Answers the HTTP status. */
    deliver?: (url: string, body: string, headers: Record<string, string>) => Promise<number>;
  };
  /** How many trackings the AfterShip account may create before it answers 402 (plan quota used up). */
  aftershipTrackingQuota?: number;
  /** How many numbers the 17TRACK account may register before `register` rejects them with -18019908 (quota used up). */
  seventeenTrackRegisterQuota?: number;
}

export interface RecordedRequest {
  carrier: CarrierCode;
  method: string;
  path: string;
  /** Tracking numbers the call asked about (empty for token calls). */
  numbers: string[];
  at: number;
}

export interface CarrierSimulator {
  /** Base URL to give an adapter, e.g. `http://127.0.0.1:5123/ups`. */
  baseUrl(carrier: CarrierCode): string;
  setFault(carrier: CarrierCode, fault: Fault | null, options?: FaultOptions): void;
  /** Calls received so far (optionally one carrier's), oldest first. */
  requests(carrier?: CarrierCode): RecordedRequest[];
  resetRequests(): void;
  /** Numbers subscribed for push right now, per carrier (UPS Track Alert, DHL push, FedEx and USPS subscriptions, 17TRACK register, AfterShip trackings). */
  subscriptions(carrier: CarrierCode): string[];
  /**
   * Pushes the newest scan of every subscribed number to where its carrier was told to push, the
   * way the carrier would (UPS Track Alert with its `credential` header, 17TRACK signed with `sign`,
   * AfterShip with its HMAC). A DHL subscription not yet active first gets its validation message
   * and pushes only once the app activated it. Answers what was sent and the app's HTTP status
   * (tracking pushes only).
   */
  pushSubscribed(only?: ReadonlySet<string>): Promise<{ carrier: CarrierCode; trackingNumber: string; status: number }[]>;
  /** The journey a number follows (useful to assert what the adapters should report). */
  journey(carrier: CarrierCode, trackingNumber: string): Journey;
  close(): Promise<void>;
}

/**
 * A DHL push subscription: inactive until the subscriber sends `secret` back in
 * `DHL-API-Hook-Secret` (`POST …/subscription/{id}`) after the validation message.
 */
interface DhlSimSubscription {
  id: string;
  url: string;
  header: string;
  token: string;
  secret: string;
  active: boolean;
}

/** Each carrier is served under the path its folder declares. */
const PREFIX = Object.fromEntries(CARRIERS.map((plugin) => [plugin.code, plugin.path])) as Record<CarrierCode, string>;

const HOUR = 3_600_000;

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function startCarrierSimulator(options: SimulatorOptions = {}): Promise<CarrierSimulator> {
  const clock = options.clock ?? Date.now;
  const creds = options.credentials ?? SIMULATOR_CREDENTIALS;
  const ttl = options.tokenTtlSeconds ?? 3600;
  const seed = options.seed ?? 0;
  const tokens = new Map<string, { carrier: CarrierCode; expiresAt: number; scope?: string }>();
  const faults = new Map<CarrierCode, { fault: Fault; remaining: number }>();
  const firstSeen = new Map<string, number>();
  const registered17 = new Map<string, number | undefined>();
  const aftershipTrackings = new Set<string>();
  const upsSubscriptions = new Map<string, { url: string; credential: string; at: number }>();
  /** Per number; the numbers of one subscription share its record (DHL activates a subscription, not a number). */
  const dhlSubscriptions = new Map<string, DhlSimSubscription>();
  const fedexSubscriptions = new Set<string>();
  const uspsSubscriptions = new Map<string, { id: string; url: string; secret: string }>();
  let subscriptionSeq = 0;
  const log: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();

  for (const [carrier, fault] of Object.entries(options.misbehave ?? {}) as [CarrierCode, Fault][]) {
    faults.set(carrier, { fault, remaining: Number.POSITIVE_INFINITY });
  }

  function journeyOf(carrier: CarrierCode, trackingNumber: string): Journey {
    const key = `${carrier}:${trackingNumber}`;
    let seen = firstSeen.get(key);
    if (seen === undefined) {
      seen = clock();
      firstSeen.set(key, seen);
    }
    const startAt = options.journeyStart
      ? options.journeyStart(carrier, trackingNumber, seen)
      : seen - (24 + (hashString(`${seed}:${trackingNumber}`) % 72)) * HOUR;
    const lane = options.journeyLane?.(carrier, trackingNumber);
    return planJourney({ carrier, trackingNumber, seed, startAt, ...(lane ? { lane } : {}) });
  }

  function issueToken(carrier: CarrierCode, scope?: string): string {
    const token = `sim-${PREFIX[carrier]}-${randomBytes(12).toString("hex")}`;
    tokens.set(token, { carrier, expiresAt: clock() + ttl * 1000, ...(scope === undefined ? {} : { scope }) });
    return token;
  }

  function tokenScope(req: IncomingMessage): string | undefined {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    return match?.[1] ? tokens.get(match[1])?.scope : undefined;
  }

  function tokenValid(carrier: CarrierCode, req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const record = match?.[1] ? tokens.get(match[1]) : undefined;
    return record !== undefined && record.carrier === carrier && clock() < record.expiresAt;
  }

  /** Returns a reply when a fault takes over the call, "hang" to never answer, or undefined. */
  async function applyFault(carrier: CarrierCode): Promise<Reply | "hang" | "malformed" | undefined> {
    const entry = faults.get(carrier);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) faults.delete(carrier);
    const { fault } = entry;
    switch (fault.kind) {
      case "latency":
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        return undefined;
      case "rate_limit":
        return {
          status: 429,
          headers: { "retry-after": fault.retryAfter ?? "2" },
          body: rateLimitBody(carrier),
        };
      case "server_error":
        return { status: fault.status ?? 503, body: "<html><body><h1>503 Service Unavailable</h1></body></html>" };
      case "hang":
        return "hang";
      case "malformed_json":
        return "malformed";
      case "expired_token":
        for (const [token, record] of tokens) if (record.carrier === carrier) tokens.delete(token);
        return undefined;
    }
  }

  async function route(req: IncomingMessage, url: URL, body: string): Promise<Reply | "hang" | "malformed"> {
    const [, prefix, ...rest] = url.pathname.split("/");
    const path = `/${rest.join("/")}`;
    const carrier = (Object.keys(PREFIX) as CarrierCode[]).find((c) => PREFIX[c] === prefix);
    if (!carrier) return { status: 404, body: { message: "unknown carrier prefix" } };
    const record = (numbers: string[]) => log.push({ carrier, method: req.method ?? "GET", path, numbers, at: clock() });

    // ---- token endpoints (faults don't apply: they model the tracking APIs' behaviour)
    if (carrier === "ups" && path === "/security/v1/oauth/token" && req.method === "POST") {
      record([]);
      const expected = `Basic ${Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString("base64")}`;
      const form = new URLSearchParams(body);
      if (req.headers.authorization !== expected || form.get("grant_type") !== "client_credentials") {
        return { status: 401, body: { response: { errors: [{ code: "10401", message: "ClientId is Invalid" }] } } };
      }
      return {
        status: 200,
        body: { token_type: "Bearer", issued_at: String(clock()), client_id: creds.clientId, access_token: issueToken("ups"), expires_in: String(ttl), status: "approved" },
      };
    }
    if (carrier === "fedex" && path === "/oauth/token" && req.method === "POST") {
      record([]);
      const form = new URLSearchParams(body);
      if (form.get("grant_type") !== "client_credentials" || form.get("client_id") !== creds.clientId || form.get("client_secret") !== creds.clientSecret) {
        return {
          status: 401,
          body: { transactionId: randomBytes(8).toString("hex"), errors: [{ code: "NOT.AUTHORIZED.ERROR", message: "The given client credentials were not valid. Please modify your request and try again." }] },
        };
      }
      return { status: 200, body: { access_token: issueToken("fedex"), token_type: "bearer", expires_in: ttl, scope: "CXS-TP" } };
    }
    if (carrier === "usps" && path === "/oauth2/v3/token" && req.method === "POST") {
      record([]);
      const params = parseBody(req, body);
      if (params.grant_type !== "client_credentials" || params.client_id !== creds.clientId || params.client_secret !== creds.clientSecret) {
        return { status: 401, body: { error: "invalid_client", error_description: "Client authentication failed" } };
      }
      return {
        status: 200,
        body: { access_token: issueToken("usps", params.scope ?? "tracking"), token_type: "Bearer", issued_at: clock(), expires_in: ttl, status: "approved", scope: params.scope ?? "tracking", issuer: "api.usps.com", client_id: creds.clientId },
      };
    }

    // ---- tracking endpoints
    const trackNumbers = numbersOf(carrier, req, path, url, body);
    if (trackNumbers === undefined) return { status: 404, body: { message: `no route ${req.method} ${url.pathname}` } };
    record(trackNumbers);
    const faulted = await applyFault(carrier);
    if (faulted !== undefined) return faulted;
    const now = clock();

    switch (carrier) {
      case "ups": {
        if (!tokenValid("ups", req)) return { status: 401, body: { response: { errors: [{ code: "250002", message: "Invalid Authentication Information." }] } } };
        if (path === "/api/track/v1/subscription/standard/package") {
          const destination = (JSON.parse(body) as { destination?: { url?: string; credential?: string } }).destination;
          const valid = trackNumbers.filter((n) => /^1Z/i.test(n) && journeyOf("ups", n).scenario !== "not_found");
          for (const n of valid) upsSubscriptions.set(n, { url: destination?.url ?? "", credential: destination?.credential ?? "", at: now });
          return { status: 200, body: { validTrackingNumbers: valid, invalidTrackingNumbers: trackNumbers.filter((n) => !valid.includes(n)) } };
        }
        if (!req.headers.transid || !req.headers.transactionsrc) {
          return { status: 400, body: { response: { errors: [{ code: "VSS000", message: "Missing transId or transactionSrc header" }] } } };
        }
        const n = trackNumbers[0] ?? "";
        const journey = journeyOf("ups", n);
        if (journey.scenario === "not_found") return { status: 404, body: upsNotFound() };
        return { status: 200, body: renderUps(journey, now) };
      }
      case "fedex": {
        if (!tokenValid("fedex", req)) {
          return { status: 401, body: { transactionId: randomBytes(8).toString("hex"), errors: [{ code: "NOT.AUTHORIZED.ERROR", message: "The token is expired or invalid." }] } };
        }
        if (path === "/track/v1/trackingnumbers/subscriptions") {
          const action = (parseBody(req, body) as { action?: string }).action;
          if (trackNumbers.length === 0 || trackNumbers.length > 1000 || (action !== "ADD" && action !== "REMOVE")) {
            return { status: 400, body: { transactionId: randomBytes(8).toString("hex"), errors: [{ code: "INVALID.INPUT.EXCEPTION", message: "Invalid field value in the input" }] } };
          }
          for (const n of trackNumbers) {
            if (action === "ADD") fedexSubscriptions.add(n);
            else fedexSubscriptions.delete(n);
          }
          return { status: 200, body: { transactionId: randomBytes(8).toString("hex"), output: { jobId: `sim-job-${++subscriptionSeq}`, jobStatus: "IN_PROGRESS" } } };
        }
        if (trackNumbers.length === 0 || trackNumbers.length > 30) {
          return { status: 400, body: { transactionId: randomBytes(8).toString("hex"), errors: [{ code: "TRACKING.TRACKINGNUMBERS.LIMIT.EXCEEDED", message: "Please provide between 1 and 30 tracking numbers." }] } };
        }
        const results = trackNumbers.map((n) => renderFedexResult(journeyOf("fedex", n), now));
        return { status: 200, body: renderFedex(results, randomBytes(8).toString("hex")) };
      }
      case "usps": {
        if (!tokenValid("usps", req)) {
          return {
            status: 401,
            body: { apiVersion: "/tracking/v3", error: { code: "401", message: "Unauthorized", errors: [{ status: "401", code: "PERMISSION_DENIED", title: "Unauthorized", detail: "Access token expired or invalid" }] } },
          };
        }
        if (path.startsWith("/subscriptions-tracking/v3/subscriptions")) return uspsSubscription(req, path, body, trackNumbers);
        const n = trackNumbers[0] ?? "";
        const journey = journeyOf("usps", n);
        if (journey.scenario === "not_found") return { status: 404, body: uspsNotFound(n) };
        return { status: 200, body: renderUsps(journey, now) };
      }
      case "dhl": {
        if (req.headers["dhl-api-key"] !== creds.apiKey) {
          return { status: 401, body: { status: 401, title: "Unauthorized", detail: "Invalid API key" }, headers: { "content-type": "application/problem+json" } };
        }
        if (path.startsWith("/tracking/push/v1/subscription")) return dhlSubscription(req, path, body, trackNumbers);
        const n = trackNumbers[0] ?? "";
        const journey = journeyOf("dhl", n);
        if (journey.scenario === "not_found") return { status: 404, body: dhlNotFound(), headers: { "content-type": "application/problem+json" } };
        return { status: 200, body: renderDhl(journey, now, url.searchParams.get("service") ?? "parcel-de") };
      }
      case "seventeen_track":
        return seventeenTrack(req, path, body, now);
      case "aftership":
        return aftership(req, path, trackNumbers, now);
    }
  }

  function dhlSubscription(req: IncomingMessage, path: string, body: string, numbers: string[]): Reply {
    const problem = (status: number, title: string, detail: string): Reply => ({ status, body: { status, title, detail }, headers: { "content-type": "application/problem+json" } });
    const byId = (id: string) => [...dhlSubscriptions].filter(([, sub]) => sub.id === id);
    if (req.method === "POST" && path.startsWith("/tracking/push/v1/subscription/")) {
      // Activation: the secret of the validation message, sent back in DHL-API-Hook-Secret.
      const id = decodeURIComponent(path.slice("/tracking/push/v1/subscription/".length));
      const subscription = byId(id)[0]?.[1];
      if (!subscription) return problem(404, "Not Found", `Subscription ${id} does not exist`);
      if (req.headers["dhl-api-hook-secret"] !== subscription.secret) return problem(400, "Bad Request", "DHL-API-Hook-Secret does not match the subscription's secret");
      subscription.active = true;
      return { status: 200, body: { id, self: `https://api-eu.dhl.com/tracking/push/v1/subscription/${id}`, status: "active" } };
    }
    if (req.method === "DELETE") {
      const id = decodeURIComponent(path.slice("/tracking/push/v1/subscription/".length));
      const entry = [...dhlSubscriptions].find(([, s]) => s.id === id);
      if (!entry) return problem(404, "Not Found", `Subscription ${id} does not exist`);
      dhlSubscriptions.delete(entry[0]);
      return { status: 204, body: "" };
    }
    const request = JSON.parse(body) as { type?: string; service?: string; hook?: { uri?: string; authentication?: { type?: string; header?: string; token?: string } } };
    const auth = request.hook?.authentication;
    if (request.type !== "Shipment" || !request.service || !request.hook?.uri || numbers.length === 0 || numbers.length > 10) {
      return problem(400, "Bad Request", "type Shipment, service, hook.uri and 1 to 10 shipmentIDs are required");
    }
    if (numbers.some((n) => journeyOf("dhl", n).scenario === "not_found")) return problem(400, "Bad Request", "Unknown shipment ID");
    const id = `sim-dhl-sub-${++subscriptionSeq}`;
    const subscription: DhlSimSubscription = { id, url: request.hook.uri, header: auth?.header ?? "", token: auth?.token ?? "", secret: randomBytes(16).toString("hex"), active: false };
    for (const n of numbers) dhlSubscriptions.set(n, subscription);
    return { status: 201, body: { id, self: `https://api-eu.dhl.com/tracking/push/v1/subscription/${id}`, type: "Shipment", service: request.service, shipmentIDs: numbers } };
  }

  function uspsSubscription(req: IncomingMessage, path: string, body: string, numbers: string[]): Reply {
    const error = (status: number, message: string): Reply => ({ status, body: { apiVersion: "/subscriptions-tracking/v3", error: { code: String(status), message, errors: [] } } });
    if (tokenScope(req) !== "subscriptions-tracking") return error(403, "Insufficient scope: subscriptions-tracking required");
    if (req.method === "DELETE") {
      const id = decodeURIComponent(path.slice("/subscriptions-tracking/v3/subscriptions/".length));
      const entry = [...uspsSubscriptions].find(([, s]) => s.id === id);
      if (!entry) return error(404, "No Subscriptions were found");
      uspsSubscriptions.delete(entry[0]);
      return { status: 204, body: "" };
    }
    const request = JSON.parse(body) as { listenerURL?: string; secret?: string };
    const n = numbers[0] ?? "";
    if (!request.listenerURL || request.secret?.length !== 32 || n === "") return error(400, "listenerURL, a 32-character secret and filterProperties.trackingNumber are required");
    if (journeyOf("usps", n).scenario === "not_found") return error(400, `Invalid tracking number ${n}`);
    const existing = uspsSubscriptions.get(n);
    const id = existing?.id ?? `sim-usps-sub-${++subscriptionSeq}`;
    uspsSubscriptions.set(n, { id, url: request.listenerURL, secret: request.secret });
    return { status: 201, body: { subscriptionId: id, listenerURL: request.listenerURL, filterProperties: { trackingNumber: n }, status: "ENABLED" } };
  }

  function aftership(req: IncomingMessage, path: string, numbers: string[], now: number): Reply {
    if (req.headers["as-api-key"] !== creds.apiKey) return { status: 401, body: { meta: { code: 401, message: "Invalid API key.", type: "Unauthorized" }, data: {} } };
    if (req.method === "POST") {
      const number = numbers[0] ?? "";
      if (number === "") return { status: 400, body: { meta: { code: 4007, message: "`tracking_number` is required.", type: "BadRequest" }, data: {} } };
      if (aftershipTrackings.has(number)) return { status: 400, body: { meta: { code: 4003, message: "Tracking already exists.", type: "BadRequest" }, data: { tracking: { tracking_number: number } } } };
      if (options.aftershipTrackingQuota !== undefined && aftershipTrackings.size >= options.aftershipTrackingQuota) {
        return { status: 402, body: { meta: { code: 402, message: "Your plan's shipment quota has been used up.", type: "PaymentRequired" }, data: {} } };
      }
      aftershipTrackings.add(number);
      return { status: 201, body: { meta: { code: 201, message: "Created", type: "Created" }, data: renderAfterShipTracking(journeyOf("aftership", number), now) } };
    }
    if (req.method === "DELETE") {
      const id = decodeURIComponent(path.slice("/tracking/2025-01/trackings/".length));
      const number = id.startsWith("sim") ? id.slice(3) : id;
      if (!aftershipTrackings.delete(number)) return { status: 404, body: { meta: { code: 4004, message: "Tracking does not exist.", type: "NotFound" }, data: {} } };
      return { status: 200, body: { meta: { code: 200, message: "OK", type: "OK" }, data: { id, tracking_number: number } } };
    }
    const trackings = numbers.filter((n) => aftershipTrackings.has(n)).map((n) => renderAfterShipTracking(journeyOf("aftership", n), now));
    return { status: 200, body: { meta: { code: 200, message: "OK", type: "OK" }, data: { pagination: { total: trackings.length, next_cursor: null, has_next_page: false }, trackings } } };
  }

  function seventeenTrack(req: IncomingMessage, path: string, body: string, now: number): Reply {
    if (req.headers["17token"] !== creds.apiKey) {
      return { status: 401, body: { code: 401, data: { errors: [{ code: -18010001, message: "Invalid 17token." }] } } };
    }
    const items = parseJsonArray(body);
    if (items.length > 40) {
      return { status: 200, body: { code: -18010012, data: { errors: [{ code: -18010012, message: "The number of tracking numbers exceeds the limit of 40." }] } } };
    }
    const accepted: unknown[] = [];
    const rejected: unknown[] = [];
    for (const item of items) {
      if (path === "/track/v2.2/stoptrack") {
        if (registered17.delete(item.number)) accepted.push({ number: item.number, carrier: item.carrier ?? 190271 });
        else rejected.push({ number: item.number, error: { code: -18019902, message: `The tracking number '${item.number}' does not register, please register first.` } });
      } else if (path === "/track/v2.2/register") {
        if (registered17.has(item.number)) {
          rejected.push({ number: item.number, error: { code: -18019901, message: `The tracking number '${item.number}' is already registered.` } });
        } else if (options.seventeenTrackRegisterQuota !== undefined && registered17.size >= options.seventeenTrackRegisterQuota) {
          rejected.push({ number: item.number, error: { code: -18019908, message: "The quota has been used up." } });
        } else {
          registered17.set(item.number, item.carrier);
          accepted.push({ origin: 1, number: item.number, carrier: item.carrier ?? 190271 });
        }
      } else if (!registered17.has(item.number)) {
        rejected.push({ number: item.number, error: { code: -18019902, message: `The tracking number '${item.number}' does not register, please register first.` } });
      } else {
        accepted.push(renderSeventeenTrackInfo(journeyOf("seventeen_track", item.number), now));
      }
    }
    return { status: 200, body: { code: 0, data: { accepted, rejected } } };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      route(req, url, body)
        .then((reply) => {
          if (reply === "hang") {
            hanging.add(res);
            res.on("close", () => hanging.delete(res));
            return;
          }
          if (reply === "malformed") {
            res.writeHead(200, { "content-type": "application/json" });
            res.end('{"output": {"completeTrackResults": [{"trackingNumber": "12');
            return;
          }
          if (reply.status === 204) {
            res.writeHead(204);
            res.end();
            return;
          }
          const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
          const contentType = typeof reply.body === "string" ? "text/html" : "application/json";
          res.writeHead(reply.status, { "content-type": contentType, ...reply.headers });
          res.end(text);
        })
        .catch((error: unknown) => {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(`simulator error: ${String(error)}`);
        });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: (carrier) => `http://127.0.0.1:${port}/${PREFIX[carrier]}`,
    setFault(carrier, fault, faultOptions = {}) {
      if (fault === null) faults.delete(carrier);
      else faults.set(carrier, { fault, remaining: faultOptions.times ?? Number.POSITIVE_INFINITY });
    },
    requests: (carrier) => log.filter((r) => carrier === undefined || r.carrier === carrier),
    resetRequests: () => {
      log.length = 0;
    },
    journey: journeyOf,
    async pushSubscribed(only) {
      const deliver =
        options.push?.deliver ??
        (async (url: string, body: string, headers: Record<string, string>) => (await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers } })).status);
      const now = clock();
      const sent: { carrier: CarrierCode; trackingNumber: string; status: number }[] = [];
      const wanted = (trackingNumber: string) => only === undefined || only.has(trackingNumber);
      for (const [trackingNumber, destination] of upsSubscriptions) {
        if (!wanted(trackingNumber)) continue;
        const message = renderUpsTrackAlert(journeyOf("ups", trackingNumber), now);
        if (!message) continue;
        const status = await deliver(destination.url, JSON.stringify(message), { credential: destination.credential, "user-agent": "UPSPubSubTrackingService" });
        sent.push({ carrier: "ups", trackingNumber, status });
      }
      const validated = new Set<string>();
      for (const [trackingNumber, subscription] of dhlSubscriptions) {
        if (!wanted(trackingNumber)) continue;
        if (!subscription.active && !validated.has(subscription.id)) {
          // DHL's hand-shake first: the validation message, which the subscriber answers by activating.
          validated.add(subscription.id);
          const self = `https://api-eu.dhl.com/tracking/push/v1/subscription/${subscription.id}`;
          await deliver(subscription.url, JSON.stringify({ scope: "subscription.validate", secret: subscription.secret, self, note: "Subscription validation" }), { [subscription.header]: subscription.token });
        }
        // An inactive subscription pushes nothing.
        if (!subscription.active) continue;
        const journey = journeyOf("dhl", trackingNumber);
        if (journey.scans.every((scan) => scan.at > now)) continue;
        const shipments = (renderDhl(journey, now, "parcel-de") as { shipments: unknown[] }).shipments;
        const body = JSON.stringify({ scope: "subscription.push", self: `https://api-eu.dhl.com/tracking/push/v1/subscription/${subscription.id}`, shipments });
        sent.push({ carrier: "dhl", trackingNumber, status: await deliver(subscription.url, body, { [subscription.header]: subscription.token }) });
      }
      const fedexHook = options.push?.fedex;
      if (fedexHook) {
        for (const trackingNumber of fedexSubscriptions) {
          if (!wanted(trackingNumber)) continue;
          const journey = journeyOf("fedex", trackingNumber);
          if (journey.scans.every((scan) => scan.at > now)) continue;
          const body = JSON.stringify(renderFedexResult(journey, now));
          sent.push({ carrier: "fedex", trackingNumber, status: await deliver(fedexHook.url, body, { [FEDEX_SIGNATURE_HEADER]: signFedexPush(body, fedexHook.token) }) });
        }
      }
      for (const [trackingNumber, subscription] of uspsSubscriptions) {
        if (!wanted(trackingNumber)) continue;
        const journey = journeyOf("usps", trackingNumber);
        if (journey.scans.every((scan) => scan.at > now)) continue;
        const body = JSON.stringify({ subscriptionId: subscription.id, timestamp: new Date(now).toISOString(), payload: JSON.stringify(renderUsps(journey, now)) });
        sent.push({ carrier: "usps", trackingNumber, status: await deliver(subscription.url, body, { [USPS_SIGNATURE_HEADER]: signUspsPush(body, subscription.secret) }) });
      }
      const seventeen = options.push?.seventeenTrack;
      if (seventeen) {
        for (const [trackingNumber] of registered17) {
          if (!wanted(trackingNumber)) continue;
          const info = renderSeventeenTrackInfo(journeyOf("seventeen_track", trackingNumber), now);
          const body = JSON.stringify({ event: "TRACKING_UPDATED", data: info });
          sent.push({ carrier: "seventeen_track", trackingNumber, status: await deliver(seventeen.url, body, { sign: signSeventeenTrackPush(body, seventeen.key) }) });
        }
      }
      const aftershipHook = options.push?.aftership;
      if (aftershipHook) {
        for (const trackingNumber of aftershipTrackings) {
          if (!wanted(trackingNumber)) continue;
          const body = JSON.stringify({ event: "tracking_update", event_id: randomBytes(16).toString("hex"), is_tracking_first_tag: false, ts: Math.floor(now / 1000), msg: renderAfterShipTracking(journeyOf("aftership", trackingNumber), now) });
          sent.push({ carrier: "aftership", trackingNumber, status: await deliver(aftershipHook.url, body, { [AFTERSHIP_SIGNATURE_HEADER]: signAfterShipPush(body, aftershipHook.secret) }) });
        }
      }
      return sent;
    },
    subscriptions: (carrier) => {
      const numbers: Record<CarrierCode, Iterable<string>> = {
        ups: upsSubscriptions.keys(),
        dhl: dhlSubscriptions.keys(),
        fedex: fedexSubscriptions.values(),
        usps: uspsSubscriptions.keys(),
        seventeen_track: registered17.keys(),
        aftership: aftershipTrackings.values(),
      };
      return [...numbers[carrier]].sort();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function rateLimitBody(carrier: CarrierCode): unknown {
  switch (carrier) {
    case "ups":
      return { response: { errors: [{ code: "429", message: "Too Many Requests" }] } };
    case "fedex":
      return { errors: [{ code: "TOO.MANY.REQUESTS", message: "We have received too many requests in a short duration." }] };
    case "usps":
      return { apiVersion: "/tracking/v3", error: { code: "429", message: "Too Many Requests", errors: [] } };
    case "dhl":
      return { status: 429, title: "Too many requests", detail: "Rate limit exceeded" };
    case "seventeen_track":
      return { code: -18010018, data: { errors: [{ code: -18010018, message: "Request too frequently." }] } };
    case "aftership":
      return { meta: { code: 429, message: "You have exceeded the API call rate limit.", type: "TooManyRequests" }, data: {} };
  }
}

function parseBody(req: IncomingMessage, body: string): Record<string, string | undefined> {
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    try {
      const json = JSON.parse(body) as unknown;
      if (json && typeof json === "object") {
        return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, typeof v === "string" ? v : undefined]));
      }
    } catch {
      return {};
    }
    return {};
  }
  return Object.fromEntries(new URLSearchParams(body));
}

function parseJsonArray(body: string): { number: string; carrier?: number }[] {
  try {
    const json = JSON.parse(body) as unknown;
    if (!Array.isArray(json)) return [];
    return json
      .filter((x): x is { number: string; carrier?: unknown } => typeof x === "object" && x !== null && typeof (x as { number?: unknown }).number === "string")
      .map((x) => (typeof x.carrier === "number" ? { number: x.number, carrier: x.carrier } : { number: x.number }));
  } catch {
    return [];
  }
}

/** Which numbers a tracking call asks about; undefined when the path is not a tracking endpoint. */
function numbersOf(carrier: CarrierCode, req: IncomingMessage, path: string, url: URL, body: string): string[] | undefined {
  switch (carrier) {
    case "ups": {
      if (path === "/api/track/v1/subscription/standard/package" && req.method === "POST") {
        try {
          const list = (JSON.parse(body) as { trackingNumberList?: unknown }).trackingNumberList;
          return Array.isArray(list) ? list.map(String) : [];
        } catch {
          return [];
        }
      }
      const m = /^\/api\/track\/v1\/details\/([^/]+)$/.exec(path);
      return m?.[1] && req.method === "GET" ? [decodeURIComponent(m[1])] : undefined;
    }
    case "fedex": {
      if (path === "/track/v1/trackingnumbers/subscriptions" && req.method === "POST") {
        try {
          const details = (JSON.parse(body) as { trackingNumberDetails?: { trackingNumber?: unknown }[] }).trackingNumberDetails;
          return Array.isArray(details) ? details.map((d) => String(d.trackingNumber ?? "")) : [];
        } catch {
          return [];
        }
      }
      if (path !== "/track/v1/trackingnumbers" || req.method !== "POST") return undefined;
      try {
        const json = JSON.parse(body) as { trackingInfo?: { trackingNumberInfo?: { trackingNumber?: unknown } }[] };
        return (json.trackingInfo ?? []).map((t) => String(t.trackingNumberInfo?.trackingNumber ?? ""));
      } catch {
        return [];
      }
    }
    case "usps": {
      if (path === "/subscriptions-tracking/v3/subscriptions" && req.method === "POST") {
        try {
          const number = (JSON.parse(body) as { filterProperties?: { trackingNumber?: unknown } }).filterProperties?.trackingNumber;
          return typeof number === "string" ? [number] : [];
        } catch {
          return [];
        }
      }
      if (/^\/subscriptions-tracking\/v3\/subscriptions\/[^/]+$/.test(path) && req.method === "DELETE") return [];
      const m = /^\/tracking\/v3\/tracking\/([^/]+)$/.exec(path);
      return m?.[1] && req.method === "GET" ? [decodeURIComponent(m[1])] : undefined;
    }
    case "dhl": {
      if (path === "/tracking/push/v1/subscription" && req.method === "POST") {
        try {
          const ids = (JSON.parse(body) as { shipmentIDs?: unknown }).shipmentIDs;
          return Array.isArray(ids) ? ids.map(String) : [];
        } catch {
          return [];
        }
      }
      if (/^\/tracking\/push\/v1\/subscription\/[^/]+$/.test(path) && (req.method === "DELETE" || req.method === "POST")) return [];
      return path === "/track/shipments" && req.method === "GET" ? [url.searchParams.get("trackingNumber") ?? ""] : undefined;
    }
    case "seventeen_track":
      return (path === "/track/v2.2/register" || path === "/track/v2.2/gettrackinfo" || path === "/track/v2.2/stoptrack") && req.method === "POST"
        ? parseJsonArray(body).map((x) => x.number)
        : undefined;
    case "aftership": {
      if (path === "/tracking/2025-01/trackings" && req.method === "GET") {
        return (url.searchParams.get("tracking_numbers") ?? "").split(",").filter((n) => n !== "");
      }
      if (path === "/tracking/2025-01/trackings" && req.method === "POST") {
        const number = parseBody(req, body).tracking_number;
        return [number ?? ""];
      }
      const m = /^\/tracking\/2025-01\/trackings\/([^/]+)$/.exec(path);
      return m?.[1] && req.method === "DELETE" ? [] : undefined;
    }
  }
}
