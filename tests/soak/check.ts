import type { SoakReport } from './soak';

// What a soak must show (issue 13), as findings in words: empty means the kiosk held.
const MB = 1024 * 1024;

export function soakProblems(r: SoakReport): string[] {
  const problems: string[] = [];
  const { count, distinctSeq, maxSeq } = r.events;
  // the kiosk numbers its events 1, 2, 3 …: all there once each is count = distinct = highest
  if (!(count === distinctSeq && count === maxSeq)) problems.push(`events at the hub: ${count} stored, ${distinctSeq} distinct numbers, highest ${maxSeq} (lost or doubled)`);
  if (count === 0) problems.push('no events reached the hub at all');
  if (r.pendingAtEnd !== 0) problems.push(`${r.pendingAtEnd} events still wait in the kiosk at the end`);
  const base = r.days.find((d) => d.day === 2);
  const last = r.days.at(-1);
  if (!base || !last) return [...problems, 'fewer than two days were run'];
  if (last.storageBytes > 2 * base.storageBytes) problems.push(`storage grew from ${base.storageBytes} B (day 2) to ${last.storageBytes} B (day ${last.day}): more than 2×`);
  if (last.heapBytes > base.heapBytes + 5 * MB) problems.push(`JS heap after GC grew from ${(base.heapBytes / MB).toFixed(1)} MB to ${(last.heapBytes / MB).toFixed(1)} MB: more than 5 MB`);
  for (const k of ['videoTracks', 'intervals', 'windowListeners', 'documentListeners'] as const) {
    const most = Math.max(...r.days.filter((d) => d.day >= 2).map((d) => d[k]));
    if (most > base[k]) problems.push(`${k} grew from ${base[k]} (day 2) to ${most}`);
  }
  const inUse = r.reloads.filter((x) => x.inUse);
  if (inUse.length > 0) problems.push(`the page reloaded while a member used it on day(s) ${inUse.map((x) => x.day).join(', ')}`);
  // each version seen in order, none skipped or returned to: each update applied exactly once
  const seen = r.days.map((d) => d.version).filter((v, i, a) => v !== null && v !== a[i - 1]);
  if (JSON.stringify(seen) !== JSON.stringify(r.versions)) problems.push(`versions the kiosk reported: ${seen.join(' → ')}; deployed: ${r.versions.join(' → ')}`);
  if (r.blankDays.length > 0) problems.push(`no attract screen at the end of day(s) ${r.blankDays.join(', ')}`);
  return problems;
}

/** The soak's section of BENCHMARKS.md. */
export function soakSection(r: SoakReport, when: string): string {
  const base = r.days.find((d) => d.day === 2)!;
  const last = r.days.at(-1)!;
  const kb = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  const problems = soakProblems(r);
  return `## Soak: ${r.plan.days} days unattended

Written by \`npm run soak\` on ${when}, in ${Math.round(r.realSeconds / 60)} min: one kiosk in Chromium (page.clock) against a hub on PGlite
(its clock injected), ${r.plan.days} simulated days of keypad visits, ratings, a suggestion a day and a court booked
every other day; the hub down on day(s) ${r.plan.outage.join(', ')}; new versions deployed on day(s) ${r.plan.updates.join(', ')};
the network flapping on day ${r.plan.flapping}; the nightly reload at 03:00.

| what | day 2 | day ${last.day} | target |
| --- | --- | --- | --- |
| IndexedDB and caches (navigator.storage.estimate) | ${kb(base.storageBytes)} | ${kb(last.storageBytes)} | ≤ 2× day 2 |
| JS heap after a forced GC | ${mb(base.heapBytes)} | ${mb(last.heapBytes)} | ≤ day 2 + 5 MB |
| live camera tracks / intervals / window and document listeners | ${base.videoTracks} / ${base.intervals} / ${base.windowListeners} + ${base.documentListeners} | ${last.videoTracks} / ${last.intervals} / ${last.windowListeners} + ${last.documentListeners} | no growth |

Events at the hub: ${r.events.count} stored, ${r.events.distinctSeq} distinct kiosk numbers, highest ${r.events.maxSeq}; ${r.pendingAtEnd} waiting at the end.
Page loads after the first: ${r.reloads.length} (${r.reloads.filter((x) => x.inUse).length} while a member used the kiosk). Versions: ${r.versions.join(' → ')}.
${problems.length === 0 ? 'Every check held.' : `Findings: ${problems.join('; ')}.`}
`;
}
