/** One-line JSON logs on stderr (stdout stays free for command output such as tokens). */
type Level = 'info' | 'warn' | 'error';

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (process.env.HUB_LOG === 'silent' && level !== 'error') return;
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n');
}
