import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Banner } from "@shopify/polaris/build/esm/components/Banner/Banner.js";
import { BlockStack } from "@shopify/polaris/build/esm/components/BlockStack/BlockStack.js";
import { Button } from "@shopify/polaris/build/esm/components/Button/Button.js";
import { ButtonGroup } from "@shopify/polaris/build/esm/components/ButtonGroup/ButtonGroup.js";
import { Card } from "@shopify/polaris/build/esm/components/Card/Card.js";
import { Checkbox } from "@shopify/polaris/build/esm/components/Checkbox/Checkbox.js";
import { InlineGrid } from "@shopify/polaris/build/esm/components/InlineGrid/InlineGrid.js";
import { InlineStack } from "@shopify/polaris/build/esm/components/InlineStack/InlineStack.js";
import { Layout } from "@shopify/polaris/build/esm/components/Layout/Layout.js";
import { Page } from "@shopify/polaris/build/esm/components/Page/Page.js";
import { Select } from "@shopify/polaris/build/esm/components/Select/Select.js";
import { Text } from "@shopify/polaris/build/esm/components/Text/Text.js";
import { TextField } from "@shopify/polaris/build/esm/components/TextField/TextField.js";
import { BarChart } from "@shopify/polaris-viz";
import { useState } from "react";
import type { WismoDashboard } from "~/services/wismo/dashboard.server";
import { ClientChart } from "./ClientChart";
import { ScrollableDataTable } from "./ScrollableDataTable";
import type { AdminMessageKey } from "~/i18n/catalog.server";
import type { Serialized } from "./format";
import { useAdminFormat } from "./use-admin-format";

/** What the WISMO page's actions answer (settings saved, secrets generated), per intent. */
export type WismoActionResult = { intent: string; ok: boolean; message: string; fieldErrors: Record<string, string>; secret?: string };

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

const SITUATIONS = ["on_time", "late", "stalled", "delivered", "unknown"];
/** Helpdesks keep their own names. */
const SOURCE_NAMES: Record<string, string> = { gorgias: "Gorgias", zendesk: "Zendesk" };
const SOURCES = ["tracking_page", "order_status_extension", "api"];

/** The page's labels and numbers in the staff member's locale. */
function useWismoFormat() {
  const format = useAdminFormat();
  const { t, intl } = format;
  const known = (prefix: string, code: string, codes: readonly string[]) => (codes.includes(code) ? t(`wismo.${prefix}_${code}` as AdminMessageKey) : code);
  return {
    ...format,
    reasonLabel: (key: string) => known("reason", key, Object.keys(REASON_LABELS)),
    situationLabel: (key: string) => known("situation", key, SITUATIONS),
    sourceLabel: (key: string) => SOURCE_NAMES[key] ?? known("source", key, SOURCES),
    hours: (minutes: number) =>
      minutes >= 120
        ? intl.formatNumber(minutes / 60, { style: "unit", unit: "hour", unitDisplay: "short", minimumFractionDigits: 1, maximumFractionDigits: 1 })
        : intl.formatNumber(minutes, { style: "unit", unit: "minute", unitDisplay: "short" }),
    per100: (value: number | null) => (value === null ? t("common.none") : intl.formatNumber(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 })),
  };
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
  const { t, formatCount, formatPercent } = useWismoFormat();
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <ScrollableDataTable
      label={heading}
      columnContentTypes={["text", "numeric", "numeric"]}
      headings={[heading, t("wismo.inquiries"), t("wismo.share")]}
      rows={rows.slice(0, 10).map((row) => [label(row.key), formatCount(row.count), formatPercent(total > 0 ? row.count / total : null)])}
    />
  );
}

function Holdout({ dashboard }: { dashboard: WismoPageProps["dashboard"] }) {
  const { t, formatCount, per100 } = useWismoFormat();
  const { holdout } = dashboard.report;
  if (!holdout.enabled) {
    return <Text as="p">{t("wismo.holdoutOff")}</Text>;
  }
  const estimate = holdout.estimate;
  if (!estimate || estimate.kind === "insufficient") {
    return (
      <Banner tone="info" title={t("wismo.notEnough")}>
        <p>
          {estimate
            ? t("wismo.insufficient", {
                treated: formatCount(estimate.treated.orders),
                heldOut: formatCount(estimate.heldOut.orders),
                asked: formatCount(estimate.treated.ordersWithInquiry + estimate.heldOut.ordersWithInquiry),
              })
            : t("wismo.noOrdersYet")}
        </p>
      </Banner>
    );
  }
  const asked = (group: { ordersWithInquiry: number; orders: number }) => t("wismo.asked", { asked: formatCount(group.ordersWithInquiry), orders: formatCount(group.orders) });
  const interval = { lower: per100(estimate.lowerPer100), upper: per100(estimate.upperPer100) };
  return (
    <BlockStack gap="300">
      <InlineGrid columns={3} gap="300">
        <Metric label={t("wismo.treated")} value={t("wismo.perHundred", { value: per100(estimate.treated.per100) })} help={asked(estimate.treated)} />
        <Metric label={t("wismo.heldOut")} value={t("wismo.perHundred", { value: per100(estimate.heldOut.per100) })} help={asked(estimate.heldOut)} />
        <Metric
          label={t("wismo.avoided")}
          value={per100(estimate.avoidedPer100)}
          help={estimate.significant ? t("wismo.interval", interval) : t("wismo.intervalZero", interval)}
        />
      </InlineGrid>
    </BlockStack>
  );
}

function Settings({ dashboard, credentialsAvailable, appUrl, shop }: Omit<WismoPageProps, "periodError">) {
  const { t, formatDateTime } = useWismoFormat();
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
              {t("wismo.secretOnce")} <code>{result.secret}</code>
            </p>
          )}
        </Banner>
      )}
      <Form method="post">
        <input type="hidden" name="intent" value="measurement" />
        <BlockStack gap="300">
          <Checkbox
            label={t("wismo.holdoutLabel")}
            helpText={t("wismo.holdoutLabelHelp")}
            name="holdoutEnabled"
            checked={enabled}
            onChange={setEnabled}
          />
          <TextField label={t("wismo.holdoutPercent")} name="holdoutPercent" type="number" min={1} max={50} value={percent} onChange={setPercent} autoComplete="off" error={result?.fieldErrors.holdoutPercent} />
          {dashboard.settings.holdoutStartedAt && (
            <Text as="p" variant="bodySm" tone="subdued">
              {t("wismo.runningSince", { date: formatDateTime(dashboard.settings.holdoutStartedAt) })}
            </Text>
          )}
          {credentialsAvailable ? (
            <Checkbox
              label={t("wismo.keepMessages")}
              helpText={t("wismo.keepMessagesHelp")}
              name="keepMessages"
              checked={keep}
              onChange={setKeep}
              error={result?.fieldErrors.keepMessages}
            />
          ) : (
            // Not a disabled checkbox (its faded help text is unreadable): say what it needs.
            <Text as="p" tone="subdued">
              {`${t("wismo.keepMessages")}: ${t("wismo.needsKey")}`}
            </Text>
          )}
          <InlineStack>
            <Button submit loading={navigation.state === "submitting"}>
              {t("wismo.saveMeasurement")}
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          {t("wismo.helpdesks")}
        </Text>
        <ScrollableDataTable
          label={t("wismo.helpdesks")}
          columnContentTypes={["text", "text", "text"]}
          headings={[t("wismo.helpdesk"), t("wismo.endpoint"), t("wismo.authentication")]}
          rows={[
            ["Zendesk", `${appUrl}/webhooks/helpdesk/zendesk/${shop}`, dashboard.settings.helpdesks.zendesk ? t("wismo.zendeskSet") : t("wismo.zendeskUnset")],
            ["Gorgias", `${appUrl}/webhooks/helpdesk/gorgias/${shop}`, dashboard.settings.helpdesks.gorgias ? t("wismo.gorgiasSet") : t("wismo.gorgiasUnset")],
            [t("wismo.otherApi"), `${appUrl}/webhooks/helpdesk/api/${shop}`, dashboard.settings.helpdesks.api ? t("wismo.apiSet") : t("wismo.apiUnset")],
          ]}
        />
        {credentialsAvailable ? (
          <Form method="post">
            <input type="hidden" name="intent" value="helpdesk-secret" />
            <InlineStack gap="200" blockAlign="end">
              <Select
                label={t("wismo.helpdesk")}
                name="kind"
                options={[
                  { label: "Zendesk", value: "zendesk" },
                  { label: "Gorgias", value: "gorgias" },
                  { label: t("wismo.otherApi"), value: "api" },
                ]}
                value={kind}
                onChange={setKind}
              />
              <TextField label={t("wismo.secretLabel")} name="secret" value={secret} onChange={setSecret} autoComplete="off" error={result?.fieldErrors.secret} />
              <Button submit>{t("wismo.saveSecret")}</Button>
            </InlineStack>
          </Form>
        ) : (
          <Text as="p" tone="subdued">
            {t("wismo.secretsNeedKey")}
          </Text>
        )}
      </BlockStack>
    </BlockStack>
  );
}

export function WismoPage({ shop, appUrl, credentialsAvailable, periodError, dashboard }: WismoPageProps) {
  const { t, formatCount, formatPercent, formatDateTime, carrierLabel, reasonLabel, situationLabel, sourceLabel, hours, per100, statusLabel, formatDate } = useWismoFormat();
  const { report } = dashboard;
  const measured = report.timeSaved.measuredMinutes;
  return (
    <Page title={t("wismo.title")} subtitle={t("wismo.subtitle")}>
      <Layout>
        <Layout.Section>
          <InlineStack gap="300">
            <ButtonGroup variant="segmented">
              {(["7", "30", "90"] as const).map((days) => (
                <Button key={days} url={`/app/wismo?period=${days}`} pressed={dashboard.period.preset === days}>
                  {t("wismo.lastDays", { days })}
                </Button>
              ))}
            </ButtonGroup>
          </InlineStack>
          {periodError && (
            <Banner tone="warning" title={t("dashboard.periodErrorTitle")}>
              <p>{t("dashboard.periodErrorBody")}</p>
            </Banner>
          )}
        </Layout.Section>
        <Layout.Section>
          <Section
            title={t("wismo.inquiries")}
            description={t("wismo.inquiriesHelp", { from: formatDate(dashboard.period.fromDate), to: formatDate(dashboard.period.toDate) })}
          >
            <InlineGrid columns={4} gap="300">
              <Metric
                label={t("wismo.per100")}
                value={per100(report.per100)}
                help={t("wismo.per100Help", { inquiries: formatCount(report.inquiries), orders: formatCount(report.orders) })}
              />
              <Metric label={t("wismo.lookedFirst")} value={formatPercent(report.lookedFirst)} />
              <Metric label={t("wismo.notifiedFirst")} value={formatPercent(report.notifiedFirst)} />
              <Metric
                label={t("wismo.timeSaved")}
                value={measured === null ? t("common.none") : hours(measured)}
                help={
                  measured === null
                    ? t("wismo.timeSavedNeeds")
                    : t("wismo.timeSavedHelp", { avoided: formatCount(report.timeSaved.avoidedInquiries ?? 0), minutes: formatCount(report.timeSaved.minutesPerInquiry) })
                }
              />
            </InlineGrid>
            <Text as="p" variant="bodySm" tone="subdued">
              {t("wismo.upperBound", {
                time: hours(report.timeSaved.upperBoundMinutes),
                lookups: formatCount(report.timeSaved.shopperLookups),
                minutes: formatCount(report.timeSaved.minutesPerInquiry),
              })}
            </Text>
            {report.inquiries > 0 && (
              <ClientChart height={220} label={t("wismo.chartLabel")}>
                {() => <BarChart data={[{ name: t("wismo.per100"), data: report.days.map((day) => ({ key: day.date.slice(5), value: day.per100 === null ? 0 : Number(day.per100.toFixed(2)) })) }]} />}
              </ClientChart>
            )}
          </Section>
        </Layout.Section>
        <Layout.Section>
          <Section title={t("wismo.holdoutTitle")} description={t("wismo.holdoutHelp")}>
            <Holdout dashboard={dashboard} />
          </Section>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Section title={t("wismo.topReasons")}>
            <CountTable heading={t("wismo.reason")} rows={report.byReason} label={reasonLabel} />
          </Section>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Section title={t("wismo.situationTitle")}>
            <CountTable heading={t("wismo.parcel")} rows={report.bySituation} label={situationLabel} />
          </Section>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Section title={t("wismo.byCarrier")}>
            <CountTable heading={t("wismo.carrier")} rows={report.byCarrier} label={(key) => (key === "unknown" ? t("wismo.unknown") : carrierLabel(key))} />
          </Section>
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Section title={t("wismo.byLane")}>
            <CountTable heading={t("wismo.lane")} rows={report.byLane} label={(key) => (key === "unknown" ? t("wismo.unknown") : key.replace(">", " → "))} />
          </Section>
        </Layout.Section>
        <Layout.Section>
          <Section title={t("wismo.latest")} description={t("wismo.latestHelp")}>
            <ScrollableDataTable
              label={t("wismo.latest")}
              columnContentTypes={["text", "text", "text", "text", "text", "text"]}
              headings={[t("wismo.when"), t("wismo.source"), t("wismo.reason"), t("wismo.parcel"), t("wismo.order"), t("wismo.message")]}
              rows={dashboard.recent.map((inquiry) => [
                formatDateTime(inquiry.createdAt),
                sourceLabel(inquiry.source),
                reasonLabel(inquiry.reason),
                inquiry.parcelStatus
                  ? [statusLabel(inquiry.parcelStatus), ...(inquiry.parcelLate ? [t("wismo.late")] : []), ...(inquiry.parcelStalled ? [t("wismo.stalled")] : [])].join(", ")
                  : t("common.none"),
                inquiry.orderId ? inquiry.orderId.replace("gid://shopify/Order/", "") : t("wismo.notMatched"),
                inquiry.message ?? (inquiry.messageKept ? t("wismo.unreadable") : t("common.none")),
              ])}
            />
          </Section>
        </Layout.Section>
        <Layout.Section>
          <Section title={t("wismo.settingsTitle")}>
            <Settings dashboard={dashboard} credentialsAvailable={credentialsAvailable} appUrl={appUrl} shop={shop} />
          </Section>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
