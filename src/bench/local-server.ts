/**
 * Start Tumbler as a child process (server-child.ts) on a directory, talk to it over IPC.
 * A child process (not in-process) so that its CPU seconds and RSS are its own, and so that a test can
 * SIGKILL it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChildConfig, ChildReply, ChildRequest, ChildStats } from './child-protocol';

export interface LocalServerOptions extends ChildConfig {
  /** Extra node flags for the server (e.g. --cpu-prof, --cpu-prof-dir=...). */
  nodeArgs?: string[];
  /**
   * The script to run and flags needed to load it. Default: the compiled server-child.js next to this
   * file (dist). Tests running from TypeScript sources pass a require hook and the .ts path.
   */
  entry?: { script: string; execArgv?: string[] };
  /** Give up waiting for 'ready' after this long (default 120 s: SoftHSM2 set-up on a loaded machine). */
  startTimeoutMs?: number;
  /** Where the child's stderr goes (default: collected, shown when start-up fails). */
  stderr?: 'inherit' | 'collect';
}

export interface LocalServer {
  port: number;
  pid: number;
  dir: string;
  storePath: string;
  crypto: string;
  child: ChildProcess;
  /** Reset the event-loop histogram and the CPU baseline. */
  reset(): Promise<void>;
  stats(): Promise<ChildStats>;
  /** Start the CPU profiler in the server (only what follows is profiled). */
  profileStart(): Promise<void>;
  /** Stop it and write the profile to `file` (a .cpuprofile, as node --cpu-prof writes). */
  profileStop(file: string): Promise<void>;
  /** Graceful stop (waits for exit). */
  stop(): Promise<void>;
  /** SIGKILL, waits for exit. */
  kill(): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function defaultEntry(): { script: string; execArgv?: string[] } {
  const here = __filename.endsWith('.ts') ? path.resolve(__dirname, '..', '..', 'dist', 'src', 'bench') : __dirname;
  const script = path.join(here, 'server-child.js');
  if (!fs.existsSync(script)) throw new Error(`${script} not found: run \`npm run build\` first`);
  return { script };
}

/**
 * The child's environment: ours, minus SOFTHSM2_CONF. The server directory is self-contained (its
 * SoftHSM2 token lives in <dir>/hsm with its own softhsm2.conf, which the server uses only when
 * SOFTHSM2_CONF is unset); an inherited SOFTHSM2_CONF would point a restarted server at another
 * token directory, where its token is missing.
 */
function childEnv(config: ChildConfig): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TUMBLER_BENCH_CHILD: JSON.stringify(config) };
  delete env.SOFTHSM2_CONF;
  return env;
}

export function startLocalServer(opts: LocalServerOptions): Promise<LocalServer> {
  const entry = opts.entry ?? defaultEntry();
  const config: ChildConfig = {
    dir: opts.dir,
    crypto: opts.crypto,
    port: opts.port,
    logLevel: opts.logLevel,
    overrides: opts.overrides,
    readyFile: opts.readyFile,
  };
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...(entry.execArgv ?? []), entry.script], {
    stdio: ['ignore', 'ignore', opts.stderr === 'inherit' ? 'inherit' : 'pipe', 'ipc'],
    env: childEnv(config),
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    // Keep the tail only: the log may be long.
    stderr = (stderr + d.toString()).slice(-8000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const pending = new Map<string, Array<(r: ChildReply) => void>>();
  child.on('message', (m: ChildReply) => {
    const key =
      m.type === 'reset-done' ? 'reset' : m.type === 'profile-started' ? 'profile-start' : m.type === 'profile-written' ? 'profile-stop' : m.type;
    const q = pending.get(key);
    const fn = q?.shift();
    if (fn) fn(m);
  });
  const ask = (req: ChildRequest, replyType: string): Promise<ChildReply> =>
    new Promise((resolve, reject) => {
      if (!child.connected) return reject(new Error('server child is not running'));
      const q = pending.get(replyType) ?? [];
      q.push(resolve);
      pending.set(replyType, q);
      child.send(req);
    });

  return new Promise<LocalServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server child did not start within ${opts.startTimeoutMs ?? 120_000} ms\n${stderr}`));
    }, opts.startTimeoutMs ?? 120_000);
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      clearTimeout(timer);
      reject(new Error(`server child exited during start-up (code ${code}, signal ${signal})\n${stderr}`));
    };
    child.once('exit', onExit);
    const onFirst = (m: ChildReply): void => {
      if (m.type === 'error') return; // the exit that follows rejects, with stderr
      if (m.type !== 'ready') return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('message', onFirst);
      resolve({
        port: m.port,
        pid: m.pid,
        dir: m.dir,
        storePath: m.storePath,
        crypto: m.crypto,
        child,
        exited,
        reset: async () => {
          await ask({ type: 'reset' }, 'reset');
        },
        stats: async () => {
          const r = await ask({ type: 'stats' }, 'stats');
          if (r.type !== 'stats') throw new Error('unexpected reply');
          return r.stats;
        },
        profileStart: async () => {
          await ask({ type: 'profile-start' }, 'profile-start');
        },
        profileStop: async (file: string) => {
          const r = await ask({ type: 'profile-stop', file }, 'profile-stop');
          if (r.type === 'profile-written' && r.error) throw new Error(`profile not written: ${r.error}`);
        },
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          if (child.connected) child.send({ type: 'stop' });
          else child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(t);
        },
        kill: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.on('message', onFirst);
  });
}
