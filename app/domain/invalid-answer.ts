/**
 * What to do when a carrier answers that a tracking number is invalid or does not exist (UPS
 * TV1002, FedEx TRACKING.TRACKINGNUMBER.INVALID, 17TRACK NotFound_InvalidCode). Carriers do send
 * that answer by mistake now and then (a valid UPS number answered TV1002 once and tracked fine
 * the next time), so one answer alone never ends tracking. The rule:
 *
 * - confirmed (the shipment becomes `invalid` and polling stops) when the previous answer for the
 *   same shipment was also a definitive invalid answer (two in a row, nothing in between), or
 *   when our own detection does not recognise the number as one of this carrier's formats (the
 *   carrier's answer and the format check agree);
 * - otherwise asked once more after `INVALID_RECHECK_MS`, remembering the answer in `lastError`
 *   behind `INVALID_ANSWER_MARKER` so the next answer can confirm it.
 *
 * "Not found yet" is not this: it stays pending and is asked again on the normal back-off.
 */

/** `lastError` of a shipment whose last carrier answer was a definitive "invalid". */
export const INVALID_ANSWER_MARKER = "carrier_says_invalid";

/** How soon a first invalid answer is checked again. */
export const INVALID_RECHECK_MS = 60 * 60 * 1000;

export interface InvalidAnswer {
  /** The carrier's code, prefixed with the carrier ("ups:TV1002"). */
  code: string;
  message: string;
}

export type InvalidAnswerDecision =
  | { kind: "confirmed"; reason: string; lastError: string }
  | { kind: "recheck"; lastError: string; retryInMs: number };

export function invalidAnswerError(answer: InvalidAnswer): string {
  return `${INVALID_ANSWER_MARKER} ${answer.code}: ${answer.message}`;
}

export function decideInvalidAnswer(input: {
  answer: InvalidAnswer;
  /** The shipment's `lastError` before this answer. */
  previousError: string | null;
  /** Whether detection recognises the number as a format of the carrier that answered. */
  formatRecognised: boolean;
  /** The carrier's display name, for the merchant-facing reason. */
  carrierName: string;
}): InvalidAnswerDecision {
  const { answer, previousError, formatRecognised, carrierName } = input;
  const lastError = invalidAnswerError(answer);
  const twice = previousError !== null && previousError.startsWith(`${INVALID_ANSWER_MARKER} `);
  if (!twice && formatRecognised) return { kind: "recheck", lastError, retryInMs: INVALID_RECHECK_MS };
  const because = twice ? "answered twice in a row" : `answered once, and the number is not a ${carrierName} format`;
  return {
    kind: "confirmed",
    lastError,
    reason: `${carrierName} says this tracking number is invalid (${answer.code}: ${answer.message}); ${because}. Check the number on the fulfillment.`,
  };
}
