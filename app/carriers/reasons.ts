import type { CanonicalStatus, SubStatus } from "~/domain/status";
import type { LookupResult } from "./mapping";

/**
 * Why an exception, failed attempt, delay or return happened, read from the carrier's own reason
 * wording. Codes decide the status (status-map.ts); many carriers put the reason only in text
 * (UPS `status.description` under type X, DHL `status`/`description` under `failure`, FedEx
 * `exceptionDescription`), so the reason is matched against the phrases carriers use for each
 * canonical reason. First match wins, so causes (payment due, customs, weather, refusal) rank above effects
 * (rescheduled). No match leaves the reason unset: never "other" by default.
 */
export const REASON_PHRASES: readonly { reason: SubStatus; pattern: RegExp }[] = [
  { reason: "customs_cleared", pattern: /\b(cleared|released)\b.{0,30}\bcustoms\b|\bcustoms\b.{0,30}\b(cleared|released|complete[d]?)\b/i },
  { reason: "payment_required", pattern: /\b(payment|duties|charges|cod|c\.o\.d\.)\b.{0,30}\b(required|due|outstanding|unpaid|not (been )?paid)\b|\bawaiting payment\b/i },
  { reason: "customs_hold", pattern: /\bcustoms\b|\bclearance (delay|hold|in progress)|\bheld by (the )?government\b|\bbrokerage\b/i },
  { reason: "weather", pattern: /\bweather\b|\bstorm\b|\bsnow\b|\bhurricane\b|\bflood(ing)?\b|\bnatural disaster\b/i },
  { reason: "refused", pattern: /\brefus(ed|al|es)\b|\brejected by (the )?(receiver|recipient|consignee|addressee|customer)\b|\bdeclined by (the )?(receiver|recipient|consignee)\b/i },
  { reason: "damaged", pattern: /\bdamage[ds]?\b|\bdestroyed\b/i },
  { reason: "lost", pattern: /\blost\b|\bcannot be located\b|\bunable to locate\b|\bdead letter\b/i },
  {
    reason: "recipient_unavailable",
    pattern:
      /\b(receiver|recipient|consignee|customer|addressee)\b.{0,20}\bnot (available|home|present|found|at home|in)\b|\bno one (was )?(available|home|present)\b|\bnobody\b|\bnot at home\b|\bno authori[sz]ed recipient\b|\bnotice left\b/i,
  },
  { reason: "business_closed", pattern: /\bbusiness (was )?closed\b|\b(closed|office closed) (on|for) (the )?(day|holiday|weekend)\b|\bclosed on arrival\b/i },
  {
    reason: "address_problem",
    pattern:
      /\b(incorrect|wrong|invalid|incomplete|insufficient|bad|unknown|missing) (street |delivery |shipping )?address|\baddress (is |was )?(incorrect|incomplete|invalid|unknown|not found|could not be found)\b|\baddress (correction|information) (is )?(required|needed)\b|\bno such (number|street)\b|\baddressee unknown\b|\bmoved,? left no address\b|\bvacant\b|\bundeliverable as addressed\b|\bno access to delivery location\b/i,
  },
  { reason: "missed_connection", pattern: /\bmissed (connection|flight|transfer)\b|\bmis-?sort(ed)?\b|\bmis-?sent\b|\bmis-?routed\b|\bmis-?shipped\b|\bincorrectly sorted\b/i },
  { reason: "return_to_sender", pattern: /\breturn(ed|ing)? to (the )?(sender|shipper)\b/i },
  { reason: "rescheduled", pattern: /\breschedul(ed|ing)\b|\bfuture delivery (requested|date)\b|\bdelivery (date|day) (changed|modified)\b/i },
  { reason: "held_by_carrier", pattern: /\b(held|on hold) (by|at) (the )?(carrier|facility|depot|terminal|hub)\b|\bsecurity (check|inspection)\b/i },
];

/** Statuses whose reason matters to merchants and shoppers. */
const NEEDS_REASON: ReadonlySet<CanonicalStatus> = new Set<CanonicalStatus>(["exception", "attempt_failed", "delayed", "returning", "returned"]);

/** The reason the carrier's wording names, if any; texts are tried in order. */
export function reasonFromText(...texts: (string | null | undefined)[]): SubStatus | undefined {
  for (const text of texts) {
    if (!text) continue;
    for (const { reason, pattern } of REASON_PHRASES) if (pattern.test(text)) return reason;
  }
  return undefined;
}

/**
 * Adds the reason read from `texts` to a mapped exception / failed attempt / delay / return that
 * the code table left without one. A reason from the code table always wins.
 */
export function withReason(mapped: LookupResult, ...texts: (string | null | undefined)[]): LookupResult {
  if (!mapped.mapped || mapped.subStatus !== undefined || !NEEDS_REASON.has(mapped.status)) return mapped;
  const reason = reasonFromText(...texts);
  return reason === undefined ? mapped : { ...mapped, subStatus: reason };
}
