import type { HashText } from '../../domain/card';

// sha256 of UTF-8 text as lowercase hex through WebCrypto: the card map key (domain cardKey).
export const hashText: HashText = async (text) => {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
};
