/** The benchmark's output: one table row per scenario (and per operation of a mix), or JSON. */
import type { BenchResult } from './runner';
import type { ServerUsage } from './server-probe';
import type { IdleResult } from './connections';

export interface ScenarioReport {
  name: string;
  connections: number;
  inflight: number;
  batch: number;
  version: string;
  result: BenchResult;
  server: ServerUsage;
  /** Idle-connections scenario: what was held and the server's memory (the row shows the final requests). */
  idle?: Omit<IdleResult, 'result'>;
}

const ms = (us: number): string => (us / 1000).toFixed(us < 10_000 ? 2 : 1);

/**
 * The server's CPU time per successful operation in the measured window (µs), when its CPU was measured. On a
 * machine shared by client and server, and whose speed varies from minute to minute, this moves less between
 * runs than ops/s and says what one operation costs the server.
 */
export function serverCpuPerOpUs(server: ServerUsage, ok: number): number | undefined {
  return server.cpuS === undefined || ok <= 0 ? undefined : (server.cpuS * 1e6) / ok;
}
const mb = (b: number | undefined): string => (b === undefined ? '-' : (b / 1048576).toFixed(0));

function errorsText(r: BenchResult): string {
  const e = Object.entries(r.errors).map(([k, n]) => `${k}=${n}`);
  // Not errors, but a server too slow to answer within the window must not look like a quiet success.
  if (r.unfinished > 0) e.push(`unanswered-at-end=${r.unfinished}`);
  return e.length === 0 ? '0' : e.join(' ');
}

function pad(cells: string[][]): string {
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

export function formatTable(reports: ScenarioReport[]): string {
  const rows: string[][] = [
    ['scenario', 'conn', 'infl', 'batch', 'ops', 'ops/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'srv CPU s', 'srv µs/op', 'srv RSS MB', 'srv ELD p99 ms', 'errors'],
  ];
  for (const s of reports) {
    const r = s.result;
    const perOp = serverCpuPerOpUs(s.server, r.ok);
    const row = (name: string, ok: number, opsPerS: number, lat: BenchResult['latency'], errs: string): string[] => [
      name, String(s.connections), String(s.inflight), String(s.batch), String(ok), opsPerS.toFixed(0),
      ms(lat.quantile(0.5)), ms(lat.quantile(0.9)), ms(lat.quantile(0.99)), ms(lat.maxUs),
      s.server.cpuS === undefined ? '-' : s.server.cpuS.toFixed(1),
      perOp === undefined ? '-' : perOp.toFixed(0),
      mb(s.server.rssBytes),
      s.server.eventLoopP99Ms === undefined ? '-' : s.server.eventLoopP99Ms.toFixed(1),
      errs,
    ];
    rows.push(row(s.name, r.ok, r.opsPerS, r.latency, errorsText(r)));
    if (r.perOp.length > 1) {
      for (const p of r.perOp) {
        rows.push(row(`  ${p.op}`, p.ok, r.elapsedS > 0 ? p.ok / r.elapsedS : 0, p.latency, String(p.failed)).map((c, i) => (i >= 10 && i <= 13 ? '' : c)));
      }
    }
  }
  const notes: string[] = [];
  const idle: string[] = [];
  for (const s of reports) {
    const i = s.idle;
    if (!i) continue;
    const before = i.serverBefore?.rssBytes;
    const held = i.serverHeld?.rssBytes;
    idle.push(
      `  ${s.name}: ${i.opened}/${i.requested} opened, ${i.droppedWhileIdle} dropped while idle ${i.holdS} s, ${i.usableAtEnd} usable at the end; ` +
        `server RSS ${mb(before)} MB before, ${mb(held)} MB holding them` +
        (i.rssPerConnectionKiB === undefined ? '' : ` (${i.rssPerConnectionKiB.toFixed(1)} KiB per connection)`),
    );
  }
  for (const s of reports) {
    for (const [label, msg] of Object.entries(s.result.errorMessages)) notes.push(`  ${s.name}: ${label}: ${msg.slice(0, 200)}`);
  }
  return pad(rows) + (idle.length ? `\nidle connections:\n${idle.join('\n')}` : '') + (notes.length ? `\nfirst error of each kind:\n${notes.join('\n')}` : '') + '\n';
}

/** Plain JSON (latencies in milliseconds). */
export function toJson(reports: ScenarioReport[]): unknown {
  const lat = (h: BenchResult['latency']) => ({
    p50: h.quantile(0.5) / 1000,
    p90: h.quantile(0.9) / 1000,
    p99: h.quantile(0.99) / 1000,
    max: h.maxUs / 1000,
    mean: h.meanUs() / 1000,
  });
  return reports.map((s) => ({
    scenario: s.name,
    connections: s.connections,
    inflight: s.inflight,
    batch: s.batch,
    kmipVersion: s.version,
    elapsedS: s.result.elapsedS,
    ok: s.result.ok,
    failed: s.result.failed,
    unfinished: s.result.unfinished,
    fixtureObjects: s.result.fixtureObjects,
    populateS: s.result.populateS,
    opsPerS: s.result.opsPerS,
    latencyMs: lat(s.result.latency),
    perOp: s.result.perOp.map((p) => ({ op: p.op, ok: p.ok, failed: p.failed, latencyMs: lat(p.latency) })),
    errors: s.result.errors,
    errorMessages: s.result.errorMessages,
    server: s.server,
    serverCpuPerOpUs: serverCpuPerOpUs(s.server, s.result.ok),
    ...(s.idle ? { idle: s.idle } : {}),
  }));
}
