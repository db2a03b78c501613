import { readFileSync, writeFileSync } from 'node:fs';

/** Puts `section` (starting with its own "## heading" line) into the markdown in place of an older one, or at the end. */
export function spliceSection(markdown: string, section: string): string {
  const heading = section.slice(0, section.indexOf('\n'));
  // the heading's fixed words, before any figures it carries (a browser version, say)
  const title = heading.replace(/\s*\(.*$/, '');
  const start = markdown.indexOf(title);
  if (start < 0) return `${markdown.trimEnd()}\n\n${section}`;
  const next = markdown.indexOf('\n## ', start + 3);
  return `${markdown.slice(0, start)}${section}${next < 0 ? '' : markdown.slice(next + 1)}`;
}

/** A benchmark run on its own (`npx tsx tests/bench/<name>.ts`) rewrites only its section of BENCHMARKS.md. */
export function rewriteSection(file: string, section: string): void {
  writeFileSync(file, spliceSection(readFileSync(file, 'utf8'), section));
}

/** A section of the markdown by its heading's fixed words, or null (for sections another command writes). */
export function findSection(markdown: string, title: string): string | null {
  const start = markdown.indexOf(`## ${title}`);
  if (start < 0) return null;
  const next = markdown.indexOf('\n## ', start + 3);
  return markdown.slice(start, next < 0 ? undefined : next + 1).trimEnd();
}
