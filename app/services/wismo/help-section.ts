import type { SupportedLocale } from "~/domain/locales/index";
import { INQUIRY_REASONS } from "~/domain/wismo/reasons";
import { helpMessage, reasonLabel, type HelpMessageKey } from "./help-messages";
import type { HelpModel } from "./storefront-help.server";

/**
 * The "Still need help?" section of the storefront page: the answer from the parcel's state
 * first, then a plain form (no script) posting a reason and an optional message with the same
 * lookup fields that found the order, so the server verifies the shopper again before recording.
 */
export interface HelpSectionInput {
  locale: SupportedLocale;
  help: HelpModel;
  formAction: string;
  /** Hidden inputs that repeat the lookup (already escaped markup). */
  lookupFields: string;
  escape: (value: string) => string;
}

export function renderHelpSection(input: HelpSectionInput): string {
  const { locale, help, escape } = input;
  const t = (key: HelpMessageKey) => escape(helpMessage(locale, key));
  const answerKey = `answer_${help.answer}` as HelpMessageKey;
  if (help.result !== null) {
    const key = help.result === "sent" ? "sent" : "limited";
    return `<section class="tl-help" aria-labelledby="tl-help-heading"><h2 id="tl-help-heading">${t("heading")}</h2><div class="tl-notice" role="status">${t(key)}</div></section>`;
  }
  const options = INQUIRY_REASONS.map((reason) => `<option value="${reason}">${escape(reasonLabel(locale, reason))}</option>`).join("");
  return `<section class="tl-help" aria-labelledby="tl-help-heading"><h2 id="tl-help-heading">${t("heading")}</h2>
<p>${t(answerKey)}</p><p>${t("what_next")}</p>
<form method="post" action="${escape(input.formAction)}">${input.lookupFields}<input type="hidden" name="intent" value="help">
<div><label for="tl-help-reason">${t("reason_label")}</label><select id="tl-help-reason" name="help_reason" required>${options}</select></div>
<div><label for="tl-help-message">${t("message_label")} <span class="tl-hint">${t("message_hint")}</span></label><textarea id="tl-help-message" name="help_message" rows="4" maxlength="2000"></textarea></div>
<button type="submit">${t("submit")}</button></form></section>`;
}
