/**
 * `tumbler bench` as a library: run one or more scenarios against a target server, or against a fresh
 * Tumbler started as a child process on a temporary directory, and gather the reports.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalServer, type LocalServer, type LocalServerOptions } from './local-server';
import { runBench, type BenchOptions, type BenchResult, type BenchTarget, type MixEntry } from './runner';
import { runHandshakeBench, runIdleConnections } from './connections';
import { childProbe, procProbe, type ServerProbe, type ServerUsage } from './server-probe';
import type { ScenarioReport } from './report';
import type { CipherName, KmipVersion } from './requests';

export { runBench, parseMix, type BenchOptions, type BenchResult, type BenchTarget, type MixEntry } from './runner';
export { formatTable, toJson, type ScenarioReport } from './report';
export { startLocalServer, type LocalServer } from './local-server';
export { summarizeProfile, formatProfileSummary } from './profile';
export { OP_NAMES, isOpName, type OpName } from './workloads';
export { parseKmipVersion } from './requests';
export { runHandshakeBench, runIdleConnections, type HandshakeOptions, type IdleOptions, type IdleResult } from './connections';

export interface Scenario {
  name: string;
  /**
   * requests (default): the mix over long-lived connections. handshake / handshake-resumed: one new
   * connection per operation (full or resumed TLS handshake + Discover Versions). idle: hold
   * `idleConnections` idle connections for the duration, then one request on each.
   */
  kind?: 'requests' | 'handshake' | 'handshake-resumed' | 'idle';
  idleConnections?: number;
  mix: MixEntry[];
  cipher?: CipherName;
  dataSize?: number;
  connections?: number;
  inflight?: number;
  batch?: number;
}

/** `npm run bench`: the standard scenarios, 4 connections, 1 request in flight each. */
export const STANDARD_SCENARIOS: Scenario[] = [
  { name: 'get', mix: [{ op: 'get', weight: 1 }] },
  { name: 'encrypt AES-GCM 64 B', mix: [{ op: 'encrypt', weight: 1 }], cipher: 'aes-gcm', dataSize: 64 },
  { name: 'encrypt AES-CBC 64 B', mix: [{ op: 'encrypt', weight: 1 }], cipher: 'aes-cbc', dataSize: 64 },
  { name: 'create', mix: [{ op: 'create', weight: 1 }] },
  { name: 'locate', mix: [{ op: 'locate', weight: 1 }] },
].map((s) => ({ ...s, connections: 4, inflight: 1, batch: 1 }) as Scenario);

export interface SuiteOptions {
  /** Target server; absent = start a fresh Tumbler child on a temporary directory. */
  target?: BenchTarget;
  /** KMIP over HTTPS in this encoding, for the own server too (a given target carries its own). */
  http?: BenchTarget['http'];
  scenarios: Scenario[];
  defaults: Omit<BenchOptions, 'target' | 'mix' | 'onMeasureStart'>;
  versionLabel: string;
  /** For the own server: crypto provider, node flags (profiling), keep the directory. */
  local?: Pick<LocalServerOptions, 'crypto' | 'nodeArgs' | 'entry' | 'logLevel' | 'overrides'> & {
    keepDir?: boolean;
    dir?: string;
    /** Write a CPU profile of the server per scenario (measured window only) into this directory. */
    profileDir?: string;
  };
  log?: (line: string) => void;
}

export interface SuiteResult {
  reports: ScenarioReport[];
  /** Set when the suite started its own server. */
  local?: { dir: string; pid: number; crypto: string };
  /** CPU profiles written (one per scenario), when asked for. */
  profiles: Array<{ scenario: string; file: string }>;
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export async function runSuite(o: SuiteOptions): Promise<SuiteResult> {
  let local: LocalServer | undefined;
  let dir: string | undefined;
  let target = o.target;
  let probe: ServerProbe;
  if (!target) {
    dir = o.local?.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-bench-'));
    o.log?.(`starting Tumbler on ${dir} ...`);
    local = await startLocalServer({
      dir, crypto: o.local?.crypto, nodeArgs: o.local?.nodeArgs, entry: o.local?.entry, logLevel: o.local?.logLevel, overrides: o.local?.overrides,
    });
    o.log?.(`Tumbler pid ${local.pid} on 127.0.0.1:${local.port}, crypto ${local.crypto}`);
    target = {
      host: '127.0.0.1',
      port: local.port,
      cert: fs.readFileSync(path.join(dir, 'clients', 'admin.pem')),
      key: fs.readFileSync(path.join(dir, 'clients', 'admin-key.pem')),
      ca: fs.readFileSync(path.join(dir, 'ca.pem')),
      http: o.http,
    };
    probe = childProbe(local);
  } else {
    probe = procProbe(target.host, target.port);
  }
  const reports: ScenarioReport[] = [];
  const profiles: SuiteResult['profiles'] = [];
  const profileDir = local ? o.local?.profileDir : undefined;
  try {
    for (const s of o.scenarios) {
      o.log?.(`scenario ${s.name}`);
      const opts: BenchOptions = {
        ...o.defaults,
        target,
        mix: s.mix,
        cipher: s.cipher ?? o.defaults.cipher,
        dataSize: s.dataSize ?? o.defaults.dataSize,
        connections: s.connections ?? o.defaults.connections,
        inflight: s.inflight ?? o.defaults.inflight,
        batch: s.batch ?? o.defaults.batch,
        onMeasureStart: async () => {
          await probe.begin();
          if (profileDir && local) await local.profileStart();
        },
      };
      let result: BenchResult;
      let idle: ScenarioReport['idle'];
      const kind = s.kind ?? 'requests';
      if (kind === 'handshake' || kind === 'handshake-resumed') {
        result = await runHandshakeBench({ ...opts, mode: kind === 'handshake' ? 'full' : 'resumed' });
      } else if (kind === 'idle') {
        // The probe is sampled before opening and while all are held, not around a window.
        const r = await runIdleConnections({
          target,
          count: s.idleConnections ?? 100,
          holdS: opts.durationS,
          version: opts.version,
          requestTimeoutMs: opts.requestTimeoutMs,
          probe,
          onProgress: opts.onProgress,
        });
        result = r.result;
        const { result: _r, ...rest } = r;
        idle = rest;
      } else {
        result = await runBench(opts);
      }
      if (profileDir && local) {
        const file = path.join(profileDir, `${slug(s.name)}.cpuprofile`);
        await local.profileStop(file);
        profiles.push({ scenario: s.name, file });
      }
      let server: ServerUsage;
      try {
        server = idle?.serverHeld ?? (await probe.end());
      } catch {
        server = { source: 'none' };
      }
      const conns = kind === 'idle' ? (idle?.opened ?? 0) : opts.connections;
      const inflight = kind === 'requests' ? opts.inflight : 1;
      const batch = kind === 'requests' ? opts.batch : 1;
      reports.push({ name: s.name, connections: conns, inflight, batch, version: o.versionLabel, result, server, ...(idle ? { idle } : {}) });
    }
  } finally {
    if (local) {
      await local.stop();
      if (dir && !o.local?.keepDir && !o.local?.dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return { reports, profiles, local: local && dir ? { dir, pid: local.pid, crypto: local.crypto } : undefined };
}

export type { KmipVersion, CipherName };
