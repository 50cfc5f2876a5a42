import crypto from "node:crypto";

/**
 * AES-256-GCM sealing for secrets at rest ("v1.<iv>.<tag>.<ciphertext>", base64url). The
 * associated data binds a ciphertext to its row (shop + carrier), so a sealed value copied onto
 * another shop's row fails to open instead of leaking credentials across shops.
 */
const VERSION = "v1";

export class SealedBoxError extends Error {
  override name = "SealedBoxError";
}

/**
 * The key as a KeyObject, made once per key rather than per value: a dispatcher opens a sealed
 * contact for every email, and decoding the key and checking it each time showed in its profile.
 */
const keys = new Map<string, crypto.KeyObject>();

function keyBytes(base64Key: string): crypto.KeyObject {
  let key = keys.get(base64Key);
  if (!key) {
    const bytes = Buffer.from(base64Key, "base64");
    if (bytes.length !== 32) throw new SealedBoxError("the credentials key must be 32 bytes (base64)");
    key = crypto.createSecretKey(bytes);
    // A process uses one key or two (a rotation); the bound only guards against misuse.
    if (keys.size >= 16) keys.clear();
    keys.set(base64Key, key);
  }
  return key;
}

export function seal(plaintext: string, base64Key: string, associatedData: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyBytes(base64Key), iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

export function open(sealed: string, base64Key: string, associatedData: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new SealedBoxError("not a sealed value");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", keyBytes(base64Key), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SealedBoxError("sealed value cannot be opened with this key (wrong key, or it was tampered with)");
  }
}
