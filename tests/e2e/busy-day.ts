import { createHash, randomBytes } from 'node:crypto';
import { RULE_DEFAULTS } from '../../src/domain/config/defaults';
import { cardKey } from '../../src/domain/card';
import { decideGymScan } from '../../src/domain/gym-decide';
import { initialGym, reduceGym, type GymGroupConfig } from '../../src/domain/gym';
import { uuidv7 } from '../../src/domain/ids';
import { zonedParts } from '../../src/domain/time';
import { AdminClient } from '../support/admin-client';
import type { LiveHub } from './checkin';
import { classMinutes, TIME_ZONE } from './checkin';

// A busy morning at the center, told to the hub the way kiosks tell it (events on /api/v1/events, from the
// lobby and gym kiosks), so every list a screen can show has something in it: a member with two bookings and
// class places, a waitlist promotion the attract screen announces, and a gym unit offered to the head
// of a queue. The hub decides places, promotions and queue calls itself; nothing is written to its tables.

export interface BusyMember { readonly memberNo: string; readonly name: string; readonly card: string }
/** `regular` has the bookings and the places; the others make the waitlist and the gym queue. */
export const BUSY_MEMBERS = {
  regular: { memberNo: 'E2E-L1', name: '欧阳晓明', card: '6217000077770001' },
  holder: { memberNo: 'E2E-L2', name: '司马秀英', card: '6217000077770002' },
  waiter: { memberNo: 'E2E-L3', name: '诸葛海涛', card: '6217000077770003' },
  rowerA: { memberNo: 'E2E-L4', name: '陈桂兰', card: '6217000077770004' },
  rowerB: { memberNo: 'E2E-L5', name: '吴建国', card: '6217000077770005' },
  rowerC: { memberNo: 'E2E-L6', name: '郑丽华', card: '6217000077770006' },
} as const satisfies Record<string, BusyMember>;

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Classes of one place each, starting soon enough to be open for check-in now, with long titles. */
export function soonClasses(now: number): { weekly: object[]; rooms: object[]; entryIds: string[] } {
  const made = ([10, 20, 25] as const).map((minutes, i) => {
    const start = zonedParts(now + minutes * 60_000, TIME_ZONE);
    const id = `busy-${i + 1}`;
    return {
      entryId: `${id}@${start.date}`,
      entry: {
        id, category: 'fitness', weekday: WEEKDAYS[start.weekday - 1], start: start.time, minutes: classMinutes(start, 45), room: `${id}-room`, instructor: '李老师', capacity: 1,
        title: { 'zh-CN': `职工八段锦与肩颈放松 ${i + 1}`, en: `Baduanjin and shoulder-neck relief for desk workers ${i + 1}` },
      },
    };
  });
  // each in a room of its own: beside the demo's timetable they overlap nothing at any hour
  const rooms = made.map((m) => ({ id: `${m.entry.id}-room`, kind: 'room', name: { 'zh-CN': `${m.entry.id.slice(-1)} 号教室`, en: `Classroom ${m.entry.id.slice(-1)}` } }));
  return { weekly: made.map((m) => m.entry), rooms, entryIds: made.map((m) => m.entryId) };
}

const sha256 = async (s: string) => createHash('sha256').update(s).digest('hex');

/** Imports the members and posts the morning's events; `groups` is the center's equipment file. */
export async function seedBusyDay(hub: LiveHub, entryIds: readonly string[], groups: readonly GymGroupConfig[]): Promise<void> {
  const admin = await new AdminClient(hub.url).login();
  await admin.importMembers(Object.values(BUSY_MEMBERS));
  const tokens = { 'lobby-1': await admin.deviceToken('lobby-1'), 'gym-1': await admin.deviceToken('gym-1') };
  const who = async (m: BusyMember) => {
    const key = await cardKey(m.card, sha256);
    if (!key.ok) throw new Error(`bad card ${m.card}`);
    return { via: 'card' as const, memberId: String((await admin.member(m.memberNo)).id), cardKey: key.value };
  };
  const ids = Object.fromEntries(await Promise.all(Object.entries(BUSY_MEMBERS).map(async ([k, m]) => [k, await who(m)] as const)));
  let seq = 0;
  const now = Date.now();
  const event = (kind: string, payload: object, at = now) => ({ id: uuidv7(at, randomBytes(10)), seq: ++seq, at: new Date(at).toISOString(), kind, payload });
  const post = async (events: object[], kioskId: keyof typeof tokens = 'lobby-1') => {
    const res = await fetch(`${hub.url}/api/v1/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[kioskId]}` }, body: JSON.stringify({ events: events.map((e) => ({ ...e, kioskId })) }),
    });
    const body = (await res.json()) as { results: { status: string; reason?: string }[] };
    const refused = body.results.filter((r) => r.status !== 'applied');
    if (!res.ok || refused.length > 0) throw new Error(`the hub refused the busy day: ${JSON.stringify(refused)}`);
  };

  // two courts booked for tomorrow (futureBookingsMax), one of each kind
  const tomorrow = zonedParts(now + 86_400_000, TIME_ZONE).date;
  const at = (time: string) => new Date(`${tomorrow}T${time}:00+08:00`).toISOString();
  await post([
    event('booking', { identity: ids.regular, facilityId: 'badminton-1', startsAt: at('10:00'), endsAt: at('11:00') }),
    event('booking', { identity: ids.regular, facilityId: 'tt-1', startsAt: at('19:00'), endsAt: at('20:00') }),
  ]);
  // places: the regular holds two; the holder gives one up and the waiting member is promoted
  const [first, second, third] = entryIds;
  await post([
    event('class_reserve', { identity: ids.regular, entryId: first }),
    event('class_reserve', { identity: ids.regular, entryId: second }),
    event('class_reserve', { identity: ids.holder, entryId: third }),
    event('class_reserve', { identity: ids.waiter, entryId: third }),
  ]);
  await post([event('class_reserve_cancel', { identity: ids.holder, entryId: third })]);

  // the rowers: both taken, a third member waits, the first finishes: the freed rower is called
  let gym = initialGym(groups, RULE_DEFAULTS, now - 20 * 60_000);
  const gymScan = (m: keyof typeof ids, t: number) => {
    const identity = ids[m]!;
    const d = decideGymScan(gym, identity.memberId, 'rower', t);
    gym = d.events.reduce(reduceGym, gym);
    const steps = d.events.map((e) => ({ action: e.kind, group: e.group, unit: 'unit' in e ? e.unit : null }));
    return event('gym', { identity, group: 'rower', outcome: d.outcome.outcome, steps }, t);
  };
  await post([gymScan('rowerA', now - 15 * 60_000), gymScan('rowerB', now - 14 * 60_000), gymScan('rowerC', now - 10 * 60_000), gymScan('rowerA', now - 60_000)], 'gym-1');

  // the regular signed a suggestion last week and staff answered it (issue 16): their member screen shows it
  const signed = event('suggestion', {
    topic: 'gym', contact: null, signedBy: ids.regular,
    text: '晚上七点以后健身房人很多，跑步机和划船机经常要排队二十分钟以上，能不能延长开放时间，或者在周末增加一些器械？谢谢！',
  }, now - 6 * 86_400_000);
  await post([signed]);
  await admin.replyToSuggestion(signed.id, '感谢您的建议。从下月起，健身房周一至周五开放到晚上十点，并新增两台跑步机和一台划船机。周末的器械使用情况我们也会继续观察。');
  // and published it for everyone, at the longest staff may word it: the attract screen's board
  await admin.publishToBoard(signed.id, {
    saidZh: '晚上健身房人太多，跑步机和划船机要排队，希望延长开放时间、增加器械。'.repeat(3).slice(0, 200),
    saidEn: 'The gym is crowded in the evening; treadmills and rowers have queues. Please open longer and add machines. '.repeat(2).slice(0, 200),
    didZh: '从下月起周一至周五开放到晚上十点，新增两台跑步机和一台划船机，周末器械使用情况继续观察。'.repeat(4).slice(0, 300),
    didEn: 'From next month the gym opens until 22:00 on weekdays, with two more treadmills and one more rower; we keep watching weekends. '.repeat(3).slice(0, 300),
  });
  // a poll open now at the longest staff may word it, six long options; and a closed one with its result published
  await admin.createPoll({
    question: '为了让大家下班后更方便地使用服务中心，我们计划调整晚间开放安排和班车时间，请问您最希望中心优先改进下面哪一项？可以多选，也可以在截止前修改。'.repeat(2).slice(0, 200),
    options: ['健身房和活动室周一至周五开放到晚上十点，周末开放到晚上九点', '增加晚上八点半和九点半两班返回各厂区和宿舍的职工班车', '食堂晚餐供应时间延长到晚上八点，并增加夜班职工的简餐', '周末增加亲子活动和职工子女托管服务', '增加心理咨询和法律咨询的晚间预约时段', '以上都不需要，维持现在的安排']
      .map((o) => o.repeat(2).slice(0, 80)),
    multiple: true, changeable: true,
  });
  const done = await admin.createPoll({ question: '明年职工运动会增加哪个项目？', options: ['拔河', '跳绳', '趣味接力', '羽毛球团体赛'] });
  await post([event('poll_vote', { identity: ids.regular, pollId: done, choices: ['o1'] }), event('poll_vote', { identity: ids.holder, pollId: done, choices: ['o4'] })]);
  await admin.pollAction(done, 'close');
  await admin.pollAction(done, 'publish');
}
