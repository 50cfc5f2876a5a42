import { resolveLocale, type SupportedLocale } from "~/domain/locales";
import { headlineMoment, type ShipmentMoment } from "~/domain/shipment-moments";
import { EMAIL_WORDS, fill } from "./email-messages";

/**
 * Shopper SMS texts: one short line in the shopper's language — the shop's name, what happened
 * (the same words as the email subject, so both channels agree) and the signed tracking link.
 * Kept short on purpose: every 153 GSM-7 (67 UCS-2) characters is another billed segment.
 */
export interface SmsTextInput {
  locale: string | null | undefined;
  shopName: string;
  orderName: string;
  moments: readonly ShipmentMoment[];
  trackUrl: string;
}

export function renderSmsText(input: SmsTextInput): { locale: SupportedLocale; text: string } {
  const locale = resolveLocale(input.locale);
  const words = EMAIL_WORDS[locale];
  const headline = headlineMoment(input.moments);
  const status = fill(words.subject[headline], { order: input.orderName });
  return { locale, text: `${input.shopName}: ${status}. ${input.trackUrl}` };
}
