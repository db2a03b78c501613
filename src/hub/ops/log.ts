// The hub's log (issue 13): one line per event worth knowing (start, stop, migration, a request error with
// its id, a kiosk gone silent or back, a backup written), on stderr. Plain text for a person reading
// journalctl; `LOG_FORMAT=json` for a log collector. Every module takes a `Log` and never formats.

export type LogLevel = 'info' | 'warn' | 'error';
export type Log = (message: string, level?: LogLevel) => void;
export type LogFormat = 'text' | 'json';

export const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

/** A line for each call: `<time> <level> <message>`, or one JSON object with time, level and msg. */
export function formatLogLine(format: LogFormat, at: number, level: LogLevel, message: string): string {
  const time = new Date(at).toISOString();
  if (format === 'json') return JSON.stringify({ time, level, msg: message });
  // a stack trace stays one entry: its lines are indented under the first
  return `${time} ${level.toUpperCase().padEnd(5)} ${message.replace(/\n/g, '\n    ')}`;
}

export function createLog(format: LogFormat, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`), now = Date.now): Log {
  return (message, level = 'info') => write(formatLogLine(format, now(), level, message));
}
