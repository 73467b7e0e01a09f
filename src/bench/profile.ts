/**
 * Summary of a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by area of the code
 * (TLS, TTLV codec, SQLite, HSM, ...), so the hot spots of a benchmark run read as a short table.
 */
import * as fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byArea: Array<{ area: string; ms: number; pct: number }>;
  top: Array<{ fn: string; where: string; ms: number; pct: number }>;
}

/** Area of the code a frame belongs to (first match wins). */
const AREAS: Array<[RegExp, string]> = [
  [/^\((idle)\)$/, 'idle'],
  [/^\((garbage collector)\)$/, 'GC'],
  [/^\((program)\)$/, 'V8/native (program)'],
  [/better-sqlite3|\/store\/sqlite\//, 'SQLite store'],
  [/pkcs11js|\/crypto\/pkcs11\//, 'PKCS#11 / HSM'],
  [/\/crypto\//, 'crypto provider'],
  [/\/ttlv\//, 'TTLV codec'],
  [/\/message\//, 'message layer'],
  [/\/operations\//, 'operations'],
  [/\/attributes\/|\/lifecycle\//, 'attributes/lifecycle'],
  [/\/transport\//, 'transport'],
  [/node:_tls|node:tls|node:net|node:stream|node:internal\/stream|node:internal\/tls|node:internal\/net/, 'TLS/net (Node)'],
  [/winston|logform|\/logging/, 'logging'],
  [/^node:/, 'Node core (other)'],
];

/**
 * Native frames have no URL: name the bindings we know by their function names (better-sqlite3's
 * Statement methods, pkcs11js's PKCS11 methods, libuv/TLS stream writes).
 */
const NATIVE: Array<[RegExp, string]> = [
  [/^(all|get|run|iterate|exec|prepare|Statement|Database|pragma)$/, 'SQLite store'],
  [/^PKCS11$|^C_/, 'PKCS#11 / HSM'],
  [/^(writeBuffer|writev|writeUtf8String|writeLatin1String|onStreamRead|readStop|readStart)$/, 'TLS/net (Node)'],
];

function areaOf(fn: string, url: string): string {
  if (!url) for (const [re, name] of NATIVE) if (re.test(fn)) return name;
  for (const [re, name] of AREAS) if (re.test(url) || re.test(fn)) return name;
  return url ? 'other JS' : 'native (other)';
}

export function summarizeProfile(file: string, topN = 20): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const samples = p.samples?.length ?? p.nodes.reduce((a, n) => a + (n.hitCount ?? 0), 0);
  const totalMs = (p.endTime - p.startTime) / 1000;
  const perSample = samples > 0 ? totalMs / samples : 0;
  const byFn = new Map<string, { fn: string; where: string; ms: number }>();
  const byArea = new Map<string, number>();
  for (const n of p.nodes) {
    const hits = n.hitCount ?? 0;
    if (hits === 0) continue;
    const ms = hits * perSample;
    const fn = n.callFrame.functionName || '(anonymous)';
    const url = n.callFrame.url;
    const short = url.replace(/^.*\/(src|node_modules)\//, '$1/').replace(/^file:\/\//, '');
    const where = url ? `${short}:${n.callFrame.lineNumber + 1}` : '';
    const key = `${fn}@${where}`;
    const e = byFn.get(key) ?? { fn, where, ms: 0 };
    e.ms += ms;
    byFn.set(key, e);
    const area = areaOf(fn, url);
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
  }
  const pct = (ms: number) => (totalMs > 0 ? (100 * ms) / totalMs : 0);
  return {
    totalMs,
    byArea: [...byArea.entries()].map(([area, ms]) => ({ area, ms, pct: pct(ms) })).sort((a, b) => b.ms - a.ms),
    top: [...byFn.values()].sort((a, b) => b.ms - a.ms).slice(0, topN).map((e) => ({ ...e, pct: pct(e.ms) })),
  };
}

export function formatProfileSummary(s: ProfileSummary): string {
  const lines = [`profile: ${(s.totalMs / 1000).toFixed(1)} s of samples`, 'self time by area:'];
  for (const a of s.byArea) lines.push(`  ${a.pct.toFixed(1).padStart(5)} %  ${(a.ms / 1000).toFixed(2).padStart(7)} s  ${a.area}`);
  lines.push('hottest functions (self time):');
  for (const f of s.top) lines.push(`  ${f.pct.toFixed(1).padStart(5)} %  ${f.fn}  ${f.where}`);
  return lines.join('\n') + '\n';
}
