import type { SubmissionResult } from "@conform-to/react";
import { useBeforeUnload, useBlocker, useFetcher, useRouteLoaderData } from "@remix-run/react";
import { SaveBar } from "@shopify/app-bridge-react";
import type { HSBColor } from "@shopify/polaris";
import { Banner } from "@shopify/polaris/build/esm/components/Banner/Banner.js";
import { BlockStack } from "@shopify/polaris/build/esm/components/BlockStack/BlockStack.js";
import { Box } from "@shopify/polaris/build/esm/components/Box/Box.js";
import { Button } from "@shopify/polaris/build/esm/components/Button/Button.js";
import { ButtonGroup } from "@shopify/polaris/build/esm/components/ButtonGroup/ButtonGroup.js";
import { Card } from "@shopify/polaris/build/esm/components/Card/Card.js";
import { Checkbox } from "@shopify/polaris/build/esm/components/Checkbox/Checkbox.js";
import { ChoiceList } from "@shopify/polaris/build/esm/components/ChoiceList/ChoiceList.js";
import { ColorPicker } from "@shopify/polaris/build/esm/components/ColorPicker/ColorPicker.js";
import { ContextualSaveBar } from "@shopify/polaris/build/esm/components/ContextualSaveBar/ContextualSaveBar.js";
import { DataTable } from "@shopify/polaris/build/esm/components/DataTable/DataTable.js";
import { DropZone } from "@shopify/polaris/build/esm/components/DropZone/DropZone.js";
import { FormLayout } from "@shopify/polaris/build/esm/components/FormLayout/FormLayout.js";
import { InlineStack } from "@shopify/polaris/build/esm/components/InlineStack/InlineStack.js";
import { Layout } from "@shopify/polaris/build/esm/components/Layout/Layout.js";
import { Link } from "@shopify/polaris/build/esm/components/Link/Link.js";
import { Page } from "@shopify/polaris/build/esm/components/Page/Page.js";
import { Select } from "@shopify/polaris/build/esm/components/Select/Select.js";
import { Text } from "@shopify/polaris/build/esm/components/Text/Text.js";
import { TextField } from "@shopify/polaris/build/esm/components/TextField/TextField.js";
import { Thumbnail } from "@shopify/polaris/build/esm/components/Thumbnail/Thumbnail.js";
import { hexToRgb, hsbToHex, rgbToHsb } from "@shopify/polaris/build/esm/utilities/color-transformers.js";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { DEFAULT_CADENCE_MINUTES, DEFAULT_CARRIER_RULES } from "~/domain/shipment-state";
import { SUPPORTED_LOCALES as PAGE_LOCALES, type SupportedLocale } from "~/domain/locales/resolve";
import type { AdminMessageKey } from "~/i18n/catalog.server";
import { useAdminIntl } from "~/i18n/use-admin-intl";
import type { parseSettingsForm, SettingsActionResult, SettingsView } from "~/services/settings/settings-form";
import type { PreviewInput } from "~/services/settings/preview";
import type { RuleOverride, TrackingRules } from "~/services/settings/tracking-rules";
import type { Serialized } from "./format";
import type LeaveSettingsModal from "./LeaveSettingsModal";
import { useAdminFormat } from "./use-admin-format";

type Settings = Serialized<SettingsView>;
type T = ReturnType<typeof useAdminIntl>["t"];
type SettingsValidator = (formData: FormData) => ReturnType<typeof parseSettingsForm>;

/** What the save bar saves: one draft, compared with the saved values to know the form is dirty. */
export interface SettingsDraft {
  writeBackEnabled: boolean;
  supportMinutesPerInquiry: string;
  locales: string[];
  longTailAggregator: string;
  rules: TrackingRules;
  brandAccentColor: string;
  backgroundColor: string;
  heading: Partial<Record<string, string>>;
  intro: Partial<Record<string, string>>;
  supportContact: string;
  showScanHistory: boolean;
  showLineItems: boolean;
  showEstimate: boolean;
}

export function draftOf(settings: Settings): SettingsDraft {
  return {
    writeBackEnabled: settings.general.writeBackEnabled,
    supportMinutesPerInquiry: String(settings.general.supportMinutesPerInquiry),
    locales: settings.general.locales,
    longTailAggregator: settings.longTail.chosen,
    rules: settings.trackingRules,
    brandAccentColor: settings.general.brandAccentColor ?? "",
    backgroundColor: settings.branding.backgroundColor ?? "",
    heading: settings.branding.heading,
    intro: settings.branding.intro,
    supportContact: settings.branding.supportContact ?? "",
    showScanHistory: settings.branding.sections.scanHistory,
    showLineItems: settings.branding.sections.lineItems,
    showEstimate: settings.branding.sections.estimate,
  };
}

/** The draft as form fields (the names the shared schema reads). */
function DraftFields({ draft }: { draft: SettingsDraft }) {
  const hidden = (name: string, value: string) => <input key={name} type="hidden" name={name} value={value} />;
  return (
    <>
      {hidden("intent", "save")}
      {draft.writeBackEnabled && hidden("writeBackEnabled", "on")}
      {hidden("supportMinutesPerInquiry", draft.supportMinutesPerInquiry)}
      {draft.locales.map((code, index) => hidden(`locales[${index}]`, code))}
      {hidden("longTailAggregator", draft.longTailAggregator)}
      {hidden("rules", JSON.stringify(draft.rules))}
      {hidden("brandAccentColor", draft.brandAccentColor)}
      {hidden("backgroundColor", draft.backgroundColor)}
      {PAGE_LOCALES.map((locale) => draft.heading[locale] && hidden(`heading.${locale}`, draft.heading[locale] ?? ""))}
      {PAGE_LOCALES.map((locale) => draft.intro[locale] && hidden(`intro.${locale}`, draft.intro[locale] ?? ""))}
      {hidden("supportContact", draft.supportContact)}
      {draft.showScanHistory && hidden("showScanHistory", "on")}
      {draft.showLineItems && hidden("showLineItems", "on")}
      {draft.showEstimate && hidden("showEstimate", "on")}
    </>
  );
}

/** A field's first error, in the merchant's language (schema messages are catalogue keys). */
function useErrorText(errors: Record<string, string[] | null | undefined>, t: T) {
  return (name: string): string | undefined => {
    const first = errors[name]?.[0];
    if (!first) return undefined;
    return first.startsWith("settings.") ? t(first as AdminMessageKey) : first;
  };
}

const toNumber = (value: string): number | undefined => (value.trim() === "" ? undefined : Number(value));

/** The domain's built-in rules, shown as placeholders (blank fields keep them). */
const BUILT_IN = {
  domestic: DEFAULT_CARRIER_RULES.stalledAfterBusinessDays.domestic,
  international: DEFAULT_CARRIER_RULES.stalledAfterBusinessDays.international,
  notPickedUp: DEFAULT_CARRIER_RULES.notPickedUpAfterBusinessDays,
  inTransitEvery: DEFAULT_CADENCE_MINUTES.in_transit,
  outForDeliveryEvery: DEFAULT_CADENCE_MINUTES.out_for_delivery,
};

function RuleNumberField(props: { label: string; suffix: string; value: number | undefined; placeholder: number; error: string | undefined; onChange: (value: number | undefined) => void }) {
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
  error,
  placeholder,
}: {
  prefix: string;
  override: RuleOverride;
  onChange: (next: RuleOverride) => void;
  error: (name: string) => string | undefined;
  placeholder: typeof BUILT_IN;
}) {
  const { t } = useAdminIntl();
  const stalled = override.stalledAfterBusinessDays ?? {};
  const every = override.checkIntervalMinutes ?? {};
  const days = t("settings.rules.businessDays");
  const minutes = t("settings.rules.minutes");
  return (
    <BlockStack gap="200">
      <FormLayout.Group condensed>
        <RuleNumberField
          label={t("settings.rules.stalledDomestic")}
          suffix={days}
          value={stalled.domestic}
          placeholder={placeholder.domestic}
          error={error(`rules.${prefix}.stalledAfterBusinessDays.domestic`)}
          onChange={(domestic) => onChange({ ...override, stalledAfterBusinessDays: { ...stalled, domestic } })}
        />
        <RuleNumberField
          label={t("settings.rules.stalledInternational")}
          suffix={days}
          value={stalled.international}
          placeholder={placeholder.international}
          error={error(`rules.${prefix}.stalledAfterBusinessDays.international`)}
          onChange={(international) => onChange({ ...override, stalledAfterBusinessDays: { ...stalled, international } })}
        />
        <RuleNumberField
          label={t("settings.rules.notPickedUp")}
          suffix={days}
          value={override.notPickedUpAfterBusinessDays}
          placeholder={placeholder.notPickedUp}
          error={error(`rules.${prefix}.notPickedUpAfterBusinessDays`)}
          onChange={(notPickedUpAfterBusinessDays) => onChange({ ...override, notPickedUpAfterBusinessDays })}
        />
      </FormLayout.Group>
      <FormLayout.Group condensed>
        <RuleNumberField
          label={t("settings.rules.inTransitEvery")}
          suffix={minutes}
          value={every.in_transit}
          placeholder={placeholder.inTransitEvery}
          error={error(`rules.${prefix}.checkIntervalMinutes.in_transit`)}
          onChange={(in_transit) => onChange({ ...override, checkIntervalMinutes: { ...every, in_transit } })}
        />
        <RuleNumberField
          label={t("settings.rules.outForDeliveryEvery")}
          suffix={minutes}
          value={every.out_for_delivery}
          placeholder={placeholder.outForDeliveryEvery}
          error={error(`rules.${prefix}.checkIntervalMinutes.out_for_delivery`)}
          onChange={(out_for_delivery) => onChange({ ...override, checkIntervalMinutes: { ...every, out_for_delivery } })}
        />
      </FormLayout.Group>
    </BlockStack>
  );
}

function RulesCard({ settings, rules, onChange, error }: { settings: Settings; rules: TrackingRules; onChange: (rules: TrackingRules) => void; error: (name: string) => string | undefined }) {
  const { t } = useAdminIntl();
  const { carrierLabel } = useAdminFormat();
  const [addCarrier, setAddCarrier] = useState("");
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
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("settings.rules.title")}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {t("settings.rules.help")}
        </Text>
        <Text as="h3" variant="headingSm">
          {t("settings.rules.everyCarrier")}
        </Text>
        <RuleFields prefix="defaults" override={rules.defaults} onChange={(next) => onChange({ ...rules, defaults: next })} error={error} placeholder={BUILT_IN} />
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
                  onChange({ ...rules, carriers: rest });
                }}
              >
                {t("settings.rules.removeOverride")}
              </Button>
            </InlineStack>
            <RuleFields
              prefix={`carriers.${carrier}`}
              override={override}
              onChange={(next) => onChange({ ...rules, carriers: { ...rules.carriers, [carrier]: next } })}
              error={error}
              placeholder={shopDefaults}
            />
          </BlockStack>
        ))}
        <InlineStack gap="200" blockAlign="end">
          <Select
            label={t("settings.rules.addOverride")}
            options={[{ label: t("settings.chooseCarrier"), value: "" }, ...unused.map((carrier) => ({ label: carrier.name, value: carrier.code }))]}
            value={addCarrier}
            onChange={setAddCarrier}
          />
          <Button
            disabled={!addCarrier}
            onClick={() => {
              onChange({ ...rules, carriers: { ...rules.carriers, [addCarrier]: {} } });
              setAddCarrier("");
            }}
          >
            {t("settings.add")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

function hsbOf(hex: string): HSBColor {
  return /^#[0-9a-f]{6}$/i.test(hex) ? rgbToHsb(hexToRgb(hex)) : { hue: 0, saturation: 0, brightness: 0.15 };
}

/** Polaris's colour picker with the hex code next to it; both edit the same value. */
function ColourField({ label, value, onChange, error, id }: { label: string; value: string; onChange: (hex: string) => void; error: string | undefined; id: string }) {
  const { t } = useAdminIntl();
  return (
    <BlockStack gap="200">
      <Text as="p" variant="bodyMd" id={`${id}-label`}>
        {label}
      </Text>
      <InlineStack gap="300" blockAlign="start" wrap={false}>
        <div role="group" aria-labelledby={`${id}-label`}>
          <ColorPicker color={hsbOf(value)} onChange={(color) => onChange(hsbToHex(color))} />
        </div>
        <BlockStack gap="200">
          <div aria-hidden="true" style={{ width: 40, height: 40, borderRadius: 8, border: "1px solid #8a8a8a", background: /^#[0-9a-f]{6}$/i.test(value) ? value : "transparent" }} />
          <TextField label={t("settings.hex")} value={value} onChange={onChange} placeholder="#1a73e8" error={error} autoComplete="off" maxLength={7} />
          {value !== "" && (
            <Button variant="plain" onClick={() => onChange("")}>
              {t("settings.useDefaultColour")}
            </Button>
          )}
        </BlockStack>
      </InlineStack>
    </BlockStack>
  );
}

interface LogoResult {
  ok: boolean;
  message: string;
  logo?: Settings["logo"];
}

/**
 * A logo change waiting for the save bar, like every other edit: a picked file (shown from its
 * bytes in the field and the preview) or the saved logo's removal.
 */
export type LogoChange = { kind: "upload"; file: File; dataUrl: string } | { kind: "remove" } | null;

/** The logo the merchant sees while editing: the pending one, none after a pending removal, else the saved one. */
function shownLogoUrl(settings: Settings, change: LogoChange): string | null {
  if (change?.kind === "upload") return change.dataUrl;
  if (change?.kind === "remove") return null;
  return settings.logo?.url ?? null;
}

function LogoField({ settings, change, onChange, result }: { settings: Settings; change: LogoChange; onChange: (change: LogoChange) => void; result: LogoResult | undefined }) {
  const { t } = useAdminIntl();
  const shown = shownLogoUrl(settings, change);
  return (
    <BlockStack gap="200">
      {result && <Banner tone={result.ok ? "success" : "critical"} title={result.message} />}
      <InlineStack gap="400" blockAlign="center">
        {shown && <Thumbnail source={shown} alt={t("settings.logo.current")} size="large" />}
        <div style={{ width: 160, height: 100 }}>
          <DropZone
            label={t("settings.logo.label")}
            accept="image/png,image/jpeg,image/webp"
            type="image"
            allowMultiple={false}
            onDrop={(_files, accepted) => {
              const file = accepted[0];
              if (!file) return;
              const reader = new FileReader();
              reader.onload = () => onChange({ kind: "upload", file, dataUrl: String(reader.result) });
              reader.readAsDataURL(file);
            }}
          >
            <DropZone.FileUpload actionTitle={t("settings.logo.upload")} actionHint={t("settings.logo.hint")} />
          </DropZone>
        </div>
        {shown && (
          <Button tone="critical" variant="plain" onClick={() => onChange(settings.logo ? { kind: "remove" } : null)}>
            {t("settings.logo.remove")}
          </Button>
        )}
      </InlineStack>
    </BlockStack>
  );
}

const LANGUAGE_NAMES: Record<string, string> = {
  en: "English",
  de: "Deutsch",
  es: "Español",
  fr: "Français",
  it: "Italiano",
  ja: "日本語",
  ko: "한국어",
  "pt-BR": "Português (Brasil)",
  "zh-CN": "简体中文",
  "zh-TW": "繁體中文",
};

function BrandingCard({
  settings,
  draft,
  update,
  error,
  logo,
}: {
  settings: Settings;
  draft: SettingsDraft;
  update: (patch: Partial<SettingsDraft>) => void;
  error: (name: string) => string | undefined;
  logo: { change: LogoChange; onChange: (change: LogoChange) => void; result: LogoResult | undefined };
}) {
  const { t } = useAdminIntl();
  const [copyLocale, setCopyLocale] = useState<string>(draft.locales[0] ?? "en");
  const localeOptions = PAGE_LOCALES.map((code) => ({ label: LANGUAGE_NAMES[code] ?? code, value: code }));
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {t("settings.branding.title")}
        </Text>
        <LogoField settings={settings} change={logo.change} onChange={logo.onChange} result={logo.result} />
        <FormLayout>
          <FormLayout.Group>
            <ColourField id="accent" label={t("settings.branding.accent")} value={draft.brandAccentColor} onChange={(brandAccentColor) => update({ brandAccentColor })} error={error("brandAccentColor")} />
            <ColourField id="background" label={t("settings.branding.background")} value={draft.backgroundColor} onChange={(backgroundColor) => update({ backgroundColor })} error={error("backgroundColor")} />
          </FormLayout.Group>
          <Select label={t("settings.branding.copyLanguage")} options={localeOptions} value={copyLocale} onChange={setCopyLocale} helpText={t("settings.branding.copyHelp")} />
          <TextField
            label={t("settings.branding.heading")}
            value={draft.heading[copyLocale] ?? ""}
            onChange={(value) => update({ heading: { ...draft.heading, [copyLocale]: value } })}
            error={error(`heading.${copyLocale}`)}
            maxLength={80}
            showCharacterCount
            autoComplete="off"
          />
          <TextField
            label={t("settings.branding.intro")}
            value={draft.intro[copyLocale] ?? ""}
            onChange={(value) => update({ intro: { ...draft.intro, [copyLocale]: value } })}
            error={error(`intro.${copyLocale}`)}
            multiline={3}
            maxLength={400}
            showCharacterCount
            autoComplete="off"
          />
          <TextField
            label={t("settings.branding.support")}
            helpText={t("settings.branding.supportHelp")}
            value={draft.supportContact}
            onChange={(supportContact) => update({ supportContact })}
            error={error("supportContact")}
            autoComplete="off"
          />
          <BlockStack gap="100">
            <Text as="p" variant="bodyMd">
              {t("settings.branding.sections")}
            </Text>
            <Checkbox label={t("settings.branding.scanHistory")} checked={draft.showScanHistory} onChange={(showScanHistory) => update({ showScanHistory })} />
            <Checkbox label={t("settings.branding.lineItems")} checked={draft.showLineItems} onChange={(showLineItems) => update({ showLineItems })} />
            <Checkbox label={t("settings.branding.estimate")} checked={draft.showEstimate} onChange={(showEstimate) => update({ showEstimate })} />
            <Text as="p" variant="bodySm" tone="subdued">
              {t("settings.branding.noMap")}
            </Text>
          </BlockStack>
          <ChoiceList
            title={t("settings.languages")}
            allowMultiple
            choices={settings.supportedLocales.map((code) => ({ label: LANGUAGE_NAMES[code] ?? code, value: code }))}
            selected={draft.locales}
            onChange={(locales) => update({ locales })}
            error={error("locales")}
          />
        </FormLayout>
      </BlockStack>
    </Card>
  );
}

/**
 * What the preview draws for the saved settings in the page's first language: the loader renders
 * it (`savedPreview`), so the page's script does not carry the storefront page's renderer and
 * catalogues until the merchant changes something the preview shows.
 */
export function savedPreviewInput(settings: Settings, nowMs: number): PreviewInput {
  const draft = draftOf(settings);
  return previewInput(settings, draft, draft.locales[0] ?? "en", shownLogoUrl(settings, null), nowMs);
}

function previewInput(settings: Settings, draft: SettingsDraft, locale: string, logoUrl: string | null, nowMs: number): PreviewInput {
  return { locale: (PAGE_LOCALES as readonly string[]).includes(locale) ? (locale as SupportedLocale) : "en", shopName: settings.shopName, logoUrl, draft, nowMs };
}

type PreviewRenderer = (input: PreviewInput) => string;

function PreviewCard({ settings, draft, nowMs, logoUrl, savedPreview }: { settings: Settings; draft: SettingsDraft; nowMs: number; logoUrl: string | null; savedPreview: string }) {
  const { t } = useAdminIntl();
  const [device, setDevice] = useState<"desktop" | "mobile">("desktop");
  const [locale, setLocale] = useState<string>(draft.locales[0] ?? "en");
  const input = useMemo(() => previewInput(settings, draft, locale, logoUrl, nowMs), [settings, draft, locale, logoUrl, nowMs]);
  const inputKey = JSON.stringify(input);
  const savedKey = useMemo(() => JSON.stringify(savedPreviewInput(settings, nowMs)), [settings, nowMs]);
  // The storefront page's renderer (with every shopper catalogue) is fetched once the preview must
  // show something other than the saved settings; until it arrives the last drawn page stays.
  const [render, setRender] = useState<PreviewRenderer | null>(null);
  const needsRenderer = render === null && inputKey !== savedKey;
  useEffect(() => {
    if (!needsRenderer) return;
    let live = true;
    void import("~/services/settings/preview").then((module) => {
      if (live) setRender(() => module.previewDocument);
    });
    return () => {
      live = false;
    };
  }, [needsRenderer]);
  const lastDrawn = useRef(savedPreview);
  const srcDoc = useMemo(() => {
    if (inputKey === savedKey) return savedPreview;
    return render ? render(input) : lastDrawn.current;
  }, [input, inputKey, savedKey, savedPreview, render]);
  lastDrawn.current = srcDoc;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("settings.preview.title")}
          </Text>
          <ButtonGroup variant="segmented">
            <Button pressed={device === "desktop"} onClick={() => setDevice("desktop")}>
              {t("settings.preview.desktop")}
            </Button>
            <Button pressed={device === "mobile"} onClick={() => setDevice("mobile")}>
              {t("settings.preview.mobile")}
            </Button>
          </ButtonGroup>
        </InlineStack>
        <Select label={t("settings.preview.language")} options={PAGE_LOCALES.map((code) => ({ label: LANGUAGE_NAMES[code] ?? code, value: code }))} value={locale} onChange={setLocale} />
        <Text as="p" variant="bodySm">
          {t("settings.preview.publicUrl")}{" "}
          <Link url={settings.publicUrl} external>
            {settings.publicUrl}
          </Link>
        </Text>
        <Box borderColor="border" borderWidth="025" borderRadius="200" overflowX="hidden" overflowY="hidden">
          <iframe
            title={t("settings.preview.frameTitle")}
            data-testid="tracking-preview"
            srcDoc={srcDoc}
            sandbox=""
            style={{ display: "block", border: 0, width: device === "mobile" ? 375 : "100%", maxWidth: "100%", height: 720, margin: "0 auto", background: "#fff" }}
          />
        </Box>
      </BlockStack>
    </Card>
  );
}

function Outcome({ result, intents }: { result: SettingsActionResult | undefined; intents: string[] }) {
  if (!result || !intents.includes(result.intent)) return null;
  return <Banner tone={result.ok ? "success" : "critical"} title={result.message} />;
}

function MappingsCard({ settings }: { settings: Settings }) {
  const { t } = useAdminIntl();
  const { carrierLabel } = useAdminFormat();
  const fetcher = useFetcher<SettingsActionResult>();
  const [name, setName] = useState("");
  const [carrier, setCarrier] = useState("");
  const errors = fetcher.data?.intent === "add-mapping" ? fetcher.data.fieldErrors : {};
  const error = (field: string) => (errors[field] ? t(errors[field] as AdminMessageKey) : undefined);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.intent === "add-mapping" && fetcher.data.ok) {
      setName("");
      setCarrier("");
    }
  }, [fetcher.state, fetcher.data]);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("settings.mappings.title")}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {t("settings.mappings.help")}
        </Text>
        <Outcome result={fetcher.data} intents={["add-mapping", "remove-mapping"]} />
        {settings.mappings.length > 0 && (
          <DataTable
            columnContentTypes={["text", "text", "text"]}
            headings={[t("settings.mappings.name"), t("settings.mappings.carrier"), t("settings.mappings.actions")]}
            rows={settings.mappings.map((mapping) => [
              mapping.name,
              carrierLabel(mapping.carrier),
              <fetcher.Form method="post" key={mapping.name}>
                <input type="hidden" name="intent" value="remove-mapping" />
                <input type="hidden" name="name" value={mapping.name} />
                <Button submit variant="plain" tone="critical">
                  {t("settings.remove")}
                </Button>
              </fetcher.Form>,
            ])}
          />
        )}
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="add-mapping" />
          <input type="hidden" name="carrier" value={carrier} />
          <FormLayout>
            <FormLayout.Group>
              <TextField label={t("settings.mappings.nameField")} name="name" value={name} onChange={setName} error={error("name")} autoComplete="off" />
              <Select
                label={t("settings.mappings.carrierField")}
                options={[{ label: t("settings.chooseCarrier"), value: "" }, ...settings.mappableCarriers.map((option) => ({ label: option.name, value: option.code }))]}
                value={carrier}
                onChange={setCarrier}
                error={error("carrier")}
              />
            </FormLayout.Group>
            <InlineStack align="end">
              <Button submit loading={fetcher.state !== "idle"}>
                {t("settings.mappings.add")}
              </Button>
            </InlineStack>
          </FormLayout>
        </fetcher.Form>
      </BlockStack>
    </Card>
  );
}

function AccountsCard({ settings }: { settings: Settings }) {
  const { t } = useAdminIntl();
  const { carrierLabel, formatDateTime } = useAdminFormat();
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
          {t("settings.accounts.title")}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {t("settings.accounts.help")}
        </Text>
        {settings.credentialsUnavailable && (
          <Banner tone="warning" title={t("settings.accounts.unavailableTitle")}>
            {t(settings.credentialsUnavailable)}
          </Banner>
        )}
        <Outcome result={fetcher.data} intents={["add-account", "remove-account", "test-account"]} />
        {settings.carrierAccounts.length > 0 && (
          <>
            <TextField label={t("settings.accounts.testNumber")} helpText={t("settings.accounts.testNumberHelp")} value={testNumber}
              onChange={setTestNumber}
              autoComplete="off"
              error={fetcher.data?.intent === "test-account" && fetcher.data.fieldErrors.trackingNumber ? t(fetcher.data.fieldErrors.trackingNumber as AdminMessageKey) : undefined}
            />
            <DataTable
              columnContentTypes={["text", "text", "text", "text"]}
              headings={[t("settings.mappings.carrier"), t("settings.accounts.credentials"), t("settings.accounts.updated"), t("settings.mappings.actions")]}
              rows={settings.carrierAccounts.map((account) => [
                carrierLabel(account.carrier),
                account.maskedHint,
                formatDateTime(account.updatedAt),
                <InlineStack key={account.carrier} gap="200">
                  <fetcher.Form method="post">
                    <input type="hidden" name="intent" value="test-account" />
                    <input type="hidden" name="carrier" value={account.carrier} />
                    <input type="hidden" name="trackingNumber" value={testNumber} />
                    <Button submit>{t("settings.accounts.test")}</Button>
                  </fetcher.Form>
                  <fetcher.Form method="post">
                    <input type="hidden" name="intent" value="remove-account" />
                    <input type="hidden" name="carrier" value={account.carrier} />
                    <Button submit tone="critical" variant="plain">
                      {t("settings.remove")}
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
                label={t("settings.mappings.carrier")}
                name="carrier"
                options={settings.carriers.map((candidate) => ({ label: candidate.name, value: candidate.code }))}
                value={carrier}
                onChange={(value) => {
                  setCarrier(value);
                  setValues({});
                }}
              />
              {option?.fields.map(({ name, label, secret }) => (
                <TextField
                  key={name}
                  label={t(`settings.accounts.${label}`)}
                  name={`credential.${name}`}
                  type={secret ? "password" : "text"}
                  value={values[name] ?? ""}
                  onChange={(value) => setValues({ ...values, [name]: value })}
                  error={errors[name] ? t(errors[name] as AdminMessageKey) : undefined}
                  autoComplete="off"
                />
              ))}
              <InlineStack align="end">
                <Button submit loading={fetcher.state !== "idle"}>
                  {t("settings.accounts.save")}
                </Button>
              </InlineStack>
            </FormLayout>
          </fetcher.Form>
        )}
      </BlockStack>
    </Card>
  );
}

function LongTailCard({ settings, chosen, onChange, error }: { settings: Settings; chosen: string; onChange: (code: string) => void; error: string | undefined }) {
  const { t } = useAdminIntl();
  const { carrierLabel, formatDateTime } = useAdminFormat();
  const fallback = settings.longTail.fallback;
  const nameOf = (code: string) => settings.longTail.options.find((option) => option.code === code)?.name ?? carrierLabel(code);
  return (
    <Card>
      <BlockStack gap="300">
        {fallback ? (
          <Banner tone="warning" title={t("settings.longTail.quotaTitle", { service: nameOf(fallback.from) })}>
            {t("settings.longTail.quotaBody", { since: formatDateTime(fallback.since), service: nameOf(fallback.to) })}
          </Banner>
        ) : null}
        <Select
          label={t("settings.longTail.label")}
          helpText={t("settings.longTail.help")}
          options={settings.longTail.options.map((option) => ({ label: option.name, value: option.code }))}
          value={chosen}
          onChange={onChange}
          error={error}
        />
      </BlockStack>
    </Card>
  );
}

/**
 * The Settings page. Everything that is a setting (write-back, thresholds, languages, the tracking
 * page's look) is one draft saved by one contextual save bar — App Bridge's in the admin, Polaris's
 * in the demo — validated by the same schema in the browser (Conform) and on the server. A new or
 * removed logo waits for the same save bar (sent first, then the rest). Lists (carrier names,
 * carrier accounts) act at once, like Shopify's own settings.
 */
export function SettingsPage({ settings, previewNowMs, savedPreview }: { settings: Settings; previewNowMs: number; savedPreview: string }) {
  const { t } = useAdminIntl();
  const layout = useRouteLoaderData<{ demo?: boolean }>("routes/app");
  const embedded = layout ? !layout.demo : false;
  const fetcher = useFetcher<SubmissionResult<string[]> & { message?: string }>();
  const saved = useMemo(() => draftOf(settings), [settings]);
  const [draft, setDraft] = useState<SettingsDraft>(saved);
  const [baseline, setBaseline] = useState<SettingsDraft>(saved);
  const formRef = useRef<HTMLFormElement>(null);
  const logoFetcher = useFetcher<LogoResult>();
  const [logoChange, setLogoChange] = useState<LogoChange>(null);
  // The last logo save's answer stays in view until the merchant picks or removes a logo again.
  const [logoResultShown, setLogoResultShown] = useState(false);
  const changeLogo = (change: LogoChange) => {
    setLogoChange(change);
    setLogoResultShown(false);
  };
  const draftDirty = JSON.stringify(draft) !== JSON.stringify(baseline);
  const dirty = draftDirty || logoChange !== null;
  const saving = fetcher.state !== "idle" || logoFetcher.state !== "idle";
  // Save sends the logo first; the other edits follow once it is stored (and stay unsaved if it was refused).
  const draftWaitsForLogo = useRef(false);
  const handledLogoResult = useRef<LogoResult | undefined>(undefined);
  useEffect(() => {
    const result = logoFetcher.data;
    if (logoFetcher.state !== "idle" || !result || handledLogoResult.current === result) return;
    handledLogoResult.current = result;
    if (result.ok) {
      setLogoChange(null);
      if (draftWaitsForLogo.current) formRef.current?.requestSubmit();
    }
    draftWaitsForLogo.current = false;
  }, [logoFetcher.state, logoFetcher.data]);

  // New saved values become the baseline; the draft follows them after a save or when it had no
  // edits (a logo upload or a new mapping reloads the settings without touching unsaved edits).
  const savedJson = useRef(JSON.stringify(saved));
  const baselineJson = JSON.stringify(baseline);
  const justSaved = fetcher.state === "idle" && fetcher.data?.status === "success";
  useEffect(() => {
    const next = JSON.stringify(saved);
    if (next === savedJson.current) return;
    savedJson.current = next;
    setBaseline(saved);
    setDraft((current) => (justSaved || JSON.stringify(current) === baselineJson ? saved : current));
  }, [saved, justSaved, baselineJson]);

  // The form's one schema (app/services/settings/settings-form.ts, with zod and Conform) checks
  // the save in the action, and in the browser once its code is here: it is fetched on the first
  // edit, not with the page. A save sent before it arrives is checked by the action alone, and the
  // form shows the errors the server returns. After a refused save each edit is checked again.
  // The question asked when leaving with unsaved changes comes with it.
  const [validate, setValidate] = useState<SettingsValidator | null>(null);
  const [LeaveModal, setLeaveModal] = useState<typeof LeaveSettingsModal | null>(null);
  useEffect(() => {
    if (!dirty || validate) return;
    let current = true;
    void Promise.all([import("~/services/settings/settings-form"), import("./LeaveSettingsModal")]).then(([form, modal]) => {
      if (!current) return;
      setValidate(() => form.parseSettingsForm);
      setLeaveModal(() => modal.default);
    });
    return () => {
      current = false;
    };
  }, [dirty, validate]);
  const [errors, setErrors] = useState<Record<string, string[] | null | undefined>>({});
  const [revalidate, setRevalidate] = useState(false);
  const lastResult = fetcher.state === "idle" ? fetcher.data : undefined;
  useEffect(() => {
    if (!lastResult) return;
    setErrors(lastResult.error ?? {});
    setRevalidate(lastResult.status === "error");
  }, [lastResult]);
  const check = (form: HTMLFormElement) => {
    if (!validate) return true;
    const submission = validate(new FormData(form));
    setErrors(submission.status === "success" ? {} : (submission.reply().error ?? {}));
    return submission.status === "success";
  };
  useEffect(() => {
    if (revalidate && formRef.current) check(formRef.current);
    // Checked again when the draft (the form's hidden fields) changes.
  }, [draft, revalidate, validate]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (check(event.currentTarget)) return;
    event.preventDefault();
    setRevalidate(true);
  };
  const errorText = useErrorText(errors, t);
  const update = (patch: Partial<SettingsDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const save = () => {
    if (logoChange === null) {
      formRef.current?.requestSubmit();
      return;
    }
    draftWaitsForLogo.current = draftDirty;
    setLogoResultShown(true);
    if (logoChange.kind === "remove") {
      logoFetcher.submit(null, { method: "delete", action: "/app/settings/logo" });
      return;
    }
    const upload = new FormData();
    upload.set("logo", logoChange.file);
    logoFetcher.submit(upload, { method: "post", action: "/app/settings/logo", encType: "multipart/form-data" });
  };
  const discard = () => {
    setDraft(baseline);
    changeLogo(null);
    setErrors({});
    setRevalidate(false);
  };

  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useBeforeUnload(
    (event) => {
      if (dirty) event.preventDefault();
    },
    { capture: true },
  );
  const saveFailed = fetcher.state === "idle" && fetcher.data?.status === "error";

  return (
    <Page title={t("settings.title")} backAction={{ content: t("nav.dashboard"), url: "/app" }}>
      {embedded ? (
        <SaveBar id="settings-save-bar" open={dirty}>
          <button variant="primary" onClick={save} disabled={saving} type="button">
            {t("settings.save")}
          </button>
          <button onClick={discard} type="button">
            {t("settings.discard")}
          </button>
        </SaveBar>
      ) : (
        dirty && (
          <ContextualSaveBar
            message={t("settings.unsaved")}
            saveAction={{ content: t("settings.save"), onAction: save, loading: saving }}
            discardAction={{ content: t("settings.discard"), onAction: discard }}
          />
        )
      )}
      <fetcher.Form method="post" id="settings-form" noValidate onSubmit={onSubmit} ref={formRef}>
        <DraftFields draft={draft} />
      </fetcher.Form>
      <BlockStack gap="400">
        {saveFailed && <Banner tone="critical" title={t("settings.saveFailed")} />}
        {fetcher.state === "idle" && fetcher.data?.status === "success" && !dirty && <Banner tone="success" title={t("settings.saved")} />}
        <Layout>
          <Layout.AnnotatedSection title={t("settings.section.page")} description={t("settings.section.pageHelp")}>
            <BlockStack gap="400">
              <BrandingCard
                settings={settings}
                draft={draft}
                update={update}
                error={errorText}
                logo={{ change: logoChange, onChange: changeLogo, result: logoResultShown && logoFetcher.state === "idle" ? logoFetcher.data : undefined }}
              />
              <PreviewCard settings={settings} draft={draft} nowMs={previewNowMs} logoUrl={shownLogoUrl(settings, logoChange)} savedPreview={savedPreview} />
            </BlockStack>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("settings.section.general")} description={t("settings.section.generalHelp")}>
            <Card>
              <FormLayout>
                <Checkbox
                  label={t("settings.writeBack")}
                  helpText={t("settings.writeBackHelp")}
                  checked={draft.writeBackEnabled}
                  onChange={(writeBackEnabled) => update({ writeBackEnabled })}
                />
                <TextField
                  label={t("settings.minutes")}
                  helpText={t("settings.minutesHelp")}
                  type="number"
                  value={draft.supportMinutesPerInquiry}
                  onChange={(supportMinutesPerInquiry) => update({ supportMinutesPerInquiry })}
                  error={errorText("supportMinutesPerInquiry")}
                  autoComplete="off"
                />
              </FormLayout>
            </Card>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("settings.section.stalled")} description={t("settings.section.stalledHelp")}>
            <RulesCard settings={settings} rules={draft.rules} onChange={(rules) => update({ rules })} error={errorText} />
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("settings.section.carriers")} description={t("settings.section.carriersHelp")}>
            <BlockStack gap="400">
              <MappingsCard settings={settings} />
              <LongTailCard settings={settings} chosen={draft.longTailAggregator} onChange={(longTailAggregator) => update({ longTailAggregator })} error={errorText("longTailAggregator")} />
              <AccountsCard settings={settings} />
            </BlockStack>
          </Layout.AnnotatedSection>
          <Layout.AnnotatedSection title={t("settings.section.wismo")} description={t("settings.section.wismoHelp")}>
            <Card>
              <Text as="p">
                {t("settings.wismoText")} <Link url="/app/wismo">{t("settings.wismoLink")}</Link>
              </Text>
            </Card>
          </Layout.AnnotatedSection>
        </Layout>
      </BlockStack>
      {LeaveModal && (
        <LeaveModal
          open={blocker.state === "blocked"}
          title={t("settings.leave.title")}
          body={t("settings.leave.body")}
          stay={t("settings.leave.stay")}
          leave={t("settings.leave.leave")}
          onStay={() => blocker.reset?.()}
          onLeave={() => blocker.proceed?.()}
        />
      )}
    </Page>
  );
}
