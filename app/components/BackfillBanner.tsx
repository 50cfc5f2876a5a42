import { useRouteLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Box, ProgressBar, Text } from "@shopify/polaris";
import type { BackfillBannerData } from "../services/backfill/banner.server";

/**
 * Progress of the import of the shop's recent fulfillments (after install, or `cli backfill`):
 * counts while it runs, the reason when it stopped, a short confirmation when it finished.
 */
export function BackfillBanner() {
  // The admin layout's loader (routes/app) provides it on every admin page.
  const progress = useRouteLoaderData<{ backfill?: BackfillBannerData | null }>("routes/app")?.backfill ?? null;
  if (!progress) return null;
  return (
    <Box paddingInline="400" paddingBlockStart="400">
      <BackfillBannerContent progress={progress} />
    </Box>
  );
}

export function BackfillBannerContent({ progress }: { progress: BackfillBannerData }) {
  const window = progress.days ? `the last ${progress.days} days` : "your recent orders";
  const counts = progress.total === null ? `${progress.imported} orders` : `${progress.imported} of ${progress.total} orders`;
  switch (progress.status) {
    case "queued":
      return (
        <Banner tone="info" title="Importing your recent fulfillments">
          <Text as="p">Trackline is about to import the fulfillments of {window}; their parcels appear here as they arrive.</Text>
        </Banner>
      );
    case "running": {
      const percent = progress.total ? Math.min(100, Math.round((progress.imported / progress.total) * 100)) : 0;
      return (
        <Banner tone="info" title="Importing your recent fulfillments">
          <BlockStack gap="200">
            <Text as="p">
              {counts} imported from {window}.
            </Text>
            <ProgressBar progress={percent} size="small" tone="primary" />
          </BlockStack>
        </Banner>
      );
    }
    case "failed":
      return (
        <Banner tone="warning" title="The import of your recent fulfillments paused">
          <Text as="p">
            {counts} imported so far. Trackline retries on its own and resumes where it stopped{progress.error ? ` (${progress.error})` : ""}.
          </Text>
        </Banner>
      );
    case "done":
      return (
        <Banner tone="success" title="Recent fulfillments imported">
          <Text as="p">
            {counts} from {window} are now tracked. New fulfillments arrive on their own.
          </Text>
        </Banner>
      );
    default:
      return null;
  }
}
