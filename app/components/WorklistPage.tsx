import { Form, useFetcher, useNavigation, useSearchParams } from "@remix-run/react";
import { Badge } from "@shopify/polaris/build/esm/components/Badge/Badge.js";
import { Banner } from "@shopify/polaris/build/esm/components/Banner/Banner.js";
import { BlockStack } from "@shopify/polaris/build/esm/components/BlockStack/BlockStack.js";
import { Button } from "@shopify/polaris/build/esm/components/Button/Button.js";
import { Card } from "@shopify/polaris/build/esm/components/Card/Card.js";
import { InlineStack } from "@shopify/polaris/build/esm/components/InlineStack/InlineStack.js";
import { Layout } from "@shopify/polaris/build/esm/components/Layout/Layout.js";
import { Link } from "@shopify/polaris/build/esm/components/Link/Link.js";
import { Page } from "@shopify/polaris/build/esm/components/Page/Page.js";
import { Select } from "@shopify/polaris/build/esm/components/Select/Select.js";
import { Text } from "@shopify/polaris/build/esm/components/Text/Text.js";
import { TextField } from "@shopify/polaris/build/esm/components/TextField/TextField.js";
import { useState } from "react";
import type { WorklistItemView } from "~/services/worklist/worklist.server";
import { WORKLIST_KINDS, WORKLIST_STATES } from "~/domain/worklist";
import { INQUIRY_REASONS } from "~/domain/wismo/reasons";
import type { AdminMessageKey } from "~/i18n/catalog.server";
import { downloadFile } from "./download";
import { useAdminFormat } from "./use-admin-format";

const SLA_TONE = { green: "success", amber: "warning", red: "critical" } as const;
const EVIDENCE_STATES = new Set(["not_applicable", "ready", "pending_attach", "attached", "submitted", "failed"]);
const AGE_UNITS = { min: "minute", h: "hour", d: "day" } as const;
/** Helpdesks keep their own names; the shopper surfaces are labelled like on the WISMO page. */
const SOURCE_NAMES: Record<string, string> = { gorgias: "Gorgias", zendesk: "Zendesk" };
const SOURCES = ["tracking_page", "order_status_extension", "api"];

/** Labels of the worklist's own codes, falling back to the code for one this version does not know. */
function useWorklistLabels() {
  const format = useAdminFormat();
  const { t, intl } = format;
  const known = (prefix: string, code: string, codes: readonly string[] | Set<string>) =>
    (Array.isArray(codes) ? codes.includes(code) : (codes as Set<string>).has(code)) ? t(`worklist.${prefix}_${code}` as AdminMessageKey) : code;
  return {
    ...format,
    kindLabel: (kind: string) => known("kind", kind, WORKLIST_KINDS),
    stateLabel: (state: string) => known("state", state, WORKLIST_STATES),
    evidenceLabel: (state: string) => known("evidence", state, EVIDENCE_STATES),
    inquiryLabel: (reason: string, source: string | null) =>
      t("worklist.askedLine", {
        reason: (INQUIRY_REASONS as readonly string[]).includes(reason) ? t(`wismo.reason_${reason}` as AdminMessageKey) : reason,
        source: source === null ? "" : (SOURCE_NAMES[source] ?? (SOURCES.includes(source) ? t(`wismo.source_${source}` as AdminMessageKey) : source)),
      }),
    /** "3 h" from the worklist, as the locale writes an age ("3 Std.", "3시간"). */
    ageLabel: (age: string) => {
      const match = /^(\d+) (min|h|d)$/.exec(age);
      return match ? intl.formatNumber(Number(match[1]), { style: "unit", unit: AGE_UNITS[match[2] as keyof typeof AGE_UNITS], unitDisplay: "short" }) : age;
    },
  };
}

export interface WorklistPageProps {
  staff: { id: string; name: string };
  items: WorklistItemView[];
  counts: { unresolved: number; byKind: Record<string, number>; byState: Record<string, number> };
  disputes: {
    id: string;
    orderId: string | null;
    reason: string;
    status: string;
    orderKnown: boolean;
    evidenceState: string;
    evidenceError: string | null;
    amount: string | null;
    currency: string | null;
    evidenceDueBy: string | null;
  }[];
  settings: { disputeEvidenceMode: string; pickupAttentionDays: number };
}

type ActionResult = { ok: boolean; message: string };

function ItemCard({ item, staffId }: { item: WorklistItemView; staffId: string }) {
  const { t, kindLabel, stateLabel, ageLabel, formatDateTime, inquiryLabel } = useWorklistLabels();
  const fetcher = useFetcher<ActionResult>();
  const [note, setNote] = useState("");
  const [template, setTemplate] = useState<string>(item.emailTemplates[0] ?? "");
  const post = (fields: Record<string, string>) => fetcher.submit({ itemId: item.id, ...fields }, { method: "post" });
  return (
    <Card>
      <div data-worklist-item={item.id} data-kind={item.kind} data-state={item.state}>
        <BlockStack gap="200">
          <InlineStack gap="200" blockAlign="center" wrap>
            <Badge tone={SLA_TONE[item.sla]}>{ageLabel(item.age)}</Badge>
            <Text as="h2" variant="headingSm">
              {t("worklist.itemHeading", { kind: kindLabel(item.kind), order: item.orderName ?? t("worklist.unknownOrder") })}
            </Text>
            <Badge>{stateLabel(item.state)}</Badge>
            {item.reopenCount > 0 && <Badge tone="attention">{t("worklist.back", { count: item.reopenCount })}</Badge>}
            {item.resolvedBy === "auto" && <Badge tone="success">{t("worklist.resolvedItself")}</Badge>}
            <Text as="span" tone="subdued">
              {item.assignee ? t("worklist.assignedTo", { name: item.assignee }) : t("worklist.unassigned")}
            </Text>
          </InlineStack>
          {item.inquiryReason && (
            <Text as="p" tone="subdued" variant="bodySm">
              <span data-inquiry>{inquiryLabel(item.inquiryReason, item.inquirySource)}</span>
            </Text>
          )}
          {fetcher.data && <Banner tone={fetcher.data.ok ? "success" : "critical"} title={fetcher.data.message} />}
          <InlineStack gap="200" wrap>
            <div style={{ minWidth: 200 }}>
              <Select
                label={t("worklist.state")}
                labelInline
                options={WORKLIST_STATES.map((state) => ({ label: stateLabel(state), value: state }))}
                value={item.state}
                onChange={(state) => post({ intent: "state", state })}
              />
            </div>
            {item.assigneeId === staffId ? (
              <Button onClick={() => post({ intent: "assign", assignee: "none" })}>{t("worklist.unassign")}</Button>
            ) : (
              <Button onClick={() => post({ intent: "assign", assignee: "me" })}>{t("worklist.assignToMe")}</Button>
            )}
            {item.state !== "resolved" && (
              <Button variant="primary" onClick={() => post({ intent: "state", state: "resolved" })}>
                {t("worklist.markResolved")}
              </Button>
            )}
            {item.emailTemplates.length > 0 && (
              <InlineStack gap="100" blockAlign="center">
                <Select
                  label={t("worklist.emailShopper")}
                  labelHidden
                  options={item.emailTemplates.map((name) => ({ label: t(`worklist.template_${name}` as AdminMessageKey), value: name }))}
                  value={template}
                  onChange={setTemplate}
                />
                <Button onClick={() => post({ intent: "email", template })}>{t("worklist.emailShopper")}</Button>
              </InlineStack>
            )}
            {item.shipmentId && <Button onClick={() => post({ intent: "resync", shipmentId: item.shipmentId ?? "" })}>{t("worklist.resync")}</Button>}
            {item.shipmentId && <Link url={`/app/shipments/${encodeURIComponent(item.shipmentId)}`}>{t("worklist.shipment")}</Link>}
            {item.carrierContactUrl && (
              <Link url={item.carrierContactUrl} target="_blank">
                {t("worklist.carrierContact")}
              </Link>
            )}
            {item.orderUrl && (
              <Link url={item.orderUrl} target="_blank">
                {t("worklist.openOrder")}
              </Link>
            )}
          </InlineStack>
          {item.notes.map((n) => (
            <Text as="p" key={`${n.at}-${n.author}`} variant="bodySm">
              {t("worklist.noteLine", { at: formatDateTime(n.at), author: n.author, body: n.body })}
            </Text>
          ))}
          <InlineStack gap="200" blockAlign="end">
            <div style={{ flexGrow: 1 }}>
              <TextField label={t("worklist.note")} labelHidden placeholder={t("worklist.addNotePlaceholder")} autoComplete="off" value={note} onChange={setNote} />
            </div>
            <Button
              onClick={() => {
                post({ intent: "note", note });
                setNote("");
              }}
              disabled={!note.trim()}
            >
              {t("worklist.addNote")}
            </Button>
          </InlineStack>
        </BlockStack>
      </div>
    </Card>
  );
}

export function WorklistPage({ staff, items, counts, disputes, settings }: WorklistPageProps) {
  const { t, kindLabel, stateLabel, evidenceLabel, formatCount, disputeReasonLabel, disputeStatusLabel, formatMoney } = useWorklistLabels();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const settingsFetcher = useFetcher<ActionResult>();
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState(params.get("kind") ?? "");
  const [state, setState] = useState(params.get("state") ?? "unresolved");
  const [assignee, setAssignee] = useState(params.get("assignee") ?? "");
  const [mode, setMode] = useState(settings.disputeEvidenceMode);
  const [days, setDays] = useState(String(settings.pickupAttentionDays));
  const exportSearch = params.toString() ? `?${params.toString()}` : "";
  return (
    <Page
      title={t("worklist.title")}
      subtitle={t("worklist.subtitle", { count: counts.unresolved, name: staff.name })}
      secondaryActions={[
        {
          content: t("worklist.exportCsv"),
          onAction: () => {
            downloadFile(`/app/worklist/export${exportSearch}`, "worklist.csv").catch((e: unknown) => setError((e as Error).message));
          },
        },
      ]}
    >
      <BlockStack gap="400">
        {error && <Banner tone="critical" title={error} onDismiss={() => setError(null)} />}
        <Card>
          <Form method="get">
            <InlineStack gap="300" blockAlign="end" wrap>
              <Select
                label={t("worklist.problem")}
                name="kind"
                options={[
                  { label: t("worklist.allProblems"), value: "" },
                  ...WORKLIST_KINDS.map((k) => ({ label: t("worklist.withCount", { label: kindLabel(k), count: formatCount(counts.byKind[k] ?? 0) }), value: k })),
                ]}
                value={kind}
                onChange={setKind}
              />
              <Select
                label={t("worklist.state")}
                name="state"
                options={[
                  { label: t("worklist.notResolved"), value: "unresolved" },
                  ...WORKLIST_STATES.map((s) => ({ label: t("worklist.withCount", { label: stateLabel(s), count: formatCount(counts.byState[s] ?? 0) }), value: s })),
                  { label: t("worklist.all"), value: "all" },
                ]}
                value={state}
                onChange={setState}
              />
              <Select
                label={t("worklist.assignee")}
                name="assignee"
                options={[
                  { label: t("worklist.anyone"), value: "" },
                  { label: t("worklist.me"), value: staff.id },
                  { label: t("worklist.unassigned"), value: "unassigned" },
                ]}
                value={assignee}
                onChange={setAssignee}
              />
              <Button submit loading={navigation.state === "loading"}>
                {t("worklist.filter")}
              </Button>
            </InlineStack>
          </Form>
        </Card>
        <Layout>
          <Layout.Section>
            <BlockStack gap="300">
              {items.length === 0 ? (
                <Card>
                  <Text as="p" tone="subdued">
                    {t("worklist.empty")}
                  </Text>
                </Card>
              ) : (
                items.map((item) => <ItemCard key={item.id} item={item} staffId={staff.id} />)
              )}
            </BlockStack>
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <BlockStack gap="300">
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t("worklist.disputes")}
                  </Text>
                  {disputes.length === 0 ? (
                    <Text as="p" tone="subdued">
                      {t("worklist.noDisputes")}
                    </Text>
                  ) : (
                    disputes.map((dispute) => (
                      <BlockStack key={dispute.id} gap="050">
                        <Text as="p" variant="bodySm">
                          {`${disputeReasonLabel(dispute.reason)} · ${disputeStatusLabel(dispute.status)} · ${formatMoney(dispute.amount, dispute.currency)}`}
                        </Text>
                        <Text as="p" variant="bodySm" tone={dispute.orderKnown ? "subdued" : "caution"}>
                          {dispute.orderKnown ? evidenceLabel(dispute.evidenceState) : t("worklist.orderNotTracked", { order: dispute.orderId ?? t("worklist.noOrder") })}
                          {dispute.evidenceError ? `: ${dispute.evidenceError}` : ""}
                        </Text>
                      </BlockStack>
                    ))
                  )}
                </BlockStack>
              </Card>
              <Card>
                <settingsFetcher.Form method="post">
                  <input type="hidden" name="intent" value="settings" />
                  <BlockStack gap="200">
                    <Text as="h2" variant="headingMd">
                      {t("worklist.settings")}
                    </Text>
                    <Select
                      label={t("worklist.evidenceMode")}
                      name="disputeEvidenceMode"
                      options={[
                        { label: t("worklist.mode_download"), value: "download" },
                        { label: t("worklist.mode_attach"), value: "attach" },
                        { label: t("worklist.mode_attach_and_submit"), value: "attach_and_submit" },
                      ]}
                      value={mode}
                      onChange={setMode}
                    />
                    <TextField
                      label={t("worklist.pickupDays")}
                      name="pickupAttentionDays"
                      type="number"
                      autoComplete="off"
                      value={days}
                      onChange={setDays}
                    />
                    {settingsFetcher.data && <Banner tone={settingsFetcher.data.ok ? "success" : "critical"} title={settingsFetcher.data.message} />}
                    <Button submit>{t("common.save")}</Button>
                  </BlockStack>
                </settingsFetcher.Form>
              </Card>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </BlockStack>
    </Page>
  );
}
