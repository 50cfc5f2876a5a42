import { Form, useActionData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, Checkbox, DataTable, FormLayout, InlineStack, Layout, Link, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { NotificationSettingsView } from "../services/notifications/notification-settings.server";

export interface NotificationsPageProps {
  settings: NotificationSettingsView;
  preview: {
    moment: string;
    locale: string;
    subject: string;
    html: string;
    text: string;
    sms: { text: string; encoding: string; segments: number; characters: number };
  };
}

interface ActionResult {
  intent: string;
  ok: boolean;
  message: string;
  fieldErrors: Record<string, string>;
}

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

const SENDER_OPTIONS = [
  { label: "Sent by Trackline", value: "trackline" },
  { label: "Sent by Shopify", value: "shopify" },
  { label: "Off", value: "off" },
];

const HOURS = Array.from({ length: 24 }, (_, hour) => ({ label: `${String(hour).padStart(2, "0")}:00`, value: String(hour) }));

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
export function NotificationsPage({ settings, preview }: NotificationsPageProps) {
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
    <Page title="Notifications" subtitle="Tell shoppers and your automations what their parcels do, before they ask.">
      <Layout>
        {settings.credentialsUnavailable ? (
          <Layout.Section>
            <Banner tone="warning">
              <p>{settings.credentialsUnavailable}</p>
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
                    Moments and channels
                  </Text>
                  <Text as="p" tone="subdued">
                    Trackline writes each parcel's status back to Shopify, and Shopify then emails its own shipping confirmation, "out for delivery"
                    and "delivered" messages. To avoid double emails, Trackline by default sends only what Shopify does not. Choose per moment who
                    emails the shopper. Every moment also fires a Shopify Flow trigger, so you can tag orders, alert Slack or refund returns.
                  </Text>
                  <Checkbox label="Send shopper emails from Trackline" name="emailEnabled" checked={emailEnabled} onChange={setEmailEnabled} />
                  <Checkbox label="Fire Shopify Flow triggers" name="flowEnabled" checked={flowEnabled} onChange={setFlowEnabled} />
                  <Checkbox
                    label="Send every moment to Klaviyo as an event (one metric per moment, on the shopper's profile)"
                    name="klaviyoEnabled"
                    checked={klaviyoEnabled}
                    onChange={setKlaviyoEnabled}
                    helpText={settings.hasKlaviyoKey ? "A private key is stored (encrypted)." : "Add your Klaviyo private API key below."}
                  />
                  <Checkbox
                    label="Text shoppers (SMS through your Twilio account) for the moments ticked below"
                    name="smsEnabled"
                    checked={smsEnabled}
                    onChange={setSmsEnabled}
                    helpText={settings.twilio ? "A Twilio account is stored (encrypted)." : "Add your Twilio account below."}
                  />
                  <input type="hidden" name="smsMomentsShown" value="1" />
                  <TextField
                    label="SMS segments per day (cost cap)"
                    name="smsDailySegmentCap"
                    type="number"
                    value={smsCap}
                    onChange={setSmsCap}
                    autoComplete="off"
                    helpText="Carriers bill per segment: 160 GSM-7 characters (153 per part of a longer text), or 70 (67) when the text needs other characters (Chinese, Japanese, Korean, some accents). Texts over the day's cap are skipped and recorded."
                  />
                  <DataTable
                    columnContentTypes={["text", "text", "text", "text"]}
                    headings={["Moment", "Shopper email", "SMS", "Flow trigger"]}
                    rows={settings.moments.map((entry) => [
                      MOMENT_LABELS[entry.moment] ?? entry.moment,
                      <Select
                        key={entry.moment}
                        label={`Email for ${entry.moment}`}
                        labelHidden
                        name={`sender.${entry.moment}`}
                        options={SENDER_OPTIONS}
                        value={senders[entry.moment] ?? entry.defaultEmail}
                        onChange={(value) => setSenders({ ...senders, [entry.moment]: value as typeof entry.email })}
                      />,
                      <Checkbox
                        key={`sms-${entry.moment}`}
                        label={`SMS for ${entry.moment}`}
                        labelHidden
                        name={`sms.${entry.moment}`}
                        checked={smsMoments[entry.moment] ?? false}
                        onChange={(checked) => setSmsMoments({ ...smsMoments, [entry.moment]: checked })}
                      />,
                      entry.flowTrigger,
                    ])}
                  />
                </BlockStack>
              </Card>
              <Card>
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    Sender, timing and retention
                  </Text>
                  <FormLayout.Group>
                    <TextField label="Sender name" name="senderName" value={fields.senderName} onChange={set("senderName")} autoComplete="off" />
                    <TextField label="Sender address" name="senderAddress" type="email" value={fields.senderAddress} onChange={set("senderAddress")} autoComplete="off" />
                    <TextField label="Reply-to" name="replyTo" type="email" value={fields.replyTo} onChange={set("replyTo")} autoComplete="off" />
                  </FormLayout.Group>
                  <FormLayout.Group>
                    <Select label="Quiet hours start (shopper's time)" name="quietStartHour" options={HOURS} value={fields.quietStartHour} onChange={set("quietStartHour")} />
                    <Select label="Quiet hours end" name="quietEndHour" options={HOURS} value={fields.quietEndHour} onChange={set("quietEndHour")} />
                    <TextField label="Combine moments within (minutes)" name="coalesceMinutes" type="number" value={fields.coalesceMinutes} onChange={set("coalesceMinutes")} autoComplete="off" />
                  </FormLayout.Group>
                  <TextField
                    label="Keep shopper contact details for (days after delivery)"
                    name="contactRetentionDays"
                    type="number"
                    value={fields.contactRetentionDays}
                    onChange={set("contactRetentionDays")}
                    autoComplete="off"
                    helpText="Email, phone and first name are stored encrypted and erased this many days after the order's last delivery."
                  />
                  <FormLayout.Group>
                    <TextField label="Merchant digest recipients" name="digestRecipients" value={fields.digestRecipients} onChange={set("digestRecipients")} autoComplete="off" helpText="Comma-separated addresses." />
                    <Select
                      label="Digest"
                      name="digestFrequency"
                      options={[
                        { label: "Daily", value: "daily" },
                        { label: "Immediately", value: "immediate" },
                        { label: "Off", value: "off" },
                      ]}
                      value={fields.digestFrequency}
                      onChange={set("digestFrequency")}
                    />
                  </FormLayout.Group>
                  <Feedback result={result} intent="settings" />
                  <Button submit variant="primary" loading={busy}>
                    Save
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
                  SMTP server
                </Text>
                <Text as="p" tone="subdued">
                  Your own mail server or a transactional provider's SMTP endpoint. Stored encrypted.
                </Text>
                <FormLayout.Group>
                  <TextField label="Host" name="host" value={smtp.host} onChange={(host) => setSmtp({ ...smtp, host })} autoComplete="off" />
                  <TextField label="Port" name="port" type="number" value={smtp.port} onChange={(port) => setSmtp({ ...smtp, port })} autoComplete="off" />
                  <Select
                    label="Security"
                    name="security"
                    options={[
                      { label: "STARTTLS (587)", value: "starttls" },
                      { label: "TLS (465)", value: "tls" },
                      { label: "None (local relay)", value: "none" },
                    ]}
                    value={smtp.security}
                    onChange={(security) => setSmtp({ ...smtp, security })}
                  />
                </FormLayout.Group>
                <FormLayout.Group>
                  <TextField label="User" name="user" value={smtp.user} onChange={(user) => setSmtp({ ...smtp, user })} autoComplete="off" />
                  <TextField
                    label="Password"
                    name="password"
                    type="password"
                    value={smtp.password}
                    onChange={(password) => setSmtp({ ...smtp, password })}
                    autoComplete="new-password"
                    helpText={settings.smtp?.hasPassword ? "Leave blank to keep the stored password." : undefined}
                  />
                </FormLayout.Group>
                <Feedback result={result} intent="smtp" />
                <Button submit loading={busy}>
                  Save SMTP settings
                </Button>
              </FormLayout>
            </Form>
            <Box paddingBlockStart="400">
              <Form method="post">
                <input type="hidden" name="intent" value="klaviyo" />
                <InlineStack gap="200" blockAlign="end">
                  <TextField label="Klaviyo private API key" name="klaviyoKey" type="password" value={klaviyoKey} onChange={setKlaviyoKey} autoComplete="off" />
                  <Button submit loading={busy}>
                    Save key
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
                    Twilio (SMS)
                  </Text>
                  <Text as="p" tone="subdued">
                    Texts go through your own Twilio account, to the order's shipping phone. Stored encrypted; leave every field blank to remove the account.
                  </Text>
                  <FormLayout.Group>
                    <TextField label="Account SID" name="accountSid" value={twilio.accountSid} onChange={(accountSid) => setTwilio({ ...twilio, accountSid })} autoComplete="off" />
                    <TextField
                      label="Auth token"
                      name="authToken"
                      type="password"
                      value={twilio.authToken}
                      onChange={(authToken) => setTwilio({ ...twilio, authToken })}
                      autoComplete="new-password"
                      helpText={settings.twilio?.hasAuthToken ? "Leave blank to keep the stored token." : undefined}
                    />
                    <TextField
                      label="Sender"
                      name="smsSender"
                      value={twilio.sender}
                      onChange={(sender) => setTwilio({ ...twilio, sender })}
                      autoComplete="off"
                      helpText="A Twilio number (+15551234567), an alphanumeric sender ID, or a Messaging Service SID (MG…)."
                    />
                  </FormLayout.Group>
                  <Feedback result={result} intent="twilio" />
                  <Button submit loading={busy}>
                    Save Twilio account
                  </Button>
                </FormLayout>
              </Form>
            </Box>
            <Box paddingBlockStart="400">
              <Form method="post">
                <input type="hidden" name="intent" value="test" />
                <InlineStack gap="200" blockAlign="end">
                  <TextField label="Send me a test" name="testAddress" type="email" value={testAddress} onChange={setTestAddress} autoComplete="email" />
                  <Button submit loading={busy}>
                    Send test
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
                Preview
              </Text>
              <InlineStack gap="200" wrap>
                {settings.locales.map((locale) => (
                  <Link key={locale} url={`/app/notifications?preview=${preview.moment}&locale=${encodeURIComponent(locale)}`}>
                    {locale === preview.locale ? <strong>{locale}</strong> : locale}
                  </Link>
                ))}
              </InlineStack>
              <InlineStack gap="200" wrap>
                {settings.moments.map((entry) => (
                  <Link key={entry.moment} url={`/app/notifications?preview=${entry.moment}&locale=${encodeURIComponent(preview.locale)}`}>
                    {entry.moment === preview.moment ? <strong>{MOMENT_LABELS[entry.moment]}</strong> : MOMENT_LABELS[entry.moment]}
                  </Link>
                ))}
              </InlineStack>
              <Text as="p" variant="headingSm">
                {preview.subject}
              </Text>
              <iframe title="Email preview" srcDoc={preview.html} sandbox="" style={{ width: "100%", height: 640, border: 0 }} />
              <Text as="p" variant="headingSm">
                SMS ({preview.sms.characters} characters, {preview.sms.encoding}, {preview.sms.segments} {preview.sms.segments === 1 ? "segment" : "segments"})
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
              <DataTable
                columnContentTypes={["text", "text", "text", "numeric"]}
                headings={["Moment", "Channel", "State", "Messages"]}
                rows={settings.recent.map((row) => [row.moment, row.channel, row.state, row.count])}
              />
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
