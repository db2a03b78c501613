import type { Snapshot } from '../../../src/domain/protocol';
import type { ScheduleEntry } from '../../../src/domain/schedule';

// A small valid snapshot in Asia/Shanghai (UTC+8, no DST); times are UTC instants.
export function entry(over: Partial<ScheduleEntry> & Pick<ScheduleEntry, 'id' | 'startsAt' | 'endsAt'>): ScheduleEntry {
  return {
    category: 'fitness',
    title: { 'zh-CN': '瑜伽', en: 'Yoga' },
    room: 'activity-room',
    instructor: '李老师',
    capacity: 20,
    placesLeft: 5,
    cancelled: false,
    ...over,
  };
}

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    version: 'v1',
    serverTime: '2026-05-12T06:00:00.000Z',
    center: {
      id: 'demo',
      name: { 'zh-CN': '滨江区职工服务中心', en: "Binjiang Workers' Service Center" },
      timeZone: 'Asia/Shanghai',
      openingHours: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null },
    },
    kiosk: { id: 'lobby-1', name: 'Lobby', features: ['schedule'], idleSeconds: 30, camera: 'user' },
    rules: {},
    categories: [
      { id: 'health', name: { 'zh-CN': '健康体检', en: 'Health check' }, color: '#b03a2e' },
      { id: 'fitness', name: { 'zh-CN': '健身课程', en: 'Fitness class' }, color: '#1f7a4d' },
    ],
    facilityKinds: [],
    facilities: [{ id: 'activity-room', kind: 'room', name: { 'zh-CN': '多功能活动室', en: 'Activity room' } }],
    equipment: [],
    feedbackTopics: [],
    schedule: [
      entry({ id: 'yoga', startsAt: '2026-05-12T10:30:00.000Z', endsAt: '2026-05-12T11:30:00.000Z' }), // 18:30 local
      entry({ id: 'check', category: 'health', startsAt: '2026-05-13T01:00:00.000Z', endsAt: '2026-05-13T03:00:00.000Z', capacity: null, placesLeft: null }),
    ],
    ...over,
  };
}

/** 2026-05-12 14:00 in Shanghai. */
export const NOON_ISH = Date.parse('2026-05-12T06:00:00.000Z');
