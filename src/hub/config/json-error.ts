// Where a JSON text first goes wrong, as line and column, with the same words on every Node version.
// (V8's own messages differ between Node 20 and 24 and some carry no position at all.) Only called
// after JSON.parse has failed, so it need not build values, only walk the grammar.

export interface JsonErrorAt {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

class Stop extends Error {
  constructor(readonly at: number, message: string) {
    super(message);
  }
}

export function locateJsonError(text: string): JsonErrorAt {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const describeHere = () => (i >= text.length ? 'the file ends' : `found ${JSON.stringify(text[i])}`);
  const fail = (expected: string): never => {
    throw new Stop(i, `expected ${expected}, ${describeHere()}`);
  };
  const string = () => {
    if (text[i] !== '"') fail('a double-quoted string');
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('four hex digits after \\u');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('a valid escape after \\');
      } else if (text.charCodeAt(i) < 0x20) fail('no control character inside a string');
      i++;
    }
    if (i >= text.length) fail('a closing "');
    i++;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a double-quoted property name');
        string();
        ws();
        if (text[i] !== ':') fail("':' after the property name");
        i++;
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') return void i++;
        fail("',' or '}' after a property value");
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') return void i++;
        fail("',' or ']' after an array element");
      }
    }
    if (ch === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) fail('a value (object, array, string, number, true, false or null)');
    i += literal![0].length;
  };
  let at = text.length;
  let message = 'is not valid JSON';
  try {
    value();
    ws();
    if (i < text.length) fail('the end of the file after the JSON value');
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    at = e.at;
    message = e.message;
  }
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1, message };
}
