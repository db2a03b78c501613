import type { VerifyEd25519 } from '../../domain/badge';

// Ed25519 through WebCrypto only (no node:crypto), so this same code runs in Node 20 and in Chromium
// ≥ 137; the kiosk gets a copy of `verifyEd25519`. Keys are plain bytes at the edges: raw 32-byte public
// keys (what the snapshot carries) and PKCS#8 private keys (what the hub's database keeps).

const ALG = { name: 'Ed25519' } as const;
const subtle = () => globalThis.crypto.subtle;
// BufferSource wants an ArrayBuffer-backed view; a copy also keeps callers' buffers out of WebCrypto
const buf = (bytes: Uint8Array) => new Uint8Array(bytes);

// Importing a key costs more than verifying with it; a kiosk checks many badges against a few keys.
const imported = new WeakMap<Uint8Array, Promise<CryptoKey>>();

export const verifyEd25519: VerifyEd25519 = async (publicKeyRaw, signature, data) => {
  let key = imported.get(publicKeyRaw);
  if (!key) {
    key = subtle().importKey('raw', buf(publicKeyRaw), ALG, false, ['verify']);
    imported.set(publicKeyRaw, key);
  }
  // a wrong-sized key or signature makes WebCrypto throw; to the caller that is just "not verified"
  try {
    return await subtle().verify(ALG, await key, buf(signature), buf(data));
  } catch {
    imported.delete(publicKeyRaw);
    return false;
  }
};

export interface Ed25519KeyPair {
  readonly publicKeyRaw: Uint8Array;
  readonly privateKeyPkcs8: Uint8Array;
}

export async function generateEd25519(): Promise<Ed25519KeyPair> {
  const pair = (await subtle().generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  return {
    publicKeyRaw: new Uint8Array(await subtle().exportKey('raw', pair.publicKey)),
    privateKeyPkcs8: new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey)),
  };
}

export async function signEd25519(privateKeyPkcs8: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const key = await subtle().importKey('pkcs8', buf(privateKeyPkcs8), ALG, false, ['sign']);
  return new Uint8Array(await subtle().sign(ALG, key, buf(data)));
}
