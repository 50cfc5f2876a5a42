import { MONDAY_TO_FRIDAY } from "./plugin";
import { CARRIERS } from "./registry";

const declared = new Map(CARRIERS.map((plugin) => [plugin.code as string, plugin.deliveryWeekdays]));

/**
 * The days of the week a carrier delivers on to a destination country, as its folder declares
 * (`deliveryWeekdays` in `<carrier>/carrier.ts`); Monday to Friday for carriers that declare
 * nothing and for carrier codes without a folder (long-tail carriers tracked through an aggregator).
 */
export function deliveryWeekdaysFor(carrier: string | null | undefined, destinationCountry: string | null | undefined): readonly number[] {
  const days = carrier ? declared.get(carrier.trim().toLowerCase()) : undefined;
  if (!days) return MONDAY_TO_FRIDAY;
  const country = destinationCountry?.trim().toUpperCase();
  return (country ? days.byCountry?.[country] : undefined) ?? days.default;
}
