import { BlockStack } from "@shopify/polaris/build/esm/components/BlockStack/BlockStack.js";
import { Card } from "@shopify/polaris/build/esm/components/Card/Card.js";
import { InlineGrid } from "@shopify/polaris/build/esm/components/InlineGrid/InlineGrid.js";
import { Link } from "@shopify/polaris/build/esm/components/Link/Link.js";
import { Text } from "@shopify/polaris/build/esm/components/Text/Text.js";
import type { ProofOfDeliveryView } from "@trackline/shared";
import { useAdminFormat } from "./use-admin-format";

function Item({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <BlockStack gap="050">
      <Text as="p" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <div>{value}</div>
    </BlockStack>
  );
}

/** What the carrier stated at delivery; a carrier that sent part of it shows that part. */
export function ProofOfDeliveryCard({ pod }: { pod: ProofOfDeliveryView | null }) {
  const { t } = useAdminFormat();
  if (!pod) return null;
  const links = [
    ...pod.photoUrls.map((url, index) => ({ url, label: t("shipment.podPhoto", { number: index + 1 }) })),
    ...(pod.signatureUrl ? [{ url: pod.signatureUrl, label: t("shipment.podSignature") }] : []),
    ...(pod.documentUrl ? [{ url: pod.documentUrl, label: t("shipment.podDocument") }] : []),
  ];
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("shipment.podTitle")}
        </Text>
        <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
          <Item label={t("shipment.podSignedBy")} value={pod.signedBy ?? "—"} />
          <Item label={t("shipment.podLeftAt")} value={pod.leftAt ?? "—"} />
          <Item label={t("shipment.podLocalTime")} value={pod.localTime ?? "—"} />
          <Item label={t("shipment.podAddress")} value={pod.address ?? "—"} />
          {pod.coordinates && (
            <Item
              label={t("shipment.podGps")}
              value={
                <Link url={`https://www.openstreetmap.org/?mlat=${pod.coordinates.latitude}&mlon=${pod.coordinates.longitude}`} target="_blank">
                  {`${pod.coordinates.latitude}, ${pod.coordinates.longitude}`}
                </Link>
              }
            />
          )}
          {links.map((link) => (
            <Item
              key={link.url}
              label={link.label}
              value={
                <Link url={link.url} target="_blank" accessibilityLabel={`${t("shipment.podOpen")}: ${link.label}`}>
                  {t("shipment.podOpen")}
                </Link>
              }
            />
          ))}
          {pod.imageOnFile && <Item label={t("shipment.podImage")} value={t("shipment.podImageOnFile")} />}
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}
