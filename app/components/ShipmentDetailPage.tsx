import { placeNameCase } from "~/domain/place-name";
import { httpUrlOrNull } from "~/domain/safe-url";
import { useFetcher } from "@remix-run/react";
import { Badge } from "@shopify/polaris/build/esm/components/Badge/Badge.js";
import { Banner } from "@shopify/polaris/build/esm/components/Banner/Banner.js";
import { BlockStack } from "@shopify/polaris/build/esm/components/BlockStack/BlockStack.js";
import { Box } from "@shopify/polaris/build/esm/components/Box/Box.js";
import { Button } from "@shopify/polaris/build/esm/components/Button/Button.js";
import { Card } from "@shopify/polaris/build/esm/components/Card/Card.js";
import { DataTable } from "@shopify/polaris/build/esm/components/DataTable/DataTable.js";
import { InlineGrid } from "@shopify/polaris/build/esm/components/InlineGrid/InlineGrid.js";
import { InlineStack } from "@shopify/polaris/build/esm/components/InlineStack/InlineStack.js";
import { Layout } from "@shopify/polaris/build/esm/components/Layout/Layout.js";
import { Page } from "@shopify/polaris/build/esm/components/Page/Page.js";
import { Text } from "@shopify/polaris/build/esm/components/Text/Text.js";
import { useState } from "react";
import type { ShipmentPageView } from "~/services/shipments/detail.server";
import type { ParcelResync } from "~/services/shipments/resync.server";
import { downloadFile } from "./download";
import { STATUS_TONE, type Serialized } from "./format";
import { useParcelResultText } from "./ParcelResult";
import { ProofOfDeliveryCard } from "./ProofOfDeliveryCard";
import { useAdminFormat } from "./use-admin-format";

type ShipmentView = Serialized<ShipmentPageView>;

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <BlockStack gap="050">
      <Text as="p" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <div>{children}</div>
    </BlockStack>
  );
}

function location(event: ShipmentView["events"][number]): string {
  return placeNameCase([event.city, event.province, event.postalCode, event.country].filter(Boolean).join(", ")) || "—";
}

function prettyRaw(raw: string | null, none: string): string {
  if (!raw) return none;
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

function EventRow({ event, timeZone }: { event: ShipmentView["events"][number]; timeZone: string }) {
  const { t, statusLabel, formatDateTime } = useAdminFormat();
  const [open, setOpen] = useState(false);
  const rule = event.rule;
  return (
    <Box paddingBlock="300" borderBlockEndWidth="025" borderColor="border">
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
        <BlockStack gap="100">
          <InlineStack gap="200" blockAlign="center">
            <Badge tone={STATUS_TONE[event.status]}>{statusLabel(event.status)}</Badge>
            {event.subStatus && <Badge>{statusLabel(event.subStatus)}</Badge>}
            <Text as="span" variant="bodySm" tone="subdued">
              {formatDateTime(event.occurredAt, timeZone)}
            </Text>
          </InlineStack>
          <Text as="p">{event.description}</Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {location(event)}
            {event.localTime ? ` · ${t("shipment.carrierLocalTime", { time: event.localTime })}` : ""}
          </Text>
        </BlockStack>
        <BlockStack gap="100">
          <Text as="p" variant="bodySm">
            {rule.table
              ? t("shipment.ruleMapped", { table: rule.table, code: rule.code ?? "", status: rule.mapsTo, meaning: rule.meaning })
              : rule.code
                ? t("shipment.ruleUnmapped", { code: rule.code })
                : t("shipment.ruleNoCode")}
          </Text>
          {rule.table && !rule.matchesEvent && (
            <Text as="p" variant="bodySm" tone="caution">
              {t("shipment.ruleRefined", { status: statusLabel(event.status) })}
            </Text>
          )}
          <InlineStack>
            <Button variant="plain" onClick={() => setOpen(!open)} ariaExpanded={open}>
              {open ? t("shipment.hideRaw") : t("shipment.showRaw")}
            </Button>
          </InlineStack>
          {open && (
            <pre style={{ maxHeight: 280, overflow: "auto", fontSize: 12, background: "var(--p-color-bg-surface-secondary)", padding: 8, margin: 0 }}>
              {prettyRaw(event.rawPayload, t("shipment.noRaw"))}
            </pre>
          )}
        </BlockStack>
      </InlineGrid>
    </Box>
  );
}

/** A message sent (or tried) about the parcel or its order: shopper email, Flow trigger… */
export interface ShipmentMessageView {
  id: string;
  channel: string;
  moment: string;
  state: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | Date | null;
  createdAt: string | Date;
  possibleDuplicates: number;
}

export function ShipmentDetailPage({ shipment, messages = [] }: { shipment: ShipmentView; messages?: ShipmentMessageView[] }) {
  const { t, statusLabel, attentionLabel, carrierLabel, formatDateTime, messageLabels } = useAdminFormat();
  const resultText = useParcelResultText();
  const resync = useFetcher<{ parcel: ParcelResync | null }>();
  const [copied, setCopied] = useState<string | null>(null);
  const tz = shipment.timeZone;
  const carrier = carrierLabel(shipment.carrier, shipment.declaredCarrier);
  const copyLink = () => {
    navigator.clipboard.writeText(shipment.shopperLink).then(
      () => setCopied(t("shipment.linkCopied")),
      () => setCopied(t("shipment.copyThisLink", { link: shipment.shopperLink })),
    );
  };
  const outcome = resync.state === "idle" ? resync.data?.parcel?.outcome : undefined;
  const carrierPage = httpUrlOrNull(shipment.trackingUrl);

  return (
    <Page
      title={shipment.orderName}
      subtitle={`${carrier} · ${shipment.trackingNumber}`}
      titleMetadata={<Badge tone={STATUS_TONE[shipment.status]}>{statusLabel(shipment.status)}</Badge>}
      backAction={{ content: t("nav.shipments"), url: "/app/shipments" }}
      primaryAction={{
        content: t("shipments.resyncNow"),
        loading: resync.state !== "idle",
        onAction: () => resync.submit({ intent: "resync" }, { method: "post" }),
      }}
      secondaryActions={[
        ...(shipment.orderAdminUrl
          ? [{ content: t("shipment.openOrder"), url: shipment.orderAdminUrl, target: shipment.orderAdminUrl.startsWith("shopify:") ? ("_top" as const) : ("_blank" as const) }]
          : []),
        { content: t("shipment.copyShopperLink"), onAction: copyLink },
        ...(carrierPage ? [{ content: t("shipment.carrierPage"), url: carrierPage, external: true }] : []),
        {
          content: t("shipment.downloadEvidence"),
          onAction: () => {
            downloadFile(`/app/shipments/${encodeURIComponent(shipment.id)}/evidence`, "delivery-evidence.pdf").catch((error: unknown) =>
              setCopied(t("shipment.evidenceFailed", { error: (error as Error).message })),
            );
          },
        },
      ]}
    >
      <BlockStack gap="400">
        {outcome && (
          <Banner
            tone={outcome.kind === "failed" ? "critical" : "success"}
            title={t("shipment.resyncResult", { tracking: shipment.trackingNumber })}
          >
            <p data-testid="resync-result">{resultText(outcome)}</p>
          </Banner>
        )}
        {copied && <Banner tone="info" title={copied} onDismiss={() => setCopied(null)} />}
        {shipment.trackingIssue && (
          <Banner tone="critical" title={t("shipment.trackingProblem", { issue: statusLabel(shipment.trackingIssue) })}>
            <p>{shipment.trackingIssueDetail ?? t("shipment.trackingProblemBody")}</p>
          </Banner>
        )}
        <Layout>
          <Layout.Section>
            <Card>
              <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
                <Field label={t("shipment.fieldStatus")}>
                  <InlineStack gap="100">
                    <Badge tone={STATUS_TONE[shipment.status]}>{statusLabel(shipment.status)}</Badge>
                    {shipment.subStatus && <Badge>{statusLabel(shipment.subStatus)}</Badge>}
                    {shipment.flags.stalled && <Badge tone="warning">{attentionLabel("stalled")}</Badge>}
                    {shipment.flags.late && <Badge tone="critical">{attentionLabel("late")}</Badge>}
                    {shipment.flags.notPickedUp && <Badge tone="attention">{attentionLabel("not_picked_up")}</Badge>}
                  </InlineStack>
                </Field>
                <Field label={t("shipment.fieldCarrier")}>
                  {shipment.declaredCarrier && shipment.carrier ? t("shipment.declaredAs", { carrier, declared: shipment.declaredCarrier }) : carrier}
                </Field>
                <Field label={t("shipment.fieldRoute")}>{`${shipment.originCountry ?? "?"} → ${shipment.destinationCountry ?? "?"}`}</Field>
                <Field label={t("shipment.fieldShopifyStatus")}>
                  {shipment.shopifyStatus
                    ? t("shipment.shopifyStatusAt", { status: shipment.shopifyStatus, date: formatDateTime(shipment.shopifyStatusAt, tz) })
                    : t("shipment.notWrittenYet")}
                </Field>
                <Field label={t("shipment.fieldOrdered")}>{formatDateTime(shipment.orderCreatedAt, tz)}</Field>
                <Field label={t("shipment.fieldFulfilled")}>{formatDateTime(shipment.fulfillmentCreatedAt ?? shipment.createdAt, tz)}</Field>
                <Field label={t("shipment.fieldEstimate")}>
                  {shipment.estimatedDeliveryAt
                    ? `${formatDateTime(shipment.estimatedDeliveryAt, tz)}${shipment.estimatedDeliveryEnd && shipment.estimatedDeliveryEnd !== shipment.estimatedDeliveryAt ? ` – ${formatDateTime(shipment.estimatedDeliveryEnd, tz)}` : ""}`
                    : "—"}
                </Field>
                <Field label={t("shipment.fieldDelivered")}>{formatDateTime(shipment.deliveredAt, tz)}</Field>
                <Field label={t("shipment.fieldLastChecked")}>{formatDateTime(shipment.lastCheckedAt, tz)}</Field>
                <Field label={t("shipment.fieldNextCheck")}>
                  {shipment.nextCheckAt
                    ? formatDateTime(shipment.nextCheckAt, tz)
                    : shipment.trackingStoppedAt
                      ? t("shipment.stopped", { reason: shipment.stopReason ?? "final" })
                      : t("shipment.notScheduled")}
                </Field>
                {shipment.lastError && <Field label={t("shipment.fieldLastError")}>{shipment.lastError}</Field>}
              </InlineGrid>
            </Card>
          </Layout.Section>
          {shipment.proofOfDelivery && (
            <Layout.Section>
              <ProofOfDeliveryCard pod={shipment.proofOfDelivery} />
            </Layout.Section>
          )}
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("shipment.timeline")}
                </Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  {t("shipment.timelineHelp")}
                </Text>
                {shipment.events.length === 0 ? (
                  <Text as="p" tone="subdued">
                    {t("shipment.noScans")}
                  </Text>
                ) : (
                  shipment.events.map((event) => <EventRow key={event.id} event={event} timeZone={tz} />)
                )}
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("shipment.writeBack")}
                </Text>
                {shipment.writeBacks.length === 0 ? (
                  <Text as="p" tone="subdued">
                    {t("shipment.writeBackEmpty")}
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "text", "text", "text", "numeric", "text"]}
                    headings={[t("shipment.colHappened"), t("shipment.colStatus"), t("shipment.colShopifyEvent"), t("shipment.colState"), t("shipment.colAttempts"), t("shipment.colDetail")]}
                    rows={shipment.writeBacks.map((writeBack) => [
                      formatDateTime(writeBack.happenedAt, tz),
                      statusLabel(writeBack.status),
                      writeBack.shopifyStatus,
                      writeBack.state,
                      writeBack.attempts,
                      writeBack.lastError ?? writeBack.shopifyEventId ?? "",
                    ])}
                  />
                )}
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("shipment.messages")}
                </Text>
                {messages.length === 0 ? (
                  <Text as="p" tone="subdued">
                    {t("shipment.messagesEmpty")}
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "text", "text", "text", "numeric", "text"]}
                    headings={[t("shipment.colWhen"), t("shipment.colChannel"), t("shipment.colMoment"), t("shipment.colState"), t("shipment.colAttempts"), t("shipment.colDetail")]}
                    rows={messages.map((entry) => [
                      formatDateTime(String(entry.sentAt ?? entry.createdAt), tz),
                      messageLabels(entry).channel,
                      messageLabels(entry).moment,
                      messageLabels(entry).state,
                      entry.attempts,
                      [entry.lastError, entry.possibleDuplicates > 0 ? t("shipment.possibleDuplicates", { count: entry.possibleDuplicates }) : null]
                        .filter(Boolean)
                        .join(" · "),
                    ])}
                  />
                )}
              </BlockStack>
            </Card>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}
