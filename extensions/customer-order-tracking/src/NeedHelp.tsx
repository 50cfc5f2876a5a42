import { useState } from "preact/hooks";
import type { CustomerTrackingApi, HelpView } from "./tracking-api";

/**
 * "Still need help?" under a parcel: on request, the app's answer from the parcel's state first,
 * then a reason and an optional message sent to the shop.
 */
export function NeedHelp({ api, fulfillmentId }: { api: CustomerTrackingApi; fulfillmentId: string }) {
  const [view, setView] = useState<HelpView | null>(null);
  const [failed, setFailed] = useState(false);
  const [reason, setReason] = useState("where_is_my_order");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);

  const ask = async (posted: { reason: string; message: string } | null) => {
    if (!api.help) return;
    setBusy(true);
    const result = await api.help(fulfillmentId, posted);
    setBusy(false);
    if (result.ok) setView(result.data);
    setFailed(!result.ok);
  };

  if (!view) {
    return (
      <s-stack direction="block" gap="small-200">
        <s-button variant="secondary" loading={busy} onClick={() => void ask(null)}>
          {api.translate("needHelp")}
        </s-button>
        {failed && <s-text tone="critical">{api.translate("unavailable")}</s-text>}
      </s-stack>
    );
  }
  if (view.texts.result) return <s-banner tone={view.result === "sent" ? "success" : "info"}>{view.texts.result}</s-banner>;
  return (
    <s-stack direction="block" gap="small-200">
      <s-heading>{view.texts.heading}</s-heading>
      <s-paragraph>{view.texts.answer}</s-paragraph>
      <s-paragraph>{view.texts.whatNext}</s-paragraph>
      <s-select label={view.texts.reasonLabel} value={reason} onChange={(event) => setReason((event.currentTarget as HTMLInputElement).value)}>
        {view.reasons.map((option) => (
          <s-option key={option.value} value={option.value}>
            {option.label}
          </s-option>
        ))}
      </s-select>
      <s-text-area label={view.texts.messageLabel} value={message} maxLength={2000} onInput={(event) => setMessage((event.currentTarget as HTMLInputElement).value)} />
      <s-button loading={busy} onClick={() => void ask({ reason, message })}>
        {view.texts.submit}
      </s-button>
      {failed && <s-text tone="critical">{api.translate("unavailable")}</s-text>}
    </s-stack>
  );
}
