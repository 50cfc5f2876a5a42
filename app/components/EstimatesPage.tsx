import { BlockStack } from "@shopify/polaris/build/esm/components/BlockStack/BlockStack.js";
import { Card } from "@shopify/polaris/build/esm/components/Card/Card.js";
import { Layout } from "@shopify/polaris/build/esm/components/Layout/Layout.js";
import { Page } from "@shopify/polaris/build/esm/components/Page/Page.js";
import { Text } from "@shopify/polaris/build/esm/components/Text/Text.js";
import type { SourceScore } from "~/domain/eta/calibration";
import type { EstimatesPage as EstimatesData } from "~/services/estimates/calibration.server";
import { BarChart } from "./charts";
import { ClientChart } from "./ClientChart";
import { ScrollableDataTable } from "./ScrollableDataTable";
import { useAdminFormat } from "./use-admin-format";

const REASONS = ["trackline_more_accurate", "carrier_more_accurate", "not_enough_history", "no_carrier_estimate"] as const;

export function EstimatesPage({ page }: { page: EstimatesData }) {
  const { overall, lanes, histogram, model } = page;
  const { t, intl, carrierLabel, formatCount, formatPercent, formatDateTime } = useAdminFormat();
  const days = (value: number | null) =>
    value === null ? t("common.none") : t("estimates.days", { days: intl.formatNumber(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
  const scoreCells = (score: SourceScore): string[] => [days(score.meanErrorDays), formatPercent(score.windowCoverage), formatPercent(score.lateRate)];
  const reason = (key: string) =>
    (REASONS as readonly string[]).includes(key) ? t(`estimates.reason_${key}` as "estimates.reason_no_carrier_estimate") : key;
  const modelValues = { observations: formatCount(model.observations), lanes: formatCount(model.lanes) };
  return (
    <Page title={t("estimates.title")} subtitle={t("estimates.subtitle", { days: page.days })}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("estimates.howTheyDid")}
              </Text>
              <Text as="p" tone="subdued">
                {model.refreshedAt
                  ? t("estimates.learned", { ...modelValues, refreshedAt: formatDateTime(model.refreshedAt) })
                  : t("estimates.notBuilt", modelValues)}
              </Text>
              <ScrollableDataTable
                label={t("estimates.howTheyDid")}
                columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
                headings={[t("estimates.estimate"), t("estimates.parcels"), t("estimates.p50Error"), t("estimates.coverage"), t("estimates.lateRate")]}
                rows={[
                  [t("estimates.trackline"), formatCount(overall.trackline.parcels), ...scoreCells(overall.trackline)],
                  [t("estimates.carrier"), formatCount(overall.carrierEstimate.parcels), ...scoreCells(overall.carrierEstimate)],
                ]}
              />
              <Text as="p" tone="subdued">
                {t("estimates.explain", { target: intl.formatNumber(0.8, { style: "percent" }) })}
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("estimates.predictedVsActual")}
              </Text>
              <Text as="p" tone="subdued">
                {t("estimates.histogramHelp")}
              </Text>
              <ClientChart height={260} label={t("estimates.chartLabel")}>
                {() => (
                  <BarChart
                    data={[
                      { name: t("estimates.trackline"), data: histogram.map((bucket) => ({ key: String(bucket.errorDays), value: bucket.trackline })) },
                      { name: t("estimates.carrier"), data: histogram.map((bucket) => ({ key: String(bucket.errorDays), value: bucket.carrier })) },
                    ]}
                  />
                )}
              </ClientChart>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                {t("estimates.byLane")}
              </Text>
              <ScrollableDataTable
                label={t("estimates.byLane")}
                columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "text"]}
                headings={[
                  t("estimates.carrier"),
                  t("estimates.lane"),
                  t("estimates.parcels"),
                  t("estimates.tracklineError"),
                  t("estimates.tracklineCoverage"),
                  t("estimates.tracklineLate"),
                  t("estimates.carrierError"),
                  t("estimates.carrierCoverage"),
                  t("estimates.carrierLate"),
                  t("estimates.shoppersSee"),
                ]}
                rows={lanes.map((lane) => [
                  carrierLabel(lane.carrier),
                  lane.lane,
                  formatCount(lane.parcels),
                  ...scoreCells(lane.trackline),
                  ...scoreCells(lane.carrierEstimate),
                  lane.choice
                    ? t("estimates.choice", { source: lane.choice.source === "trackline" ? t("estimates.trackline") : t("estimates.carrier"), reason: reason(lane.choice.reason) })
                    : t("common.none"),
                ])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
