/** Summaries of a conformance run: totals per version and per profile, a text table, JSON. */
import type { FileResult } from './types';

export interface Totals {
  files: number;
  pass: number;
  fail: number;
  skip: number;
}

export interface Summary {
  totals: Totals;
  byVersion: Record<string, Totals>;
  byProfile: Record<string, Totals>;
  /** Per version, then per profile. */
  byVersionProfile: Record<string, Record<string, Totals>>;
  /** Failures by kind (parse, request, transport, decode, mismatch). */
  byFailureKind: Record<string, number>;
  /** Failing files grouped by their first difference (most frequent first), for triage. */
  failureGroups: FailureGroup[];
}

export interface FailureGroup {
  /** Kind, path without indices and reason; for a Result Status, also the actual status and reason. */
  cause: string;
  count: number;
  files: string[];
}

/** Groups failing files by the shape of their first difference (identifiers and indices removed). */
export function groupFailures(results: FileResult[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const r of results) {
    if (r.status !== 'fail' || !r.failure) continue;
    const f = r.failure;
    let cause: string;
    if (f.difference) {
      const path = f.difference.path.replace(/\[\d+\]/g, '');
      cause = `${path}: ${f.difference.reason}`;
      // A failed operation: the actual status and reason say why (the message text varies by object).
      if (path.endsWith('/ResultStatus')) cause += ` (${f.difference.actual.replace(/ \/ "[^]*$/, '')}; ${f.operation ?? '?'})`;
    } else {
      cause = `[${f.kind}] ${f.message.replace(/[0-9a-f]{8}-[0-9a-f-]{27}|\b\d+\b/g, 'N').slice(0, 160)}`;
    }
    const g = groups.get(cause) ?? { cause, count: 0, files: [] };
    g.count++;
    g.files.push(r.display);
    groups.set(cause, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
}

const empty = (): Totals => ({ files: 0, pass: 0, fail: 0, skip: 0 });

function add(t: Totals, r: FileResult): void {
  t.files++;
  t[r.status]++;
}

export function summarize(results: FileResult[]): Summary {
  const s: Summary = { totals: empty(), byVersion: {}, byProfile: {}, byVersionProfile: {}, byFailureKind: {}, failureGroups: groupFailures(results) };
  for (const r of results) {
    add(s.totals, r);
    add((s.byVersion[r.version] ??= empty()), r);
    add((s.byProfile[r.profile] ??= empty()), r);
    add(((s.byVersionProfile[r.version] ??= {})[r.profile] ??= empty()), r);
    if (r.failure) s.byFailureKind[r.failure.kind] = (s.byFailureKind[r.failure.kind] ?? 0) + 1;
  }
  return s;
}

export function toJson(results: FileResult[]): unknown {
  return {
    summary: summarize(results),
    files: results.map((r) => ({
      file: r.display,
      path: r.file,
      version: r.version,
      profile: r.profile,
      status: r.status,
      pairs: r.pairs,
      pairsPassed: r.pairsPassed,
      ms: r.ms,
      ...(r.skipReason ? { skipReason: r.skipReason } : {}),
      ...(r.failure ? { failure: r.failure } : {}),
      ...(r.after ? { after: r.after } : {}),
    })),
  };
}

/** One progress line for stderr. */
export function progressLine(r: FileResult, done: number, total: number): string {
  const tag = r.status === 'pass' ? 'PASS' : r.status === 'skip' ? 'SKIP' : 'FAIL';
  const why = r.failure ? `  [${r.failure.kind}] pair ${r.failure.pairIndex ?? '-'} ${r.failure.operation ?? ''}: ${r.failure.message}` : r.skipReason ? `  (${r.skipReason})` : '';
  const seq = r.after && r.after.length > 0 ? ` after ${r.after.length} file(s) of its sequence` : '';
  return `[${done}/${total}] ${tag} ${r.display} (${r.pairsPassed}/${r.pairs}, ${r.ms} ms${seq})${why}`;
}

function indent(text: string, by: string): string {
  return text.split('\n').map((l) => by + l).join('\n');
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** The end-of-run table: failures with their first difference, then totals per version/profile. */
export function formatTable(results: FileResult[]): string {
  const lines: string[] = [];
  const failed = results.filter((r) => r.status === 'fail');
  if (failed.length) {
    lines.push('Failures (first difference):');
    for (const r of failed) {
      const f = r.failure!;
      lines.push(`  ${r.display}  message ${f.messageIndex ?? '-'} (pair ${f.pairIndex ?? '-'}, ${f.operation ?? '?'}) [${f.kind}]`);
      if (f.difference) {
        lines.push(`      at       ${f.difference.path}: ${f.difference.reason}`);
        lines.push(`      expected ${f.difference.expected}`);
        lines.push(`      actual   ${f.difference.actual}`);
      } else {
        lines.push(`      ${f.message}`);
      }
      if (f.sentXml) lines.push('      sent:', indent(f.sentXml, '        '));
      if (f.receivedXml) lines.push('      received:', indent(f.receivedXml, '        '));
    }
    lines.push('');
  }
  const s = summarize(results);
  if (s.failureGroups.length) {
    lines.push('Failure groups (by first difference):');
    for (const g of s.failureGroups) lines.push(`  ${String(g.count).padStart(4)}  ${g.cause}`);
    lines.push('');
  }
  lines.push(`${pad('version', 9)}${pad('profile', 10)}${pad('pass', 6)}${pad('fail', 6)}${pad('skip', 6)}files`);
  for (const v of Object.keys(s.byVersionProfile).sort()) {
    for (const p of Object.keys(s.byVersionProfile[v]).sort()) {
      const t = s.byVersionProfile[v][p];
      lines.push(`${pad(v, 9)}${pad(p, 10)}${pad(String(t.pass), 6)}${pad(String(t.fail), 6)}${pad(String(t.skip), 6)}${t.files}`);
    }
    const t = s.byVersion[v];
    lines.push(`${pad(v, 9)}${pad('(all)', 10)}${pad(String(t.pass), 6)}${pad(String(t.fail), 6)}${pad(String(t.skip), 6)}${t.files}`);
  }
  const t = s.totals;
  lines.push(`TOTAL: ${t.pass} passed, ${t.fail} failed, ${t.skip} skipped of ${t.files} files`);
  return lines.join('\n') + '\n';
}
