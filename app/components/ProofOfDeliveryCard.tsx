import { BlockStack, Card, InlineGrid, Link, Text } from "@shopify/polaris";
import type { ProofOfDeliveryView } from "@trackline/shared";

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
  if (!pod) return null;
  const links = [
    ...pod.photoUrls.map((url, index) => ({ url, label: `Photo ${index + 1}` })),
    ...(pod.signatureUrl ? [{ url: pod.signatureUrl, label: "Signature" }] : []),
    ...(pod.documentUrl ? [{ url: pod.documentUrl, label: "Carrier proof of delivery" }] : []),
  ];
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Proof of delivery
        </Text>
        <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
          <Item label="Signed by" value={pod.signedBy ?? "—"} />
          <Item label="Left at" value={pod.leftAt ?? "—"} />
          <Item label="Local time of delivery" value={pod.localTime ?? "—"} />
          <Item label="Delivery scan address" value={pod.address ?? "—"} />
          {pod.coordinates && (
            <Item
              label="GPS"
              value={
                <Link url={`https://www.openstreetmap.org/?mlat=${pod.coordinates.latitude}&mlon=${pod.coordinates.longitude}`} target="_blank">
                  {`${pod.coordinates.latitude}, ${pod.coordinates.longitude}`}
                </Link>
              }
            />
          )}
          {links.map((link) => (
            <Item key={link.url} label={link.label} value={<Link url={link.url} target="_blank">Open</Link>} />
          ))}
          {pod.imageOnFile && <Item label="Image" value="The carrier holds a signature or photo (no link offered)" />}
        </InlineGrid>
      </BlockStack>
    </Card>
  );
}
