import { Form, Link as RemixLink, useNavigate } from "@remix-run/react";
import { Banner } from "@shopify/polaris/build/esm/components/Banner/Banner.js";
import { BlockStack } from "@shopify/polaris/build/esm/components/BlockStack/BlockStack.js";
import { Box } from "@shopify/polaris/build/esm/components/Box/Box.js";
import { Button } from "@shopify/polaris/build/esm/components/Button/Button.js";
import { ButtonGroup } from "@shopify/polaris/build/esm/components/ButtonGroup/ButtonGroup.js";
import { Card } from "@shopify/polaris/build/esm/components/Card/Card.js";
import { DataTable } from "@shopify/polaris/build/esm/components/DataTable/DataTable.js";
import { EmptyState } from "@shopify/polaris/build/esm/components/EmptyState/EmptyState.js";
import { InlineGrid } from "@shopify/polaris/build/esm/components/InlineGrid/InlineGrid.js";
import { InlineStack } from "@shopify/polaris/build/esm/components/InlineStack/InlineStack.js";
import { Layout } from "@shopify/polaris/build/esm/components/Layout/Layout.js";
import { Link } from "@shopify/polaris/build/esm/components/Link/Link.js";
import { Page } from "@shopify/polaris/build/esm/components/Page/Page.js";
import { Text } from "@shopify/polaris/build/esm/components/Text/Text.js";
import { TextField } from "@shopify/polaris/build/esm/components/TextField/TextField.js";
import { useState, type ReactNode } from "react";
import type { UnmappedCarrierCode } from "~/data/unmapped-codes.server";
import type { FreshnessSummary } from "~/domain/freshness";
import type { MessageActivityRow } from "~/data/notifications.server";
import type { AdminMessageKey } from "~/i18n/catalog.server";
import type { Dashboard } from "~/services/analytics/dashboard.server";
import { shipmentQuerySearch } from "~/services/analytics/shipment-filter";
import { SvgBarChart, SvgFunnelChart } from "./SvgChart";
import type { Serialized } from "./format";
import type { ReturnTransitSummary } from "~/services/analytics/return-transit.server";
import { useAdminFormat } from "./use-admin-format";

export interface DashboardPageProps {
  shop: string;
  /** The requested custom period could not be used (the page shows the default period instead). */
  periodError: string | null;
  dashboard: Serialized<Dashboard>;
  /** Open items of the "Needs attention" worklist, by kind. */
  worklist?: { unresolved: number; byKind: Record<string, number>; returns?: { onTheWay: number; received: number } };
  /** Return parcels on their way back, and transit times of the returns delivered in the period. */
  returnTransit?: Serialized<ReturnTransitSummary>;
  /** Carrier codes no status table maps yet, with the parcels they affect (none: nothing shown). */
  unmappedCodes?: Serialized<UnmappedCarrierCode>[];
  /** Scan → visible to shoppers, per carrier, over the last 7 days (none: nothing shown). */
  freshness?: FreshnessSummary[];
  /** Shopper messages of the last 30 days by moment and channel, and visits from their links. */
  messages?: { rows: MessageActivityRow[]; lookupsFromMessages: number };
  /** Rendered above the period picker (the setup guide). */
  children?: ReactNode;
}

/** A message key built from a code, when the dashboard namespace has one; the code itself otherwise. */
function useCodeLabel() {
  const { t, intl } = useAdminFormat();
  return (prefix: string, code: string) => {
    const id = `dashboard.${prefix}_${code}`;
    return intl.messages[id] === undefined ? code : t(id as AdminMessageKey);
  };
}

/** What Trackline told shoppers (and Flow), and how often its links brought them to the tracking page. */
export function MessagesCard({ rows, lookupsFromMessages }: { rows: MessageActivityRow[]; lookupsFromMessages: number }) {
  const { t, formatCount } = useAdminFormat();
  const label = useCodeLabel();
  return (
    <Section title={t("dashboard.messagesTitle")} description={t("dashboard.messagesDescription", { visits: formatCount(lookupsFromMessages) })}>
      <DataTable
        columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "numeric"]}
        headings={[t("dashboard.colMoment"), t("dashboard.colChannel"), t("dashboard.colSent"), t("dashboard.colSkipped"), t("dashboard.colFailed"), t("dashboard.colWaiting")]}
        rows={rows.map((row) => [
          label("moment", row.moment),
          label("channel", row.channel),
          formatCount(row.sent),
          formatCount(row.skipped),
          formatCount(row.failed),
          formatCount(row.pending),
        ])}
      />
    </Section>
  );
}

/** How long carrier scans take to reach shoppers, per carrier. */
export function FreshnessCard({ rows }: { rows: FreshnessSummary[] }) {
  const { t, intl, carrierLabel, formatCount } = useAdminFormat();
  const duration = (seconds: number) =>
    seconds < 120
      ? intl.formatNumber(Math.round(seconds), { style: "unit", unit: "second", unitDisplay: "short" })
      : seconds < 7200
        ? intl.formatNumber(Math.round(seconds / 60), { style: "unit", unit: "minute", unitDisplay: "short" })
        : intl.formatNumber(seconds / 3600, { style: "unit", unit: "hour", unitDisplay: "short", maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return (
    <Section title={t("dashboard.freshnessTitle")} description={t("dashboard.freshnessDescription")}>
      <DataTable
        columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
        headings={[
          t("dashboard.colCarrier"),
          t("dashboard.colScans"),
          t("dashboard.colMedian"),
          t("dashboard.colP95"),
          t("dashboard.colWrittenMedian"),
          t("dashboard.colWrittenP95"),
        ]}
        rows={rows.map((row) => [
          carrierLabel(row.carrier),
          formatCount(row.events),
          duration(row.p50Seconds),
          duration(row.p95Seconds),
          // Scans that changed no status are never written to Shopify: no figure rather than a made-up one.
          row.written ? duration(row.written.p50Seconds) : "—",
          row.written ? duration(row.written.p95Seconds) : "—",
        ])}
      />
    </Section>
  );
}

/** Carrier codes Trackline cannot read yet: their scans show as "unknown", never as a guessed status. */
export function UnmappedCodesCard({ codes }: { codes: Serialized<UnmappedCarrierCode>[] }) {
  const { t, carrierLabel, formatCount } = useAdminFormat();
  return (
    <Section title={t("dashboard.unmappedTitle")} description={t("dashboard.unmappedDescription")}>
      <DataTable
        columnContentTypes={["text", "text", "text", "numeric"]}
        headings={[t("dashboard.colCarrier"), t("dashboard.colCode"), t("dashboard.colWording"), t("dashboard.colParcels")]}
        rows={codes.map((row) => [carrierLabel(row.carrier), row.code || t("dashboard.noCode"), row.example, formatCount(row.parcels)])}
      />
    </Section>
  );
}

const PRESETS = ["7", "30", "90"] as const;

function PeriodPicker({ period }: { period: Dashboard["period"] }) {
  const { t } = useAdminFormat();
  const navigate = useNavigate();
  const [from, setFrom] = useState(period.fromDate);
  const [to, setTo] = useState(period.toDate);
  return (
    <InlineStack gap="300" blockAlign="end" wrap>
      <div role="group" aria-label={t("dashboard.periodGroup")}>
        <ButtonGroup variant="segmented">
          {PRESETS.map((days) => (
            // A button (not a link), so `pressed` reaches the page as aria-pressed.
            <Button key={days} onClick={() => navigate(`/app?period=${days}`)} pressed={period.preset === days}>
              {t("dashboard.lastDays", { days: Number(days) })}
            </Button>
          ))}
        </ButtonGroup>
      </div>
      <Form method="get">
        <InlineStack gap="200" blockAlign="end">
          <input type="hidden" name="period" value="custom" />
          <TextField label={t("dashboard.from")} type="date" name="from" value={from} onChange={setFrom} autoComplete="off" />
          <TextField label={t("dashboard.to")} type="date" name="to" value={to} onChange={setTo} autoComplete="off" />
          <Button submit pressed={period.preset === "custom"}>
            {t("dashboard.apply")}
          </Button>
        </InlineStack>
      </Form>
    </InlineStack>
  );
}

function Metric({ label, value, help }: { label: string; value: string; help?: string | undefined }) {
  return (
    <BlockStack gap="100">
      <Text as="p" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingLg">
        {value}
      </Text>
      {help && (
        <Text as="p" variant="bodySm" tone="subdued">
          {help}
        </Text>
      )}
    </BlockStack>
  );
}

function Section({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          {description && (
            <Text as="p" variant="bodySm" tone="subdued">
              {description}
            </Text>
          )}
        </BlockStack>
        {children}
      </BlockStack>
    </Card>
  );
}

function Empty({ children }: { children: string }) {
  return (
    <Box padding="400">
      <Text as="p" tone="subdued" alignment="center">
        {children}
      </Text>
    </Box>
  );
}

/** Minutes as minutes below two hours, as hours (one decimal) above, in the staff member's locale. */
function useDuration() {
  const { intl } = useAdminFormat();
  return (minutes: number) =>
    minutes >= 120
      ? intl.formatNumber(minutes / 60, { style: "unit", unit: "hour", unitDisplay: "short", maximumFractionDigits: 1, minimumFractionDigits: 1 })
      : intl.formatNumber(minutes, { style: "unit", unit: "minute", unitDisplay: "short" });
}

export function DashboardPage({ shop, periodError, dashboard, unmappedCodes = [], worklist, returnTransit, freshness = [], messages, children }: DashboardPageProps) {
  const { t, intl, statusLabel, attentionLabel, carrierLabel, formatCount, formatDays, formatPercent, formatDate } = useAdminFormat();
  const label = useCodeLabel();
  const duration = useDuration();
  const { period } = dashboard;
  const range = { from: period.fromDate, to: period.toDate };
  const listLink = (query: Parameters<typeof shipmentQuerySearch>[0]) => `/app/shipments${shipmentQuerySearch({ ...range, ...query })}`;
  const lookupsTotal = dashboard.selfService.lookupsBySurface.storefront + dashboard.selfService.lookupsBySurface.customer_account + dashboard.selfService.lookupsBySurface.admin;
  const nothingYet = dashboard.shipments === 0 && dashboard.deliveryTimes.overall.deliveries === 0 && lookupsTotal === 0;
  const { estimatedMinutesSaved, measured, supportMinutesPerInquiry, shopperLookups } = dashboard.selfService;
  const stageLabel = (stage: string) => (stage === "fulfilled" ? t("dashboard.stageFulfilled") : statusLabel(stage));
  const reasonLabel = (reason: string) => label("reason", reason);
  const notStarted = dashboard.notStarted.filter((row) => row.count > 0);
  const notStartedTotal = notStarted.reduce((sum, row) => sum + row.count, 0);
  const deliveredStage = dashboard.funnel.find((stage) => stage.stage === "delivered")?.count ?? 0;
  const localDate = (date: string) => formatDate(`${date}T12:00:00Z`);
  const byKind = Object.entries(worklist?.byKind ?? {});

  return (
    <Page
      title={t("dashboard.title")}
      subtitle={t("dashboard.subtitle", { from: localDate(period.fromDate), to: localDate(period.toDate), zone: period.timeZone, shop })}
      secondaryActions={[{ content: t("dashboard.shipmentsAction"), url: listLink({}) }]}
    >
      <BlockStack gap="400">
        {children}
        <PeriodPicker period={period} />
        {periodError && (
          <Banner tone="warning" title={t("dashboard.periodErrorTitle")}>
            <p>{t("dashboard.periodErrorBody")}</p>
          </Banner>
        )}
        {unmappedCodes.length > 0 && <UnmappedCodesCard codes={unmappedCodes} />}
        {freshness.length > 0 && <FreshnessCard rows={freshness} />}
        {messages && messages.rows.length > 0 && <MessagesCard rows={messages.rows} lookupsFromMessages={messages.lookupsFromMessages} />}
        {nothingYet ? (
          <Card>
            <EmptyState heading={t("dashboard.emptyHeading")} image="">
              <p>{t("dashboard.emptyBody")}</p>
            </EmptyState>
          </Card>
        ) : (
          <Layout>
            <Layout.Section>
              <Section title={t("dashboard.attentionTitle")} description={t("dashboard.attentionDescription")}>
                <InlineGrid columns={{ xs: 2, md: 5 }} gap="300">
                  {dashboard.attention.map((item) => (
                    <RemixLink key={item.kind} to={listLink({ attention: [item.kind] })} data-attention={item.kind} style={{ textDecoration: "none", color: "inherit" }}>
                      <Metric
                        label={attentionLabel(item.kind)}
                        value={formatCount(item.count)}
                        help={
                          item.kind === "invalid" && dashboard.trackingProblems.flaggedOnOtherStatus > 0
                            ? t("dashboard.invalidHelp", { invalid: formatCount(dashboard.trackingProblems.invalidStatus), flagged: formatCount(dashboard.trackingProblems.flaggedOnOtherStatus) })
                            : undefined
                        }
                      />
                    </RemixLink>
                  ))}
                </InlineGrid>
                {worklist && (
                  <RemixLink to="/app/worklist" data-worklist-open={worklist.unresolved}>
                    {t("dashboard.worklistLink", { count: worklist.unresolved })}
                    {byKind.length > 0 && ` (${intl.formatList(byKind.map(([kind, count]) => `${label("kind", kind)} ${formatCount(count)}`), { type: "unit" })})`}
                  </RemixLink>
                )}
                {worklist?.returns && worklist.returns.onTheWay + worklist.returns.received > 0 && (
                  <RemixLink to="/app/shipments?return=yes" data-returns-on-the-way={worklist.returns.onTheWay}>
                    {t("dashboard.returnsLink", { onTheWay: worklist.returns.onTheWay, received: worklist.returns.received })}
                  </RemixLink>
                )}
              </Section>
            </Layout.Section>

            <Layout.Section variant="oneHalf">
              <Section title={t("dashboard.statusTitle")} description={t("dashboard.statusDescription", { count: dashboard.shipments })}>
                {dashboard.shipments === 0 ? (
                  <Empty>{t("dashboard.noShipments")}</Empty>
                ) : (
                  <>
                    <SvgFunnelChart
                      height={260}
                      label={t("dashboard.funnelChartLabel", { count: dashboard.shipments })}
                      caption={t("dashboard.funnelAxes")}
                      formatValue={formatCount}
                      formatPercentage={(value) => formatPercent(value / 100)}
                      tooltipLabels={{ reached: t("dashboard.tooltipReached"), dropped: t("dashboard.tooltipDropped") }}
                      stages={dashboard.funnel.map((stage) => ({ key: stageLabel(stage.stage), value: stage.count }))}
                    />
                    <InlineStack gap="300" wrap>
                      {dashboard.funnel.map((stage) => (
                        <Link key={stage.stage} url={listLink({ statuses: stage.statuses })}>
                          {`${stageLabel(stage.stage)}: ${formatCount(stage.count)}`}
                        </Link>
                      ))}
                    </InlineStack>
                    {notStartedTotal > 0 && (
                      <Text as="p" variant="bodySm" tone="subdued">
                        {t("dashboard.notStartedNote", {
                          count: notStartedTotal,
                          list: intl.formatList(notStarted.map((row) => `${statusLabel(row.status)} ${formatCount(row.count)}`), { type: "unit" }),
                        })}
                      </Text>
                    )}
                  </>
                )}
              </Section>
            </Layout.Section>
            <Layout.Section variant="oneHalf">
              <Section title={t("dashboard.failuresTitle")} description={t("dashboard.failuresDescription")}>
                {dashboard.failures.every((failure) => failure.count === 0) ? (
                  <Empty>{t("dashboard.noFailures")}</Empty>
                ) : (
                  <>
                    <SvgBarChart
                      height={260}
                      label={t("dashboard.failuresChartLabel")}
                      caption={t("dashboard.failuresAxes")}
                      direction="horizontal"
                      showLegend={false}
                      formatValue={formatCount}
                      data={[{ name: t("dashboard.axisShipments"), data: dashboard.failures.filter((failure) => failure.count > 0).map((failure) => ({ key: statusLabel(failure.status), value: failure.count })) }]}
                    />
                    <InlineStack gap="300" wrap>
                      {dashboard.failures
                        .filter((failure) => failure.count > 0)
                        .map((failure) => (
                          <Link key={failure.status} url={listLink({ statuses: [failure.status] })}>
                            {`${statusLabel(failure.status)}: ${formatCount(failure.count)}`}
                          </Link>
                        ))}
                    </InlineStack>
                  </>
                )}
              </Section>
            </Layout.Section>

            <Layout.Section>
              <Section title={t("dashboard.deliveryTitle")} description={t("dashboard.deliveryDescription")}>
                {dashboard.deliveryTimes.overall.deliveries === 0 ? (
                  <Empty>{t("dashboard.noDeliveries")}</Empty>
                ) : (
                  <BlockStack gap="400">
                    <InlineGrid columns={{ xs: 2, md: 5 }} gap="300">
                      <Metric
                        label={t("dashboard.deliveredInPeriod")}
                        value={formatCount(dashboard.deliveryTimes.overall.deliveries)}
                        help={t("dashboard.deliveredInPeriodHelp", { funnel: formatCount(deliveredStage) })}
                      />
                      <Metric label={t("dashboard.shipP5090")} value={`${formatDays(dashboard.deliveryTimes.overall.shipP50)} / ${formatDays(dashboard.deliveryTimes.overall.shipP90)}`} />
                      <Metric label={t("dashboard.orderP5090")} value={`${formatDays(dashboard.deliveryTimes.overall.orderP50)} / ${formatDays(dashboard.deliveryTimes.overall.orderP90)}`} />
                      <Metric
                        label={t("dashboard.onTimeEstimate")}
                        value={formatPercent(dashboard.onTime.vsCarrierEstimate.rate)}
                        help={t("dashboard.onTimeEstimateHelp", { hits: formatCount(dashboard.onTime.vsCarrierEstimate.hits), eligible: formatCount(dashboard.onTime.vsCarrierEstimate.eligible) })}
                      />
                      <Metric
                        label={t("dashboard.onTimePrediction")}
                        value={formatPercent(dashboard.onTime.vsPrediction.rate)}
                        help={
                          dashboard.onTime.vsPrediction.eligible
                            ? t("dashboard.onTimePredictionHelp", { hits: formatCount(dashboard.onTime.vsPrediction.hits), eligible: formatCount(dashboard.onTime.vsPrediction.eligible) })
                            : t("dashboard.onTimePredictionNone")
                        }
                      />
                    </InlineGrid>
                    <DataTable
                      columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                      headings={[t("dashboard.colCarrier"), t("dashboard.colDelivered"), t("dashboard.colShipP50"), t("dashboard.colShipP90"), t("dashboard.colOrderP50"), t("dashboard.colOrderP90")]}
                      rows={dashboard.deliveryTimes.byCarrier.map((row) => [
                        carrierLabel(row.carrier),
                        formatCount(row.deliveries),
                        formatDays(row.shipP50),
                        formatDays(row.shipP90),
                        formatDays(row.orderP50),
                        formatDays(row.orderP90),
                      ])}
                    />
                    <DataTable
                      columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                      headings={[t("dashboard.colLane"), t("dashboard.colDelivered"), t("dashboard.colShipP50"), t("dashboard.colShipP90"), t("dashboard.colOrderP50"), t("dashboard.colOrderP90")]}
                      rows={dashboard.deliveryTimes.byLane.slice(0, 15).map((row) => [
                        `${row.origin} → ${row.destination}`,
                        formatCount(row.deliveries),
                        formatDays(row.shipP50),
                        formatDays(row.shipP90),
                        formatDays(row.orderP50),
                        formatDays(row.orderP90),
                      ])}
                    />
                  </BlockStack>
                )}
              </Section>
            </Layout.Section>

            {returnTransit && (returnTransit.inTransit > 0 || returnTransit.overall) && (
              <Layout.Section>
                <Section title={t("dashboard.returnTransitTitle")} description={t("dashboard.returnTransitDescription")}>
                  <BlockStack gap="400">
                    <InlineGrid columns={{ xs: 2, md: 3 }} gap="300">
                      <Metric label={t("dashboard.returnsInTransit")} value={formatCount(returnTransit.inTransit)} />
                      <Metric label={t("dashboard.returnsDeliveredBack")} value={formatCount(returnTransit.overall?.returns ?? 0)} />
                      <Metric
                        label={t("dashboard.returnP5090")}
                        value={returnTransit.overall ? `${formatDays(returnTransit.overall.p50Days)} / ${formatDays(returnTransit.overall.p90Days)}` : formatDays(null)}
                      />
                    </InlineGrid>
                    {returnTransit.overall ? (
                      <>
                        <DataTable
                          columnContentTypes={["text", "numeric", "numeric", "numeric"]}
                          headings={[t("dashboard.colCarrier"), t("dashboard.colReturns"), "P50", "P90"]}
                          rows={returnTransit.byCarrier.map((row) => [carrierLabel(row.key), formatCount(row.returns), formatDays(row.p50Days), formatDays(row.p90Days)])}
                        />
                        <DataTable
                          columnContentTypes={["text", "numeric", "numeric", "numeric"]}
                          headings={[t("dashboard.colLane"), t("dashboard.colReturns"), "P50", "P90"]}
                          rows={returnTransit.byLane.slice(0, 15).map((row) => [row.key.replace(">", " → "), formatCount(row.returns), formatDays(row.p50Days), formatDays(row.p90Days)])}
                        />
                      </>
                    ) : (
                      <Empty>{t("dashboard.noReturnDeliveries")}</Empty>
                    )}
                  </BlockStack>
                </Section>
              </Layout.Section>
            )}

            <Layout.Section variant="oneHalf">
              <Section title={t("dashboard.problemsTitle")} description={t("dashboard.problemsDescription")}>
                {dashboard.problems.byReason.length === 0 ? (
                  <Empty>{t("dashboard.noProblems")}</Empty>
                ) : (
                  <>
                    <SvgBarChart
                      height={240}
                      label={t("dashboard.problemsChartLabel")}
                      caption={t("dashboard.problemsAxes")}
                      direction="horizontal"
                      formatValue={formatCount}
                      data={[
                        { name: statusLabel("exception"), data: dashboard.problems.byReason.filter((row) => row.status === "exception").map((row) => ({ key: reasonLabel(row.reason), value: row.count })) },
                        { name: statusLabel("attempt_failed"), data: dashboard.problems.byReason.filter((row) => row.status === "attempt_failed").map((row) => ({ key: reasonLabel(row.reason), value: row.count })) },
                      ]}
                    />
                    <DataTable
                      columnContentTypes={["text", "numeric", "numeric"]}
                      headings={[t("dashboard.colCarrier"), t("dashboard.colExceptions"), t("dashboard.colFailedAttempts")]}
                      rows={dashboard.problems.byCarrier.map((row) => [
                        <Link key={row.carrier} url={listLink({ carriers: [row.carrier], statuses: ["exception", "attempt_failed"] })}>
                          {carrierLabel(row.carrier)}
                        </Link>,
                        formatCount(row.exception),
                        formatCount(row.attemptFailed),
                      ])}
                    />
                  </>
                )}
              </Section>
            </Layout.Section>
            <Layout.Section variant="oneHalf">
              <Section title={t("dashboard.selfServiceTitle")} description={t("dashboard.selfServiceDescription")}>
                {lookupsTotal === 0 ? (
                  <Empty>{t("dashboard.noLookups")}</Empty>
                ) : (
                  <BlockStack gap="300">
                    <SvgBarChart
                      height={220}
                      label={t("dashboard.lookupsChartLabel")}
                      caption={t("dashboard.lookupsAxes")}
                      type="stacked"
                      formatValue={formatCount}
                      data={(["storefront", "customer_account", "admin"] as const).map((surface) => ({
                        name: label("surface", surface),
                        data: dashboard.selfService.days.map((day) => ({ key: intl.formatDate(`${day.date}T12:00:00Z`, { month: "short", day: "numeric", timeZone: "UTC" }), value: day[surface] })),
                      }))}
                    />
                    <InlineGrid columns={3} gap="300">
                      <Metric
                        label={t("dashboard.ordersChecked")}
                        value={formatPercent(dashboard.selfService.shareChecked)}
                        help={t("dashboard.ordersCheckedHelp", { checked: formatCount(dashboard.selfService.ordersChecked), orders: formatCount(dashboard.selfService.orders) })}
                      />
                      <Metric
                        label={t("dashboard.lookupsPerOrder")}
                        value={dashboard.selfService.lookupsPerOrder === null ? "—" : intl.formatNumber(dashboard.selfService.lookupsPerOrder, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}
                      />
                      {measured ? (
                        <Metric
                          label={t("dashboard.timeSavedMeasured")}
                          value={duration(measured.minutes)}
                          help={t("dashboard.timeSavedMeasuredHelp", { avoided: formatCount(measured.avoidedInquiries), minutes: formatCount(supportMinutesPerInquiry), upper: duration(estimatedMinutesSaved) })}
                        />
                      ) : (
                        <Metric
                          label={t("dashboard.timeSavedUpper")}
                          value={`≤ ${duration(estimatedMinutesSaved)}`}
                          help={t("dashboard.timeSavedFormula", { lookups: formatCount(shopperLookups), minutes: formatCount(supportMinutesPerInquiry) })}
                        />
                      )}
                    </InlineGrid>
                    <Text as="p" variant="bodySm" tone="subdued">
                      {measured ? t("dashboard.timeSavedMeasuredNote") : t("dashboard.timeSavedUpperNote")} <Link url="/app/wismo">{t("dashboard.wismoLink")}</Link>
                      {" · "}
                      <Link url="/app/settings">{t("dashboard.settingsLink")}</Link>
                    </Text>
                  </BlockStack>
                )}
              </Section>
            </Layout.Section>

            <Layout.Section>
              <Section title={t("dashboard.scorecardTitle")} description={t("dashboard.scorecardDescription")}>
                {dashboard.scorecard.length === 0 ? (
                  <Empty>{t("dashboard.noCarriers")}</Empty>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                    headings={[t("dashboard.colCarrier"), t("dashboard.colVolume"), t("dashboard.colMedianTransit"), t("dashboard.colOnTime"), t("dashboard.colExceptions"), t("dashboard.colStalled")]}
                    rows={dashboard.scorecard.map((row) => [
                      <Link key={row.carrier} url={listLink({ carriers: [row.carrier] })}>
                        {carrierLabel(row.carrier === "unresolved" ? null : row.carrier)}
                      </Link>,
                      formatCount(row.volume),
                      formatDays(row.medianTransitDays),
                      formatPercent(row.onTime.rate),
                      formatPercent(row.exceptionRate),
                      formatPercent(row.stalledRate),
                    ])}
                  />
                )}
              </Section>
            </Layout.Section>
          </Layout>
        )}
      </BlockStack>
    </Page>
  );
}
