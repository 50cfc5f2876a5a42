import type { AdminFetch, AdminGraphqlClient } from "./admin-client";

/**
 * Shopify Payments dispute evidence (Admin API 2026-10): the dispute with its evidence id and
 * order, a staged upload for the PDF, and `disputeEvidenceUpdate`
 * (needs `write_shopify_payments_dispute_evidences`).
 */
export const DISPUTE_DETAILS = `#graphql
query TracklineDispute($id: ID!) {
  dispute(id: $id) {
    id
    status
    evidenceDueBy
    reasonDetails { reason networkReasonCode }
    disputeEvidence { id }
    order {
      id
      name
      createdAt
      shippingAddress { address1 address2 city provinceCode zip countryCodeV2 }
    }
  }
}`;

export const STAGED_UPLOADS_CREATE = `#graphql
mutation TracklineStagedUploadsCreate($input: [StagedUploadInput!]!) {
  stagedUploadsCreate(input: $input) {
    stagedTargets { url resourceUrl parameters { name value } }
    userErrors { field message }
  }
}`;

export const DISPUTE_EVIDENCE_UPDATE = `#graphql
mutation TracklineDisputeEvidenceUpdate($id: ID!, $input: ShopifyPaymentsDisputeEvidenceUpdateInput!) {
  disputeEvidenceUpdate(id: $id, input: $input) {
    disputeEvidence { id }
    userErrors { field message code }
  }
}`;

export interface ShopifyMailingAddress {
  address1: string | null;
  address2: string | null;
  city: string | null;
  provinceCode: string | null;
  zip: string | null;
  countryCodeV2: string | null;
}

export interface DisputeDetails {
  id: string;
  status: string;
  evidenceId: string | null;
  order: { id: string; name: string; createdAt: string; shippingAddress: ShopifyMailingAddress | null } | null;
}

interface DisputeData {
  dispute: {
    id: string;
    status: string;
    disputeEvidence: { id: string } | null;
    order: DisputeDetails["order"];
  } | null;
}

export async function disputeDetails(client: AdminGraphqlClient, disputeId: string): Promise<DisputeDetails | null> {
  const { data } = await client.request<DisputeData>(DISPUTE_DETAILS, { id: disputeId }, { expectedCost: 5 });
  const dispute = data.dispute;
  if (!dispute) return null;
  return { id: dispute.id, status: dispute.status, evidenceId: dispute.disputeEvidence?.id ?? null, order: dispute.order };
}

export interface UserError {
  field: string[] | null;
  message: string;
  code?: string | null;
}

export type StagedUploadResult = { ok: true; resourceUrl: string } | { ok: false; userErrors: UserError[] };

interface StagedData {
  stagedUploadsCreate: {
    stagedTargets: { url: string; resourceUrl: string; parameters: { name: string; value: string }[] }[];
    userErrors: UserError[];
  } | null;
}

/** Asks Shopify where to upload the file, then uploads it there (multipart form, fields first). */
export async function stagedUpload(
  client: AdminGraphqlClient,
  upload: AdminFetch,
  file: { filename: string; mimeType: string; bytes: Uint8Array },
): Promise<StagedUploadResult> {
  const { data } = await client.request<StagedData>(
    STAGED_UPLOADS_CREATE,
    { input: [{ resource: "DISPUTE_FILE_UPLOAD", filename: file.filename, mimeType: file.mimeType, httpMethod: "POST", fileSize: String(file.bytes.byteLength) }] },
    { expectedCost: 10 },
  );
  const payload = data.stagedUploadsCreate;
  const target = payload?.stagedTargets[0];
  if (!payload || payload.userErrors.length > 0 || !target) {
    return { ok: false, userErrors: payload?.userErrors.length ? payload.userErrors : [{ field: null, message: "no upload target" }] };
  }
  const form = new FormData();
  for (const parameter of target.parameters) form.append(parameter.name, parameter.value);
  form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.filename);
  const response = await upload(target.url, { method: "POST", body: form });
  if (!response.ok) return { ok: false, userErrors: [{ field: ["file"], message: `upload failed with HTTP ${response.status}` }] };
  return { ok: true, resourceUrl: target.resourceUrl };
}

export interface DisputeEvidenceInput {
  shippingDocumentationFile?: { id: string };
  accessActivityLog?: string;
  uncategorizedText?: string;
  shippingAddress?: { address1?: string; address2?: string; city?: string; provinceCode?: string; zip?: string; countryCode?: string };
  submitEvidence: boolean;
}

interface EvidenceData {
  disputeEvidenceUpdate: { disputeEvidence: { id: string } | null; userErrors: UserError[] } | null;
}

export async function updateDisputeEvidence(
  client: AdminGraphqlClient,
  evidenceId: string,
  input: DisputeEvidenceInput,
): Promise<{ ok: true } | { ok: false; userErrors: UserError[] }> {
  const { data } = await client.request<EvidenceData>(DISPUTE_EVIDENCE_UPDATE, { id: evidenceId, input }, { expectedCost: 10 });
  const payload = data.disputeEvidenceUpdate;
  if (payload?.disputeEvidence && payload.userErrors.length === 0) return { ok: true };
  return { ok: false, userErrors: payload?.userErrors.length ? payload.userErrors : [{ field: null, message: "evidence not updated" }] };
}
