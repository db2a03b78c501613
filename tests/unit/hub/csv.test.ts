import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/hub/admin/csv';

describe('toCsv', () => {
  it('starts with a UTF-8 byte-order mark and ends every line with CRLF', () => {
    const bytes = Buffer.from(toCsv(['a', 'b'], [['1', '2'], ['3', '4']]), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('a,b\r\n1,2\r\n3,4\r\n');
  });

  it('quotes fields with commas, quotes, CR or LF and doubles the quotes inside', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('keeps Chinese text as UTF-8 bytes', () => {
    const csv = toCsv(['text'], [['更衣室太挤，希望增加柜子']]);
    const bytes = Buffer.from(csv, 'utf8');
    // the full-width comma is not a separator: no quotes needed
    expect(bytes.subarray(3).equals(Buffer.from('text\r\n更衣室太挤，希望增加柜子\r\n', 'utf8'))).toBe(true);
    expect(csvCell('柜子, 储物')).toBe('"柜子, 储物"');
  });

  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes numbers as numbers, and null and undefined as empty cells', () => {
    expect(toCsv(['n', 'm', 'x', 'y'], [[-1, 3, null, undefined]])).toBe('\uFEFFn,m,x,y\r\n-1,3,,\r\n');
  });
});
