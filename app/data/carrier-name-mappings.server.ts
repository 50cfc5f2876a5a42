import type { CarrierNameMapping } from "~/domain/tracking-number/carrier-names";
import { normalizeCarrierName } from "~/domain/tracking-number/carrier-names";
import type { DbClient } from "./fulfillments.server";
import { Prisma } from "./generated/sqlite/client";
import { queryRows } from "./transaction-sql.server";

/** The shop's own "tracking company → carrier" rules, applied before the built-in names. */
export async function listCarrierNameMappings(client: DbClient, shopDomain: string): Promise<CarrierNameMapping[]> {
  // Plain SQL: read once per webhook batch, on the ingestion hot path.
  const rows = await queryRows(client, Prisma.sql`SELECT "name", "carrier" FROM "CarrierNameMapping" WHERE "shopDomain" = ${shopDomain} ORDER BY "name" ASC`);
  return rows.map((row) => ({ name: String(row.name), carrier: String(row.carrier) }));
}

/** Adds or changes one rule; the name is stored normalized so "DHL  eCom" and "dhl ecom" are one rule. */
export async function saveCarrierNameMapping(client: DbClient, shopDomain: string, mapping: CarrierNameMapping): Promise<void> {
  const name = normalizeCarrierName(mapping.name);
  if (!name) throw new Error("A carrier name mapping needs a name with letters or digits");
  await client.carrierNameMapping.upsert({
    where: { shopDomain_name: { shopDomain, name } },
    create: { shopDomain, name, carrier: mapping.carrier },
    update: { carrier: mapping.carrier },
  });
}

export async function deleteCarrierNameMapping(client: DbClient, shopDomain: string, name: string): Promise<boolean> {
  const deleted = await client.carrierNameMapping.deleteMany({ where: { shopDomain, name: normalizeCarrierName(name) } });
  return deleted.count > 0;
}
