import { Badge, BlockStack, Box, Card, EmptyState, InlineStack, Layout, Link, Page, Text } from "@shopify/polaris";

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
  locale: string | null;
  /** Texts the demo's local Twilio received. */
  texts?: { id: number; to: string; from: string; body: string; receivedAt: string }[];
}

const LOCALE_FILTERS = ["en", "zh-CN", "ko", "ja", "zh-TW", "es", "fr", "de", "it", "pt-BR"];

/** The demo's mailbox: every shopper email the demo sent, listed and rendered. */
export function DemoInboxPage({ mails, selected, locale, texts = [] }: DemoInboxPageProps) {
  return (
    <Page title="Demo inbox" subtitle="Shopper emails the demo sent to its local mail server, as parcels moved. Nothing leaves this machine.">
      <Layout>
        <Layout.Section variant="oneThird">
          <Card padding="0">
            <Box padding="300">
              <InlineStack gap="200" wrap>
                <Link url="/app/demo-inbox">All</Link>
                {LOCALE_FILTERS.map((code) => (
                  <Link key={code} url={`/app/demo-inbox?locale=${encodeURIComponent(code)}`}>
                    {code === locale ? <strong>{code}</strong> : code}
                  </Link>
                ))}
              </InlineStack>
            </Box>
            {mails.length === 0 ? (
              <EmptyState heading="No emails yet" image="">
                <p>Emails arrive here as the simulated parcels reach moments shoppers care about (shipped, customs, out for delivery, delivered…).</p>
              </EmptyState>
            ) : (
              <BlockStack>
                {mails.map((mail) => (
                  <Box key={mail.id} padding="300" borderBlockStartWidth="025" borderColor="border" background={selected?.id === mail.id ? "bg-surface-selected" : "bg-surface"}>
                    <Link url={`/app/demo-inbox?id=${mail.id}${locale ? `&locale=${encodeURIComponent(locale)}` : ""}`} removeUnderline>
                      <BlockStack gap="100">
                        <Text as="span" variant="bodyMd" fontWeight="semibold">
                          {mail.subject}
                        </Text>
                        <InlineStack gap="200">
                          <Badge>{mail.locale || "?"}</Badge>
                          <Text as="span" variant="bodySm" tone="subdued">
                            {mail.to} · {new Date(mail.receivedAt).toLocaleString("en-US")}
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
                  To {selected.to} · List-Unsubscribe {selected.listUnsubscribe ?? "—"}
                </Text>
                <iframe title="Rendered email" srcDoc={selected.html} sandbox="" style={{ width: "100%", height: 720, border: 0 }} />
              </BlockStack>
            </Card>
          ) : null}
          <Box paddingBlockStart="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Texts (SMS)
                </Text>
                <Text as="p" variant="bodySm" tone="subdued">
                  What the demo sent through its local Twilio stand-in: same wire format as Twilio's Messages API, nothing leaves this machine.
                </Text>
                {texts.length === 0 ? (
                  <Text as="p">No texts yet: they follow the moments the demo shop enabled for SMS (out for delivery, failed attempt, problem, delivered).</Text>
                ) : (
                  texts.map((entry) => (
                    <Box key={entry.id} background="bg-surface-secondary" padding="300" borderRadius="200">
                      <Text as="p" variant="bodySm" tone="subdued">
                        To {entry.to} · from {entry.from} · {new Date(entry.receivedAt).toLocaleString()}
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
