import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, ButtonGroup, Card, Checkbox, DataTable, InlineGrid, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { BarChart } from "@shopify/polaris-viz";
import { useState } from "react";
import type { WismoActionResult } from "../routes/app.wismo";
import type { WismoDashboard } from "../services/wismo/dashboard.server";
import { ClientChart } from "./ClientChart";
import { carrierLabel, formatCount, formatDateTime, formatPercent, type Serialized } from "./format";

export interface WismoPageProps {
  shop: string;
  appUrl: string;
  credentialsAvailable: boolean;
  periodError: string | null;
  dashboard: Serialized<WismoDashboard>;
}

export const REASON_LABELS: Record<string, string> = {
  where_is_my_order: "Where is my order?",
  delayed: "Delayed",
  delivered_not_received: "Delivered but not received",
  damaged: "Damaged",
  wrong_address: "Wrong address",
  return_question: "Return question",
  other: "Other",
};

const SITUATION_LABELS: Record<string, string> = { on_time: "On time", late: "Late", stalled: "Stalled", delivered: "Delivered", unknown: "No parcel found" };
const SOURCE_LABELS: Record<string, string> = {
  tracking_page: "Tracking page",
  order_status_extension: "Order status page",
  gorgias: "Gorgias",
  zendesk: "Zendesk",
  api: "Helpdesk API",
};

const hours = (minutes: number) => (minutes >= 120 ? `${(minutes / 60).toFixed(1)} h` : `${minutes} min`);
const per100 = (value: number | null) => (value === null ? "—" : value.toFixed(1));

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

function CountTable({ heading, rows, label }: { heading: string; rows: { key: string; count: number }[]; label: (key: string) => string }) {
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <DataTable
      columnContentTypes={["text", "numeric", "numeric"]}
      headings={[heading, "Inquiries", "Share"]}
      rows={rows.slice(0, 10).map((row) => [label(row.key), formatCount(row.count), formatPercent(total > 0 ? row.count / total : null)])}
    />
  );
}

function Holdout({ dashboard }: { dashboard: WismoPageProps["dashboard"] }) {
  const { holdout } = dashboard.report;
  if (!holdout.enabled) {
    return (
      <Text as="p">
        The holdout is off. Turn it on below to hold back proactive notices for a random share of orders and measure what they
        change.
      </Text>
    );
  }
  const estimate = holdout.estimate;
  if (!estimate || estimate.kind === "insufficient") {
    return (
      <Banner tone="info" title="Not enough data yet">
        <p>{estimate ? estimate.reason : "No orders have shipped since the holdout started."}</p>
      </Banner>
    );
  }
  return (
    <BlockStack gap="300">
      <InlineGrid columns={3} gap="300">
        <Metric label="Treated orders" value={`${per100(estimate.treated.per100)} per 100`} help={`${formatCount(estimate.treated.ordersWithInquiry)} of ${formatCount(estimate.treated.orders)} orders asked`} />
        <Metric label="Held-out orders" value={`${per100(estimate.heldOut.per100)} per 100`} help={`${formatCount(estimate.heldOut.ordersWithInquiry)} of ${formatCount(estimate.heldOut.orders)} orders asked`} />
        <Metric
          label="Inquiries avoided per 100 orders"
          value={per100(estimate.avoidedPer100)}
          help={`95% CI ${per100(estimate.lowerPer100)} to ${per100(estimate.upperPer100)}${estimate.significant ? "" : " (includes zero: no measurable effect yet)"}`}
        />
      </InlineGrid>
    </BlockStack>
  );
}

function Settings({ dashboard, credentialsAvailable, appUrl, shop }: Omit<WismoPageProps, "periodError">) {
  const result = useActionData<WismoActionResult>();
  const navigation = useNavigation();
  const [enabled, setEnabled] = useState(dashboard.settings.holdoutEnabled);
  const [percent, setPercent] = useState(String(dashboard.settings.holdoutPercent));
  const [keep, setKeep] = useState(dashboard.settings.keepMessages);
  const [secret, setSecret] = useState("");
  const [kind, setKind] = useState("zendesk");
  return (
    <BlockStack gap="400">
      {result && (
        <Banner tone={result.ok ? "success" : "critical"} title={result.message}>
          {result.secret && (
            <p>
              Paste this secret into your helpdesk now; it is not shown again: <code>{result.secret}</code>
            </p>
          )}
        </Banner>
      )}
      <Form method="post">
        <input type="hidden" name="intent" value="measurement" />
        <BlockStack gap="300">
          <Checkbox
            label="Hold back proactive notices for a random share of orders (holdout experiment)"
            helpText="Orders are assigned by a keyed hash of the order id, so an order is always in the same group. Held-out orders still get Shopify's own emails and the tracking page; only Trackline's proactive notices are held back."
            name="holdoutEnabled"
            checked={enabled}
            onChange={setEnabled}
          />
          <TextField label="Share of orders held out (%)" name="holdoutPercent" type="number" min={1} max={50} value={percent} onChange={setPercent} autoComplete="off" error={result?.fieldErrors.holdoutPercent} />
          {dashboard.settings.holdoutStartedAt && (
            <Text as="p" variant="bodySm" tone="subdued">
              Running since {formatDateTime(dashboard.settings.holdoutStartedAt)}; only orders shipped since then are compared.
            </Text>
          )}
          <Checkbox
            label="Keep shoppers' messages after classification (stored encrypted)"
            helpText={credentialsAvailable ? "Off: only the reason and the parcel's state are kept." : "Needs the CREDENTIALS_KEY encryption key."}
            name="keepMessages"
            checked={keep}
            onChange={setKeep}
            disabled={!credentialsAvailable}
            error={result?.fieldErrors.keepMessages}
          />
          <InlineStack>
            <Button submit loading={navigation.state === "submitting"}>
              Save measurement settings
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          Helpdesks
        </Text>
        <DataTable
          columnContentTypes={["text", "text", "text"]}
          headings={["Helpdesk", "Endpoint", "Authentication"]}
          rows={[
            ["Zendesk", `${appUrl}/webhooks/helpdesk/zendesk/${shop}`, dashboard.settings.helpdesks.zendesk ? "Signing secret set" : "Paste the webhook's signing secret"],
            ["Gorgias", `${appUrl}/webhooks/helpdesk/gorgias/${shop}`, dashboard.settings.helpdesks.gorgias ? "Header secret set" : "Generate a secret for the X-Trackline-Secret header"],
            ["Other (API)", `${appUrl}/webhooks/helpdesk/api/${shop}`, dashboard.settings.helpdesks.api ? "HMAC secret set" : "Generate a secret for X-Trackline-Signature"],
          ]}
        />
        {credentialsAvailable ? (
          <Form method="post">
            <input type="hidden" name="intent" value="helpdesk-secret" />
            <InlineStack gap="200" blockAlign="end">
              <Select
                label="Helpdesk"
                name="kind"
                options={[
                  { label: "Zendesk", value: "zendesk" },
                  { label: "Gorgias", value: "gorgias" },
                  { label: "Other (API)", value: "api" },
                ]}
                value={kind}
                onChange={setKind}
              />
              <TextField label="Secret (blank: generate one, not for Zendesk)" name="secret" value={secret} onChange={setSecret} autoComplete="off" error={result?.fieldErrors.secret} />
              <Button submit>Save secret</Button>
            </InlineStack>
          </Form>
        ) : (
          <Text as="p" tone="subdued">
            Helpdesk secrets are stored encrypted; set CREDENTIALS_KEY to connect a helpdesk.
          </Text>
        )}
      </BlockStack>
    </BlockStack>
  );
}

export function WismoPage({ shop, appUrl, credentialsAvailable, periodError, dashboard }: WismoPageProps) {
  const { report } = dashboard;
  const measured = report.timeSaved.measuredMinutes;
  return (
    <Page title="WISMO" subtitle="Where-is-my-order inquiries, why they happen, and what tracking saves">
      <Layout>
        <Layout.Section>
          <InlineStack gap="300">
            <ButtonGroup variant="segmented">
              {(["7", "30", "90"] as const).map((days) => (
                <Button key={days} url={`/app/wismo?period=${days}`} pressed={dashboard.period.preset === days}>
                  {`Last ${days} days`}
                </Button>
              ))}
            </ButtonGroup>
          </InlineStack>
          {periodError && <Banner tone="warning" title={periodError} />}
        </Layout.Section>
        <Layout.Section>
          <Section title="Inquiries" description={`${dashboard.period.fromDate} to ${dashboard.period.toDate}: inquiries made in the period per 100 orders shipped in it.`}>
            <InlineGrid columns={4} gap="300">
              <Metric label="Inquiries per 100 orders" value={per100(report.per100)} help={`${formatCount(report.inquiries)} inquiries, ${formatCount(report.orders)} orders`} />
              <Metric label="Had looked at tracking first" value={formatPercent(report.lookedFirst)} />
              <Metric label="Had been notified first" value={formatPercent(report.notifiedFirst)} />
              <Metric
                label="Support time saved (measured)"
                value={measured === null ? "—" : hours(measured)}
                help={
                  measured === null
                    ? "Needs the holdout experiment with enough data"
                    : `${formatCount(report.timeSaved.avoidedInquiries ?? 0)} avoided inquiries × ${report.timeSaved.minutesPerInquiry} min`
                }
              />
            </InlineGrid>
            <Text as="p" variant="bodySm" tone="subdued">
              Upper bound, not a measurement: {hours(report.timeSaved.upperBoundMinutes)} ({formatCount(report.timeSaved.shopperLookups)} shopper lookups ×{" "}
              {report.timeSaved.minutesPerInquiry} min, as if every lookup replaced an inquiry).
            </Text>
            {report.inquiries > 0 && (
              <ClientChart height={220} label="Inquiries per 100 orders by day">
                {() => <BarChart data={[{ name: "Inquiries per 100 orders", data: report.days.map((day) => ({ key: day.date.slice(5), value: day.per100 === null ? 0 : Number(day.per100.toFixed(2)) })) }]} />}
              </ClientChart>
            )}
          </Section>
        </Layout.Section>
        <Layout.Section>
          <Section title="Holdout experiment" description="Inquiries per 100 orders for orders that got proactive notices (treated) and orders that did not (held out), with a 95% confidence interval (Newcombe's hybrid score method).">
            <Holdout dashboard={dashboard} />
          </Section>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Section title="Top reasons">
            <CountTable heading="Reason" rows={report.byReason} label={(key) => REASON_LABELS[key] ?? key} />
          </Section>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Section title="Parcel when the shopper asked">
            <CountTable heading="Parcel" rows={report.bySituation} label={(key) => SITUATION_LABELS[key] ?? key} />
          </Section>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Section title="By carrier">
            <CountTable heading="Carrier" rows={report.byCarrier} label={(key) => (key === "unknown" ? "Unknown" : carrierLabel(key))} />
          </Section>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Section title="By lane">
            <CountTable heading="Lane" rows={report.byLane} label={(key) => (key === "unknown" ? "Unknown" : key.replace(">", " → "))} />
          </Section>
        </Layout.Section>
        <Layout.Section>
          <Section title="Latest inquiries" description="What shoppers asked, where, and the parcel's state at that moment.">
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text", "text"]}
              headings={["When", "Source", "Reason", "Parcel", "Order", "Message"]}
              rows={dashboard.recent.map((inquiry) => [
                formatDateTime(inquiry.createdAt),
                SOURCE_LABELS[inquiry.source] ?? inquiry.source,
                REASON_LABELS[inquiry.reason] ?? inquiry.reason,
                inquiry.parcelStatus ? `${inquiry.parcelStatus}${inquiry.parcelLate ? ", late" : ""}${inquiry.parcelStalled ? ", stalled" : ""}` : "—",
                inquiry.orderId ? inquiry.orderId.replace("gid://shopify/Order/", "") : "not matched",
                inquiry.message ?? (inquiry.messageKept ? "(kept, unreadable with this key)" : "—"),
              ])}
            />
          </Section>
        </Layout.Section>
        <Layout.Section>
          <Section title="Measurement settings">
            <Settings dashboard={dashboard} credentialsAvailable={credentialsAvailable} appUrl={appUrl} shop={shop} />
          </Section>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
