/** Messages between the benchmark (parent) and server-child.ts over the Node IPC channel. */
import type { ConfigOverrides } from '../server';

export interface ChildConfig {
  /** Server directory; initialised (CA, certificates, SoftHSM2 token) when it has no tumbler.json. */
  dir: string;
  /** Crypto provider: hsm.mode of the server (default auto = SoftHSM2 when installed). */
  crypto?: 'software' | 'pkcs11' | 'auto';
  /** Port to listen on (default 0: any free port, reported in 'ready'). */
  port?: number;
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
  /** Further configuration sections merged over tumbler.json. */
  overrides?: ConfigOverrides;
  /** Also write the port to this file once listening. */
  readyFile?: string;
}

export interface ChildStats {
  cpuUserS: number;
  cpuSystemS: number;
  rssBytes: number;
  maxRssBytes: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

export type ChildRequest =
  | { type: 'reset' }
  | { type: 'stats' }
  | { type: 'stop' }
  /** Start the V8 CPU profiler (node:inspector) now: only the measured window is profiled. */
  | { type: 'profile-start' }
  /** Stop it and write the .cpuprofile to `file`. */
  | { type: 'profile-stop'; file: string };

export type ChildReply =
  | { type: 'ready'; port: number; pid: number; crypto: string; dir: string; storePath: string }
  | { type: 'reset-done' }
  | { type: 'stats'; stats: ChildStats }
  | { type: 'profile-started' }
  | { type: 'profile-written'; file: string; error?: string }
  | { type: 'error'; message: string };
