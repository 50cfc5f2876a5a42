import type { ShipmentFilter } from "~/data/shipments.server";
import { ATTENTION_KINDS, SHIPMENT_SORTS, type AttentionKind, type ShipmentSort } from "~/domain/shipment-list-views";
import { CANONICAL_STATUSES } from "~/domain/status";
import { addDays, isLocalDate, startOfLocalDate } from "./period";

/**
 * The shipments list's filters as a query string, read by the list and the CSV export and written
 * by every dashboard link, so "12 stalled" on the dashboard opens exactly those 12 shipments.
 */
export interface ShipmentQuery {
  statuses: string[];
  attention: AttentionKind[];
  carriers: string[];
  countries: string[];
  /** Local dates (shop zone), inclusive. */
  from: string | null;
  to: string | null;
  isReturn: boolean | null;
  search: string;
  sort: ShipmentSort;
}

export const EMPTY_QUERY: ShipmentQuery = {
  statuses: [],
  attention: [],
  carriers: [],
  countries: [],
  from: null,
  to: null,
  isReturn: null,
  search: "",
  sort: "newest",
};

const list = (value: string | null) =>
  (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

const COUNTRY = /^[A-Z]{2}$/;
const CARRIER = /^[a-z0-9_]{1,40}$/;

/** A part of the list's query string that was dropped; pages word it in the staff member's language. */
export type ShipmentQueryError = {
  kind: "status" | "attention" | "carrier" | "country" | "date" | "dateOrder" | "return" | "sort";
  value: string;
};

/** Parses the list's query string; problems come back as errors, and the offending part is dropped. */
export function parseShipmentQuery(params: URLSearchParams): { query: ShipmentQuery; errors: ShipmentQueryError[] } {
  const errors: ShipmentQueryError[] = [];
  const statuses = list(params.get("status"));
  const badStatuses = statuses.filter((status) => !(CANONICAL_STATUSES as readonly string[]).includes(status));
  if (badStatuses.length) errors.push({ kind: "status", value: badStatuses.join(", ") });
  const attention = list(params.get("attention"));
  const badAttention = attention.filter((kind) => !(ATTENTION_KINDS as readonly string[]).includes(kind));
  if (badAttention.length) errors.push({ kind: "attention", value: badAttention.join(", ") });
  const carriers = list(params.get("carrier")).map((carrier) => carrier.toLowerCase());
  const badCarriers = carriers.filter((carrier) => !CARRIER.test(carrier));
  if (badCarriers.length) errors.push({ kind: "carrier", value: badCarriers.join(", ") });
  const countries = list(params.get("country")).map((country) => country.toUpperCase());
  const badCountries = countries.filter((country) => !COUNTRY.test(country));
  if (badCountries.length) errors.push({ kind: "country", value: badCountries.join(", ") });
  const date = (name: "from" | "to") => {
    const value = params.get(name)?.trim();
    if (!value) return null;
    if (isLocalDate(value)) return value;
    errors.push({ kind: "date", value });
    return null;
  };
  let from = date("from");
  let to = date("to");
  if (from && to && to < from) {
    errors.push({ kind: "dateOrder", value: `${from} – ${to}` });
    from = null;
    to = null;
  }
  const returnParam = params.get("return");
  const isReturn = returnParam === "yes" ? true : returnParam === "no" ? false : null;
  if (returnParam && isReturn === null) errors.push({ kind: "return", value: returnParam });
  const sortParam = params.get("sort") ?? "newest";
  const sort = (SHIPMENT_SORTS as readonly string[]).includes(sortParam) ? (sortParam as ShipmentSort) : "newest";
  if (sort !== sortParam) errors.push({ kind: "sort", value: sortParam });
  const search = (params.get("q") ?? "").trim().slice(0, 200);
  return {
    query: {
      statuses: statuses.filter((status) => !badStatuses.includes(status)),
      attention: attention.filter((kind): kind is AttentionKind => !badAttention.includes(kind)),
      carriers: carriers.filter((carrier) => !badCarriers.includes(carrier)),
      countries: countries.filter((country) => !badCountries.includes(country)),
      from,
      to,
      isReturn,
      search,
      sort,
    },
    errors,
  };
}

/** The repository filter of a query, dates resolved in the shop's time zone. */
export function toShipmentFilter(query: ShipmentQuery, timeZone: string): ShipmentFilter {
  return {
    ...(query.statuses.length ? { statuses: query.statuses } : {}),
    ...(query.attention.length ? { attention: query.attention } : {}),
    ...(query.carriers.length ? { carriers: query.carriers } : {}),
    ...(query.countries.length ? { destinationCountries: query.countries } : {}),
    ...(query.from ? { createdFrom: startOfLocalDate(query.from, timeZone) } : {}),
    ...(query.to ? { createdBefore: startOfLocalDate(addDays(query.to, 1), timeZone) } : {}),
    ...(query.isReturn === null ? {} : { isReturn: query.isReturn }),
    ...(query.search ? { search: query.search } : {}),
  };
}

/** Query string of a (partial) query; defaults are left out so links stay short. */
export function shipmentQuerySearch(query: Partial<ShipmentQuery>): string {
  const params = new URLSearchParams();
  if (query.statuses?.length) params.set("status", query.statuses.join(","));
  if (query.attention?.length) params.set("attention", query.attention.join(","));
  if (query.carriers?.length) params.set("carrier", query.carriers.join(","));
  if (query.countries?.length) params.set("country", query.countries.join(","));
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (query.isReturn !== undefined && query.isReturn !== null) params.set("return", query.isReturn ? "yes" : "no");
  if (query.search) params.set("q", query.search);
  if (query.sort && query.sort !== "newest") params.set("sort", query.sort);
  const text = params.toString();
  return text ? `?${text}` : "";
}
