import { useFetcher } from "@remix-run/react";
import { DEFAULT_CADENCE_MINUTES, DEFAULT_CARRIER_RULES } from "../domain/shipment-state";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  ChoiceList,
  DataTable,
  FormLayout,
  InlineStack,
  Layout,
  Link,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import type { SettingsActionResult } from "../routes/app.settings";
import type { SettingsView } from "../services/settings/settings.server";
import type { RuleOverride, TrackingRules } from "../services/settings/tracking-rules";
import { carrierLabel, formatDateTime, type Serialized } from "./format";

type Settings = Serialized<SettingsView>;

const LOCALE_NAMES: Record<string, string> = {
  en: "English",
  de: "German",
  es: "Spanish",
  fr: "French",
  it: "Italian",
  ja: "Japanese",
  ko: "Korean",
  "pt-BR": "Portuguese (Brazil)",
  "zh-CN": "Chinese (Simplified)",
  "zh-TW": "Chinese (Traditional)",
};

const FIELD_LABELS: Record<string, string> = {
  clientId: "Client ID",
  clientSecret: "Client secret",
  apiKey: "API key",
  accountNumber: "Account number",
};

function Outcome({ result, intent }: { result: SettingsActionResult | undefined; intent: string | string[] }) {
  const intents = Array.isArray(intent) ? intent : [intent];
  if (!result || !intents.includes(result.intent)) return null;
  return <Banner tone={result.ok ? "success" : "critical"} title={result.message} />;
}

function GeneralCard({ settings }: { settings: Settings }) {
  const fetcher = useFetcher<SettingsActionResult>();
  const [general, setGeneral] = useState(settings.general);
  const errors = fetcher.data?.intent === "general" ? fetcher.data.fieldErrors : {};
  return (
    <Card>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="general" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            General
          </Text>
          <Outcome result={fetcher.data} intent="general" />
          <FormLayout>
            <Checkbox
              label="Write carrier status back to Shopify"
              helpText="Adds tracking events to each fulfillment, so Shopify's order status page, the Shop app and shipping emails show the latest status."
              checked={general.writeBackEnabled}
              onChange={(value) => setGeneral({ ...general, writeBackEnabled: value })}
            />
            <TextField
              label="Support minutes per inquiry"
              helpText="How long one “where is my order?” message takes your team; the dashboard's time-saved estimate uses it."
              type="number"
              name="supportMinutesPerInquiry"
              value={String(general.supportMinutesPerInquiry)}
              onChange={(value) => setGeneral({ ...general, supportMinutesPerInquiry: value === "" ? Number.NaN : Number(value) })}
              error={errors.supportMinutesPerInquiry}
              autoComplete="off"
            />
            <FormLayout.Group>
              <TextField
                label="Tracking page accent colour"
                placeholder="#1a73e8"
                name="brandAccentColor"
                value={general.brandAccentColor ?? ""}
                onChange={(value) => setGeneral({ ...general, brandAccentColor: value })}
                error={errors.brandAccentColor}
                autoComplete="off"
              />
              <TextField
                label="Logo address"
                placeholder="https://cdn.shopify.com/…/logo.png"
                name="brandLogoUrl"
                value={general.brandLogoUrl ?? ""}
                onChange={(value) => setGeneral({ ...general, brandLogoUrl: value })}
                error={errors.brandLogoUrl}
                autoComplete="off"
              />
            </FormLayout.Group>
            <ChoiceList
              title="Languages offered on the tracking page"
              allowMultiple
              choices={settings.supportedLocales.map((code) => ({ label: LOCALE_NAMES[code] ?? code, value: code }))}
              selected={general.locales}
              onChange={(value) => setGeneral({ ...general, locales: value })}
              error={errors.locales}
            />
            <input type="hidden" name="writeBackEnabled" value={general.writeBackEnabled ? "on" : "off"} />
            {general.locales.map((code) => (
              <input key={code} type="hidden" name="locales" value={code} />
            ))}
          </FormLayout>
          <InlineStack align="end">
            <Button submit variant="primary" loading={fetcher.state !== "idle"}>
              Save
            </Button>
          </InlineStack>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

const toNumber = (value: string): number | undefined => (value.trim() === "" ? undefined : Number(value));

/** One optional whole-number rule: blank means "use the default shown as placeholder". */
function RuleNumberField(props: {
  label: string;
  suffix: string;
  value: number | undefined;
  placeholder: number;
  error: string | undefined;
  onChange: (value: number | undefined) => void;
}) {
  return (
    <TextField
      label={props.label}
      suffix={props.suffix}
      type="number"
      value={props.value === undefined ? "" : String(props.value)}
      placeholder={String(props.placeholder)}
      onChange={(value) => props.onChange(toNumber(value))}
      error={props.error}
      autoComplete="off"
    />
  );
}

function RuleFields({
  prefix,
  override,
  onChange,
  errors,
  placeholder,
}: {
  prefix: string;
  override: RuleOverride;
  onChange: (next: RuleOverride) => void;
  errors: Record<string, string>;
  placeholder: typeof BUILT_IN;
}) {
  const stalled = override.stalledAfterBusinessDays ?? {};
  const every = override.checkIntervalMinutes ?? {};
  const days = "business days";
  return (
    <BlockStack gap="200">
      <FormLayout.Group condensed>
        <RuleNumberField
          label="Stalled after (domestic)"
          suffix={days}
          value={stalled.domestic}
          placeholder={placeholder.domestic}
          error={errors[`${prefix}.stalledAfterBusinessDays.domestic`]}
          onChange={(domestic) => onChange({ ...override, stalledAfterBusinessDays: { ...stalled, domestic } })}
        />
        <RuleNumberField
          label="Stalled after (international)"
          suffix={days}
          value={stalled.international}
          placeholder={placeholder.international}
          error={errors[`${prefix}.stalledAfterBusinessDays.international`]}
          onChange={(international) => onChange({ ...override, stalledAfterBusinessDays: { ...stalled, international } })}
        />
        <RuleNumberField
          label="Not picked up after"
          suffix={days}
          value={override.notPickedUpAfterBusinessDays}
          placeholder={placeholder.notPickedUp}
          error={errors[`${prefix}.notPickedUpAfterBusinessDays`]}
          onChange={(notPickedUpAfterBusinessDays) => onChange({ ...override, notPickedUpAfterBusinessDays })}
        />
      </FormLayout.Group>
      <FormLayout.Group condensed>
        <RuleNumberField
          label="Check in-transit parcels every"
          suffix="minutes"
          value={every.in_transit}
          placeholder={placeholder.inTransitEvery}
          error={errors[`${prefix}.checkIntervalMinutes.in_transit`]}
          onChange={(in_transit) => onChange({ ...override, checkIntervalMinutes: { ...every, in_transit } })}
        />
        <RuleNumberField
          label="Check out-for-delivery parcels every"
          suffix="minutes"
          value={every.out_for_delivery}
          placeholder={placeholder.outForDeliveryEvery}
          error={errors[`${prefix}.checkIntervalMinutes.out_for_delivery`]}
          onChange={(out_for_delivery) => onChange({ ...override, checkIntervalMinutes: { ...every, out_for_delivery } })}
        />
      </FormLayout.Group>
    </BlockStack>
  );
}

/** The domain's built-in rules, shown as placeholders (blank fields keep them). */
const BUILT_IN = {
  domestic: DEFAULT_CARRIER_RULES.stalledAfterBusinessDays.domestic,
  international: DEFAULT_CARRIER_RULES.stalledAfterBusinessDays.international,
  notPickedUp: DEFAULT_CARRIER_RULES.notPickedUpAfterBusinessDays,
  inTransitEvery: DEFAULT_CADENCE_MINUTES.in_transit,
  outForDeliveryEvery: DEFAULT_CADENCE_MINUTES.out_for_delivery,
};

function RulesCard({ settings }: { settings: Settings }) {
  const fetcher = useFetcher<SettingsActionResult>();
  const [rules, setRules] = useState<TrackingRules>(settings.trackingRules);
  const [addCarrier, setAddCarrier] = useState("");
  const errors = fetcher.data?.intent === "rules" ? fetcher.data.fieldErrors : {};
  const shopDefaults = {
    domestic: rules.defaults.stalledAfterBusinessDays?.domestic ?? BUILT_IN.domestic,
    international: rules.defaults.stalledAfterBusinessDays?.international ?? BUILT_IN.international,
    notPickedUp: rules.defaults.notPickedUpAfterBusinessDays ?? BUILT_IN.notPickedUp,
    inTransitEvery: rules.defaults.checkIntervalMinutes?.in_transit ?? BUILT_IN.inTransitEvery,
    outForDeliveryEvery: rules.defaults.checkIntervalMinutes?.out_for_delivery ?? BUILT_IN.outForDeliveryEvery,
  };
  const unused = settings.carriers.filter((carrier) => !(carrier.code in rules.carriers));
  return (
    <Card>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="rules" />
        <input type="hidden" name="rules" value={JSON.stringify(rules)} />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Stalled thresholds and check cadence
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            A moving parcel with no carrier scan for this many business days (Monday–Friday) is flagged stalled. Empty fields use
            the default shown.
          </Text>
          <Outcome result={fetcher.data} intent="rules" />
          <Text as="h3" variant="headingSm">
            Every carrier
          </Text>
          <RuleFields prefix="defaults" override={rules.defaults} onChange={(next) => setRules({ ...rules, defaults: next })} errors={errors} placeholder={BUILT_IN} />
          {Object.entries(rules.carriers).map(([carrier, override]) => (
            <BlockStack key={carrier} gap="200">
              <InlineStack align="space-between">
                <Text as="h3" variant="headingSm">
                  {carrierLabel(carrier)}
                </Text>
                <Button
                  variant="plain"
                  tone="critical"
                  onClick={() => {
                    const { [carrier]: _removed, ...rest } = rules.carriers;
                    setRules({ ...rules, carriers: rest });
                  }}
                >
                  Remove override
                </Button>
              </InlineStack>
              <RuleFields
                prefix={`carriers.${carrier}`}
                override={override}
                onChange={(next) => setRules({ ...rules, carriers: { ...rules.carriers, [carrier]: next } })}
                errors={errors}
                placeholder={shopDefaults}
              />
            </BlockStack>
          ))}
          <InlineStack gap="200" blockAlign="end">
            <Select
              label="Add a carrier override"
              options={[{ label: "Choose a carrier", value: "" }, ...unused.map((carrier) => ({ label: carrier.name, value: carrier.code }))]}
              value={addCarrier}
              onChange={setAddCarrier}
            />
            <Button
              disabled={!addCarrier}
              onClick={() => {
                setRules({ ...rules, carriers: { ...rules.carriers, [addCarrier]: {} } });
                setAddCarrier("");
              }}
            >
              Add
            </Button>
          </InlineStack>
          <InlineStack align="end">
            <Button submit variant="primary" loading={fetcher.state !== "idle"}>
              Save thresholds
            </Button>
          </InlineStack>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

function MappingsCard({ settings }: { settings: Settings }) {
  const fetcher = useFetcher<SettingsActionResult>();
  const [name, setName] = useState("");
  const [carrier, setCarrier] = useState("");
  const errors = fetcher.data?.intent === "add-mapping" ? fetcher.data.fieldErrors : {};
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Carrier names
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          When your fulfillments name a carrier in a way Trackline does not recognise (e.g. “Acme Express Intl”), map it to a carrier
          code. Your mappings win over the built-in names.
        </Text>
        <Outcome result={fetcher.data} intent={["add-mapping", "remove-mapping"]} />
        {settings.mappings.length > 0 && (
          <DataTable
            columnContentTypes={["text", "text", "text"]}
            headings={["Name (normalized)", "Carrier", ""]}
            rows={settings.mappings.map((mapping) => [
              mapping.name,
              carrierLabel(mapping.carrier),
              <fetcher.Form method="post" key={mapping.name}>
                <input type="hidden" name="intent" value="remove-mapping" />
                <input type="hidden" name="name" value={mapping.name} />
                <Button submit variant="plain" tone="critical">
                  Remove
                </Button>
              </fetcher.Form>,
            ])}
          />
        )}
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="add-mapping" />
          <FormLayout>
            <FormLayout.Group>
              <TextField label="Carrier name on fulfillments" name="name" value={name} onChange={setName} error={errors.name} autoComplete="off" />
              <TextField label="Carrier code" name="carrier" value={carrier} onChange={setCarrier} error={errors.carrier} placeholder="canada_post" autoComplete="off" />
            </FormLayout.Group>
            <InlineStack align="end">
              <Button submit loading={fetcher.state !== "idle"}>
                Add mapping
              </Button>
            </InlineStack>
          </FormLayout>
        </fetcher.Form>
      </BlockStack>
    </Card>
  );
}

function AccountsCard({ settings }: { settings: Settings }) {
  const fetcher = useFetcher<SettingsActionResult>();
  const [carrier, setCarrier] = useState<string>(settings.carriers[0]?.code ?? "ups");
  const [values, setValues] = useState<Record<string, string>>({});
  const [testNumber, setTestNumber] = useState("");
  const option = settings.carriers.find((candidate) => candidate.code === carrier);
  const errors = fetcher.data?.intent === "add-account" ? fetcher.data.fieldErrors : {};
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Carrier accounts
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          Your own carrier API credentials, used instead of Trackline&apos;s shared accounts. They are stored encrypted and never shown
          again; only a masked hint is kept.
        </Text>
        {settings.credentialsUnavailable && <Banner tone="warning" title="Credentials cannot be stored here">{settings.credentialsUnavailable}</Banner>}
        <Outcome result={fetcher.data} intent={["add-account", "remove-account", "test-account"]} />
        {settings.carrierAccounts.length > 0 && (
          <>
            <TextField
              label="Tracking number to test with"
              helpText="Empty: your newest shipment on that carrier."
              value={testNumber}
              onChange={setTestNumber}
              autoComplete="off"
            />
            <DataTable
              columnContentTypes={["text", "text", "text", "text"]}
              headings={["Carrier", "Credentials", "Updated", ""]}
              rows={settings.carrierAccounts.map((account) => [
                carrierLabel(account.carrier),
                account.maskedHint,
                formatDateTime(account.updatedAt),
                <InlineStack key={account.carrier} gap="200">
                  <fetcher.Form method="post">
                    <input type="hidden" name="intent" value="test-account" />
                    <input type="hidden" name="carrier" value={account.carrier} />
                    <input type="hidden" name="trackingNumber" value={testNumber} />
                    <Button submit>Test</Button>
                  </fetcher.Form>
                  <fetcher.Form method="post">
                    <input type="hidden" name="intent" value="remove-account" />
                    <input type="hidden" name="carrier" value={account.carrier} />
                    <Button submit tone="critical" variant="plain">
                      Remove
                    </Button>
                  </fetcher.Form>
                </InlineStack>,
              ])}
            />
          </>
        )}
        {!settings.credentialsUnavailable && (
          <fetcher.Form method="post">
            <input type="hidden" name="intent" value="add-account" />
            <FormLayout>
              <Select
                label="Carrier"
                name="carrier"
                options={settings.carriers.map((candidate) => ({ label: candidate.name, value: candidate.code }))}
                value={carrier}
                onChange={(value) => {
                  setCarrier(value);
                  setValues({});
                }}
              />
              {option?.fields.map((field) => (
                <TextField
                  key={field}
                  label={FIELD_LABELS[field] ?? field}
                  name={`credential.${field}`}
                  type={/secret|key/i.test(field) ? "password" : "text"}
                  value={values[field] ?? ""}
                  onChange={(value) => setValues({ ...values, [field]: value })}
                  error={errors[field]}
                  autoComplete="off"
                />
              ))}
              <InlineStack align="end">
                <Button submit variant="primary" loading={fetcher.state !== "idle"}>
                  Save credentials
                </Button>
              </InlineStack>
            </FormLayout>
          </fetcher.Form>
        )}
      </BlockStack>
    </Card>
  );
}

function LongTailCard({ settings }: { settings: Settings }) {
  const fetcher = useFetcher<SettingsActionResult>();
  const [chosen, setChosen] = useState(settings.longTail.chosen);
  const errors = fetcher.data?.intent === "long-tail" ? fetcher.data.fieldErrors : {};
  const fallback = settings.longTail.fallback;
  const nameOf = (code: string) => settings.longTail.options.find((option) => option.code === code)?.name ?? carrierLabel(code);
  return (
    <Card>
      <fetcher.Form method="post">
        <input type="hidden" name="intent" value="long-tail" />
        <BlockStack gap="300">
          <Outcome result={fetcher.data} intent="long-tail" />
          {fallback ? (
            <Banner tone="warning" title={`${nameOf(fallback.from)} quota used up`}>
              Since {formatDateTime(fallback.since)}, parcels on other carriers are tracked through {nameOf(fallback.to)} until the quota resets
              tomorrow (UTC). Nothing stops being tracked.
            </Banner>
          ) : null}
          <Select
            label="Tracking service for other carriers"
            helpText="Carriers without a direct integration (Royal Mail, YunExpress, Canada Post…) are tracked through this service."
            name="longTailAggregator"
            options={settings.longTail.options.map((option) => ({ label: option.name, value: option.code }))}
            value={chosen}
            onChange={setChosen}
            error={errors.longTailAggregator}
          />
          <InlineStack align="end">
            <Button submit variant="primary" loading={fetcher.state !== "idle"}>
              Save
            </Button>
          </InlineStack>
        </BlockStack>
      </fetcher.Form>
    </Card>
  );
}

export function SettingsPage({ settings }: { settings: Settings }) {
  return (
    <Page title="Settings" backAction={{ content: "Dashboard", url: "/app" }}>
      <Layout>
        <Layout.AnnotatedSection title="Tracking page and write-back" description="What shoppers see and what Trackline tells Shopify.">
          <GeneralCard settings={settings} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title="Stalled parcels" description="When a parcel without news needs your attention.">
          <RulesCard settings={settings} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title="Carriers" description="Names your fulfillments use, and your own carrier accounts.">
          <BlockStack gap="400">
            <MappingsCard settings={settings} />
            <LongTailCard settings={settings} />
            <AccountsCard settings={settings} />
          </BlockStack>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection title="WISMO measurement" description="The holdout experiment, shoppers' messages and helpdesk connections.">
          <Card>
            <Text as="p">
              Holding back proactive notices for a random share of orders (decided by a keyed hash of the order id, so an order
              never changes group), keeping shoppers&apos; messages and connecting Zendesk, Gorgias or another helpdesk are set on
              the <Link url="/app/wismo">WISMO page</Link>, next to the figures they produce.
            </Text>
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
