import { describe, expect, it } from "vitest";
import { createFakeAdminApi, FAKE_STAGED_UPLOAD_URL } from "~/testing/fake-admin-api";
import { createAdminGraphqlClient } from "./admin-client";
import { stagedUpload } from "./disputes";

describe("dispute evidence staged upload", () => {
  it("asks for a DISPUTE_FILE_UPLOAD target, the resource Shopify documents for files added with disputeEvidenceUpdate", async () => {
    const shopify = createFakeAdminApi();
    const client = createAdminGraphqlClient({ shop: "disputes-shop.myshopify.com", accessToken: "shpat_test", fetch: shopify.fetch, serverRetries: 0 });
    const bytes = new TextEncoder().encode("%PDF-1.7 evidence");
    const result = await stagedUpload(client, shopify.fetch, { filename: "evidence-1001.pdf", mimeType: "application/pdf", bytes });
    expect(shopify.stagedInputs).toEqual([
      { resource: "DISPUTE_FILE_UPLOAD", filename: "evidence-1001.pdf", mimeType: "application/pdf", httpMethod: "POST", fileSize: String(bytes.byteLength) },
    ]);
    expect(result).toEqual({ ok: true, resourceUrl: `${FAKE_STAGED_UPLOAD_URL}tmp/1/evidence-1001.pdf` });
    expect([...shopify.uploads.values()].map((upload) => [upload.filename, upload.contentType, new TextDecoder().decode(upload.bytes)])).toEqual([
      ["evidence-1001.pdf", "application/pdf", "%PDF-1.7 evidence"],
    ]);
  });
});
