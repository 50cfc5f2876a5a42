import { useFetcher, useNavigate, useNavigation, useSearchParams } from "@remix-run/react";
import type { IndexFiltersProps, TabProps } from "@shopify/polaris";
import { Badge } from "@shopify/polaris/build/esm/components/Badge/Badge.js";
import { Banner } from "@shopify/polaris/build/esm/components/Banner/Banner.js";
import { BlockStack } from "@shopify/polaris/build/esm/components/BlockStack/BlockStack.js";
import { Box } from "@shopify/polaris/build/esm/components/Box/Box.js";
import { Card } from "@shopify/polaris/build/esm/components/Card/Card.js";
import { ChoiceList } from "@shopify/polaris/build/esm/components/ChoiceList/ChoiceList.js";
import { EmptyState } from "@shopify/polaris/build/esm/components/EmptyState/EmptyState.js";
import { IndexFilters } from "@shopify/polaris/build/esm/components/IndexFilters/IndexFilters.js";
import { useSetIndexFiltersMode } from "@shopify/polaris/build/esm/components/IndexFilters/hooks/useSetIndexFiltersMode/useSetIndexFiltersMode.js";
import { IndexTable } from "@shopify/polaris/build/esm/components/IndexTable/IndexTable.js";
import { InlineStack } from "@shopify/polaris/build/esm/components/InlineStack/InlineStack.js";
import { Link } from "@shopify/polaris/build/esm/components/Link/Link.js";
import { Page } from "@shopify/polaris/build/esm/components/Page/Page.js";
import { ProgressBar } from "@shopify/polaris/build/esm/components/ProgressBar/ProgressBar.js";
import { Text } from "@shopify/polaris/build/esm/components/Text/Text.js";
import { TextField } from "@shopify/polaris/build/esm/components/TextField/TextField.js";
import { useBreakpoints } from "@shopify/polaris/build/esm/utilities/breakpoints.js";
import { useIndexResourceState } from "@shopify/polaris/build/esm/utilities/use-index-resource-state.js";
import { useCallback, useEffect, useMemo, useState } from "react";
import { CANONICAL_STATUSES } from "~/domain/status";
import type { ShipmentJobView } from "~/services/shipments/jobs.server";
import type { ShipmentListView } from "~/services/shipments/list.server";
import type { ShipmentQueryError } from "~/services/analytics/shipment-filter";
import { BUILT_IN_VIEWS } from "~/domain/shipment-list-views";
import { downloadFile } from "./download";
import { STATUS_TONE, type Serialized } from "./format";
import { ParcelResult } from "./ParcelResult";
import { useAdminFormat } from "./use-admin-format";

export type ShipmentsPageProps = Serialized<ShipmentListView> & {
  shop: string;
  jobs: { resync: ShipmentJobView | null; export: ShipmentJobView | null };
};

type ActionData = { intent: string | null; error?: string; message?: string; job?: ShipmentJobView; url?: string };

const ATTENTION = ["stalled", "late", "exception", "invalid", "not_picked_up"] as const;
const BUILT_IN_LABEL = {
  all: "shipments.viewAll",
  needs_attention: "shipments.viewNeedsAttention",
  late: "shipments.viewLate",
  returns: "shipments.viewReturns",
} as const;

/** The list's filters as a canonical query string (no cursor, no sort), to find the view they are. */
function filterQuery(params: URLSearchParams): string {
  const next = new URLSearchParams();
  for (const key of ["status", "attention", "carrier", "country", "from", "to", "return", "q"]) {
    const value = params.get(key);
    if (value) next.set(key, value);
  }
  return next.toString();
}

/** A background job's progress (polled while it runs) and, when done, its report. */
function useJob(initial: ShipmentJobView | null): ShipmentJobView | null {
  const poll = useFetcher<{ job: ShipmentJobView }>();
  const [job, setJob] = useState(initial);
  useEffect(() => setJob(initial), [initial]);
  useEffect(() => {
    if (poll.data?.job && poll.data.job.id === job?.id) setJob(poll.data.job);
  }, [poll.data, job?.id]);
  const running = job !== null && (job.state === "queued" || job.state === "running");
  useEffect(() => {
    if (!running || !job) return;
    const timer = setInterval(() => {
      if (poll.state === "idle") poll.load(`/app/shipments/jobs/${job.id}`);
    }, 1000);
    return () => clearInterval(timer);
  }, [running, job, poll]);
  return job;
}

function JobBanner({ job, timeZone, onDismiss }: { job: ShipmentJobView; timeZone: string; onDismiss: () => void }) {
  const { t, formatDateTime } = useAdminFormat();
  const running = job.state === "queued" || job.state === "running";
  const percent = job.total > 0 ? Math.min(100, Math.round((job.processed / job.total) * 100)) : 0;
  if (job.kind === "resync") {
    const summary = job.summary ?? { newEvents: 0, noNews: 0, failed: 0 };
    if (running) {
      return (
        <Banner tone="info" title={t("shipments.resyncRunning", { processed: job.processed, total: job.total })}>
          <BlockStack gap="200">
            <Text as="p">{t("shipments.resyncQueued", { count: job.total })}</Text>
            <ProgressBar progress={percent} size="small" tone="primary" ariaLabelledBy="resync-progress-label" />
            <span id="resync-progress-label" hidden>
              {t("shipments.progressLabel")}
            </span>
          </BlockStack>
        </Banner>
      );
    }
    return (
      <Banner
        tone={job.state === "failed" || summary.failed > 0 ? "warning" : "success"}
        title={t("shipments.resyncDone", { newEvents: summary.newEvents, noNews: summary.noNews, failed: summary.failed })}
        onDismiss={onDismiss}
      >
        <BlockStack gap="100">
          {job.error && <Text as="p">{t("shipments.resyncStopped", { error: job.error })}</Text>}
          <ul data-testid="resync-report">
            {job.parcels.map((parcel) => (
              <li key={parcel.shipmentId}>
                <ParcelResult parcel={parcel} />
              </li>
            ))}
          </ul>
        </BlockStack>
      </Banner>
    );
  }
  if (running) {
    return (
      <Banner tone="info" title={t("shipments.exportRunning", { processed: job.processed, total: job.total })}>
        <BlockStack gap="200">
          <Text as="p">{t("shipments.exportQueued", { count: job.total })}</Text>
          <ProgressBar progress={percent} size="small" tone="primary" ariaLabelledBy="export-progress-label" />
          <span id="export-progress-label" hidden>
            {t("shipments.progressLabel")}
          </span>
        </BlockStack>
      </Banner>
    );
  }
  if (job.state === "failed") return <Banner tone="critical" title={t("shipments.exportStopped", { error: job.error ?? "" })} onDismiss={onDismiss} />;
  return (
    <Banner
      tone="success"
      title={t("shipments.exportReady")}
      onDismiss={onDismiss}
      action={job.downloadUrl ? { content: t("shipments.exportDownload"), onAction: () => void downloadFile(job.downloadUrl ?? "", "shipments.csv") } : undefined}
    >
      {job.expiresAt && <Text as="p">{t("shipments.exportRetention", { date: formatDateTime(job.expiresAt, timeZone) })}</Text>}
    </Banner>
  );
}

/** The parts of the query string the list dropped, worded in the staff member's language. */
export function IgnoredFiltersBanner({ errors }: { errors: readonly ShipmentQueryError[] }) {
  const { t } = useAdminFormat();
  if (errors.length === 0) return null;
  return (
    <Banner tone="warning" title={t("shipments.filtersIgnored")}>
      <ul>
        {errors.map((error) => (
          <li key={`${error.kind}:${error.value}`}>{t(`shipments.filterError.${error.kind}`, { value: error.value })}</li>
        ))}
      </ul>
    </Banner>
  );
}

export function ShipmentsPage({ shop, query, errors, page, statusCounts, facets, savedViews, timeZone, jobs }: ShipmentsPageProps) {
  const { t, statusLabel, attentionLabel, carrierLabel, formatCount, formatDate } = useAdminFormat();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const actions = useFetcher<ActionData>();
  const { smDown } = useBreakpoints();
  const { mode, setMode } = useSetIndexFiltersMode();
  const [search, setSearch] = useState(query.search);
  const [notice, setNotice] = useState<{ tone: "critical" | "success"; text: string } | null>(null);
  const [dismissed, setDismissed] = useState<string[]>([]);
  useEffect(() => setSearch(query.search), [query.search]);

  const actionJob = actions.data?.job ?? null;
  const resyncJob = useJob(actionJob?.kind === "resync" ? actionJob : jobs.resync);
  const exportJob = useJob(actionJob && actionJob.kind !== "resync" ? actionJob : jobs.export);

  useEffect(() => {
    const data = actions.data;
    if (!data || actions.state !== "idle") return;
    if (data.error) setNotice({ tone: "critical", text: data.error });
    else if (data.message) setNotice({ tone: "success", text: data.message });
    if (data.url) {
      downloadFile(data.url, "shipments.csv").catch((error: unknown) => setNotice({ tone: "critical", text: (error as Error).message }));
    }
  }, [actions.data, actions.state]);

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

  // Tabs: the built-in views, then the shop's own; the selected one is the view the filters are.
  const views = useMemo(
    () => [
      ...BUILT_IN_VIEWS.map((view) => ({ id: view.id, name: t(BUILT_IN_LABEL[view.id]), query: view.query, saved: false })),
      ...savedViews.map((view) => ({ id: view.id, name: view.name, query: view.query, saved: true })),
    ],
    [savedViews, t],
  );
  const current = filterQuery(params);
  const selectedTab = views.findIndex((view) => view.query === current);
  const openView = (index: number) => {
    const view = views[index];
    if (!view) return;
    const next = new URLSearchParams(view.query);
    if (query.sort !== "newest") next.set("sort", query.sort);
    setParams(next);
  };
  const saveView = async (name: string) => {
    actions.submit({ intent: "save_view", name, search: current }, { method: "post" });
    return true;
  };
  const tabs: TabProps[] = views.map((view, index) => ({
    id: `view-${view.id}`,
    content: view.name,
    index,
    isLocked: !view.saved,
    onAction: () => openView(index),
    ...(view.saved
      ? {
          actions: [
            {
              type: "delete" as const,
              onPrimaryAction: async () => {
                actions.submit({ intent: "delete_view", viewId: view.id }, { method: "post" });
                return true;
              },
            },
          ],
        }
      : {}),
  }));

  const filters: IndexFiltersProps["filters"] = [
    {
      key: "status",
      label: t("shipments.filterStatus"),
      filter: (
        <ChoiceList
          title={t("shipments.filterStatus")}
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
      label: t("shipments.filterAttention"),
      filter: (
        <ChoiceList
          title={t("shipments.filterAttention")}
          titleHidden
          allowMultiple
          choices={ATTENTION.map((kind) => ({ label: attentionLabel(kind), value: kind }))}
          selected={query.attention}
          onChange={(value) => update({ attention: value })}
        />
      ),
      shortcut: true,
    },
    {
      key: "carrier",
      label: t("shipments.filterCarrier"),
      filter: (
        <ChoiceList
          title={t("shipments.filterCarrier")}
          titleHidden
          allowMultiple
          choices={facets.carriers.map((carrier) => ({ label: carrier === "unresolved" ? carrierLabel(null) : carrierLabel(carrier), value: carrier }))}
          selected={query.carriers}
          onChange={(value) => update({ carrier: value })}
        />
      ),
    },
    {
      key: "country",
      label: t("shipments.filterDestination"),
      filter: (
        <ChoiceList
          title={t("shipments.filterDestination")}
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
      label: t("shipments.filterFulfilled"),
      filter: (
        <BlockStack gap="200">
          <TextField label={t("shipments.from")} type="date" value={query.from ?? ""} onChange={(value) => update({ from: value })} autoComplete="off" />
          <TextField label={t("shipments.to")} type="date" value={query.to ?? ""} onChange={(value) => update({ to: value })} autoComplete="off" />
        </BlockStack>
      ),
    },
    {
      key: "return",
      label: t("shipments.filterReturns"),
      filter: (
        <ChoiceList
          title={t("shipments.filterReturns")}
          titleHidden
          choices={[
            { label: t("shipments.returnsOnly"), value: "yes" },
            { label: t("shipments.excludeReturns"), value: "no" },
          ]}
          selected={query.isReturn === null ? [] : [query.isReturn ? "yes" : "no"]}
          onChange={(value) => update({ return: value[0] ?? null })}
        />
      ),
    },
  ];

  const applied = [
    ...(query.statuses.length ? [{ key: "status", label: t("shipments.appliedStatus", { values: query.statuses.map(statusLabel).join(", ") }), onRemove: () => update({ status: null }) }] : []),
    ...(query.attention.length ? [{ key: "attention", label: t("shipments.appliedAttention", { values: query.attention.map(attentionLabel).join(", ") }), onRemove: () => update({ attention: null }) }] : []),
    ...(query.carriers.length ? [{ key: "carrier", label: t("shipments.appliedCarrier", { values: query.carriers.map((carrier) => carrierLabel(carrier)).join(", ") }), onRemove: () => update({ carrier: null }) }] : []),
    ...(query.countries.length ? [{ key: "country", label: t("shipments.appliedDestination", { values: query.countries.join(", ") }), onRemove: () => update({ country: null }) }] : []),
    ...(query.from || query.to ? [{ key: "dates", label: t("shipments.appliedDates", { from: query.from ?? "…", to: query.to ?? "…" }), onRemove: () => update({ from: null, to: null }) }] : []),
    ...(query.isReturn !== null ? [{ key: "return", label: query.isReturn ? t("shipments.returnsOnly") : t("shipments.excludeReturns"), onRemove: () => update({ return: null }) }] : []),
  ];

  const exportSearch = (() => {
    const next = new URLSearchParams(params);
    next.delete("after");
    return next.toString();
  })();

  const resyncSelected = () => {
    const form = new FormData();
    form.set("intent", "resync");
    for (const id of selectedResources) form.append("id", id);
    actions.submit(form, { method: "post" });
  };

  const summary = Object.entries(statusCounts).sort((a, b) => b[1] - a[1]);
  const busy = navigation.state !== "idle";
  const sortOptions: IndexFiltersProps["sortOptions"] = [
    { label: t("shipments.colFulfilled"), value: "newest desc", directionLabel: t("shipments.sortNewest") },
    { label: t("shipments.colFulfilled"), value: "oldest asc", directionLabel: t("shipments.sortOldest") },
    { label: t("shipments.colOrder"), value: "order_asc asc", directionLabel: t("shipments.sortOrderAsc") },
    { label: t("shipments.colOrder"), value: "order_desc desc", directionLabel: t("shipments.sortOrderDesc") },
  ];
  const sortValue = sortOptions.find((option) => option.value.startsWith(`${query.sort} `))?.value ?? "newest desc";
  const shown = (job: ShipmentJobView | null) => (job && !dismissed.includes(job.id) ? job : null);

  return (
    <Page
      title={t("shipments.title")}
      subtitle={t("shipments.subtitle", { count: page.total, shop })}
      primaryAction={{
        content: t("shipments.exportCsv"),
        loading: actions.state !== "idle" && actions.formData?.get("intent") === "export",
        onAction: () => actions.submit({ intent: "export", search: exportSearch }, { method: "post" }),
      }}
      secondaryActions={[
        {
          content: t("shipments.exportEvents"),
          loading: actions.state !== "idle" && actions.formData?.get("intent") === "events_export",
          onAction: () => actions.submit({ intent: "events_export", search: exportSearch }, { method: "post" }),
        },
      ]}
    >
      <BlockStack gap="400">
        <IgnoredFiltersBanner errors={errors} />
        {notice && <Banner tone={notice.tone} title={notice.text} onDismiss={() => setNotice(null)} />}
        {shown(resyncJob) && <JobBanner job={resyncJob as ShipmentJobView} timeZone={timeZone} onDismiss={() => setDismissed([...dismissed, resyncJob?.id ?? ""])} />}
        {shown(exportJob) && <JobBanner job={exportJob as ShipmentJobView} timeZone={timeZone} onDismiss={() => setDismissed([...dismissed, exportJob?.id ?? ""])} />}
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
          <IndexFilters
            tabs={tabs}
            selected={selectedTab}
            onSelect={openView}
            canCreateNewView
            onCreateNewView={saveView}
            primaryAction={{ type: "save-as", onAction: saveView, disabled: false, loading: false }}
            cancelAction={{ onAction: () => undefined, disabled: false, loading: false }}
            sortOptions={sortOptions}
            sortSelected={[sortValue]}
            onSort={(value) => {
              const sort = (value[0] ?? "newest desc").split(" ")[0] ?? "newest";
              update({ sort: sort === "newest" ? null : sort });
            }}
            queryValue={search}
            queryPlaceholder={t("shipments.searchPlaceholder")}
            onQueryChange={setSearch}
            onQueryClear={() => {
              setSearch("");
              update({ q: null });
            }}
            filters={filters}
            appliedFilters={applied}
            onClearAll={() => {
              setSearch("");
              setParams(new URLSearchParams());
            }}
            mode={mode}
            setMode={setMode}
            loading={busy}
          />
          <Box paddingInline="300" paddingBlock="200">
            <Text as="p" variant="bodySm" tone="subdued" id="shipments-search-help">
              {t("shipments.searchHelp")}
            </Text>
          </Box>
          {rows.length === 0 ? (
            <EmptyState heading={applied.length || query.search ? t("shipments.emptyFiltered") : t("shipments.emptyNone")} image="">
              <p>{applied.length || query.search ? t("shipments.emptyFilteredBody") : t("shipments.emptyNoneBody")}</p>
            </EmptyState>
          ) : (
            <IndexTable
              condensed={smDown}
              resourceName={{ singular: t("shipments.resourceSingular"), plural: t("shipments.resourcePlural") }}
              itemCount={rows.length}
              selectedItemsCount={allResourcesSelected ? "All" : selectedResources.length}
              onSelectionChange={handleSelectionChange}
              promotedBulkActions={[{ content: t("shipments.resyncNow"), onAction: resyncSelected, disabled: actions.state !== "idle" }]}
              loading={busy}
              headings={[
                { title: t("shipments.colOrder") },
                { title: t("shipments.colTracking") },
                { title: t("shipments.colCarrier") },
                { title: t("shipments.colStatus") },
                { title: t("shipments.colDestination") },
                { title: t("shipments.colFulfilled") },
                { title: t("shipments.colEstimate") },
                { title: t("shipments.colLastScan") },
                { title: t("shipments.colShopify") },
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
                <IndexTable.Row id={shipment.id} key={shipment.id} position={index} selected={selectedResources.includes(shipment.id)}>
                  {smDown ? (
                    // Condensed rows (narrow screens) hold one block, not table cells.
                    <div style={{ padding: "12px 16px", width: "100%" }}>
                      <BlockStack gap="100">
                        <InlineStack gap="200" blockAlign="center">
                          <Link url={`/app/shipments/${shipment.id}`} dataPrimaryLink removeUnderline>
                            <Text as="span" fontWeight="semibold">
                              {shipment.orderName}
                            </Text>
                          </Link>
                          <Badge tone={STATUS_TONE[shipment.status]}>{statusLabel(shipment.status)}</Badge>
                        </InlineStack>
                        <Text as="span" variant="bodySm">
                          {`${carrierLabel(shipment.carrier, shipment.declaredCarrier)} · ${shipment.trackingNumber}`}
                        </Text>
                        <Text as="span" variant="bodySm" tone="subdued">
                          {shipment.lastScan
                            ? [shipment.lastScan.description, shipment.lastScan.place, formatDate(shipment.lastScan.occurredAt, timeZone)].filter(Boolean).join(" · ")
                            : t("shipments.noScanYet")}
                        </Text>
                      </BlockStack>
                    </div>
                  ) : (
                    <>
                  <IndexTable.Cell>
                    <Link url={`/app/shipments/${shipment.id}`} dataPrimaryLink removeUnderline>
                      <Text as="span" fontWeight="semibold">
                        {shipment.orderName}
                      </Text>
                    </Link>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{shipment.trackingNumber}</IndexTable.Cell>
                  <IndexTable.Cell>{carrierLabel(shipment.carrier, shipment.declaredCarrier)}</IndexTable.Cell>
                  <IndexTable.Cell>
                    <InlineStack gap="100">
                      <Badge tone={STATUS_TONE[shipment.status]}>{statusLabel(shipment.status)}</Badge>
                      {shipment.flags.stalled && <Badge tone="warning">{attentionLabel("stalled")}</Badge>}
                      {shipment.flags.late && <Badge tone="critical">{attentionLabel("late")}</Badge>}
                      {shipment.flags.notPickedUp && <Badge tone="attention">{attentionLabel("not_picked_up")}</Badge>}
                      {shipment.trackingIssue && <Badge tone="critical">{statusLabel(shipment.trackingIssue)}</Badge>}
                      {shipment.isReturn && <Badge>{t("shipments.returnBadge")}</Badge>}
                    </InlineStack>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{shipment.destinationCountry ?? "—"}</IndexTable.Cell>
                  <IndexTable.Cell>{formatDate(shipment.createdAt, timeZone)}</IndexTable.Cell>
                  <IndexTable.Cell>{formatDate(shipment.estimatedDeliveryAt, timeZone)}</IndexTable.Cell>
                  <IndexTable.Cell>
                    {shipment.lastScan ? (
                      <BlockStack gap="050">
                        <Text as="span" variant="bodySm">
                          {shipment.lastScan.description}
                        </Text>
                        <Text as="span" variant="bodySm" tone="subdued">
                          {[shipment.lastScan.place, formatDate(shipment.lastScan.occurredAt, timeZone)].filter(Boolean).join(" · ")}
                        </Text>
                      </BlockStack>
                    ) : (
                      <Text as="span" variant="bodySm" tone="subdued">
                        {t("shipments.noScanYet")}
                      </Text>
                    )}
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    {shipment.orderAdminUrl ? (
                      <Link
                        url={shipment.orderAdminUrl}
                        target={shipment.orderAdminUrl.startsWith("shopify:") ? "_top" : "_blank"}
                        accessibilityLabel={t("shipments.openOrder", { order: shipment.orderName })}
                      >
                        {t("shipments.colShopify")}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </IndexTable.Cell>
                    </>
                  )}
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
      </BlockStack>
    </Page>
  );
}
