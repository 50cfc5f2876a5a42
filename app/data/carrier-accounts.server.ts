import type { Db } from "./db.server";

export interface CarrierAccountSummary {
  carrier: string;
  maskedHint: string;
  updatedAt: Date;
}

export async function upsertCarrierAccount(
  db: Db,
  account: { shopDomain: string; carrier: string; credentialsEncrypted: string; maskedHint: string },
): Promise<void> {
  await db.carrierAccount.upsert({
    where: { shopDomain_carrier: { shopDomain: account.shopDomain, carrier: account.carrier } },
    create: account,
    update: { credentialsEncrypted: account.credentialsEncrypted, maskedHint: account.maskedHint },
  });
}

export async function listCarrierAccounts(db: Db, shopDomain: string): Promise<CarrierAccountSummary[]> {
  return db.carrierAccount.findMany({
    where: { shopDomain },
    select: { carrier: true, maskedHint: true, updatedAt: true },
    orderBy: { carrier: "asc" },
  });
}

export async function findSealedCredentials(db: Db, shopDomain: string, carrier: string): Promise<string | null> {
  const row = await db.carrierAccount.findUnique({
    where: { shopDomain_carrier: { shopDomain, carrier } },
    select: { credentialsEncrypted: true },
  });
  return row?.credentialsEncrypted ?? null;
}

export async function deleteCarrierAccount(db: Db, shopDomain: string, carrier: string): Promise<boolean> {
  const { count } = await db.carrierAccount.deleteMany({ where: { shopDomain, carrier } });
  return count > 0;
}
