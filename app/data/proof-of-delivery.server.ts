import { parseStoredPod, type ProofOfDelivery } from "~/domain/proof-of-delivery";
import type { Db } from "./db.server";

/** The shipment's stored proof of delivery, inside one shop. */
export async function findProofOfDelivery(db: Db, shopDomain: string, shipmentId: string): Promise<ProofOfDelivery | null> {
  const row = await db.shipment.findFirst({ where: { id: shipmentId, shopDomain }, select: { proofOfDeliveryJson: true } });
  return parseStoredPod(row?.proofOfDeliveryJson);
}
