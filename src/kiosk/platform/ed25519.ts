import type { VerifyEd25519 } from '../../domain/badge';
import { toBase64url } from '../../domain/bytes';

// Badge signatures through WebCrypto's Ed25519 (Chromium ≥ 137). Importing a key costs more than a
// verification, and a kiosk checks every badge against the same few keys, so imported keys are kept,
// by their bytes (a new snapshot brings new arrays holding the same keys).

const ALG = { name: 'Ed25519' } as const;
const imported = new Map<string, Promise<CryptoKey>>();
const KEEP_KEYS = 16; // a few keys rotate; a bound keeps a misbehaving snapshot from filling memory

const importKey = (raw: Uint8Array): Promise<CryptoKey> => {
  const id = toBase64url(raw);
  let key = imported.get(id);
  if (!key) {
    if (imported.size >= KEEP_KEYS) imported.clear();
    key = crypto.subtle.importKey('raw', new Uint8Array(raw), ALG, false, ['verify']);
    imported.set(id, key);
    key.catch(() => imported.delete(id)); // a bad key is tried again next time, not cached as a failure
  }
  return key;
};

/** A wrong-sized key or signature makes WebCrypto throw; to the caller that is "not verified". */
export const verifyEd25519: VerifyEd25519 = async (publicKeyRaw, signature, data) => {
  try {
    return await crypto.subtle.verify(ALG, await importKey(publicKeyRaw), new Uint8Array(signature), new Uint8Array(data));
  } catch {
    return false;
  }
};
