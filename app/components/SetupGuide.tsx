import { Form } from "@remix-run/react";
import { Badge } from "@shopify/polaris/build/esm/components/Badge/Badge.js";
import { BlockStack } from "@shopify/polaris/build/esm/components/BlockStack/BlockStack.js";
import { Box } from "@shopify/polaris/build/esm/components/Box/Box.js";
import { Button } from "@shopify/polaris/build/esm/components/Button/Button.js";
import { Card } from "@shopify/polaris/build/esm/components/Card/Card.js";
import { InlineStack } from "@shopify/polaris/build/esm/components/InlineStack/InlineStack.js";
import { ProgressBar } from "@shopify/polaris/build/esm/components/ProgressBar/ProgressBar.js";
import { Text } from "@shopify/polaris/build/esm/components/Text/Text.js";
import { useId } from "react";
import type { AdminMessageKey } from "~/i18n/catalog.server";
import type { SetupGuide as SetupGuideData, SetupStep } from "~/services/setup/setup-guide.server";
import { useAdminFormat } from "./use-admin-format";

const STATE_TONE = { done: "success", todo: undefined, in_progress: "info", attention: "warning" } as const;

/** One form button posting a setup intent to the dashboard's action. */
function IntentButton({ intent, children, variant }: { intent: string; children: string; variant?: "plain" | "primary" }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <Button submit variant={variant}>
        {children}
      </Button>
    </Form>
  );
}

function StepRow({ step }: { step: SetupStep }) {
  const { t, formatCount } = useAdminFormat();
  const key = (suffix: string) => `setup.${step.id}${suffix}` as AdminMessageKey;
  const importId = useId();
  return (
    <li data-setup-step={step.id} data-setup-state={step.state} style={{ listStyle: "none" }}>
      <Box paddingBlock="200">
        <BlockStack gap="200">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h3" variant="headingSm">
              {t(key("Title"))}
            </Text>
            <Badge tone={STATE_TONE[step.state]}>{t(`setup.state_${step.state}`)}</Badge>
          </InlineStack>
          <Text as="p" tone="subdued">
            {t(key("Body"))}
          </Text>
          {step.id === "themeBlock" && step.state !== "done" && (
            <Text as="p" variant="bodySm" tone="subdued">
              {t("setup.themeBlockWhyManual")}
            </Text>
          )}
          {step.id === "import" && step.progress && step.state !== "todo" && (
            <BlockStack gap="100">
              <Text as="p" variant="bodySm" id={importId}>
                {step.progress.total === null
                  ? t("setup.importCount", { imported: formatCount(step.progress.imported) })
                  : t("setup.importCountOf", { imported: formatCount(step.progress.imported), total: formatCount(step.progress.total) })}
              </Text>
              {step.progress.total ? (
                <ProgressBar progress={Math.min(100, Math.round((step.progress.imported / step.progress.total) * 100))} size="small" ariaLabelledBy={importId} />
              ) : null}
            </BlockStack>
          )}
          {step.state !== "done" && (
            <InlineStack gap="200">
              <Button url={step.url} external={step.url.startsWith("https://")} variant="primary">
                {t(key("Action"))}
              </Button>
              {step.id === "themeBlock" && <IntentButton intent="confirmThemeBlock">{t("setup.markThemeBlockDone")}</IntentButton>}
              {step.id === "notifications" && <IntentButton intent="notificationsReviewed">{t("setup.markNotificationsReviewed")}</IntentButton>}
            </InlineStack>
          )}
        </BlockStack>
      </Box>
    </li>
  );
}

/** The dashboard's setup guide: each step checks itself; the guide can be dismissed once done, or hidden on purpose. */
export function SetupGuide({ guide }: { guide: SetupGuideData }) {
  const { t } = useAdminFormat();
  const progressId = useId();
  if (!guide.visible) return null;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {guide.complete ? t("setup.titleDone") : t("setup.title")}
            </Text>
            <Text as="p" tone="subdued" id={progressId}>
              {t("setup.progress", { done: guide.done, total: guide.total })}
            </Text>
          </BlockStack>
          <IntentButton intent="hideGuide" variant={guide.complete ? "primary" : "plain"}>
            {guide.complete ? t("setup.dismiss") : t("setup.hide")}
          </IntentButton>
        </InlineStack>
        <ProgressBar progress={Math.round((guide.done / guide.total) * 100)} size="small" tone="success" ariaLabelledBy={progressId} />
        <ol style={{ margin: 0, padding: 0 }}>
          {guide.steps.map((step) => (
            <StepRow key={step.id} step={step} />
          ))}
        </ol>
      </BlockStack>
    </Card>
  );
}

/** Shown in place of a hidden guide that is not done yet: one line to bring it back. */
export function SetupGuideHiddenNote({ guide }: { guide: SetupGuideData }) {
  const { t } = useAdminFormat();
  if (guide.visible || guide.complete) return null;
  return (
    <InlineStack gap="200" blockAlign="center">
      <Text as="p" tone="subdued">
        {t("setup.hiddenNote", { done: guide.done, total: guide.total })}
      </Text>
      <IntentButton intent="showGuide" variant="plain">
        {t("setup.show")}
      </IntentButton>
    </InlineStack>
  );
}
