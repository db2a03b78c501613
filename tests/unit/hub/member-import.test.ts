import { describe, expect, it } from 'vitest';
import { csvRows, IMPORT_MAX_ROWS, parseImport, rowsText } from '../../../src/hub/members/form';
import { buildSnapshot } from '../../../src/hub/snapshot';
import { SnapshotSchema } from '../../../src/domain/protocol';
import * as v from 'valibot';
import { demoConfig, NOW } from './harness';

describe('member CSV parsing', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, and numbers rows by their first line', () => {
    expect(csvRows('a,"b, ""c""",d\r\n"x\ny",z\n')).toEqual([
      { line: 1, cells: ['a', 'b, "c"', 'd'] },
      { line: 2, cells: ['x\ny', 'z'] },
    ]);
  });

  it('skips a BOM, a header and blank lines; reports an unclosed quote with its line', () => {
    const { good, bad } = parseImport('\uFEFF会员号,姓名,工卡号\n\nE1,张三,\nE2,"李四,\n');
    expect(good).toEqual([{ line: 3, input: { memberNo: 'E1', name: '张三', card: undefined } }]);
    expect(bad).toEqual([{ line: 4, reason: 'members.rowQuote' }]);
  });

  it('forgives a trailing empty column, and counts every row past the row limit as one not imported', () => {
    expect(parseImport('E1,Ann Lee,12345678,\n').good).toHaveLength(1);
    const many = Array.from({ length: IMPORT_MAX_ROWS + 10 }, (_, i) => `E${i},Name ${i},`).join('\n');
    const { good, bad } = parseImport(`${many}\n\n`);
    expect(good).toHaveLength(IMPORT_MAX_ROWS);
    expect(bad).toHaveLength(10); // issue 14: it once said "1 rows not imported" for all of them
    expect(bad[0]).toEqual({ line: IMPORT_MAX_ROWS + 1, reason: 'members.rowTooMany', params: { n: IMPORT_MAX_ROWS } });
    expect(bad.at(-1)!.line).toBe(IMPORT_MAX_ROWS + 10);
  });

  it('gives back the refused rows as CSV, quoted cells and all', () => {
    expect(rowsText('a,b\n"c, d",e\nf,"g ""h"""\n', new Set([2, 3]))).toBe('"c, d",e\nf,"g ""h"""');
  });
});

describe('snapshot identity fields', () => {
  it('are optional in the schema, and present and part of the version when the hub passes them', () => {
    const config = demoConfig();
    const bare = buildSnapshot(config, 'lobby-1', [], NOW);
    const withKeys = buildSnapshot(config, 'lobby-1', [], NOW, { badgeKeys: [{ kid: 1, publicKey: 'A'.repeat(43) }], revokedMembers: ['7'] });
    if (!bare.ok || !withKeys.ok) throw new Error('snapshot');
    expect(v.safeParse(SnapshotSchema, bare.snapshot).success).toBe(true);
    expect(v.parse(SnapshotSchema, withKeys.snapshot)).toMatchObject({ badgeKeys: [{ kid: 1 }], revokedMembers: ['7'] });
    expect(withKeys.snapshot.version).not.toBe(bare.snapshot.version);
  });
});
