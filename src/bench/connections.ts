/**
 * Connection-level benchmarks:
 *
 * - handshake: each operation is a new mutual-TLS connection (full handshake, no session offered), one
 *   small request (Discover Versions) answered with Success, then close. Latency = connect start to the
 *   response (handshake + one round trip).
 * - handshake-resumed: the same, but each connection offers the TLS session (TLS 1.3 ticket) that the
 *   previous connection of its loop received; an operation counts only when the server really resumed
 *   it (`isSessionReused()`), otherwise it is an error `TLS: session not resumed`.
 * - idle: open N mutual-TLS connections (16 handshakes at a time), hold them all idle, then send one
 *   request on every one of them; reports how many were held and still usable, and the server's RSS
 *   before and while holding them.
 */
import * as tls from 'node:tls';
import { KmipConnection, type ConnectOptions } from '../client/connection';
import { Operation } from '../kmip';
import { LatencyHistogram } from './histogram';
import { MeasureWindow } from './window';
import { decodeResponse, encodeRequest, errorLabel, reasonName, type KmipVersion, type RequestItem } from './requests';
import type { BenchResult, BenchTarget } from './runner';
import type { ServerProbe, ServerUsage } from './server-probe';

export type HandshakeMode = 'full' | 'resumed';

export interface HandshakeOptions {
  target: BenchTarget;
  mode: HandshakeMode;
  /** Parallel connect loops. */
  connections: number;
  version: KmipVersion;
  durationS: number;
  count?: number;
  warmupS: number;
  requestTimeoutMs?: number;
  onProgress?: (line: string) => void;
  onMeasureStart?: () => Promise<void> | void;
}

export function discoverVersionsItem(): RequestItem {
  return { operation: Operation.DiscoverVersions, payload: [] };
}

/** One client context per target: a client that connects often parses its key and CA bundle once. */
const contexts = new WeakMap<BenchTarget, tls.SecureContext>();

function connectOptions(t: BenchTarget, timeout: number, session?: Buffer): ConnectOptions {
  let secureContext = contexts.get(t);
  if (!secureContext) {
    secureContext = tls.createSecureContext({ cert: t.cert, key: t.key, ca: t.ca });
    contexts.set(t, secureContext);
  }
  return {
    host: t.host, port: t.port, cert: t.cert, key: t.key, ca: t.ca, servername: t.servername,
    requestTimeoutMs: timeout, connectTimeoutMs: timeout, session, secureContext, http: t.http,
  };
}

/** One request on an open connection; undefined when it succeeded, else the error label. */
async function probeRequest(conn: KmipConnection, version: KmipVersion): Promise<string | undefined> {
  const answer = decodeResponse(await conn.request(encodeRequest(version, [discoverVersionsItem()])));
  if (answer.length !== 1) return `Bad Response: ${answer.length} batch items for 1`;
  return answer[0].ok ? undefined : reasonName(answer[0].reason);
}

export async function runHandshakeBench(o: HandshakeOptions): Promise<BenchResult> {
  const timeout = o.requestTimeoutMs ?? 30_000;
  const latency = new LatencyHistogram();
  const errors: Record<string, number> = {};
  const errorMessages: Record<string, string> = {};
  let ok = 0;
  let failed = 0;
  const w = new MeasureWindow(o);
  const fail = (label: string, message?: string): void => {
    failed++;
    errors[label] = (errors[label] ?? 0) + 1;
    if (message && !errorMessages[label]) errorMessages[label] = message;
  };

  // Resumption needs a session to start from: one priming connection per loop (not measured).
  const sessions: Array<Buffer | undefined> = new Array(o.connections).fill(undefined);
  if (o.mode === 'resumed') {
    await Promise.all(
      sessions.map(async (_, i) => {
        const c = await KmipConnection.connect(connectOptions(o.target, timeout));
        try {
          const label = await probeRequest(c, o.version);
          if (label) throw new Error(`priming request failed: ${label}`);
          sessions[i] = c.getSession();
        } finally {
          await c.close();
        }
        if (!sessions[i]) throw new Error('the server sent no TLS session ticket: resumption cannot be measured');
      }),
    );
  }

  const loop = async (i: number): Promise<void> => {
    while (w.take(1)) {
      const sentAt = performance.now();
      const inWindow = w.sentInside(sentAt);
      const counted = (): boolean => w.counts(inWindow);
      let conn: KmipConnection | undefined;
      try {
        conn = await KmipConnection.connect(connectOptions(o.target, timeout, o.mode === 'resumed' ? sessions[i] : undefined));
        const label = await probeRequest(conn, o.version);
        const doneAt = performance.now();
        // The next connection of this loop resumes the newest session (TLS 1.3 tickets are single-use).
        if (o.mode === 'resumed') sessions[i] = conn.getSession() ?? sessions[i];
        const resumedOk = o.mode === 'full' ? !conn.isSessionReused() : conn.isSessionReused();
        if (counted()) {
          if (label) fail(label);
          else if (!resumedOk) fail(o.mode === 'full' ? 'TLS: session resumed (expected a full handshake)' : 'TLS: session not resumed');
          else {
            ok++;
            latency.record((doneAt - sentAt) * 1000);
          }
        }
      } catch (err) {
        if (counted()) fail(errorLabel(err), (err as Error).message);
        if (!w.stopped) await new Promise((r) => setTimeout(r, 100));
      } finally {
        // Closing is not part of the measured operation, but awaited so descriptors do not pile up.
        if (conn) await conn.close().catch(() => undefined);
      }
    }
  };

  const progress = w.progress((s) => `${s.toFixed(1)} s  handshakes ok ${ok}  ${(ok / Math.max(s, 1e-3)).toFixed(0)}/s  errors ${failed}`);
  const elapsedS = await w.run(() => sessions.map((_, i) => loop(i)));
  clearInterval(progress);
  return {
    elapsedS,
    ok,
    failed,
    opsPerS: elapsedS > 0 ? ok / elapsedS : 0,
    latency,
    perOp: [],
    errors,
    errorMessages,
    fixtureObjects: 0,
    populateS: 0,
    unfinished: 0,
  };
}

export interface IdleOptions {
  target: BenchTarget;
  /** Connections to open and hold. */
  count: number;
  /** Hold them idle this long before the final request on each. */
  holdS: number;
  version: KmipVersion;
  /** Handshakes in flight while opening (default 16). */
  openConcurrency?: number;
  requestTimeoutMs?: number;
  probe?: ServerProbe;
  onProgress?: (line: string) => void;
}

export interface IdleResult {
  requested: number;
  /** Connections that completed their handshake. */
  opened: number;
  /** Of those, closed by the server (or failed) while idle. */
  droppedWhileIdle: number;
  /** Answered their final request with Success. */
  usableAtEnd: number;
  holdS: number;
  /** Server memory before opening and while all were held (RSS); per-connection difference. */
  serverBefore?: ServerUsage;
  serverHeld?: ServerUsage;
  rssPerConnectionKiB?: number;
  /** The final requests as a BenchResult (latency of the one request per connection, errors by label). */
  result: BenchResult;
}

export async function runIdleConnections(o: IdleOptions): Promise<IdleResult> {
  const timeout = o.requestTimeoutMs ?? 30_000;
  const errors: Record<string, number> = {};
  const errorMessages: Record<string, string> = {};
  const fail = (label: string, message?: string): void => {
    errors[label] = (errors[label] ?? 0) + 1;
    if (message && !errorMessages[label]) errorMessages[label] = message;
  };
  const sample = async (): Promise<ServerUsage | undefined> => (o.probe ? o.probe.end().catch(() => undefined) : undefined);
  await o.probe?.begin();
  const serverBefore = await sample();

  const conns: KmipConnection[] = [];
  let dropped = 0;
  let finalPhase = false;
  let next = 0;
  const opener = async (): Promise<void> => {
    while (next < o.count) {
      next++;
      try {
        const c = await KmipConnection.connect(connectOptions(o.target, timeout));
        conns.push(c);
        // A connection the server closes while idle must not look usable at the end.
        void c.closed.then(() => {
          if (!finalPhase) dropped++;
        });
      } catch (err) {
        fail(`open: ${errorLabel(err)}`, (err as Error).message);
      }
      if (conns.length % 100 === 0) o.onProgress?.(`opened ${conns.length}/${o.count} connections`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.openConcurrency ?? 16, o.count) }, opener));
  o.onProgress?.(`holding ${conns.length} idle connections for ${o.holdS} s`);
  await new Promise((r) => setTimeout(r, o.holdS * 1000));
  const serverHeld = await sample();

  // One request on each, all at once: every held connection must still work.
  const latency = new LatencyHistogram();
  let usable = 0;
  const t0 = performance.now();
  await Promise.all(
    conns.map(async (c) => {
      const sentAt = performance.now();
      try {
        const label = await probeRequest(c, o.version);
        if (label) fail(label);
        else {
          usable++;
          latency.record((performance.now() - sentAt) * 1000);
        }
      } catch (err) {
        fail(errorLabel(err), (err as Error).message);
      }
    }),
  );
  const elapsedS = (performance.now() - t0) / 1000;
  finalPhase = true;
  await Promise.all(conns.map((c) => c.close().catch(() => undefined)));
  const failed = Object.values(errors).reduce((a, n) => a + n, 0);
  const before = serverBefore?.rssBytes;
  const held = serverHeld?.rssBytes;
  return {
    requested: o.count,
    opened: conns.length,
    droppedWhileIdle: dropped,
    usableAtEnd: usable,
    holdS: o.holdS,
    serverBefore,
    serverHeld,
    rssPerConnectionKiB: before !== undefined && held !== undefined && conns.length > 0 ? (held - before) / 1024 / conns.length : undefined,
    result: {
      elapsedS,
      ok: usable,
      failed,
      opsPerS: elapsedS > 0 ? usable / elapsedS : 0,
      latency,
      perOp: [],
      errors,
      errorMessages,
      fixtureObjects: 0,
      populateS: 0,
      unfinished: 0,
    },
  };
}
