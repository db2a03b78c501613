import { BOARD_SHOWN, type BoardPost } from '../../domain/index';
import { isoOf, type Queryable } from '../db/port';

// "You said, we did" (issue 16): the one writer of board_posts, and what the kiosks' day part carries.

export interface BoardInput {
  readonly suggestionId: string | null;
  readonly said: { readonly 'zh-CN': string; readonly en: string };
  readonly did: { readonly 'zh-CN': string; readonly en: string };
}

export async function publishPost(q: Queryable, id: string, input: BoardInput, user: string, now: number): Promise<void> {
  await q.query(
    `INSERT INTO board_posts (id, suggestion_id, said_zh, said_en, did_zh, did_en, published_at, published_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, input.suggestionId, input.said['zh-CN'], input.said.en, input.did['zh-CN'], input.did.en, new Date(now), user],
  );
}

/** True when this call withdrew it; a post withdrawn already (two staff, a double click) is left as it was. */
export async function withdrawPost(q: Queryable, id: string, now: number): Promise<boolean> {
  return (await q.query('UPDATE board_posts SET withdrawn_at = $2 WHERE id = $1 AND withdrawn_at IS NULL RETURNING id', [id, new Date(now)])).length === 1;
}

type Row = { id: string; suggestion_id: string | null; said_zh: string; said_en: string; did_zh: string; did_en: string; published_at: unknown; published_by: string };

export interface StoredPost extends BoardPost {
  readonly suggestionId: string | null;
  readonly by: string;
}

/** The posts the kiosks show: the newest BOARD_SHOWN not withdrawn, newest first. */
export async function shownPosts(q: Queryable, limit = BOARD_SHOWN): Promise<StoredPost[]> {
  const rows = await q.query<Row>(
    `SELECT id, suggestion_id, said_zh, said_en, did_zh, did_en, published_at, published_by FROM board_posts
      WHERE withdrawn_at IS NULL ORDER BY published_at DESC, id DESC LIMIT $1`, [limit]);
  return rows.map((r) => ({
    id: String(r.id), suggestionId: r.suggestion_id === null ? null : String(r.suggestion_id), by: r.published_by,
    said: { 'zh-CN': r.said_zh, en: r.said_en }, did: { 'zh-CN': r.did_zh, en: r.did_en }, at: isoOf(r.published_at),
  }));
}

export async function boardForSnapshot(q: Queryable): Promise<BoardPost[]> {
  return (await shownPosts(q)).map(({ id, said, did, at }) => ({ id, said, did, at }));
}

/** Posts published in [start, end), withdrawn or not: what the month's report counts. */
export async function countPublished(q: Queryable, start: number, end: number): Promise<number> {
  const [r] = await q.query<{ n: number | string }>('SELECT count(*) AS n FROM board_posts WHERE published_at >= $1 AND published_at < $2', [new Date(start), new Date(end)]);
  return Number(r?.n ?? 0);
}
