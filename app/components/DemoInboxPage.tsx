import { Badge } from "@shopify/polaris/build/esm/components/Badge/Badge.js";
import { BlockStack } from "@shopify/polaris/build/esm/components/BlockStack/BlockStack.js";
import { Box } from "@shopify/polaris/build/esm/components/Box/Box.js";
import { Card } from "@shopify/polaris/build/esm/components/Card/Card.js";
import { EmptyState } from "@shopify/polaris/build/esm/components/EmptyState/EmptyState.js";
import { InlineStack } from "@shopify/polaris/build/esm/components/InlineStack/InlineStack.js";
import { Layout } from "@shopify/polaris/build/esm/components/Layout/Layout.js";
import { Link } from "@shopify/polaris/build/esm/components/Link/Link.js";
import { Page } from "@shopify/polaris/build/esm/components/Page/Page.js";
import { Text } from "@shopify/polaris/build/esm/components/Text/Text.js";
import { useAdminFormat } from "./use-admin-format";

export interface DemoInboxMail {
  id: number;
  to: string;
  subject: string;
  locale: string;
  receivedAt: string;
  listUnsubscribe: string | null;
}

export interface DemoInboxPageProps {
  mails: DemoInboxMail[];
  selected: (DemoInboxMail & { html: string; text: string }) | null;
  /** The email language the list is filtered to (`?mailLocale=`), null for all. */
  mailLocale: string | null;
  /** Texts the demo's local Twilio received. */
  texts?: { id: number; to: string; from: string; body: string; receivedAt: string }[];
}

const LOCALE_FILTERS = ["en", "zh-CN", "ko", "ja", "zh-TW", "es", "fr", "de", "it", "pt-BR"];

/** The demo's mailbox: every shopper email the demo sent, listed and rendered. */
export function DemoInboxPage({ mails, selected, mailLocale, texts = [] }: DemoInboxPageProps) {
  const { t, formatDateTime } = useAdminFormat();
  return (
    <Page title={t("demoInbox.title")} subtitle={t("demoInbox.subtitle")}>
      <Layout>
        <Layout.Section variant="oneThird">
          <Card padding="0">
            <Box padding="300">
              <nav aria-label={t("demoInbox.mailLanguage")}>
                <InlineStack gap="200" wrap>
                  <Link url="/app/demo-inbox">{t("demoInbox.all")}</Link>
                  {LOCALE_FILTERS.map((code) => (
                    <Link key={code} url={`/app/demo-inbox?mailLocale=${encodeURIComponent(code)}`}>
                      {code === mailLocale ? <strong>{code}</strong> : code}
                    </Link>
                  ))}
                </InlineStack>
              </nav>
            </Box>
            {mails.length === 0 ? (
              <EmptyState heading={t("demoInbox.emptyHeading")} image="">
                <p>{t("demoInbox.emptyBody")}</p>
              </EmptyState>
            ) : (
              <BlockStack>
                {mails.map((mail) => (
                  <Box key={mail.id} padding="300" borderBlockStartWidth="025" borderColor="border" background={selected?.id === mail.id ? "bg-surface-selected" : "bg-surface"}>
                    <Link url={`/app/demo-inbox?id=${mail.id}${mailLocale ? `&mailLocale=${encodeURIComponent(mailLocale)}` : ""}`} removeUnderline>
                      <BlockStack gap="100">
                        <Text as="span" variant="bodyMd" fontWeight="semibold">
                          {mail.subject}
                        </Text>
                        <InlineStack gap="200">
                          <Badge>{mail.locale || "?"}</Badge>
                          <Text as="span" variant="bodySm" tone="subdued">
                            {t("demoInbox.mailLine", { to: mail.to, at: formatDateTime(mail.receivedAt) })}
                          </Text>
                        </InlineStack>
                      </BlockStack>
                    </Link>
                  </Box>
                ))}
              </BlockStack>
            )}
          </Card>
        </Layout.Section>
        <Layout.Section>
          {selected ? (
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {selected.subject}
                </Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  {t("demoInbox.mailHeader", { to: selected.to, unsubscribe: selected.listUnsubscribe ?? t("common.none") })}
                </Text>
                <iframe title={t("demoInbox.renderedEmail")} srcDoc={selected.html} sandbox="" style={{ width: "100%", height: 720, border: 0 }} />
              </BlockStack>
            </Card>
          ) : null}
          <Box paddingBlockStart="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("demoInbox.texts")}
                </Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  {t("demoInbox.textsHelp")}
                </Text>
                {texts.length === 0 ? (
                  <Text as="p">{t("demoInbox.noTexts")}</Text>
                ) : (
                  texts.map((entry) => (
                    <Box key={entry.id} background="bg-surface-secondary" padding="300" borderRadius="200">
                      <Text as="p" variant="bodySm" tone="subdued">
                        {t("demoInbox.textLine", { to: entry.to, from: entry.from, at: formatDateTime(entry.receivedAt) })}
                      </Text>
                      <Text as="p" breakWord>
                        {entry.body}
                      </Text>
                    </Box>
                  ))
                )}
              </BlockStack>
            </Card>
          </Box>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
