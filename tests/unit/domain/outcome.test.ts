import { describe, expect, it } from 'vitest';
import { encodeBadgePayload, formatBadge, verifyBadge, type BadgePayload } from '../../../src/domain/badge';
import { IDENTIFY_FAILURES } from '../../../src/domain/checkin';
import { KIOSK_OUTCOMES, OUTCOME_TONE } from '../../../src/domain/outcome';

const NOW = Date.UTC(2026, 10, 23, 2, 0, 0);

describe('the one closed set of outcomes a kiosk shows', () => {
  it('gives no two answers the same code: a booking rule named like a check-in answer would show the wrong words', () => {
    const seen = new Set<string>();
    const twice = KIOSK_OUTCOMES.filter((c) => (seen.has(c) ? true : (seen.add(c), false)));
    expect(twice).toEqual([]);
  });

  it('calls a failure only a code that is not a member’s or a write that was lost; anything a rule decided is a refusal at worst', () => {
    const failed = KIOSK_OUTCOMES.filter((c) => OUTCOME_TONE[c] === 'failed').sort();
    expect(failed).toEqual([...IDENTIFY_FAILURES.filter((c) => c !== 'suspended_member'), 'not_saved'].sort());
  });

  it('answers each way a badge fails verification with an identification failure', async () => {
    const payload: BadgePayload = { kid: 1, memberId: '42', name: '张*明', issuedAt: NOW / 1000 - 86_400, expiresAt: NOW / 1000 + 86_400 };
    const bytes = encodeBadgePayload(payload);
    if (!bytes.ok) throw new Error(bytes.error);
    const token = formatBadge(bytes.value, new Uint8Array(64));
    const keys = new Map([[1, new Uint8Array(32)]]);
    const tries = [
      verifyBadge('hello', { keys, suspendedMembers: [], now: NOW }, async () => true),
      verifyBadge(`${token.slice(0, 12)}!`, { keys, suspendedMembers: [], now: NOW }, async () => true),
      verifyBadge(token, { keys, suspendedMembers: [], now: NOW }, async () => false),
      verifyBadge(token, { keys: new Map(), suspendedMembers: [], now: NOW }, async () => true),
      verifyBadge(token, { keys, suspendedMembers: [], now: NOW + 2 * 86_400_000 }, async () => true),
      verifyBadge(token, { keys, suspendedMembers: ['42'], now: NOW }, async () => true),
    ];
    const errors = (await Promise.all(tries)).map((r) => (r.ok ? 'accepted' : r.error));
    expect(new Set(errors).size).toBe(tries.length); // each try fails a different way
    for (const e of errors) expect(IDENTIFY_FAILURES as readonly string[]).toContain(e);
  });
});
