import { Badge, BlockStack, Card, EmptyState, IndexTable, InlineStack, Page, Text } from "@shopify/polaris";
import type { ComponentProps } from "react";
import type { CanonicalStatus } from "../domain/status";

type Tone = ComponentProps<typeof Badge>["tone"];

export interface ShipmentRow {
  id: string;
  orderName: string;
  trackingNumber: string;
  carrier: string | null;
  declaredCarrier: string | null;
  status: CanonicalStatus;
  flags: { stalled: boolean; late: boolean; notPickedUp: boolean };
  destinationCountry: string | null;
  estimatedDeliveryAt: string | null;
  lastEventAt: string | null;
  createdAt: string;
}

export interface ShipmentsPageProps {
  shop: string;
  total: number;
  nextCursor: string | null;
  statusCounts: Record<string, number>;
  shipments: ShipmentRow[];
}

const STATUS_TONE: Partial<Record<CanonicalStatus, Tone>> = {
  delivered: "success",
  out_for_delivery: "info",
  available_for_pickup: "info",
  attempt_failed: "warning",
  delayed: "warning",
  exception: "critical",
  invalid: "critical",
  returning: "attention",
  returned: "attention",
  expired: "new",
};

export function statusLabel(status: string): string {
  const text = status.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function formatDate(iso: string | null): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

export function ShipmentsPage({ shop, total, nextCursor, statusCounts, shipments }: ShipmentsPageProps) {
  const summary = Object.entries(statusCounts).sort((a, b) => b[1] - a[1]);
  return (
    <Page title="Shipments" subtitle={`${total.toLocaleString("en-US")} parcels tracked for ${shop}`}>
      <BlockStack gap="400">
        {summary.length > 0 && (
          <InlineStack gap="200">
            {summary.map(([status, count]) => (
              <Badge key={status} tone={STATUS_TONE[status as CanonicalStatus]}>
                {`${statusLabel(status)}: ${count}`}
              </Badge>
            ))}
          </InlineStack>
        )}
        <Card padding="0">
          {shipments.length === 0 ? (
            <EmptyState heading="No shipments yet" image="">
              <p>Shipments appear here as soon as you fulfill an order with a tracking number.</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "shipment", plural: "shipments" }}
              itemCount={shipments.length}
              selectable={false}
              headings={[
                { title: "Order" },
                { title: "Tracking number" },
                { title: "Carrier" },
                { title: "Status" },
                { title: "Destination" },
                { title: "Estimated delivery" },
                { title: "Last update" },
              ]}
              pagination={nextCursor ? { hasNext: true, nextURL: `?after=${nextCursor}` } : undefined}
            >
              {shipments.map((shipment, index) => (
                <IndexTable.Row id={shipment.id} key={shipment.id} position={index}>
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">
                      {shipment.orderName}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{shipment.trackingNumber}</IndexTable.Cell>
                  <IndexTable.Cell>{shipment.carrier ?? shipment.declaredCarrier ?? "Unknown"}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <InlineStack gap="100">
                      <Badge tone={STATUS_TONE[shipment.status]}>{statusLabel(shipment.status)}</Badge>
                      {shipment.flags.stalled && <Badge tone="warning">Stalled</Badge>}
                      {shipment.flags.late && <Badge tone="critical">Late</Badge>}
                      {shipment.flags.notPickedUp && <Badge tone="attention">Not picked up</Badge>}
                    </InlineStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{shipment.destinationCountry ?? "—"}</IndexTable.Cell>
                  <IndexTable.Cell>{formatDate(shipment.estimatedDeliveryAt)}</IndexTable.Cell>
                  <IndexTable.Cell>{formatDate(shipment.lastEventAt)}</IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
