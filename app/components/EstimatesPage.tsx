import { BlockStack, Card, DataTable, Layout, Page, Text } from "@shopify/polaris";
import { BarChart } from "@shopify/polaris-viz";
import type { SourceScore } from "../domain/eta/calibration";
import type { EstimatesPage as EstimatesData } from "../services/estimates/calibration.server";
import { ClientChart } from "./ClientChart";
import { carrierLabel, formatCount, formatPercent } from "./format";

const REASONS: Record<string, string> = {
  trackline_more_accurate: "Trackline has been more accurate on this lane",
  carrier_more_accurate: "the carrier has been more accurate on this lane",
  not_enough_history: "not enough deliveries with both estimates yet: the carrier's is kept",
  no_carrier_estimate: "the carrier gives no estimate",
};

function days(value: number | null): string {
  return value === null ? "—" : `${value.toFixed(1)} d`;
}

function scoreCells(score: SourceScore): string[] {
  return [days(score.meanErrorDays), formatPercent(score.windowCoverage), formatPercent(score.lateRate)];
}

export function EstimatesPage({ page }: { page: EstimatesData }) {
  const { overall, lanes, histogram, model } = page;
  return (
    <Page title="Delivery estimates" subtitle={`Delivered in the last ${page.days} days`}>
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                How the estimates did
              </Text>
              <Text as="p" tone="subdued">
                {`Trackline learns transit times from ${formatCount(model.observations)} deliveries (${formatCount(model.lanes)} lanes)` +
                  (model.refreshedAt ? `, last refreshed ${new Date(model.refreshedAt).toUTCString()}.` : ". The worker has not built the model yet.")}
              </Text>
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
                headings={["Estimate", "Parcels", "P50 error", "Window coverage", "Late rate"]}
                rows={[
                  ["Trackline", formatCount(overall.trackline.parcels), ...scoreCells(overall.trackline)],
                  ["Carrier", formatCount(overall.carrierEstimate.parcels), ...scoreCells(overall.carrierEstimate)],
                ]}
              />
              <Text as="p" tone="subdued">
                P50 error: mean days between the first estimate and the delivery. Window coverage: delivered inside the window
                (Trackline aims for 80 %). Late rate: delivered after the end of the window the shopper was shown.
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Predicted vs actual
              </Text>
              <Text as="p" tone="subdued">
                Parcels by days delivered after (positive) or before (negative) the first estimate.
              </Text>
              <ClientChart height={260} label="Delivery day minus estimated day, Trackline and carrier">
                {() => (
                  <BarChart
                    data={[
                      { name: "Trackline", data: histogram.map((bucket) => ({ key: String(bucket.errorDays), value: bucket.trackline })) },
                      { name: "Carrier", data: histogram.map((bucket) => ({ key: String(bucket.errorDays), value: bucket.carrier })) },
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
                By carrier and lane
              </Text>
              <DataTable
                columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "text"]}
                headings={["Carrier", "Lane", "Parcels", "Trackline P50 error", "Trackline coverage", "Trackline late", "Carrier error", "Carrier coverage", "Carrier late", "Shoppers see"]}
                rows={lanes.map((lane) => [
                  carrierLabel(lane.carrier),
                  lane.lane,
                  formatCount(lane.parcels),
                  ...scoreCells(lane.trackline),
                  ...scoreCells(lane.carrierEstimate),
                  lane.choice ? `${lane.choice.source === "trackline" ? "Trackline" : "Carrier"}: ${REASONS[lane.choice.reason]}` : "—",
                ])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
