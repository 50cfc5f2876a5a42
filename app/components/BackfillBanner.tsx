import { useRouteLoaderData } from "@remix-run/react";
import { Banner } from "@shopify/polaris/build/esm/components/Banner/Banner.js";
import { BlockStack } from "@shopify/polaris/build/esm/components/BlockStack/BlockStack.js";
import { Box } from "@shopify/polaris/build/esm/components/Box/Box.js";
import { ProgressBar } from "@shopify/polaris/build/esm/components/ProgressBar/ProgressBar.js";
import { Text } from "@shopify/polaris/build/esm/components/Text/Text.js";
import { useId } from "react";
import type { BackfillBannerData } from "~/services/backfill/banner.server";
import { useAdminFormat } from "./use-admin-format";

/**
 * Progress of the import of the shop's recent fulfillments (after install, or `cli backfill`):
 * counts while it runs, the reason when it stopped, a short confirmation when it finished.
 * It sits above the page, in a named region of its own, so it belongs to a landmark like
 * everything else on the page.
 */
export function BackfillBanner() {
  const { t } = useAdminFormat();
  // The admin layout's loader (routes/app) provides it on every admin page.
  const progress = useRouteLoaderData<{ backfill?: BackfillBannerData | null }>("routes/app")?.backfill ?? null;
  if (!progress) return null;
  return (
    <section aria-label={t("backfill.regionLabel")}>
      <Box paddingInline="400" paddingBlockStart="400">
        <BackfillBannerContent progress={progress} />
      </Box>
    </section>
  );
}

export function BackfillBannerContent({ progress }: { progress: BackfillBannerData }) {
  const { t, formatCount } = useAdminFormat();
  const countId = useId();
  const count =
    progress.total === null
      ? t("backfill.count", { imported: formatCount(progress.imported) })
      : t("backfill.countOf", { imported: formatCount(progress.imported), total: formatCount(progress.total) });
  const days = progress.days ?? null;
  switch (progress.status) {
    case "queued":
      return (
        <Banner tone="info" title={t("backfill.title")}>
          <Text as="p">{days === null ? t("backfill.queuedRecent") : t("backfill.queuedDays", { days })}</Text>
        </Banner>
      );
    case "running": {
      const percent = progress.total ? Math.min(100, Math.round((progress.imported / progress.total) * 100)) : 0;
      return (
        <Banner tone="info" title={t("backfill.title")}>
          <BlockStack gap="200">
            <Text as="p" id={countId}>
              {days === null ? t("backfill.runningRecent", { count }) : t("backfill.runningDays", { count, days })}
            </Text>
            <ProgressBar progress={percent} size="small" tone="primary" ariaLabelledBy={countId} />
          </BlockStack>
        </Banner>
      );
    }
    case "failed":
      return (
        <Banner tone="warning" title={t("backfill.failedTitle")}>
          <BlockStack gap="100">
            <Text as="p">{t("backfill.failedBody", { count })}</Text>
            {progress.error && <Text as="p">{t("backfill.failedReason", { error: progress.error })}</Text>}
          </BlockStack>
        </Banner>
      );
    case "done":
      return (
        <Banner tone="success" title={t("backfill.doneTitle")}>
          <Text as="p">{days === null ? t("backfill.doneRecent", { count }) : t("backfill.doneDays", { count, days })}</Text>
        </Banner>
      );
    default:
      return null;
  }
}
