import { Form, useFetcher, useNavigation, useSearchParams } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Layout, Link, Page, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { WorklistItemView } from "../services/worklist/worklist.server";
import { KIND_LABELS, WORKLIST_KINDS, WORKLIST_STATES } from "../domain/worklist";
import { downloadFile } from "./download";

const SLA_TONE = { green: "success", amber: "warning", red: "critical" } as const;
const STATE_LABELS: Record<string, string> = {
  open: "Open",
  waiting_carrier: "Waiting on carrier",
  waiting_shopper: "Waiting on shopper",
  resolved: "Resolved",
};
const EVIDENCE_LABELS: Record<string, string> = {
  not_applicable: "Tracking cannot answer this reason",
  ready: "Evidence pack ready to download",
  pending_attach: "Attaching to the dispute…",
  attached: "Attached (not submitted)",
  submitted: "Attached and submitted",
  failed: "Attaching failed",
};

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
  const fetcher = useFetcher<ActionResult>();
  const [note, setNote] = useState("");
  const post = (fields: Record<string, string>) => fetcher.submit({ itemId: item.id, ...fields }, { method: "post" });
  return (
    <Card>
      <div data-worklist-item={item.id} data-kind={item.kind} data-state={item.state}>
        <BlockStack gap="200">
          <InlineStack gap="200" blockAlign="center" wrap>
            <Badge tone={SLA_TONE[item.sla]}>{`${item.age}`}</Badge>
            <Text as="h3" variant="headingSm">
              {`${item.kindLabel} · ${item.orderName ?? "unknown order"}`}
            </Text>
            <Badge>{STATE_LABELS[item.state] ?? item.state}</Badge>
            {item.reopenCount > 0 && <Badge tone="attention">{`Back ${item.reopenCount}×`}</Badge>}
            {item.resolvedBy === "auto" && <Badge tone="success">Resolved itself</Badge>}
            <Text as="span" tone="subdued">
              {item.assignee ? `Assigned to ${item.assignee}` : "Unassigned"}
            </Text>
          </InlineStack>
          {fetcher.data && <Banner tone={fetcher.data.ok ? "success" : "critical"} title={fetcher.data.message} />}
          <InlineStack gap="200" wrap>
            <div style={{ minWidth: 200 }}>
              <Select
                label="State"
                labelInline
                options={WORKLIST_STATES.map((state) => ({ label: STATE_LABELS[state] ?? state, value: state }))}
                value={item.state}
                onChange={(state) => post({ intent: "state", state })}
              />
            </div>
            {item.assigneeId === staffId ? (
              <Button onClick={() => post({ intent: "assign", assignee: "none" })}>Unassign</Button>
            ) : (
              <Button onClick={() => post({ intent: "assign", assignee: "me" })}>Assign to me</Button>
            )}
            {item.state !== "resolved" && (
              <Button variant="primary" onClick={() => post({ intent: "state", state: "resolved" })}>
                Mark resolved
              </Button>
            )}
            {item.shipmentId && <Button onClick={() => post({ intent: "resync", shipmentId: item.shipmentId ?? "" })}>Resync</Button>}
            {item.shipmentId && <Link url={`/app/shipments/${encodeURIComponent(item.shipmentId)}`}>Shipment</Link>}
            {item.carrierContactUrl && (
              <Link url={item.carrierContactUrl} target="_blank">
                Carrier claim / contact
              </Link>
            )}
            {item.orderUrl && (
              <Link url={item.orderUrl} target="_blank">
                Open the Shopify order
              </Link>
            )}
          </InlineStack>
          {item.notes.map((n) => (
            <Text as="p" key={`${n.at}-${n.author}`} variant="bodySm">
              {`${new Date(n.at).toLocaleString()} · ${n.author}: ${n.body}`}
            </Text>
          ))}
          <InlineStack gap="200" blockAlign="end">
            <div style={{ flexGrow: 1 }}>
              <TextField label="Note" labelHidden placeholder="Add a note" autoComplete="off" value={note} onChange={setNote} />
            </div>
            <Button
              onClick={() => {
                post({ intent: "note", note });
                setNote("");
              }}
              disabled={!note.trim()}
            >
              Add note
            </Button>
          </InlineStack>
        </BlockStack>
      </div>
    </Card>
  );
}

export function WorklistPage({ staff, items, counts, disputes, settings }: WorklistPageProps) {
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
      title="Needs attention"
      subtitle={`${counts.unresolved} open item${counts.unresolved === 1 ? "" : "s"} · signed in as ${staff.name}`}
      secondaryActions={[
        {
          content: "Export CSV",
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
                label="Problem"
                name="kind"
                options={[{ label: "All problems", value: "" }, ...WORKLIST_KINDS.map((k) => ({ label: `${KIND_LABELS[k]} (${counts.byKind[k] ?? 0})`, value: k }))]}
                value={kind}
                onChange={setKind}
              />
              <Select
                label="State"
                name="state"
                options={[
                  { label: "Not resolved", value: "unresolved" },
                  ...WORKLIST_STATES.map((s) => ({ label: `${STATE_LABELS[s]} (${counts.byState[s] ?? 0})`, value: s })),
                  { label: "All", value: "all" },
                ]}
                value={state}
                onChange={setState}
              />
              <Select
                label="Assignee"
                name="assignee"
                options={[
                  { label: "Anyone", value: "" },
                  { label: "Me", value: staff.id },
                  { label: "Unassigned", value: "unassigned" },
                ]}
                value={assignee}
                onChange={setAssignee}
              />
              <Button submit loading={navigation.state === "loading"}>
                Filter
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
                    Nothing needs attention with these filters.
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
                    Disputes
                  </Text>
                  {disputes.length === 0 ? (
                    <Text as="p" tone="subdued">
                      No Shopify Payments disputes received.
                    </Text>
                  ) : (
                    disputes.map((dispute) => (
                      <BlockStack key={dispute.id} gap="050">
                        <Text as="p" variant="bodySm">
                          {`${dispute.reason.replace(/_/g, " ")} · ${dispute.status.replace(/_/g, " ")} · ${dispute.amount ?? ""} ${dispute.currency ?? ""}`}
                        </Text>
                        <Text as="p" variant="bodySm" tone={dispute.orderKnown ? "subdued" : "caution"}>
                          {dispute.orderKnown ? (EVIDENCE_LABELS[dispute.evidenceState] ?? dispute.evidenceState) : `Order not tracked by Trackline (${dispute.orderId ?? "no order"})`}
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
                      Settings
                    </Text>
                    <Select
                      label="Dispute evidence"
                      name="disputeEvidenceMode"
                      options={[
                        { label: "Let me download it", value: "download" },
                        { label: "Attach it to the dispute (I submit)", value: "attach" },
                        { label: "Attach and submit it", value: "attach_and_submit" },
                      ]}
                      value={mode}
                      onChange={setMode}
                    />
                    <TextField
                      label="Pickup point: needs attention after (days)"
                      name="pickupAttentionDays"
                      type="number"
                      autoComplete="off"
                      value={days}
                      onChange={setDays}
                    />
                    {settingsFetcher.data && <Banner tone={settingsFetcher.data.ok ? "success" : "critical"} title={settingsFetcher.data.message} />}
                    <Button submit>Save</Button>
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
