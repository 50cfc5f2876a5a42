import type { SubscribeOutcome } from "./plugin";

/**
 * The loop shared by carriers that take one tracking number per push subscription (DHL, USPS):
 * each number gets its own create call and its own outcome, so one refusal or transport failure
 * never hides another number's subscription. Carrier trouble becomes an outcome, never a throw.
 */
export interface PerNumberSubscribe {
  /** Why no number can be subscribed at all (a missing push secret), checked before any call. */
  unusable?: string;
  /** Creates one number's subscription and returns the carrier's answer. */
  create: (trackingNumber: string) => Promise<{ status: number; json: unknown }>;
  /** The reason to record for a 4xx answer (the carrier's own error text, when it has one). */
  refusal: (status: number, json: unknown) => string;
  /** The new subscription's id in a 2xx answer. */
  idOf: (json: unknown) => string | undefined;
  /** The reason to record when a 2xx answer carries no id. */
  missingId: string;
}

export async function subscribeEachNumber(trackingNumbers: readonly string[], how: PerNumberSubscribe): Promise<SubscribeOutcome[]> {
  const outcomes: SubscribeOutcome[] = [];
  for (const trackingNumber of trackingNumbers) {
    if (how.unusable !== undefined) {
      outcomes.push({ trackingNumber, ok: false, error: how.unusable });
      continue;
    }
    try {
      const { status, json } = await how.create(trackingNumber);
      if (status >= 400) {
        outcomes.push({ trackingNumber, ok: false, error: how.refusal(status, json) });
        continue;
      }
      const id = how.idOf(json);
      outcomes.push(id ? { trackingNumber, ok: true, externalId: id } : { trackingNumber, ok: false, error: how.missingId });
    } catch (error) {
      outcomes.push({ trackingNumber, ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

/**
 * Removes each entry's subscription by its id (entries without one were never created). A 404 means
 * the carrier already dropped it, which is what we wanted; any other 4xx is collected and reported
 * in one error after every entry was tried.
 */
export async function unsubscribeEachNumber(
  entries: readonly { trackingNumber: string; externalId?: string }[],
  remove: (externalId: string) => Promise<{ status: number }>,
  failure: string,
): Promise<void> {
  const problems: string[] = [];
  for (const entry of entries) {
    if (!entry.externalId) continue;
    const { status } = await remove(entry.externalId);
    if (status >= 400 && status !== 404) problems.push(`${entry.trackingNumber}: HTTP ${status}`);
  }
  if (problems.length > 0) throw new Error(`${failure} (${problems.join(", ")})`);
}
