import type { IndexCell } from '../../../domain/index';
import type { PageContext } from '../layout';

// Charts where staff would rather look than read (issue 16): SVG drawn on the hub, no client script, and
// they print. Every mark carries its numbers in data-* attributes and a <title>, so a test (or a screen
// reader, or a curious manager hovering) reads the figures, not the pixels.

const pct = (index: number | null) => (index === null ? '–' : `${Math.round(index * 100)}%`);
/** Green when most were happy, amber in between, red when most were not. */
const toneOf = (index: number | null) => (index === null ? '#ccc' : index >= 0.8 ? '#2e9e5b' : index >= 0.6 ? '#d9a400' : '#c0392b');

/** The satisfaction index of each topic, week by week: one row of bars per topic, a bar's height its index. */
export function WeeklyIndexChart(props: {
  ctx: PageContext; weeks: readonly string[]; topics: readonly string[]; cells: ReadonlyMap<string, IndexCell>; topicName: (key: string) => string;
}) {
  const { ctx, weeks, topics } = props;
  const [labelW, barW, gap, rowH] = [140, 18, 4, 60];
  const width = labelW + Math.max(1, weeks.length) * (barW + gap) + 10;
  const height = Math.max(1, topics.length) * (rowH + 10) + 24;
  return (
    <svg role="img" aria-label={ctx.t('feedback.chartWeekly')} data-testid="chart-weekly" width={width} height={height} viewBox={`0 0 ${width} ${height}`} style="max-width:100%;height:auto">
      <title>{ctx.t('feedback.chartWeekly')}</title>
      {topics.map((topic, row) => {
        const y0 = row * (rowH + 10);
        return (
          <g>
            <text x={0} y={y0 + rowH / 2} font-size="13" dominant-baseline="middle">{props.topicName(topic)}</text>
            <line x1={labelW} x2={width - 10} y1={y0 + rowH} y2={y0 + rowH} stroke="#999" />
            {weeks.map((week, i) => {
              const c = props.cells.get(`${topic}|${week}`);
              const h = c?.index === null || c === undefined ? 0 : Math.max(2, c.index * rowH);
              return (
                <rect data-testid="week-bar" data-topic={topic} data-week={week} data-count={String(c?.count ?? 0)} data-index={c?.index === null || !c ? '' : c.index.toFixed(3)}
                  x={labelW + i * (barW + gap)} y={y0 + rowH - h} width={barW} height={h} fill={toneOf(c?.index ?? null)}>
                  <title>{`${props.topicName(topic)} · ${week}: ${pct(c?.index ?? null)} (${c?.count ?? 0})`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
      {weeks.length > 0 && <text x={labelW} y={height - 6} font-size="12">{weeks[0]}</text>}
      {weeks.length > 1 && <text x={width - 10} y={height - 6} font-size="12" text-anchor="end">{weeks[weeks.length - 1]}</text>}
    </svg>
  );
}

/** Ratings by weekday and hour: a cell's shade is how many rated then, its colour how happy they were. */
export function HeatMap(props: { ctx: PageContext; grid: readonly (readonly IndexCell[])[] }) {
  const { ctx, grid } = props;
  const [labelW, cellW, cellH, top] = [40, 26, 22, 18];
  const max = Math.max(1, ...grid.flat().map((c) => c.count));
  const width = labelW + 24 * cellW;
  const height = top + 7 * cellH;
  return (
    <svg role="img" aria-label={ctx.t('feedback.chartHeat')} data-testid="chart-heat" width={width} height={height} viewBox={`0 0 ${width} ${height}`} style="max-width:100%;height:auto">
      <title>{ctx.t('feedback.chartHeat')}</title>
      {[0, 6, 12, 18].map((h) => <text x={labelW + h * cellW} y={12} font-size="11">{`${h}:00`}</text>)}
      {grid.map((row, d) => (
        <g>
          <text x={0} y={top + d * cellH + cellH / 2} font-size="12" dominant-baseline="middle">{ctx.t(`feedback.weekday${d + 1}` as 'feedback.weekday1')}</text>
          {row.map((c, h) => (
            <rect data-testid="heat-cell" data-weekday={String(d + 1)} data-hour={String(h)} data-count={String(c.count)} data-index={c.index === null ? '' : c.index.toFixed(3)}
              x={labelW + h * cellW} y={top + d * cellH} width={cellW - 2} height={cellH - 2} fill={toneOf(c.index)} fill-opacity={c.count === 0 ? 0.15 : 0.25 + 0.75 * (c.count / max)}>
              <title>{`${ctx.t(`feedback.weekday${d + 1}` as 'feedback.weekday1')} ${h}:00 · ${c.count} · ${pct(c.index)}`}</title>
            </rect>
          ))}
        </g>
      ))}
    </svg>
  );
}

export interface MonthCount {
  readonly month: string; // YYYY-MM in the center's time zone
  readonly received: number;
  readonly answered: number; // first answered in that month
}

/** Suggestions received and answered, month by month: two bars a month. */
export function MonthlySuggestionsChart(props: { ctx: PageContext; months: readonly MonthCount[] }) {
  const { ctx, months } = props;
  const [barW, gap, plotH, top] = [14, 10, 120, 8];
  const max = Math.max(1, ...months.flatMap((m) => [m.received, m.answered]));
  const width = Math.max(1, months.length) * (2 * barW + gap) + 10;
  const height = top + plotH + 30;
  const bar = (m: MonthCount, i: number, which: 'received' | 'answered') => {
    const n = m[which];
    const h = (n / max) * plotH;
    return (
      <rect data-testid={`month-${which}`} data-month={m.month} data-count={String(n)} x={i * (2 * barW + gap) + (which === 'answered' ? barW : 0)} y={top + plotH - h}
        width={barW - 1} height={h} fill={which === 'received' ? '#1d5fa8' : '#2e9e5b'}>
        <title>{`${m.month} · ${ctx.t(which === 'received' ? 'suggestions.received' : 'suggestions.answered')}: ${n}`}</title>
      </rect>
    );
  };
  return (
    <svg role="img" aria-label={ctx.t('suggestions.chartMonthly')} data-testid="chart-monthly" width={width} height={height} viewBox={`0 0 ${width} ${height}`} style="max-width:100%;height:auto">
      <title>{ctx.t('suggestions.chartMonthly')}</title>
      <line x1={0} x2={width} y1={top + plotH} y2={top + plotH} stroke="#999" />
      {months.map((m, i) => (
        <g>
          {bar(m, i, 'received')}
          {bar(m, i, 'answered')}
          {i % 2 === 0 && <text x={i * (2 * barW + gap)} y={top + plotH + 16} font-size="11">{m.month.slice(2)}</text>}
        </g>
      ))}
    </svg>
  );
}

/** A poll's result (issue 16): one horizontal bar per option, its length the option's share of the voters. */
export function PollBarsChart(props: { ctx: PageContext; pollId: string; labels: readonly string[]; counts: readonly number[]; voters: number }) {
  const { ctx, labels, counts, voters } = props;
  const [labelW, plotW, rowH, countW] = [220, 320, 30, 90];
  const width = labelW + plotW + countW;
  const height = Math.max(1, labels.length) * rowH + 4;
  return (
    <svg role="img" aria-label={ctx.t('polls.chart')} data-testid="chart-poll" data-poll={props.pollId} data-voters={String(voters)}
      width={width} height={height} viewBox={`0 0 ${width} ${height}`} style="max-width:100%;height:auto">
      <title>{ctx.t('polls.chart')}</title>
      {labels.map((label, i) => {
        const n = counts[i] ?? 0;
        const share = voters === 0 ? 0 : n / voters;
        const y = i * rowH + 2;
        return (
          <g>
            <text x={0} y={y + rowH / 2} font-size="13" dominant-baseline="middle">{label.length > 28 ? `${label.slice(0, 27)}…` : label}</text>
            <rect x={labelW} y={y + 4} width={plotW} height={rowH - 10} fill="#eee" />
            <rect data-testid="poll-bar" data-option={String(i + 1)} data-count={String(n)} data-share={share.toFixed(3)}
              x={labelW} y={y + 4} width={share * plotW} height={rowH - 10} fill="#1d5fa8">
              <title>{`${label}: ${n} (${Math.round(share * 100)}%)`}</title>
            </rect>
            <text x={labelW + plotW + 8} y={y + rowH / 2} font-size="13" dominant-baseline="middle">{`${n} · ${Math.round(share * 100)}%`}</text>
          </g>
        );
      })}
    </svg>
  );
}
