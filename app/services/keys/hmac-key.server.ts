import crypto from "node:crypto";

/**
 * HMAC keys as KeyObjects, made once per key Buffer: `createHmac` re-imports a Buffer key on every
 * call, which costs more than the HMAC itself (back to back, and more so on a request that
 * arrives alone). Keyed by the Buffer itself, so a key that is no longer used is not kept.
 */
const keyObjects = new WeakMap<Buffer, crypto.KeyObject>();

export function hmacKey(key: Buffer): crypto.KeyObject | Buffer {
  // A key object cannot be empty; an empty key is left to createHmac as it is.
  if (key.length === 0) return key;
  let keyObject = keyObjects.get(key);
  if (!keyObject) {
    keyObject = crypto.createSecretKey(key);
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}
