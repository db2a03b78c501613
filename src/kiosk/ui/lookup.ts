import type { Snapshot } from '../../domain/protocol';
import { pick, type Lang } from '../../domain/text';

export interface CategoryInfo {
  readonly name: string;
  readonly color: string;
}

/** Names of categories and rooms from the snapshot, with the raw id when one is missing. */
export interface Lookup {
  category(id: string): CategoryInfo;
  room(id: string): string;
  /** a class entry's title (check-in outcomes name the class) */
  entryTitle(id: string): string;
  /** an equipment group's name */
  equipment(id: string): string;
}

const COLOR = /^#[0-9a-fA-F]{3,8}$/;

export function createLookup(snapshot: Snapshot | null, lang: Lang): Lookup {
  const categories = new Map(snapshot?.categories.map((c) => [c.id, c]) ?? []);
  const rooms = new Map(snapshot?.facilities.map((f) => [f.id, f]) ?? []);
  const entries = new Map(snapshot?.schedule.map((e) => [e.id, e]) ?? []);
  const groups = new Map(snapshot?.equipment.map((g) => [g.id, g]) ?? []);
  return {
    category(id) {
      const c = categories.get(id);
      return { name: c ? pick(c.name, lang) : id, color: c && COLOR.test(c.color) ? c.color : '#4a5a6a' };
    },
    room(id) {
      const f = rooms.get(id);
      return f ? pick(f.name, lang) : id;
    },
    entryTitle(id) {
      const e = entries.get(id);
      return e ? pick(e.title, lang) : id;
    },
    equipment(id) {
      const g = groups.get(id);
      return g ? pick(g.name, lang) : id;
    },
  };
}
