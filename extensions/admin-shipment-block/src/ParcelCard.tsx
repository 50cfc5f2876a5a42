import { statusTone } from "@trackline/shared";
import { safeHttpUrl } from "../../shared/src/safe-url";
import { useState } from "preact/hooks";
import type { AdminTrackingApi } from "./admin-api";
import type { BlockParcel } from "./block-parcel";

const BADGE_TONE = { success: "success", critical: "critical", warning: "warning", info: "info", neutral: "neutral" } as const;

type ActionNote = { tone: "success" | "critical" | "info"; text: string } | null;

/** One parcel for a support agent: what, where, when, whether Shopify knows, and what to do. */
export function ParcelCard({ parcel: initial, api }: { parcel: BlockParcel; api: AdminTrackingApi }) {
  const { translate } = api;
  const [parcel, setParcel] = useState(initial);
  const [syncing, setSyncing] = useState(false);
  const [note, setNote] = useState<ActionNote>(null);
  const [showLink, setShowLink] = useState(false);

  const resync = async () => {
    setSyncing(true);
    setNote(null);
    const result = await api.resync(parcel.id);
    setSyncing(false);
    if (!result.ok) {
      setNote({ tone: "critical", text: translate("actions.resyncFailed") });
      return;
    }
    // A resync answers the parcel alone: keep its messages and evidence link.
    setParcel((previous) => ({ ...result.data.parcel, messages: previous.messages, evidencePath: previous.evidencePath }));
    setNote({ tone: "success", text: translate(result.data.changed ? "actions.resynced" : "actions.resyncUnchanged") });
  };

  const copy = async () => {
    const copied = await api.copy(parcel.shopperLink);
    // Without clipboard access, show the link so the agent can select it.
    setShowLink(!copied);
    setNote(copied ? { tone: "success", text: translate("actions.copied") } : { tone: "info", text: translate("actions.copyManually") });
  };

  const flags = (["stalled", "late", "notPickedUp"] as const).filter((flag) => parcel.flags[flag]);
  return (
    <s-section heading={parcel.parcelCount > 1 ? translate("parcel", { position: parcel.position, count: parcel.parcelCount }) : translate("heading")}>
      <s-stack direction="block" gap="small-200">
        <s-stack direction="inline" gap="small-200">
          <s-badge tone={BADGE_TONE[statusTone(parcel.status)]}>{parcel.statusLabel}</s-badge>
          {parcel.subStatus && <s-badge tone="neutral">{translate(`subStatus.${parcel.subStatus}`)}</s-badge>}
          {parcel.kind === "return" && <s-badge tone="info">{translate("returnParcel")}</s-badge>}
          {flags.map((flag) => (
            <s-badge key={flag} tone="warning">
              {translate(`flags.${flag}`)}
            </s-badge>
          ))}
        </s-stack>
        {parcel.explanation && <s-paragraph>{parcel.explanation}</s-paragraph>}
        <s-text>
          {parcel.carrierName ?? translate("unknownCarrier")} · {parcel.trackingNumber}
        </s-text>
        <s-text>
          {parcel.lastScan
            ? translate("lastScan", { time: parcel.lastScan.time, place: parcel.lastScan.location ?? parcel.lastScan.description })
            : translate("noScan")}
        </s-text>
        {parcel.estimatedDelivery && <s-text>{parcel.estimatedDelivery.label}</s-text>}
        {parcel.proofOfDelivery && (
          <s-text>
            {translate("pod.delivered", {
              details: [
                parcel.proofOfDelivery.leftAt ? translate("pod.leftAt", { place: parcel.proofOfDelivery.leftAt }) : null,
                parcel.proofOfDelivery.signedBy ? translate("pod.signedBy", { name: parcel.proofOfDelivery.signedBy }) : null,
                parcel.proofOfDelivery.localTime,
              ]
                .filter(Boolean)
                .join(" · "),
            })}
          </s-text>
        )}
        {parcel.proofOfDelivery?.documentUrl && (
          <s-link href={parcel.proofOfDelivery.documentUrl} target="_blank">
            {translate("pod.document")}
          </s-link>
        )}
        <s-text tone={parcel.shopify.state === "failed" ? "critical" : "auto"}>
          {translate(`shopify.${parcel.shopify.state}`, { status: parcel.shopify.status ?? "", error: parcel.shopify.error ?? "" })}
        </s-text>
        {parcel.trackingStopped && <s-text tone="caution">{translate("trackingStopped")}</s-text>}
        {parcel.messages && (
          <s-stack direction="block" gap="small-300">
            <s-heading>{translate("messages.heading")}</s-heading>
            {parcel.messages.length === 0 ? (
              <s-text color="subdued">{translate("messages.none")}</s-text>
            ) : (
              parcel.messages.map((message) => (
                <s-text key={`${message.channel}-${message.moment}-${message.at}`} tone={message.state === "failed" ? "critical" : "auto"}>
                  {[message.momentLabel, message.channelLabel, message.time, message.stateLabel].join(" · ")}
                </s-text>
              ))
            )}
          </s-stack>
        )}
        {parcel.evidencePath && <s-link href={`app:${parcel.evidencePath.replace(/^\//, "")}`}>{translate("evidence")}</s-link>}
        {note && <s-banner tone={note.tone}>{note.text}</s-banner>}
        {showLink && <s-text-field label={translate("actions.copyLink")} value={parcel.shopperLink} readOnly />}
        <s-stack direction="inline" gap="small-200">
          <s-button onClick={() => void resync()} loading={syncing} disabled={syncing || parcel.trackingStopped}>
            {translate("actions.resync")}
          </s-button>
          <s-button variant="secondary" onClick={() => void copy()}>
            {translate("actions.copyLink")}
          </s-button>
          <s-link href={`app:${parcel.appPath.replace(/^\//, "")}`}>{translate("actions.view")}</s-link>
          {safeHttpUrl(parcel.trackingUrl) && (
            <s-link href={safeHttpUrl(parcel.trackingUrl) ?? undefined} target="_blank">
              {translate("carrierLink")}
            </s-link>
          )}
        </s-stack>
      </s-stack>
    </s-section>
  );
}
