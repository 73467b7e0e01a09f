/** Printing for the administrative commands: aligned tables for people, `--json` for programs. */

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
}

/** A plain aligned table; an empty list prints `empty` instead. */
export function formatTable(headers: string[], rows: string[][], empty = '(none)'): string {
  if (rows.length === 0) return empty + '\n';
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

export function printTable(headers: string[], rows: string[][], empty?: string): void {
  process.stdout.write(formatTable(headers, rows, empty));
}

/** "key   value" lines for one record. */
export function printFields(rows: string[][]): void {
  const w = Math.max(0, ...rows.map((r) => r[0].length));
  process.stdout.write(rows.map((r) => `${r[0].padEnd(w)}  ${r[1]}`).join('\n') + '\n');
}

/** A progress line on stderr (a bar when stderr is a terminal, a percentage line otherwise). */
export function progress(label: string, done: number, total: number): void {
  const pct = total > 0 ? Math.floor((done * 100) / total) : 100;
  if (process.stderr.isTTY) {
    const width = 30;
    const filled = Math.round((pct * width) / 100);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% (${done}/${total})`);
    if (done >= total) process.stderr.write('\n');
  } else if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0) {
    process.stderr.write(`${label}: ${pct}% (${done}/${total})\n`);
  }
}
