import { httpUrlOrNull } from "../domain/safe-url";
import { useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Card, DataTable, InlineGrid, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { useState } from "react";
import type { ShipmentPageView } from "../services/analytics/shipment-views.server";
import { downloadFile } from "./download";
import { ProofOfDeliveryCard } from "./ProofOfDeliveryCard";
import { carrierLabel, formatDateTime, STATUS_TONE, statusLabel, type Serialized } from "./format";

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
  return [event.city, event.province, event.postalCode, event.country].filter(Boolean).join(", ") || "—";
}

function prettyRaw(raw: string | null): string {
  if (!raw) return "The carrier sent no raw event.";
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

function EventRow({ event, timeZone }: { event: ShipmentView["events"][number]; timeZone: string }) {
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
            {event.localTime ? ` · carrier local time ${event.localTime}` : ""}
          </Text>
        </BlockStack>
        <BlockStack gap="100">
          <Text as="p" variant="bodySm">
            {rule.table
              ? `${rule.table} "${rule.code}" → ${rule.mapsTo} (${rule.meaning})`
              : rule.code
                ? `Code "${rule.code}" is in no status table: mapped to unknown, never guessed`
                : "The carrier sent no code"}
          </Text>
          {rule.table && !rule.matchesEvent && (
            <Text as="p" variant="bodySm" tone="caution">
              The parser refined this event to {statusLabel(event.status)} from the carrier&apos;s detail.
            </Text>
          )}
          <button type="button" onClick={() => setOpen(!open)} style={{ all: "unset", cursor: "pointer", color: "var(--p-color-text-link)" }}>
            {open ? "Hide raw carrier event" : "Show raw carrier event"}
          </button>
          {open && (
            <pre style={{ maxHeight: 280, overflow: "auto", fontSize: 12, background: "var(--p-color-bg-surface-secondary)", padding: 8, margin: 0 }}>
              {prettyRaw(event.rawPayload)}
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
  const resync = useFetcher<{ ok: boolean; message: string }>();
  const [copied, setCopied] = useState<string | null>(null);
  const tz = shipment.timeZone;
  const copyLink = () => {
    navigator.clipboard.writeText(shipment.shopperLink).then(
      () => setCopied("Shopper link copied"),
      () => setCopied(`Copy this link: ${shipment.shopperLink}`),
    );
  };

  return (
    <Page
      title={shipment.orderName}
      subtitle={`${carrierLabel(shipment.carrier)} · ${shipment.trackingNumber}`}
      titleMetadata={<Badge tone={STATUS_TONE[shipment.status]}>{statusLabel(shipment.status)}</Badge>}
      backAction={{ content: "Shipments", url: "/app/shipments" }}
      primaryAction={{
        content: "Resync now",
        loading: resync.state !== "idle",
        onAction: () => resync.submit({ intent: "resync" }, { method: "post" }),
      }}
      secondaryActions={[
        { content: "Copy shopper link", onAction: copyLink },
        ...(httpUrlOrNull(shipment.trackingUrl) ? [{ content: "Carrier page", url: httpUrlOrNull(shipment.trackingUrl) ?? "", external: true }] : []),
        {
          content: "Download evidence pack",
          onAction: () => {
            downloadFile(`/app/shipments/${encodeURIComponent(shipment.id)}/evidence`, "delivery-evidence.pdf").catch((error: unknown) =>
              setCopied(`Evidence pack: ${(error as Error).message}`),
            );
          },
        },
      ]}
    >
      <BlockStack gap="400">
        {resync.data && <Banner tone={resync.data.ok ? "success" : "critical"} title={resync.data.message} />}
        {copied && <Banner tone="info" title={copied} onDismiss={() => setCopied(null)} />}
        {shipment.trackingIssue && (
          <Banner tone="critical" title={`Tracking number problem: ${statusLabel(shipment.trackingIssue)}`}>
            <p>{shipment.trackingIssueDetail ?? "Check the tracking number on the fulfillment in Shopify."}</p>
          </Banner>
        )}
        <Layout>
          <Layout.Section>
            <Card>
              <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
                <Field label="Status">
                  <InlineStack gap="100">
                    <Badge tone={STATUS_TONE[shipment.status]}>{statusLabel(shipment.status)}</Badge>
                    {shipment.subStatus && <Badge>{statusLabel(shipment.subStatus)}</Badge>}
                    {shipment.flags.stalled && <Badge tone="warning">Stalled</Badge>}
                    {shipment.flags.late && <Badge tone="critical">Late</Badge>}
                    {shipment.flags.notPickedUp && <Badge tone="attention">Not picked up</Badge>}
                  </InlineStack>
                </Field>
                <Field label="Carrier">{`${carrierLabel(shipment.carrier)}${shipment.declaredCarrier ? ` (declared “${shipment.declaredCarrier}”)` : ""}`}</Field>
                <Field label="Route">{`${shipment.originCountry ?? "?"} → ${shipment.destinationCountry ?? "?"}`}</Field>
                <Field label="Status in Shopify">{shipment.shopifyStatus ? `${shipment.shopifyStatus} (${formatDateTime(shipment.shopifyStatusAt, tz)})` : "Not written yet"}</Field>
                <Field label="Ordered">{formatDateTime(shipment.orderCreatedAt, tz)}</Field>
                <Field label="Fulfilled">{formatDateTime(shipment.fulfillmentCreatedAt ?? shipment.createdAt, tz)}</Field>
                <Field label="Carrier estimate">
                  {shipment.estimatedDeliveryAt
                    ? `${formatDateTime(shipment.estimatedDeliveryAt, tz)}${shipment.estimatedDeliveryEnd && shipment.estimatedDeliveryEnd !== shipment.estimatedDeliveryAt ? ` – ${formatDateTime(shipment.estimatedDeliveryEnd, tz)}` : ""}`
                    : "—"}
                </Field>
                <Field label="Delivered">{formatDateTime(shipment.deliveredAt, tz)}</Field>
                <Field label="Last checked">{formatDateTime(shipment.lastCheckedAt, tz)}</Field>
                <Field label="Next check">{shipment.nextCheckAt ? formatDateTime(shipment.nextCheckAt, tz) : shipment.trackingStoppedAt ? `Stopped (${shipment.stopReason ?? "final"})` : "Not scheduled"}</Field>
                {shipment.lastError && <Field label="Last error">{shipment.lastError}</Field>}
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
                  Timeline
                </Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  Newest first. Left: the canonical event; right: the carrier&apos;s code, the status-table row that mapped it, and the raw event as received.
                </Text>
                {shipment.events.length === 0 ? (
                  <Text as="p" tone="subdued">
                    The carrier has not reported any scan yet.
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
                  Write-back to Shopify
                </Text>
                {shipment.writeBacks.length === 0 ? (
                  <Text as="p" tone="subdued">
                    No status has been queued for Shopify yet: each new carrier status is written to the fulfillment as a
                    tracking event, which drives Shopify&apos;s own order status page and shipping emails.
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "text", "text", "text", "numeric", "text"]}
                    headings={["Happened", "Status", "Shopify event", "State", "Attempts", "Detail"]}
                    rows={shipment.writeBacks.map((writeBack) => [
                      formatDateTime(writeBack.happenedAt, tz),
                      statusLabel(writeBack.status),
                      writeBack.shopifyStatus,
                      statusLabel(writeBack.state),
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
                  Messages
                </Text>
                {messages.length === 0 ? (
                  <Text as="p" tone="subdued">
                    No message about this parcel yet. Shopper emails and Flow triggers appear here as the parcel reaches moments (see
                    Notifications).
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "text", "text", "text", "numeric", "text"]}
                    headings={["When", "Channel", "Moment", "State", "Attempts", "Detail"]}
                    rows={messages.map((entry) => [
                      formatDateTime(String(entry.sentAt ?? entry.createdAt), tz),
                      entry.channel,
                      statusLabel(entry.moment),
                      statusLabel(entry.state),
                      entry.attempts,
                      [entry.lastError, entry.possibleDuplicates > 0 ? `${entry.possibleDuplicates} possible duplicate(s)` : null].filter(Boolean).join(" · "),
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
