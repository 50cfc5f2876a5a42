import type { MilestoneView, ParcelView } from "@trackline/shared";
import { safeContactHref, safeHttpUrl } from "../../shared/src/safe-url";
import type { CustomerTrackingApi } from "./tracking-api";

/** Status-to-tone for extension text: the platform's text tones are a subset of ours. */
const TEXT_TONE = { success: "success", critical: "critical", warning: "warning", info: "info", neutral: "neutral" } as const;

function milestoneLine(milestone: MilestoneView, translate: CustomerTrackingApi["translate"]): string {
  const parts = [milestone.label];
  if (milestone.time) parts.push(milestone.time);
  if (milestone.detail) parts.push(milestone.detail);
  const state = milestone.state === "current" ? ` (${translate("state.current")})` : "";
  return `${parts.join(" · ")}${state}`;
}

/** One parcel: status in words, the estimate, what went wrong, where it was seen, the milestones. */
export function ParcelTimeline({ parcel, api, tone, supportHref }: { parcel: ParcelView; api: CustomerTrackingApi; tone: keyof typeof TEXT_TONE; supportHref?: string | null | undefined }) {
  const { translate } = api;
  // A parcel running late: the merchant's contact right under the new estimate.
  const contact = parcel.estimatedDelivery?.late ? safeContactHref(supportHref) : null;
  return (
    <s-stack direction="block" gap="small-200">
      {parcel.parcelCount > 1 && (
        <s-text color="subdued">{translate("parcel", { position: parcel.position, count: parcel.parcelCount })}</s-text>
      )}
      <s-heading>{parcel.statusLabel}</s-heading>
      {parcel.estimatedDelivery && <s-text type="strong">{parcel.estimatedDelivery.label}</s-text>}
      {contact && (
        <s-text>
          {translate("lateSupport")} <s-link href={contact}>{translate("supportLink")}</s-link>
        </s-text>
      )}
      {parcel.explanation && <s-paragraph tone={TEXT_TONE[tone]}>{parcel.explanation}</s-paragraph>}
      {parcel.latestLocation && (
        <s-text color="subdued">
          {parcel.latestLocation.label} · {parcel.latestLocation.time}
        </s-text>
      )}
      <s-ordered-list>
        {parcel.milestones.map((milestone) => (
          <s-list-item key={milestone.key}>
            <s-text color={milestone.state === "upcoming" ? "subdued" : "base"} type={milestone.state === "current" ? "strong" : "generic"}>
              {milestoneLine(milestone, translate)}
            </s-text>
          </s-list-item>
        ))}
      </s-ordered-list>
      <s-text color="subdued">
        {parcel.carrierName ? `${parcel.carrierName} · ` : ""}
        {translate("trackingNumber", { number: parcel.trackingNumber })}
      </s-text>
      {safeHttpUrl(parcel.trackingUrl) && (
        <s-link href={safeHttpUrl(parcel.trackingUrl) ?? undefined} target="_blank">
          {translate("carrierLink")}
        </s-link>
      )}
    </s-stack>
  );
}
