import { Form, Link as RemixLink } from "@remix-run/react";
import { KIND_LABELS, type WorklistKind } from "../domain/worklist";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  ButtonGroup,
  Card,
  DataTable,
  EmptyState,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { BarChart, FunnelChartNext } from "@shopify/polaris-viz";
import { useState } from "react";
import type { UnmappedCarrierCode } from "../data/unmapped-codes.server";
import type { FreshnessSummary } from "../domain/freshness";
import type { Dashboard } from "../services/analytics/dashboard.server";
import { shipmentQuerySearch } from "../services/analytics/shipment-filter";
import { ClientChart } from "./ClientChart";
import { ATTENTION_LABELS, carrierLabel, formatCount, formatDays, formatPercent, statusLabel, type Serialized } from "./format";
import type { MessageActivityRow } from "../data/notifications.server";
import { MOMENT_LABELS } from "./NotificationsPage";

export interface DashboardPageProps {
  shop: string;
  periodError: string | null;
  dashboard: Serialized<Dashboard>;
  /** Open items of the "Needs attention" worklist, by kind. */
  worklist?: { unresolved: number; byKind: Record<string, number>; returns?: { onTheWay: number; received: number } };
  /** Carrier codes no status table maps yet, with the parcels they affect (none: nothing shown). */
  unmappedCodes?: Serialized<UnmappedCarrierCode>[];
  /** Scan → visible to shoppers, per carrier, over the last 7 days (none: nothing shown). */
  freshness?: FreshnessSummary[];
  /** Shopper messages of the last 30 days by moment and channel, and visits from their links. */
  messages?: { rows: MessageActivityRow[]; lookupsFromMessages: number };
}

const CHANNEL_LABELS: Record<string, string> = { email: "Email", sms: "SMS", flow: "Shopify Flow", klaviyo: "Klaviyo" };

/** What Trackline told shoppers (and Flow), and how often its links brought them to the tracking page. */
export function MessagesCard({ rows, lookupsFromMessages }: { rows: MessageActivityRow[]; lookupsFromMessages: number }) {
  return (
    <Section
      title="Messages (last 30 days)"
      description={`Notices by moment and channel. Skipped: no contact, opted out, held out of notices, or over a cap. Tracking-page visits from message links: ${formatCount(lookupsFromMessages)}.`}
    >
      <DataTable
        columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "numeric"]}
        headings={["Moment", "Channel", "Sent", "Skipped", "Failed", "Waiting"]}
        rows={rows.map((row) => [
          MOMENT_LABELS[row.moment] ?? row.moment,
          CHANNEL_LABELS[row.channel] ?? row.channel,
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
  const duration = (seconds: number) => (seconds < 120 ? `${Math.round(seconds)} s` : seconds < 7200 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`);
  return (
    <Section title="Tracking freshness (last 7 days)" description="Time from a carrier's scan to the moment shoppers can see it. Carriers that push are minutes or less; polled ones depend on the check cadence.">
      <DataTable
        columnContentTypes={["text", "numeric", "numeric", "numeric"]}
        headings={["Carrier", "Scans", "Median", "95th percentile"]}
        rows={rows.map((row) => [carrierLabel(row.carrier), formatCount(row.events), duration(row.p50Seconds), duration(row.p95Seconds)])}
      />
    </Section>
  );
}

/** Carrier codes Trackline cannot read yet: their scans show as "unknown", never as a guessed status. */
export function UnmappedCodesCard({ codes }: { codes: Serialized<UnmappedCarrierCode>[] }) {
  return (
    <Section
      title="Carrier codes Trackline cannot read yet"
      description="These scans are kept and shown as they are, but they do not change a parcel's status until the code is mapped."
    >
      <DataTable
        columnContentTypes={["text", "text", "text", "numeric"]}
        headings={["Carrier", "Code", "Carrier's wording", "Parcels"]}
        rows={codes.map((row) => [carrierLabel(row.carrier), row.code || "(none)", row.example, formatCount(row.parcels)])}
      />
    </Section>
  );
}

const PRESETS = ["7", "30", "90"] as const;

function PeriodPicker({ period }: { period: Dashboard["period"] }) {
  const [from, setFrom] = useState(period.fromDate);
  const [to, setTo] = useState(period.toDate);
  return (
    <InlineStack gap="300" blockAlign="end" wrap>
      <ButtonGroup variant="segmented">
        {PRESETS.map((days) => (
          <Button key={days} url={`/app?period=${days}`} pressed={period.preset === days}>
            {`Last ${days} days`}
          </Button>
        ))}
      </ButtonGroup>
      <Form method="get">
        <InlineStack gap="200" blockAlign="end">
          <input type="hidden" name="period" value="custom" />
          <TextField label="From" type="date" name="from" value={from} onChange={setFrom} autoComplete="off" />
          <TextField label="To" type="date" name="to" value={to} onChange={setTo} autoComplete="off" />
          <Button submit pressed={period.preset === "custom"}>
            Apply
          </Button>
        </InlineStack>
      </Form>
    </InlineStack>
  );
}

function Metric({ label, value, help }: { label: string; value: string; help?: string }) {
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

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
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

export function DashboardPage({ shop, periodError, dashboard, unmappedCodes = [], worklist, freshness = [], messages }: DashboardPageProps) {
  const { period } = dashboard;
  const range = { from: period.fromDate, to: period.toDate };
  const listLink = (query: Parameters<typeof shipmentQuerySearch>[0]) => `/app/shipments${shipmentQuerySearch({ ...range, ...query })}`;
  const lookupsTotal = dashboard.selfService.lookupsBySurface.storefront + dashboard.selfService.lookupsBySurface.customer_account + dashboard.selfService.lookupsBySurface.admin;
  const nothingYet = dashboard.shipments === 0 && dashboard.deliveryTimes.overall.deliveries === 0 && lookupsTotal === 0;
  const minutes = dashboard.selfService.estimatedMinutesSaved;

  return (
    <Page
        title="Dashboard"
        subtitle={`${period.fromDate} to ${period.toDate} (${period.timeZone}) · ${shop}`}
        secondaryActions={[{ content: "Shipments", url: listLink({}) }]}
      >
        <BlockStack gap="400">
          <PeriodPicker period={period} />
          {periodError && (
            <Banner tone="warning" title="That period could not be shown">
              <p>{`${periodError}. Showing the last 30 days instead.`}</p>
            </Banner>
          )}
          {unmappedCodes.length > 0 && <UnmappedCodesCard codes={unmappedCodes} />}
          {freshness.length > 0 && <FreshnessCard rows={freshness} />}
          {messages && messages.rows.length > 0 && <MessagesCard rows={messages.rows} lookupsFromMessages={messages.lookupsFromMessages} />}
          {nothingYet ? (
            <Card>
              <EmptyState heading="No shipments in this period yet" image="">
                <p>
                  As soon as you fulfill orders with tracking numbers, this page shows how parcels move through the carriers,
                  how long deliveries take, what needs your attention, and how often shoppers check their order themselves
                  instead of contacting support.
                </p>
              </EmptyState>
            </Card>
          ) : (
            <Layout>
              <Layout.Section>
                <Section title="Needs attention" description="Shipments fulfilled in this period; each count opens exactly those shipments.">
                  <InlineGrid columns={{ xs: 2, md: 5 }} gap="300">
                    {dashboard.attention.map((item) => (
                      <RemixLink key={item.kind} to={listLink({ attention: [item.kind] })} data-attention={item.kind} style={{ textDecoration: "none", color: "inherit" }}>
                        <Metric label={ATTENTION_LABELS[item.kind] ?? item.kind} value={formatCount(item.count)} />
                      </RemixLink>
                    ))}
                  </InlineGrid>
                  {worklist && (
                    <RemixLink to="/app/worklist" data-worklist-open={worklist.unresolved}>
                      {`Worklist: ${formatCount(worklist.unresolved)} open item${worklist.unresolved === 1 ? "" : "s"}${Object.keys(worklist.byKind).length > 0 ? ` (${Object.entries(worklist.byKind).map(([kind, count]) => `${KIND_LABELS[kind as WorklistKind] ?? kind} ${count}`).join(", ")})` : ""}`}
                    </RemixLink>
                  )}
                  {worklist?.returns && worklist.returns.onTheWay + worklist.returns.received > 0 && (
                    <RemixLink to="/app/shipments?return=yes" data-returns-on-the-way={worklist.returns.onTheWay}>
                      {`Returns: ${formatCount(worklist.returns.onTheWay)} on their way back, ${formatCount(worklist.returns.received)} received`}
                    </RemixLink>
                  )}
                </Section>
              </Layout.Section>

              <Layout.Section variant="oneHalf">
                <Section title="Shipments by status" description={`${formatCount(dashboard.shipments)} shipments fulfilled in this period, by how far they got.`}>
                  {dashboard.shipments === 0 ? (
                    <Empty>No shipments were fulfilled in this period.</Empty>
                  ) : (
                    <>
                      <ClientChart height={260} label="Shipments reaching each stage">
                        {() => <FunnelChartNext
                          percentageFormatter={(value) => `${value.toFixed(1)}%`}
                          data={[{ name: "Shipments", data: dashboard.funnel.map((stage) => ({ key: statusLabel(stage.stage), value: stage.count })) }]}
                        />}
                      </ClientChart>
                      <InlineStack gap="300" wrap>
                        {dashboard.funnel.map((stage) => (
                          <Link key={stage.stage} url={listLink({ statuses: stage.statuses })}>
                            {`${statusLabel(stage.stage)}: ${formatCount(stage.count)}`}
                          </Link>
                        ))}
                      </InlineStack>
                    </>
                  )}
                </Section>
              </Layout.Section>
              <Layout.Section variant="oneHalf">
                <Section title="Failure paths" description="Shipments of this period that left the happy path, by current status.">
                  {dashboard.failures.every((failure) => failure.count === 0) ? (
                    <Empty>No failed, returned or stuck shipments in this period.</Empty>
                  ) : (
                    <>
                      <ClientChart height={260} label="Shipments by failure status">
                        {() => <BarChart
                          direction="horizontal"
                          showLegend={false}
                          data={[{ name: "Shipments", data: dashboard.failures.filter((failure) => failure.count > 0).map((failure) => ({ key: statusLabel(failure.status), value: failure.count })) }]}
                        />}
                      </ClientChart>
                      <InlineStack gap="300" wrap>
                        {dashboard.failures.filter((failure) => failure.count > 0).map((failure) => (
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
                <Section
                  title="Delivery time"
                  description="Business days (Monday–Friday in your time zone) from order and from fulfillment to delivery, for shipments delivered in this period."
                >
                  {dashboard.deliveryTimes.overall.deliveries === 0 ? (
                    <Empty>No deliveries in this period yet: delivery times appear with the first delivered parcel.</Empty>
                  ) : (
                    <BlockStack gap="400">
                      <InlineGrid columns={{ xs: 2, md: 5 }} gap="300">
                        <Metric label="Delivered" value={formatCount(dashboard.deliveryTimes.overall.deliveries)} />
                        <Metric label="Fulfillment → delivered P50 / P90" value={`${formatDays(dashboard.deliveryTimes.overall.shipP50)} / ${formatDays(dashboard.deliveryTimes.overall.shipP90)}`} />
                        <Metric label="Order → delivered P50 / P90" value={`${formatDays(dashboard.deliveryTimes.overall.orderP50)} / ${formatDays(dashboard.deliveryTimes.overall.orderP90)}`} />
                        <Metric
                          label="On time vs carrier estimate"
                          value={formatPercent(dashboard.onTime.vsCarrierEstimate.rate)}
                          help={`${formatCount(dashboard.onTime.vsCarrierEstimate.hits)} of ${formatCount(dashboard.onTime.vsCarrierEstimate.eligible)} deliveries that had an estimate`}
                        />
                        <Metric
                          label="On time vs Trackline prediction"
                          value={formatPercent(dashboard.onTime.vsPrediction.rate)}
                          help={dashboard.onTime.vsPrediction.eligible ? `${formatCount(dashboard.onTime.vsPrediction.hits)} of ${formatCount(dashboard.onTime.vsPrediction.eligible)}` : "Appears once predictions are made"}
                        />
                      </InlineGrid>
                      <DataTable
                        columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                        headings={["Carrier", "Delivered", "Ship P50", "Ship P90", "Order P50", "Order P90"]}
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
                        headings={["Lane", "Delivered", "Ship P50", "Ship P90", "Order P50", "Order P90"]}
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

              <Layout.Section variant="oneHalf">
                <Section title="Exceptions and failed attempts" description="Shipments of this period now in exception or after a failed delivery attempt, by reason.">
                  {dashboard.problems.byReason.length === 0 ? (
                    <Empty>No exceptions or failed attempts in this period.</Empty>
                  ) : (
                    <>
                      <ClientChart height={240} label="Exceptions and failed attempts by reason">
                        {() => <BarChart
                          direction="horizontal"
                          data={[
                            { name: "Exception", data: dashboard.problems.byReason.filter((row) => row.status === "exception").map((row) => ({ key: statusLabel(row.reason), value: row.count })) },
                            { name: "Failed attempt", data: dashboard.problems.byReason.filter((row) => row.status === "attempt_failed").map((row) => ({ key: statusLabel(row.reason), value: row.count })) },
                          ]}
                        />}
                      </ClientChart>
                      <DataTable
                        columnContentTypes={["text", "numeric", "numeric"]}
                        headings={["Carrier", "Exceptions", "Failed attempts"]}
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
                <Section title="Self-service tracking" description="Lookups made in this period, by where they happened.">
                  {lookupsTotal === 0 ? (
                    <Empty>No tracking lookups yet: each time a shopper opens the tracking page or their order status page, it is counted here.</Empty>
                  ) : (
                    <BlockStack gap="300">
                      <ClientChart height={220} label="Tracking lookups per day by surface">
                        {() => <BarChart
                          type="stacked"
                          data={(["storefront", "customer_account", "admin"] as const).map((surface) => ({
                            name: surface === "storefront" ? "Storefront page" : surface === "customer_account" ? "Customer account" : "Admin",
                            data: dashboard.selfService.days.map((day) => ({ key: day.date.slice(5), value: day[surface] })),
                          }))}
                        />}
                      </ClientChart>
                      <InlineGrid columns={3} gap="300">
                        <Metric label="Orders checked by the shopper" value={formatPercent(dashboard.selfService.shareChecked)} help={`${formatCount(dashboard.selfService.ordersChecked)} of ${formatCount(dashboard.selfService.orders)} orders fulfilled in this period`} />
                        <Metric label="Lookups per order" value={dashboard.selfService.lookupsPerOrder === null ? "—" : dashboard.selfService.lookupsPerOrder.toFixed(2)} />
                        <Metric
                          label="Support time saved (upper bound)"
                          value={minutes >= 120 ? `${(minutes / 60).toFixed(1)} h` : `${minutes} min`}
                          help={`${formatCount(dashboard.selfService.shopperLookups)} shopper lookups × ${dashboard.selfService.supportMinutesPerInquiry} min per inquiry`}
                        />
                      </InlineGrid>
                      <Text as="p" variant="bodySm" tone="subdued">
                        The estimate assumes each shopper lookup (storefront page or customer account, not admin views) answered a
                        question that would otherwise have reached support, so it is an upper bound; the time saved as measured by
                        the holdout experiment is on the <Link url="/app/wismo">WISMO page</Link>. Change the minutes per inquiry in{" "}
                        <Link url="/app/settings">Settings</Link>.
                      </Text>
                    </BlockStack>
                  )}
                </Section>
              </Layout.Section>

              <Layout.Section>
                <Section title="Carrier scorecard" description="Volume, exception and stalled shares over shipments fulfilled in this period; transit and on-time over deliveries in it.">
                  {dashboard.scorecard.length === 0 ? (
                    <Empty>Carriers appear here with their first shipment.</Empty>
                  ) : (
                    <DataTable
                      columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                      headings={["Carrier", "Volume", "Median transit", "On time", "Exceptions", "Stalled"]}
                      rows={dashboard.scorecard.map((row) => [
                        <Link key={row.carrier} url={listLink({ carriers: [row.carrier] })}>
                          {carrierLabel(row.carrier)}
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
