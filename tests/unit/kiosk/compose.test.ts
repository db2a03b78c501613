import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { EventsResponse, Heartbeat, KioskEvent } from '../../../src/domain/events';
import type { OutcomeTone } from '../../../src/domain/outcome';
import type { Snapshot } from '../../../src/domain/protocol';
import { ok } from '../../../src/domain/result';
import { splitSnapshot, type SyncResponse } from '../../../src/domain/sync';
import { composeKiosk } from '../../../src/kiosk/compose';
import type { HubApi, HubApiOptions } from '../../../src/kiosk/data/api';
import { createDeviceStore } from '../../../src/kiosk/data/device';
import { openStores } from '../../../src/kiosk/data/stores';
import { verifyEd25519 } from '../../../src/kiosk/platform/ed25519';
import { hashText } from '../../../src/kiosk/platform/hash';
import { TOMORROW, at, bookSnapshot } from './book-fixture';
import { fakeClock } from './fake-clock';
import { T0, badge } from './member-fixture';
import { signal } from '@preact/signals';

// The composition root built with fakes for the browser's adapters (main.tsx hands it the real ones):
// the kiosk comes up enrolled from its stored token, pulls its snapshot through the hub API it was
// given, and a scan goes to the Book screen while it waits for one, else to the member screen.

function hubAnswering(s: Snapshot) {
  const posted: KioskEvent[] = [];
  const beats: Heartbeat[] = [];
  const tokens: (string | null)[] = [];
  const p = splitSnapshot(s);
  const full: SyncResponse = { serverTime: s.serverTime, config: { version: 'c1', data: p.config.data }, day: { version: 'd1', data: p.day.data }, identity: { version: 'e.1', full: p.identity.data } };
  const hubApi = (o: HubApiOptions): HubApi => ({
    fetchSync: async () => (tokens.push(o.token()), ok(full)),
    enroll: async () => ok({ kioskId: 'lobby-1', token: 'never-used' }),
    postEvents: async (events) => {
      posted.push(...events);
      return ok<EventsResponse>({ results: events.map((e) => ({ id: e.id, status: 'applied' })) });
    },
    postHeartbeat: async (hb) => (beats.push(hb), ok(undefined)),
  });
  return { hubApi, posted, beats, tokens };
}

const POLL = {
  id: '0190f0f0-0000-7000-8000-00000000bbbb', question: { 'zh-CN': '是否增设夜班班车？', en: 'A night shuttle?' },
  options: [{ id: 'o1', label: { 'zh-CN': '是', en: 'Yes' } }, { id: 'o2', label: { 'zh-CN': '否', en: 'No' } }],
  multiple: false, changeable: false, opensAt: new Date(T0 - 3_600_000).toISOString(), closesAt: new Date(T0 + 86_400_000).toISOString(), voters: '', result: null,
};

async function kiosk() {
  const time = fakeClock(T0);
  globalThis.indexedDB = new IDBFactory(); // a new browser profile for each kiosk
  const stores = openStores();
  await createDeviceStore(stores.state).save({ kioskId: 'lobby-1', token: 'device-token-1' });
  const hub = hubAnswering(await bookSnapshot({ kiosk: { ...(await bookSnapshot()).kiosk, features: ['checkin', 'book', 'schedule', 'suggest'] }, polls: [POLL] }));
  const tones: OutcomeTone[] = [];
  let wedge: ((text: string) => void) | null = null;
  const k = composeKiosk({
    stores, clock: time.clock, online: signal(true), hubApi: hub.hubApi, random: (n) => crypto.getRandomValues(new Uint8Array(n)), persistStorage: async () => true,
    readStorage: async () => ({ persisted: true, usage: 1, quota: 2 }), verifyPin: async () => false, verify: verifyEd25519, hash: hashText,
    download: () => {}, version: 'test', page: { search: '', href: 'http://kiosk.test/', replaceAddress: () => {}, reload: () => {}, timeZone: 'Asia/Shanghai' },
    scanner: { listCameras: async () => ok([]), start: async () => ok(undefined), stop: async () => {} },
    sound: { play: (tone) => void tones.push(tone) },
    listenWedge: (p) => ((wedge = (text) => p.active() && p.onScan(text)), () => {}),
    shell: { onUserActivity: () => {}, lockDown: () => {} },
    serviceWorker: () => ({ reportIdle: () => {}, setPolicy: () => {} }),
  });
  k.start();
  await time.settle();
  await time.settle();
  const scan = (text: string) => wedge!(text);
  /** IndexedDB (fake-indexeddb) answers on later turns: settle until the condition holds, or give up */
  const until = async (cond: () => boolean) => {
    for (let i = 0; i < 50 && !cond(); i++) await time.settle();
  };
  return { ...k, ...hub, time, tones, scan, until };
}

describe('the composition root', () => {
  it('comes up enrolled from its stored token, pulls its snapshot with that token and offers its features', async () => {
    const k = await kiosk();
    expect(k.models.enrollment.state.value).toBe('enrolled');
    expect(k.tokens[0]).toBe('device-token-1');
    expect(k.models.kioskFeatures.value).toEqual(expect.arrayContaining(['checkin', 'book']));
    expect(k.beats).toHaveLength(1); // the first heartbeat once enrolled
  });

  it('sends a scan on the attract screen to the member screen: visit recorded, screen opened, a tone played', async () => {
    const k = await kiosk();
    k.scan(await badge());
    await k.until(() => k.models.member.session.value !== null);
    expect(k.models.navigation.screen.value).toBe('member');
    expect(k.models.member.session.value?.subject).toBe('42');
    expect(k.tones).toEqual(['success']);
    await k.time.advance(1_000); // the outbox's debounce: what was recorded reaches the hub
    await k.until(() => k.posted.length >= 2);
    // the class open now is checked in by itself (member-fixture's spin class)
    expect(k.posted.map((e) => e.kind)).toEqual(['visit', 'class_checkin']);
  });

  it('sends a scan to the Book screen while it waits for one: booked for the badge holder, nobody opened on the member screen', async () => {
    const k = await kiosk();
    k.models.navigation.open('book');
    k.models.book.chooseKind('badminton');
    k.models.book.chooseDay(TOMORROW);
    k.models.book.chooseSlot('badminton-1', at(TOMORROW, '10:00'));
    expect(k.models.book.waiting.value).toBe(true);
    k.scan(await badge());
    await k.until(() => k.models.book.view.value.result !== null);
    expect(k.models.book.view.value.result).toMatchObject({ type: 'booked', facilityId: 'badminton-1' });
    expect(k.models.member.session.value).toBeNull();
    expect(k.models.navigation.screen.value).toBe('book');
    expect(k.tones).toEqual(['success']);
    await k.until(() => k.posted.length >= 2);
    expect(k.posted.map((e) => e.kind)).toEqual(['visit', 'booking']); // sent at once, not after the debounce
  });

  it('sends a scan on the suggestion screen to the suggestion box: ignored while writing, the signature on its sign step', async () => {
    const k = await kiosk();
    k.models.navigation.open('suggest');
    k.models.suggestion.open();
    k.models.suggestion.setText('淋浴间的热水不够');
    k.scan(await badge()); // a badge or card shown while writing: the text stays, nobody is opened
    await k.time.settle();
    expect(k.models.navigation.screen.value).toBe('suggest');
    expect(k.models.member.session.value).toBeNull();
    expect(k.models.suggestion.text.value).toBe('淋浴间的热水不够');
    k.models.suggestion.askToSign();
    await k.time.advance(3_000); // past the scan debounce
    k.scan(await badge());
    await k.until(() => k.models.suggestion.step.value === 'thanks');
    expect(k.models.suggestion.signed.value).toBe(true);
    expect(k.models.member.session.value).toBeNull();
  });

  it('sends a scan on the poll screen to the poll: ignored while choosing, the vote on its confirm step', async () => {
    const k = await kiosk();
    await k.until(() => k.models.poll.polls.value.open.length === 1);
    k.models.navigation.open('poll');
    expect(k.models.navigation.screen.value).toBe('poll');
    k.models.poll.open();
    k.models.poll.select(POLL.id);
    k.models.poll.toggle('o1');
    k.scan(await badge()); // shown while choosing: the choice stays, nobody is opened
    await k.time.settle();
    expect(k.models.member.session.value).toBeNull();
    expect(k.models.poll.step.value).toBe('choose');
    k.models.poll.askToSign();
    await k.time.advance(3_000);
    k.scan(await badge());
    await k.until(() => k.models.poll.step.value === 'done');
    expect(k.models.poll.outcome.value?.code).toBe('counted');
    expect(k.models.navigation.screen.value).toBe('poll');
    await k.time.advance(1_000);
    await k.until(() => k.posted.some((e) => e.kind === 'poll_vote'));
    expect(k.posted.find((e) => e.kind === 'poll_vote')?.payload).toMatchObject({ pollId: POLL.id, choices: ['o1'] });
  });
});
