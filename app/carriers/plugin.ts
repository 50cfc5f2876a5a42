import type { z } from "zod";
import type { AdapterOptions, CarrierAdapter, ParseResult, ParsedTracking } from "./adapter";
import type { StatusTable } from "./mapping";

/**
 * What a carrier folder declares about itself (`<folder>/carrier.ts`). The registry lists the
 * folders once; the sync engine, settings, CLI, simulator wiring and the conformance suite read
 * everything else from here, so adding a carrier is a new folder and one registry line.
 */
export interface RateWindow {
  requests: number;
  perMs: number;
}

export interface CarrierLimits {
  /** Tracking numbers one HTTP request may carry. */
  numbersPerRequest: number;
  /** Every window must be respected at once (e.g. DHL per second and per day). */
  windows: RateWindow[];
  /** Most times one shipment may be fetched per day (DHL asks for ≤ 10). */
  fetchesPerShipmentPerDay?: number;
  note: string;
}

/** A verified push body, parsed: items to merge, nothing to do, or a body we cannot read. */
export type PushParseResult = { items: ParsedTracking[] } | { error: string };

export interface CarrierPush {
  /** Environment variables holding the shared secret / token the carrier authenticates with, first set wins. */
  secretEnv: readonly string[];
  /** Whether a push body and its headers carry the right credential for `secret`. */
  verify: (rawBody: string, headers: Headers, secret: string) => boolean;
  /** Pure; never throws. */
  parse: (json: unknown) => PushParseResult;
  /**
   * Pure; never throws. Recognises a verified body that asks Trackline to activate the
   * subscription it pushes for (DHL's hand-shake), rather than tracking news: null for anything else.
   */
  activation?: (json: unknown, headers: Headers) => PushActivation | null;
}

/** A carrier's request to confirm a new push subscription, with the secret that confirms it. */
export type PushActivation = { subscriptionId: string; secret: string } | { error: string };

/**
 * How the admin names a credential field: the label `settings.accounts.<label>`, translated in
 * every admin locale (a label missing there fails the type check of the settings page). A carrier
 * whose field means one of these needs no other edit; a new kind of field adds its label here and
 * its translations.
 */
export const CREDENTIAL_LABELS = ["clientId", "clientSecret", "apiKey", "accountNumber", "webhookSecret", "defaultService"] as const;
export type CredentialLabel = (typeof CREDENTIAL_LABELS)[number];

/** One field of a carrier's credential schema as the merchant enters it in the admin. */
export interface CredentialField {
  label: CredentialLabel;
  /** Typed into a password field and never shown back. */
  secret: boolean;
}

/** One number's answer to a subscribe call. */
export type SubscribeOutcome =
  | { trackingNumber: string; ok: true; externalId?: string }
  | { trackingNumber: string; ok: false; error: string };

/** Where the carrier should push, and the credential it must present (UPS Track Alert `credential`). */
export interface PushDestination {
  url: string;
  credential?: string;
}

/** Creates and removes push subscriptions at the carrier. Never throws for carrier trouble. */
export interface SubscriptionClient {
  subscribe(trackingNumbers: readonly string[], destination: PushDestination): Promise<SubscribeOutcome[]>;
  unsubscribe(entries: readonly { trackingNumber: string; externalId?: string }[]): Promise<void>;
  /** Confirms a subscription the carrier asked to activate (`CarrierPush.activation`). Never throws for carrier trouble. */
  activate?(subscriptionId: string, secret: string): Promise<{ ok: true } | { ok: false; error: string }>;
}

export interface CarrierSubscriptions<Credentials = unknown> {
  /** How long the carrier keeps a subscription; undefined = until removed. */
  lifetimeMs?: number;
  /** Numbers one subscribe call may carry. */
  numbersPerRequest: number;
  createClient(options: AdapterOptions<Credentials>): SubscriptionClient;
}

/** Fixture files in `<folder>/__fixtures__/` the conformance suite runs through the parser. */
export interface ConformanceFixtures {
  /** A response whose number was delivered. */
  delivered: string;
  /** A response with an exception or failed attempt. */
  exception: string;
  /** The carrier's "no information for this number" answer. */
  notFound: string;
  /** An error body (auth, bad request…). */
  error: string;
  /** Push bodies, when the carrier pushes. */
  push?: readonly string[];
}

export interface CarrierPlugin<Credentials = unknown, Code extends string = string> {
  code: Code;
  displayName: string;
  /** `direct`: tracked through the carrier's own API; `aggregator`: the route for every other carrier. */
  role: "direct" | "aggregator";
  /** Path segment of this carrier on the simulator host ("17track" for 17TRACK). */
  path: string;
  /** Shopify `tracking_company` spellings that mean this carrier, normalised (lower case, letters and digits). */
  aliases: readonly string[];
  /** Public tracking page; "{number}" is replaced by the tracking number. */
  trackingUrl?: string;
  /**
   * Where a merchant files a claim or contacts the carrier about a parcel in trouble (the
   * worklist's "contact carrier" action); `null` says on purpose that there is none (an
   * aggregator relays many carriers, so the parcel's own carrier is the one to ask).
   */
  claimPage: string | null;
  credentials: z.ZodType<Credentials>;
  /** Every field of `credentials`, in the order the admin asks for them. */
  credentialFields: Readonly<Record<string, CredentialField>>;
  /**
   * App-level credentials: credential field → environment variable. These variables, and the
   * push secrets' `secretEnv`, are the app's environment schema entries for the carrier.
   */
  credentialEnv: Readonly<Record<string, string>>;
  limits: CarrierLimits;
  /**
   * Days of the week the carrier delivers parcels on (0 = Sunday … 6 = Saturday): `default`, and
   * per destination country where its service differs. Absent: Monday to Friday. Delivery
   * estimates count transit in these days (minus the destination's public holidays).
   */
  deliveryWeekdays?: DeliveryWeekdays;
  // Method syntax on purpose: a plug-in with its own credential type still counts as a
  // CarrierPlugin<unknown> in registry lists.
  createAdapter(options: AdapterOptions<Credentials>): CarrierAdapter;
  /** Pure parser of one saved response body (numbers help batch carriers label request-wide errors). */
  parse: (json: unknown, trackingNumbers?: readonly string[]) => ParseResult;
  /** Every status table the parser reads, by name. */
  statusTables: Readonly<Record<string, StatusTable>>;
  push?: CarrierPush;
  /** Push subscriptions Trackline manages (register / subscribe / remove), when the carrier offers them. */
  subscriptions?: CarrierSubscriptions<Credentials>;
  conformance: ConformanceFixtures;
}

/** Keeps the literal code type (so the registry can derive `CarrierCode`) while checking the shape. */
export interface DeliveryWeekdays {
  default: readonly number[];
  byCountry?: Readonly<Record<string, readonly number[]>>;
}

/** Monday to Friday, and Monday to Saturday: the two delivery weeks carriers run. */
export const MONDAY_TO_FRIDAY: readonly number[] = [1, 2, 3, 4, 5];
export const MONDAY_TO_SATURDAY: readonly number[] = [1, 2, 3, 4, 5, 6];

export function defineCarrier<Credentials, const Code extends string>(plugin: CarrierPlugin<Credentials, Code>): CarrierPlugin<Credentials, Code> {
  return plugin;
}

export const SECOND = 1000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
