import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { formatPinHash, PIN_ITERATIONS, PIN_RE } from '../../domain/pin';

// `npm run pin-hash -- 2468`: prints the staffPinHash for a kiosk file. PBKDF2 so the kiosk can check it
// offline with WebCrypto; the PIN itself is never written anywhere.
const pin = process.argv[2] ?? '';
if (!PIN_RE.test(pin)) {
  console.error('Usage: npm run pin-hash -- <PIN of 4 to 8 digits>');
  process.exit(2);
}
const salt = randomBytes(16);
const hash = pbkdf2Sync(pin, salt, PIN_ITERATIONS, 32, 'sha256');
console.log(formatPinHash({ iterations: PIN_ITERATIONS, salt: salt.toString('base64url'), hash: hash.toString('base64url') }));
