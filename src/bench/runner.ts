/**
 * The load generator: `connections` mutual-TLS connections, each with `inflight` requests pipelined,
 * each request a message of `batch` logical operations drawn from the weighted mix. After the warm-up
 * the counters restart; the run ends after `durationS` or once `count` operations have been answered.
 *
 * Throughput counts only successful operations. Latency is per message (send -> response), recorded
 * for messages whose operations all succeeded, sent after the warm-up and answered before the end of
 * the measured window.
 */
import { HttpStatusError, type HttpClientOptions } from '../client/http-framing';
import { KmipConnection, type ConnectOptions } from '../client/connection';
import { LatencyHistogram } from './histogram';
import { MeasureWindow } from './window';
import { decodeResponse, encodeRequest, errorLabel, type CipherName, type KmipVersion } from './requests';
import { buildFixture, makeWorkload, needsObjects, type Fixture, type OpName, type Workload } from './workloads';

export interface BenchTarget {
  host: string;
  port: number;
  cert: string | Buffer;
  key: string | Buffer;
  ca?: string | Buffer;
  servername?: string;
  /** Send the requests as KMIP over HTTPS in this encoding (POST /kmip) instead of TTLV frames. */
  http?: HttpClientOptions;
}

export interface MixEntry {
  op: OpName;
  weight: number;
}

export interface BenchOptions {
  target: BenchTarget;
  mix: MixEntry[];
  connections: number;
  inflight: number;
  batch: number;
  version: KmipVersion;
  /** Measured duration, seconds (ignored when count is set). */
  durationS: number;
  /** Stop after this many operations were answered (successes and failures). */
  count?: number;
  warmupS: number;
  /** Objects to pre-populate (0 = none; ops that need objects get at least 100). */
  objects: number;
  /** Connections used to pre-populate (default 4). */
  populateConnections?: number;
  /** Keys per Register/Activate message when pre-populating (default 250, capped by message size). */
  populateBatch?: number;
  cipher: CipherName;
  dataSize: number;
  /** Per-request timeout (default 30 s). */
  requestTimeoutMs?: number;
  /** Called about once a second with a progress line. */
  onProgress?: (line: string) => void;
  /** Called when the measured window starts and ends (server probes reset / sample there). */
  onMeasureStart?: () => Promise<void> | void;
}

export interface OpResult {
  op: OpName;
  ok: number;
  failed: number;
  latency: LatencyHistogram;
}

export interface BenchResult {
  elapsedS: number;
  ok: number;
  failed: number;
  opsPerS: number;
  latency: LatencyHistogram;
  perOp: OpResult[];
  /** Failures by Result Reason name (or "Connection: ...", "Bad Response: ..."). */
  errors: Record<string, number>;
  /** A sample message per error label (the first seen). */
  errorMessages: Record<string, string>;
  fixtureObjects: number;
  /** Seconds the pre-population took (0 when none). */
  populateS: number;
  /** Operations sent in the measured window and still unanswered 1 s later, at its end (not counted). */
  unfinished: number;
}

function connectOptions(t: BenchTarget, timeout: number): ConnectOptions {
  return { host: t.host, port: t.port, cert: t.cert, key: t.key, ca: t.ca, servername: t.servername, requestTimeoutMs: timeout, http: t.http };
}

/** Parse "get=8,create=1" (or a single op name). */
export function parseMix(spec: string, isOp: (s: string) => s is OpName): MixEntry[] {
  const out: MixEntry[] = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, w] = part.split('=');
    if (!isOp(name)) throw new Error(`unknown operation "${name}"`);
    const weight = w === undefined ? 1 : Number(w);
    if (!Number.isFinite(weight) || weight <= 0) throw new Error(`weight of ${name} must be a positive number`);
    out.push({ op: name, weight });
  }
  if (out.length === 0) throw new Error('no operation given');
  return out;
}

class Picker {
  private readonly cumulative: number[] = [];
  private readonly total: number;
  constructor(private readonly workloads: Workload[], weights: number[]) {
    let acc = 0;
    for (const w of weights) this.cumulative.push((acc += w));
    this.total = acc;
  }
  next(): { w: Workload; index: number } {
    const r = Math.random() * this.total;
    let i = 0;
    while (this.cumulative[i] <= r && i < this.cumulative.length - 1) i++;
    return { w: this.workloads[i], index: i };
  }
}

export async function runBench(o: BenchOptions): Promise<BenchResult> {
  const timeout = o.requestTimeoutMs ?? 30_000;
  const copts = connectOptions(o.target, timeout);
  const wantObjects = o.mix.some((m) => needsObjects(m.op)) ? Math.max(o.objects, 100) : o.objects;
  const wopts = { version: o.version, cipher: o.cipher, dataSize: o.dataSize };

  let fixture: Fixture = { uids: [], names: [], ciphertexts: [], plaintext: Buffer.alloc(0) };
  let populateS = 0;
  if (wantObjects > 0) {
    // Set-up requests get a longer timeout: a batch of hundreds of Registers waits for the HSM and a commit.
    const setupOpts = { ...copts, requestTimeoutMs: Math.max(timeout, 120_000) };
    const n = Math.max(1, Math.min(o.populateConnections ?? 4, Math.ceil(wantObjects / 50)));
    const setup: KmipConnection[] = [];
    try {
      for (let i = 0; i < n; i++) setup.push(await KmipConnection.connect(setupOpts));
      const t0 = performance.now();
      let last = 0;
      fixture = await buildFixture(setup, {
        ...wopts,
        count: wantObjects,
        batch: o.populateBatch,
        ciphertexts: o.mix.some((m) => m.op === 'decrypt'),
        onProgress: (done) => {
          const now = performance.now();
          if (now - last < 1000 && done < wantObjects) return;
          last = now;
          const rate = done / Math.max((now - t0) / 1000, 1e-3);
          o.onProgress?.(`pre-populating: ${done}/${wantObjects} objects, ${rate.toFixed(0)}/s`);
        },
      });
      populateS = (performance.now() - t0) / 1000;
      o.onProgress?.(`pre-populated ${fixture.uids.length} objects in ${populateS.toFixed(1)} s (${(fixture.uids.length / populateS).toFixed(0)}/s, ${n} connections)`);
    } finally {
      await Promise.all(setup.map((c) => c.close().catch(() => undefined)));
    }
  }
  const workloads = o.mix.map((m) => makeWorkload(m.op, wopts, fixture));
  const picker = new Picker(workloads, o.mix.map((m) => m.weight));

  const perOp: OpResult[] = o.mix.map((m) => ({ op: m.op, ok: 0, failed: 0, latency: new LatencyHistogram() }));
  const errors: Record<string, number> = {};
  const errorMessages: Record<string, string> = {};
  const win = new MeasureWindow(o);
  /** Send time of the message each loop waits for (undefined: none). */
  const pendingSince: Array<number | undefined> = [];

  const fail = (label: string, n: number, message?: string, opIndex?: number): void => {
    errors[label] = (errors[label] ?? 0) + n;
    if (message && !errorMessages[label]) errorMessages[label] = message;
    if (opIndex !== undefined) perOp[opIndex].failed += n;
  };

  const conns: Array<KmipConnection | undefined> = new Array(o.connections).fill(undefined);
  // One connect at a time per slot: the loops sharing a connection wait for the same attempt.
  const connecting: Array<Promise<KmipConnection> | undefined> = new Array(o.connections).fill(undefined);
  const connect = async (i: number): Promise<KmipConnection> => {
    const c = conns[i];
    if (c && !c.socket.destroyed) return c;
    let p = connecting[i];
    if (!p) {
      p = KmipConnection.connect(copts).then(
        (conn) => {
          connecting[i] = undefined;
          if (win.stopped) conn.socket.destroy();
          conns[i] = conn;
          return conn;
        },
        (err) => {
          connecting[i] = undefined;
          throw err;
        },
      );
      connecting[i] = p;
    }
    return p;
  };

  /** One pipelined request loop on connection i. */
  const loop = async (i: number, slot: number): Promise<void> => {
    while (win.take(o.batch)) {
      const { w, index } = picker.next();
      const items = [];
      for (let b = 0; b < o.batch; b++) items.push(...w.items());
      const per = items.length / o.batch;
      const sentAt = performance.now();
      const inWindow = win.sentInside(sentAt);
      pendingSince[slot] = inWindow ? sentAt : undefined;
      const counted = (): boolean => win.counts(inWindow);
      try {
        const conn = await connect(i);
        const answer = decodeResponse(await conn.request(encodeRequest(o.version, items)));
        const doneAt = performance.now();
        pendingSince[slot] = undefined;
        if (!counted()) continue;
        if (answer.length !== items.length) {
          fail('Bad Response: batch count', o.batch, `${answer.length} items for ${items.length}`, index);
          continue;
        }
        let allOk = true;
        for (let b = 0; b < o.batch; b++) {
          const part = answer.slice(b * per, (b + 1) * per);
          const label = w.check(part);
          if (label === undefined) perOp[index].ok++;
          else {
            allOk = false;
            fail(label, 1, part.find((p) => !p.ok)?.message, index);
          }
        }
        // Latency of successful messages only: a fast error must not improve the percentiles.
        if (allOk) perOp[index].latency.record((doneAt - sentAt) * 1000);
      } catch (err) {
        const e = err as Error & { code?: string };
        pendingSince[slot] = undefined;
        if (counted()) fail(errorLabel(err), o.batch, e.message, index);
        // Drop the broken connection (an HTTP refusal leaves it usable); back off a little so a dead server
        // is not hammered in a spin.
        if (!(err instanceof HttpStatusError)) {
          conns[i]?.socket.destroy();
          conns[i] = undefined;
        }
        if (!win.stopped) await new Promise((r) => setTimeout(r, 100));
      }
    }
  };

  const totals = () => perOp.reduce((a, p) => ({ ok: a.ok + p.ok, failed: a.failed + p.failed }), { ok: 0, failed: 0 });
  const progress = win.progress((s) => {
    const t = totals();
    return `${s.toFixed(1)} s  ok ${t.ok}  ${(t.ok / Math.max(s, 1e-3)).toFixed(0)} ops/s  errors ${t.failed}`;
  });

  let unfinished = 0;
  // Connect up front (failures here are counted by the loops as connection errors).
  await Promise.all(conns.map((_, i) => connect(i).catch(() => undefined)));
  const elapsedS = await win.run(
    () => {
      const loops: Promise<void>[] = [];
      for (let i = 0; i < o.connections; i++) for (let k = 0; k < o.inflight; k++) loops.push(loop(i, loops.length));
      return loops;
    },
    // Messages still unanswered a second after they were sent, at the end of the window: a server that
    // slow must not look like a quiet success (the ordinary last message of each loop is not counted).
    () => (unfinished = pendingSince.filter((t) => t !== undefined && t < win.end - 1000).length * o.batch),
  );
  clearInterval(progress);
  await Promise.all(conns.map((c) => c?.close().catch(() => undefined)));

  const latency = new LatencyHistogram();
  for (const p of perOp) latency.merge(p.latency);
  const t = totals();
  return {
    elapsedS,
    ok: t.ok,
    failed: t.failed,
    opsPerS: elapsedS > 0 ? t.ok / elapsedS : 0,
    latency,
    perOp,
    errors,
    errorMessages,
    fixtureObjects: fixture.uids.length,
    populateS,
    unfinished,
  };
}
