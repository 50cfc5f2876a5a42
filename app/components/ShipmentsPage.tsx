import { useActionData, useNavigate, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { downloadFile } from "./download";
import {
  Badge,
  Banner,
  BlockStack,
  Card,
  ChoiceList,
  EmptyState,
  Filters,
  IndexTable,
  InlineStack,
  Page,
  Select,
  Text,
  TextField,
  useIndexResourceState,
} from "@shopify/polaris";
import { useCallback, useEffect, useState } from "react";
import type { ShipmentListView } from "../services/analytics/shipment-views.server";
import { CANONICAL_STATUSES } from "../domain/status";
import { ATTENTION_LABELS, carrierLabel, formatCount, formatDate, STATUS_TONE, statusLabel, type Serialized } from "./format";

export type ShipmentsPageProps = Serialized<ShipmentListView> & { shop: string };

interface ResyncResult {
  error: string | null;
  resync: { requested: number; synced: number; changed: number; failed: { shipmentId: string; message: string }[] } | null;
}

const SORT_OPTIONS = [
  { label: "Newest first", value: "newest" },
  { label: "Oldest first", value: "oldest" },
  { label: "Order name A–Z", value: "order_asc" },
  { label: "Order name Z–A", value: "order_desc" },
];

/** Download through fetch so the embedded admin's session token goes along; the server streams it. */
async function downloadCsv(search: string) {
  const response = await fetch(`/app/shipments/export${search}`);
  if (!response.ok) throw new Error(`Export failed (${response.status})`);
  const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "shipments.csv";
  const url = URL.createObjectURL(await response.blob());
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  URL.revokeObjectURL(url);
}

export function ShipmentsPage({ shop, query, errors, page, statusCounts, facets, timeZone }: ShipmentsPageProps) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const submit = useSubmit();
  const navigation = useNavigation();
  const actionData = useActionData<ResyncResult>();
  const [search, setSearch] = useState(query.search);
  const [exporting, setExporting] = useState<string | null>(null);
  useEffect(() => setSearch(query.search), [query.search]);

  const update = useCallback(
    (changes: Record<string, string | string[] | null>) => {
      const next = new URLSearchParams(params);
      next.delete("after");
      for (const [key, value] of Object.entries(changes)) {
        const text = Array.isArray(value) ? value.join(",") : value;
        if (text) next.set(key, text);
        else next.delete(key);
      }
      setParams(next);
    },
    [params, setParams],
  );

  // The search box applies after a pause in typing, not on every key.
  useEffect(() => {
    if (search === query.search) return;
    const timer = setTimeout(() => update({ q: search }), 400);
    return () => clearTimeout(timer);
  }, [search, query.search, update]);

  const rows = page.items;
  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(rows);
  useEffect(() => clearSelection(), [page.items, clearSelection]);

  const filters = [
    {
      key: "status",
      label: "Status",
      filter: (
        <ChoiceList
          title="Status"
          titleHidden
          allowMultiple
          choices={CANONICAL_STATUSES.map((status) => ({ label: statusLabel(status), value: status }))}
          selected={query.statuses}
          onChange={(value) => update({ status: value })}
        />
      ),
      shortcut: true,
    },
    {
      key: "attention",
      label: "Needs attention",
      filter: (
        <ChoiceList
          title="Needs attention"
          titleHidden
          allowMultiple
          choices={Object.entries(ATTENTION_LABELS).map(([value, label]) => ({ label, value }))}
          selected={query.attention}
          onChange={(value) => update({ attention: value })}
        />
      ),
      shortcut: true,
    },
    {
      key: "carrier",
      label: "Carrier",
      filter: (
        <ChoiceList
          title="Carrier"
          titleHidden
          allowMultiple
          choices={facets.carriers.map((carrier) => ({ label: carrierLabel(carrier), value: carrier }))}
          selected={query.carriers}
          onChange={(value) => update({ carrier: value })}
        />
      ),
    },
    {
      key: "country",
      label: "Destination",
      filter: (
        <ChoiceList
          title="Destination"
          titleHidden
          allowMultiple
          choices={facets.destinationCountries.map((country) => ({ label: country, value: country }))}
          selected={query.countries}
          onChange={(value) => update({ country: value })}
        />
      ),
    },
    {
      key: "dates",
      label: "Fulfilled",
      filter: (
        <BlockStack gap="200">
          <TextField label="From" type="date" value={query.from ?? ""} onChange={(value) => update({ from: value })} autoComplete="off" />
          <TextField label="To" type="date" value={query.to ?? ""} onChange={(value) => update({ to: value })} autoComplete="off" />
        </BlockStack>
      ),
    },
    {
      key: "return",
      label: "Returns",
      filter: (
        <ChoiceList
          title="Returns"
          titleHidden
          choices={[
            { label: "Returns only", value: "yes" },
            { label: "Exclude returns", value: "no" },
          ]}
          selected={query.isReturn === null ? [] : [query.isReturn ? "yes" : "no"]}
          onChange={(value) => update({ return: value[0] ?? null })}
        />
      ),
    },
  ];

  const applied = [
    ...(query.statuses.length ? [{ key: "status", label: `Status: ${query.statuses.map(statusLabel).join(", ")}`, onRemove: () => update({ status: null }) }] : []),
    ...(query.attention.length ? [{ key: "attention", label: `Needs attention: ${query.attention.map((kind) => ATTENTION_LABELS[kind]).join(", ")}`, onRemove: () => update({ attention: null }) }] : []),
    ...(query.carriers.length ? [{ key: "carrier", label: `Carrier: ${query.carriers.map(carrierLabel).join(", ")}`, onRemove: () => update({ carrier: null }) }] : []),
    ...(query.countries.length ? [{ key: "country", label: `Destination: ${query.countries.join(", ")}`, onRemove: () => update({ country: null }) }] : []),
    ...(query.from || query.to ? [{ key: "dates", label: `Fulfilled ${query.from ?? "…"} to ${query.to ?? "…"}`, onRemove: () => update({ from: null, to: null }) }] : []),
    ...(query.isReturn !== null ? [{ key: "return", label: query.isReturn ? "Returns only" : "Excluding returns", onRemove: () => update({ return: null }) }] : []),
  ];

  const exportSearch = (() => {
    const next = new URLSearchParams(params);
    next.delete("after");
    const text = next.toString();
    return text ? `?${text}` : "";
  })();

  const resyncSelected = () => {
    const form = new FormData();
    form.set("intent", "resync");
    for (const id of selectedResources) form.append("id", id);
    submit(form, { method: "post" });
  };

  const summary = Object.entries(statusCounts).sort((a, b) => b[1] - a[1]);
  const busy = navigation.state !== "idle";

  return (
    <Page
      title="Shipments"
      subtitle={`${formatCount(page.total)} matching · ${shop}`}
      backAction={{ content: "Dashboard", url: "/app" }}
      primaryAction={{
        content: "Export CSV",
        loading: exporting === "running",
        onAction: () => {
          setExporting("running");
          downloadCsv(exportSearch).then(
            () => setExporting(null),
            (error: unknown) => setExporting(error instanceof Error ? error.message : "Export failed"),
          );
        },
      }}
      secondaryActions={[
        {
          content: "Export carrier events",
          onAction: () => {
            downloadFile(`/app/shipments/events-export${exportSearch}`, "events.csv").catch((error: unknown) =>
              setExporting(error instanceof Error ? error.message : "Export failed"),
            );
          },
        },
      ]}
    >
      <BlockStack gap="400">
        {errors.length > 0 && (
          <Banner tone="warning" title="Some filters were ignored">
            <ul>
              {errors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
          </Banner>
        )}
        {exporting && exporting !== "running" && <Banner tone="critical" title={exporting} onDismiss={() => setExporting(null)} />}
        {actionData?.error && <Banner tone="critical" title={actionData.error} />}
        {actionData?.resync && (
          <Banner tone={actionData.resync.failed.length ? "warning" : "success"} title={`Resynced ${actionData.resync.synced} of ${actionData.resync.requested} shipments; ${actionData.resync.changed} changed status`}>
            {actionData.resync.failed.length > 0 && (
              <ul>
                {actionData.resync.failed.map((failure) => (
                  <li key={failure.shipmentId + failure.message}>{failure.message}</li>
                ))}
              </ul>
            )}
          </Banner>
        )}
        {summary.length > 0 && (
          <InlineStack gap="200">
            {summary.map(([status, count]) => (
              <Badge key={status} tone={STATUS_TONE[status]}>
                {`${statusLabel(status)}: ${formatCount(count)}`}
              </Badge>
            ))}
          </InlineStack>
        )}
        <Card padding="0">
          <div style={{ padding: "8px" }}>
            <InlineStack gap="200" blockAlign="center" wrap={false}>
              <div style={{ flex: 1 }}>
                <Filters
                  queryValue={search}
                  queryPlaceholder="Order, tracking number or customer email"
                  filters={filters}
                  appliedFilters={applied}
                  onQueryChange={setSearch}
                  onQueryClear={() => {
                    setSearch("");
                    update({ q: null });
                  }}
                  onClearAll={() => {
                    setSearch("");
                    setParams(new URLSearchParams());
                  }}
                />
              </div>
              <Select label="Sort" labelInline options={SORT_OPTIONS} value={query.sort} onChange={(value) => update({ sort: value === "newest" ? null : value })} />
            </InlineStack>
          </div>
          {rows.length === 0 ? (
            <EmptyState heading={applied.length || query.search ? "No shipments match these filters" : "No shipments yet"} image="">
              <p>
                {applied.length || query.search
                  ? "Try removing a filter or searching for something else."
                  : "Shipments appear here as soon as you fulfill an order with a tracking number."}
              </p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "shipment", plural: "shipments" }}
              itemCount={rows.length}
              selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
              onSelectionChange={handleSelectionChange}
              promotedBulkActions={[{ content: "Resync now", onAction: resyncSelected, disabled: busy }]}
              loading={busy}
              headings={[
                { title: "Order" },
                { title: "Tracking number" },
                { title: "Carrier" },
                { title: "Status" },
                { title: "Destination" },
                { title: "Fulfilled" },
                { title: "Estimated delivery" },
                { title: "Last scan" },
              ]}
              pagination={{
                hasPrevious: params.has("after"),
                onPrevious: () => navigate(-1),
                hasNext: page.nextCursor !== null,
                onNext: () => {
                  const next = new URLSearchParams(params);
                  next.set("after", page.nextCursor ?? "");
                  setParams(next);
                },
              }}
            >
              {rows.map((shipment, index) => (
                <IndexTable.Row
                  id={shipment.id}
                  key={shipment.id}
                  position={index}
                  selected={selectedResources.includes(shipment.id)}
                  onClick={() => navigate(`/app/shipments/${shipment.id}`)}
                >
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">
                      {shipment.orderName}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{shipment.trackingNumber}</IndexTable.Cell>
                  <IndexTable.Cell>{shipment.carrier ? carrierLabel(shipment.carrier) : shipment.declaredCarrier ?? "Unresolved"}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <InlineStack gap="100">
                      <Badge tone={STATUS_TONE[shipment.status]}>{statusLabel(shipment.status)}</Badge>
                      {shipment.flags.stalled && <Badge tone="warning">Stalled</Badge>}
                      {shipment.flags.late && <Badge tone="critical">Late</Badge>}
                      {shipment.flags.notPickedUp && <Badge tone="attention">Not picked up</Badge>}
                      {shipment.trackingIssue && <Badge tone="critical">{statusLabel(shipment.trackingIssue)}</Badge>}
                      {shipment.isReturn && <Badge>Return</Badge>}
                    </InlineStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{shipment.destinationCountry ?? "—"}</IndexTable.Cell>
                  <IndexTable.Cell>{formatDate(shipment.createdAt, timeZone)}</IndexTable.Cell>
                  <IndexTable.Cell>{formatDate(shipment.estimatedDeliveryAt, timeZone)}</IndexTable.Cell>
                  <IndexTable.Cell>{formatDate(shipment.lastEventAt, timeZone)}</IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
