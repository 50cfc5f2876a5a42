import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Banner } from "@shopify/polaris/build/esm/components/Banner/Banner.js";
import { BlockStack } from "@shopify/polaris/build/esm/components/BlockStack/BlockStack.js";
import { Box } from "@shopify/polaris/build/esm/components/Box/Box.js";
import { Button } from "@shopify/polaris/build/esm/components/Button/Button.js";
import { Card } from "@shopify/polaris/build/esm/components/Card/Card.js";
import { Checkbox } from "@shopify/polaris/build/esm/components/Checkbox/Checkbox.js";
import { FormLayout } from "@shopify/polaris/build/esm/components/FormLayout/FormLayout.js";
import { InlineStack } from "@shopify/polaris/build/esm/components/InlineStack/InlineStack.js";
import { Layout } from "@shopify/polaris/build/esm/components/Layout/Layout.js";
import { Link } from "@shopify/polaris/build/esm/components/Link/Link.js";
import { Page } from "@shopify/polaris/build/esm/components/Page/Page.js";
import { Select } from "@shopify/polaris/build/esm/components/Select/Select.js";
import { Text } from "@shopify/polaris/build/esm/components/Text/Text.js";
import { TextField } from "@shopify/polaris/build/esm/components/TextField/TextField.js";
import { useState } from "react";
import type { AdminMessageKey } from "~/i18n/catalog.server";
import type { FlowTriggerUseView } from "~/services/notifications/flow-lifecycle.server";
import type { NotificationSettingsView } from "~/services/notifications/notification-settings.server";
import { useAdminFormat } from "./use-admin-format";
import { ScrollableDataTable } from "./ScrollableDataTable";

export interface NotificationsPageProps {
  settings: NotificationSettingsView;
  preview: {
    moment: string;
    /** The language of the previewed email (`?previewLocale=`), not the admin's own. */
    previewLocale: string;
    subject: string;
    html: string;
    text: string;
    sms: { text: string; encoding: string; segments: number; characters: number };
  };
  /** What Shopify Flow said about each trigger's use in the shop (its lifecycle callback). */
  flowTriggers?: FlowTriggerUseView[];
}

interface ActionResult {
  intent: string;
  ok: boolean;
  message: string;
  fieldErrors: Record<string, string>;
}

/** English moment names (kept for pages not yet translated; this page uses `notifications.moment_*`). */
export const MOMENT_LABELS: Record<string, string> = {
  shipped: "Shipped (first carrier scan)",
  in_transit: "In transit",
  arrived_in_country: "Arrived in the destination country",
  customs_hold: "Held at customs",
  customs_cleared: "Cleared customs",
  out_for_delivery: "Out for delivery",
  available_for_pickup: "Ready for pickup",
  attempt_failed: "Delivery attempt failed",
  delayed: "Delayed",
  exception: "Delivery problem",
  stalled: "Stalled",
  estimate_changed: "Delivery estimate changed",
  delivered: "Delivered",
  returning: "Returning to sender",
  returned: "Returned to sender",
  all_delivered: "All parcels of the order delivered",
};

const SENDERS = ["trackline", "shopify", "off"] as const;
const CHANNELS = new Set(["email", "sms", "flow", "klaviyo", "merchant"]);
const STATES = new Set(["pending", "sending", "sent", "failed", "skipped", "coalesced"]);

/** Moment, channel and state names in the staff member's language; an unknown code is shown as stored. */
export function useNotificationLabels() {
  const format = useAdminFormat();
  const { t } = format;
  return {
    ...format,
    momentLabel: (moment: string) => (moment in MOMENT_LABELS || moment === "merchant_digest" || moment === "merchant_inquiry" ? t(`notifications.moment_${moment}` as AdminMessageKey) : moment),
    channelLabel: (channel: string) => (CHANNELS.has(channel) ? t(`notifications.channel_${channel}` as AdminMessageKey) : channel),
    stateLabel: (state: string) => (STATES.has(state) ? t(`notifications.state_${state}` as AdminMessageKey) : state),
  };
}

/** Which of Trackline's Flow triggers an enabled workflow uses, as Flow's lifecycle callback said. */
export function FlowTriggerUseTable({ flowTriggers }: { flowTriggers: FlowTriggerUseView[] }) {
  const { t, momentLabel, formatDateTime } = useNotificationLabels();
  if (flowTriggers.length === 0) return null;
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {t("notifications.flowUseTitle")}
      </Text>
      <Text as="p" tone="subdued">
        {t("notifications.flowUseHelp")}
      </Text>
      <ScrollableDataTable
        label={t("notifications.flowUseTitle")}
        columnContentTypes={["text", "text", "text", "text"]}
        headings={[t("notifications.flowTrigger"), t("notifications.flowUseHandle"), t("notifications.flowUseState"), t("notifications.flowUseReportedAt")]}
        rows={flowTriggers.map((trigger) => [
          trigger.moment ? momentLabel(trigger.moment) : t("notifications.flowUseStatusChanged"),
          trigger.handle,
          t(trigger.inUse === null ? "notifications.flowUse_unknown" : trigger.inUse ? "notifications.flowUse_in_use" : "notifications.flowUse_unused"),
          formatDateTime(trigger.reportedAt),
        ])}
      />
    </BlockStack>
  );
}

function Feedback({ result, intent }: { result: ActionResult | undefined; intent: string }) {
  if (!result || result.intent !== intent) return null;
  return (
    <Banner tone={result.ok ? "success" : "critical"}>
      <p>{result.message}</p>
      {Object.entries(result.fieldErrors).map(([field, error]) => (
        <p key={field}>
          {field}: {error}
        </p>
      ))}
    </Banner>
  );
}

/** Settings → Notifications: who sends which moment, sender, SMTP, quiet hours, previews in every locale. */
export function NotificationsPage({ settings, preview, flowTriggers = [] }: NotificationsPageProps) {
  const { t, intl, momentLabel, channelLabel, stateLabel, formatCount } = useNotificationLabels();
  const hours = Array.from({ length: 24 }, (_, hour) => ({
    label: intl.formatTime(Date.UTC(2000, 0, 1, hour), { hour: "2-digit", minute: "2-digit", timeZone: "UTC" }),
    value: String(hour),
  }));
  const senderOptions = SENDERS.map((value) => ({ label: t(`notifications.sender_${value}`), value }));
  const result = useActionData<ActionResult>();
  const busy = useNavigation().state === "submitting";
  const [senders, setSenders] = useState(Object.fromEntries(settings.moments.map((entry) => [entry.moment, entry.email])));
  const [emailEnabled, setEmailEnabled] = useState(settings.emailEnabled);
  const [flowEnabled, setFlowEnabled] = useState(settings.flowEnabled);
  const [klaviyoEnabled, setKlaviyoEnabled] = useState(settings.klaviyoEnabled);
  const [klaviyoKey, setKlaviyoKey] = useState("");
  const [smsEnabled, setSmsEnabled] = useState(settings.smsEnabled);
  const [smsMoments, setSmsMoments] = useState(Object.fromEntries(settings.moments.map((entry) => [entry.moment, entry.sms])));
  const [smsCap, setSmsCap] = useState(String(settings.smsDailySegmentCap));
  const [twilio, setTwilio] = useState({ accountSid: settings.twilio?.accountSid ?? "", authToken: "", sender: settings.twilio?.sender ?? "" });
  const [digestInquiries, setDigestInquiries] = useState(settings.digestInquiries);
  const [fields, setFields] = useState({
    senderName: settings.senderName,
    senderAddress: settings.senderAddress,
    replyTo: settings.replyTo,
    quietStartHour: String(settings.quietStartHour),
    quietEndHour: String(settings.quietEndHour),
    coalesceMinutes: String(settings.coalesceMinutes),
    contactRetentionDays: String(settings.contactRetentionDays),
    digestRecipients: settings.digestRecipients,
    digestFrequency: settings.digestFrequency,
  });
  const [smtp, setSmtp] = useState({
    host: settings.smtp?.host ?? "",
    port: String(settings.smtp?.port ?? 587),
    security: settings.smtp?.security ?? "starttls",
    user: settings.smtp?.user ?? "",
    password: "",
  });
  const [testAddress, setTestAddress] = useState("");
  const set = (name: keyof typeof fields) => (value: string) => setFields({ ...fields, [name]: value });

  return (
    <Page title={t("notifications.title")} subtitle={t("notifications.subtitle")}>
      <Layout>
        {settings.credentialsUnavailable ? (
          <Layout.Section>
            <Banner tone="warning">
              <p>{t("notifications.noKey")}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Form method="post">
            <input type="hidden" name="intent" value="settings" />
            <BlockStack gap="400">
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t("notifications.momentsTitle")}
                  </Text>
                  <Text as="p" tone="subdued">
                    {t("notifications.momentsHelp")}
                  </Text>
                  <Checkbox label={t("notifications.emailEnabled")} name="emailEnabled" checked={emailEnabled} onChange={setEmailEnabled} />
                  <Checkbox label={t("notifications.flowEnabled")} name="flowEnabled" checked={flowEnabled} onChange={setFlowEnabled} />
                  <Checkbox
                    label={t("notifications.klaviyoEnabled")}
                    name="klaviyoEnabled"
                    checked={klaviyoEnabled}
                    onChange={setKlaviyoEnabled}
                    helpText={settings.hasKlaviyoKey ? t("notifications.klaviyoStored") : t("notifications.klaviyoAdd")}
                  />
                  <Checkbox
                    label={t("notifications.smsEnabled")}
                    name="smsEnabled"
                    checked={smsEnabled}
                    onChange={setSmsEnabled}
                    helpText={settings.twilio ? t("notifications.twilioStored") : t("notifications.twilioAdd")}
                  />
                  <input type="hidden" name="smsMomentsShown" value="1" />
                  <TextField
                    label={t("notifications.smsCap")}
                    name="smsDailySegmentCap"
                    type="number"
                    value={smsCap}
                    onChange={setSmsCap}
                    autoComplete="off"
                    helpText={t("notifications.smsCapHelp")}
                  />
                  <ScrollableDataTable
                    label={t("notifications.momentsTitle")}
                    columnContentTypes={["text", "text", "text", "text"]}
                    headings={[t("notifications.moment"), t("notifications.shopperEmail"), t("notifications.sms"), t("notifications.flowTrigger")]}
                    rows={settings.moments.map((entry) => [
                      momentLabel(entry.moment),
                      <Select
                        key={entry.moment}
                        label={t("notifications.emailFor", { moment: momentLabel(entry.moment) })}
                        labelHidden
                        name={`sender.${entry.moment}`}
                        options={senderOptions}
                        value={senders[entry.moment] ?? entry.defaultEmail}
                        onChange={(value) => setSenders({ ...senders, [entry.moment]: value as typeof entry.email })}
                      />,
                      <Checkbox
                        key={`sms-${entry.moment}`}
                        label={t("notifications.smsFor", { moment: momentLabel(entry.moment) })}
                        labelHidden
                        name={`sms.${entry.moment}`}
                        checked={smsMoments[entry.moment] ?? false}
                        onChange={(checked) => setSmsMoments({ ...smsMoments, [entry.moment]: checked })}
                      />,
                      entry.flowTrigger,
                    ])}
                  />
                  <FlowTriggerUseTable flowTriggers={flowTriggers} />
                </BlockStack>
              </Card>
              <Card>
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    {t("notifications.senderTitle")}
                  </Text>
                  <FormLayout.Group>
                    <TextField label={t("notifications.senderName")} name="senderName" value={fields.senderName} onChange={set("senderName")} autoComplete="off" />
                    <TextField label={t("notifications.senderAddress")} name="senderAddress" type="email" value={fields.senderAddress} onChange={set("senderAddress")} autoComplete="off" />
                    <TextField label={t("notifications.replyTo")} name="replyTo" type="email" value={fields.replyTo} onChange={set("replyTo")} autoComplete="off" />
                  </FormLayout.Group>
                  <FormLayout.Group>
                    <Select label={t("notifications.quietStart")} name="quietStartHour" options={hours} value={fields.quietStartHour} onChange={set("quietStartHour")} />
                    <Select label={t("notifications.quietEnd")} name="quietEndHour" options={hours} value={fields.quietEndHour} onChange={set("quietEndHour")} />
                    <TextField label={t("notifications.coalesce")} name="coalesceMinutes" type="number" value={fields.coalesceMinutes} onChange={set("coalesceMinutes")} autoComplete="off" />
                  </FormLayout.Group>
                  <TextField
                    label={t("notifications.retention")}
                    name="contactRetentionDays"
                    type="number"
                    value={fields.contactRetentionDays}
                    onChange={set("contactRetentionDays")}
                    autoComplete="off"
                    helpText={t("notifications.retentionHelp")}
                  />
                  <Text as="h3" variant="headingSm">
                    {t("notifications.alertsTitle")}
                  </Text>
                  <Text as="p" tone="subdued">
                    {t("notifications.alertsHelp")}
                  </Text>
                  <FormLayout.Group>
                    <TextField
                      label={t("notifications.digestRecipients")}
                      name="digestRecipients"
                      value={fields.digestRecipients}
                      onChange={set("digestRecipients")}
                      autoComplete="off"
                      helpText={t("notifications.digestRecipientsHelp")}
                    />
                    <Select
                      label={t("notifications.alertMode")}
                      name="digestFrequency"
                      options={[
                        { label: t("notifications.alert_daily"), value: "daily" },
                        { label: t("notifications.alert_immediate"), value: "immediate" },
                        { label: t("notifications.alert_off"), value: "off" },
                      ]}
                      value={fields.digestFrequency}
                      onChange={set("digestFrequency")}
                    />
                  </FormLayout.Group>
                  <input type="hidden" name="digestInquiriesShown" value="1" />
                  <Checkbox label={t("notifications.digestInquiries")} name="digestInquiries" checked={digestInquiries} onChange={setDigestInquiries} />
                  <Feedback result={result} intent="settings" />
                  <Button submit variant="primary" loading={busy}>
                    {t("common.save")}
                  </Button>
                </FormLayout>
              </Card>
            </BlockStack>
          </Form>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <Form method="post">
              <input type="hidden" name="intent" value="smtp" />
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  {t("notifications.smtpTitle")}
                </Text>
                <Text as="p" tone="subdued">
                  {t("notifications.smtpHelp")}
                </Text>
                <FormLayout.Group>
                  <TextField label={t("notifications.host")} name="host" value={smtp.host} onChange={(host) => setSmtp({ ...smtp, host })} autoComplete="off" />
                  <TextField label={t("notifications.port")} name="port" type="number" value={smtp.port} onChange={(port) => setSmtp({ ...smtp, port })} autoComplete="off" />
                  <Select
                    label={t("notifications.security")}
                    name="security"
                    options={[
                      { label: t("notifications.security_starttls"), value: "starttls" },
                      { label: t("notifications.security_tls"), value: "tls" },
                      { label: t("notifications.security_none"), value: "none" },
                    ]}
                    value={smtp.security}
                    onChange={(security) => setSmtp({ ...smtp, security })}
                  />
                </FormLayout.Group>
                <FormLayout.Group>
                  <TextField label={t("notifications.user")} name="user" value={smtp.user} onChange={(user) => setSmtp({ ...smtp, user })} autoComplete="off" />
                  <TextField
                    label={t("notifications.password")}
                    name="password"
                    type="password"
                    value={smtp.password}
                    onChange={(password) => setSmtp({ ...smtp, password })}
                    autoComplete="new-password"
                    helpText={settings.smtp?.hasPassword ? t("notifications.keepPassword") : undefined}
                  />
                </FormLayout.Group>
                <Feedback result={result} intent="smtp" />
                <Button submit loading={busy}>
                  {t("notifications.saveSmtp")}
                </Button>
              </FormLayout>
            </Form>
            <Box paddingBlockStart="400">
              <Form method="post">
                <input type="hidden" name="intent" value="klaviyo" />
                <InlineStack gap="200" blockAlign="end">
                  <TextField label={t("notifications.klaviyoKey")} name="klaviyoKey" type="password" value={klaviyoKey} onChange={setKlaviyoKey} autoComplete="off" />
                  <Button submit loading={busy}>
                    {t("notifications.saveKey")}
                  </Button>
                </InlineStack>
                <Feedback result={result} intent="klaviyo" />
              </Form>
            </Box>
            <Box paddingBlockStart="400">
              <Form method="post">
                <input type="hidden" name="intent" value="twilio" />
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    {t("notifications.twilioTitle")}
                  </Text>
                  <Text as="p" tone="subdued">
                    {t("notifications.twilioHelp")}
                  </Text>
                  <FormLayout.Group>
                    <TextField label={t("notifications.accountSid")} name="accountSid" value={twilio.accountSid} onChange={(accountSid) => setTwilio({ ...twilio, accountSid })} autoComplete="off" />
                    <TextField
                      label={t("notifications.authToken")}
                      name="authToken"
                      type="password"
                      value={twilio.authToken}
                      onChange={(authToken) => setTwilio({ ...twilio, authToken })}
                      autoComplete="new-password"
                      helpText={settings.twilio?.hasAuthToken ? t("notifications.keepToken") : undefined}
                    />
                    <TextField
                      label={t("notifications.smsSender")}
                      name="smsSender"
                      value={twilio.sender}
                      onChange={(sender) => setTwilio({ ...twilio, sender })}
                      autoComplete="off"
                      helpText={t("notifications.smsSenderHelp")}
                    />
                  </FormLayout.Group>
                  <Feedback result={result} intent="twilio" />
                  <Button submit loading={busy}>
                    {t("notifications.saveTwilio")}
                  </Button>
                </FormLayout>
              </Form>
            </Box>
            <Box paddingBlockStart="400">
              <Form method="post">
                <input type="hidden" name="intent" value="test" />
                <InlineStack gap="200" blockAlign="end">
                  <TextField label={t("notifications.testAddress")} name="testAddress" type="email" value={testAddress} onChange={setTestAddress} autoComplete="email" />
                  <Button submit loading={busy}>
                    {t("notifications.sendTest")}
                  </Button>
                </InlineStack>
                <Feedback result={result} intent="test" />
              </Form>
            </Box>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("notifications.previewTitle")}
              </Text>
              <nav aria-label={t("notifications.previewLanguage")}>
                <InlineStack gap="200" wrap>
                  {settings.locales.map((locale) => (
                    <Link key={locale} url={`/app/notifications?preview=${preview.moment}&previewLocale=${encodeURIComponent(locale)}`}>
                      {locale === preview.previewLocale ? <strong>{locale}</strong> : locale}
                    </Link>
                  ))}
                </InlineStack>
              </nav>
              <nav aria-label={t("notifications.previewMoment")}>
                <InlineStack gap="200" wrap>
                  {settings.moments.map((entry) => (
                    <Link key={entry.moment} url={`/app/notifications?preview=${entry.moment}&previewLocale=${encodeURIComponent(preview.previewLocale)}`}>
                      {entry.moment === preview.moment ? <strong>{momentLabel(entry.moment)}</strong> : momentLabel(entry.moment)}
                    </Link>
                  ))}
                </InlineStack>
              </nav>
              <Text as="p" variant="headingSm">
                {preview.subject}
              </Text>
              <iframe title={t("notifications.emailPreview")} srcDoc={preview.html} sandbox="" style={{ width: "100%", height: 640, border: 0 }} />
              <Text as="p" variant="headingSm">
                {t("notifications.smsPreview", { characters: formatCount(preview.sms.characters), encoding: preview.sms.encoding, segments: preview.sms.segments })}
              </Text>
              <Box background="bg-surface-secondary" padding="300" borderRadius="200">
                <Text as="p" breakWord>
                  {preview.sms.text}
                </Text>
              </Box>
            </BlockStack>
          </Card>
        </Layout.Section>
        {settings.recent.length > 0 ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("notifications.recentTitle")}
                </Text>
                <ScrollableDataTable
                  label={t("notifications.recentTitle")}
                  columnContentTypes={["text", "text", "text", "numeric"]}
                  headings={[t("notifications.moment"), t("notifications.channel"), t("notifications.state"), t("notifications.messages")]}
                  rows={settings.recent.map((row) => [momentLabel(row.moment), channelLabel(row.channel), stateLabel(row.state), formatCount(row.count)])}
                />
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
