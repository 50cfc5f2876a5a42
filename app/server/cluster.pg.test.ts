import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "~/config/database-target.server";
import { database } from "~/data/client.server";
import { fulfillmentWebhookPayload, signWebhookDelivery, type SignedDelivery } from "~/services/ingestion/fulfillment-webhook-builder.server";
import { freePort } from "~/testing/free-port";
import { TEST_APP } from "~/testing/shopify-requests";

const SHOP = "cluster-shop.myshopify.com";
const DISTINCT = 40;

describe("web server as 2 processes on one Postgres database", () => {
  let child: ReturnType<typeof spawn>;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ["--import", "tsx", "app/testing/webhook-cluster-fixture.server.ts"], {
      cwd: projectRoot,
      // DATABASE_URL is this file's own Postgres database (setup-postgres.ts).
      env: { ...process.env, WEB_CONCURRENCY: "2", PORT: String(port) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let listening = 0;
    await new Promise<void>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`cluster exited (${code})`)));
      child.stdout?.on("data", (chunk: Buffer) => {
        listening += chunk.toString().split("\n").filter((line) => line.startsWith("listening")).length;
        if (listening === 2) resolve();
      });
    });
    // Two processes each load the route modules: slow on a busy machine.
  }, 120_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });

  it("stores every signed delivery once, redeliveries racing on both processes included", async () => {
    const { db, provider } = database();
    expect(provider).toBe("postgres");
    const deliveries: SignedDelivery[] = Array.from({ length: DISTINCT }, (_, index) =>
      signWebhookDelivery({
        topic: "fulfillments/create",
        shopDomain: SHOP,
        secret: TEST_APP.apiSecret,
        payload: fulfillmentWebhookPayload({
          fulfillmentId: 7_000_000 + index,
          orderId: 8_000_000 + index,
          orderName: `#${20_000 + index}`,
          createdAt: new Date(Date.now() - 3_600_000),
          trackingCompany: "UPS",
          trackingNumbers: [`1ZCLUSTER${String(index).padStart(8, "0")}`],
          destinationCountry: "US",
          lineItemCount: 1,
        }),
      }),
    );
    // Each delivery three times at once (Shopify's retries and redeliveries can overlap), so the
    // same webhook id reaches both processes' group commits concurrently.
    const sends = deliveries.flatMap((delivery) => [delivery, delivery, delivery]);
    const answers = await Promise.all(
      sends.map((delivery) =>
        fetch(`${url}/webhooks/fulfillments/create`, { method: "POST", headers: delivery.headers, body: delivery.body }).then(async (response) => {
          await response.arrayBuffer();
          return { status: response.status, servedBy: response.headers.get("x-served-by") };
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(sends.map(() => 200));
    const processes = new Set(answers.map((answer) => answer.servedBy));
    expect(processes.size).toBe(2);
    expect(processes.has(String(child.pid))).toBe(false);

    const receipts = await db.webhookReceipt.findMany({ where: { shopDomain: SHOP }, select: { webhookId: true, outcome: true } });
    expect(receipts.map((receipt) => receipt.webhookId).sort()).toEqual(deliveries.map((delivery) => delivery.headers["X-Shopify-Webhook-Id"]).sort());
    expect(receipts.every((receipt) => receipt.outcome === "processed")).toBe(true);
    const shipments = await db.shipment.findMany({ where: { shopDomain: SHOP }, select: { trackingNumber: true } });
    expect(shipments.map((shipment) => shipment.trackingNumber).sort()).toEqual(Array.from({ length: DISTINCT }, (_, index) => `1ZCLUSTER${String(index).padStart(8, "0")}`));
  }, 60_000);
});
