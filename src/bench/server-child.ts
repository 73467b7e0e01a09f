/**
 * Entry of the Tumbler server process the benchmark (and the durability tests) start as a child.
 *
 * It is `tumbler serve --init` plus an IPC channel to the parent: the same initServerDir, SoftHSM2
 * token set-up and startServer, then it reports {type:'ready', port} and answers {type:'stats'} with
 * its own CPU time, RSS and event-loop delay histogram (perf_hooks), which an outside observer of an
 * arbitrary server cannot see. Configuration comes from TUMBLER_BENCH_CHILD (JSON, see ChildConfig).
 *
 * Run only with an IPC channel (child_process.fork / spawn with 'ipc' in stdio).
 */
import * as fs from 'node:fs';
import { Session } from 'node:inspector';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { initServerDir, isInitialised } from '../cli/init-dir';
import { isSoftHsmInstalled, setupSoftHsmToken } from '../crypto/pkcs11/softhsm-setup';
import { startServer, type ConfigOverrides } from '../server';
import type { ChildConfig, ChildReply, ChildRequest, ChildStats } from './child-protocol';

function send(msg: ChildReply): void {
  process.send?.(msg);
}

async function main(): Promise<void> {
  const cfg = JSON.parse(process.env.TUMBLER_BENCH_CHILD ?? '{}') as ChildConfig;
  if (!cfg.dir) throw new Error('TUMBLER_BENCH_CHILD must name a directory');
  const dir = path.resolve(cfg.dir);
  const crypto = cfg.crypto ?? 'auto';
  if (!isInitialised(dir)) {
    await initServerDir({
      dir,
      host: '127.0.0.1',
      port: 0,
      setupHsm: (config, hsmDir) => {
        if (crypto !== 'software' && isSoftHsmInstalled()) setupSoftHsmToken(hsmDir, { label: config.hsm.tokenLabel });
      },
    });
  }
  const overrides: ConfigOverrides = {
    server: { host: '127.0.0.1', port: cfg.port ?? 0 },
    log: { level: cfg.logLevel ?? 'warn' },
    hsm: { mode: crypto },
  };
  // Settings given to the benchmark (--server-set section.field=value) join their section's.
  for (const [section, fields] of Object.entries(cfg.overrides ?? {})) overrides[section] = { ...overrides[section], ...fields };
  const server = await startServer({ dir, overrides, env: {} });

  // The histogram records the time between two samples, i.e. the 10 ms sampling interval plus the lateness
  // (an idle process shows p50 ~10.2 ms). The report subtracts the interval: what is left is how long a
  // ready callback waited behind other work.
  const ELD_RESOLUTION_MS = 10;
  const eld = monitorEventLoopDelay({ resolution: ELD_RESOLUTION_MS });
  const late = (ns: number): number => Math.max(0, ns / 1e6 - ELD_RESOLUTION_MS);
  eld.enable();
  let cpuBase = process.cpuUsage();

  const stats = (): ChildStats => {
    const cpu = process.cpuUsage(cpuBase);
    const mem = process.memoryUsage();
    return {
      cpuUserS: cpu.user / 1e6,
      cpuSystemS: cpu.system / 1e6,
      rssBytes: mem.rss,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      eventLoopDelayMs: { p50: late(eld.percentile(50)), p99: late(eld.percentile(99)), max: late(eld.max) },
    };
  };

  // CPU profile of a window only (node --cpu-prof would include start-up: key generation, SoftHSM set-up).
  let session: Session | undefined;
  const profileStart = (): void => {
    session = new Session();
    session.connect();
    session.post('Profiler.enable', () =>
      session!.post('Profiler.setSamplingInterval', { interval: 500 }, () => session!.post('Profiler.start', () => send({ type: 'profile-started' }))),
    );
  };
  const profileStop = (file: string): void => {
    if (!session) return send({ type: 'profile-written', file, error: 'profiler not started' });
    const s = session;
    session = undefined;
    s.post('Profiler.stop', (err, res) => {
      let error = err ? err.message : undefined;
      if (!err) {
        try {
          fs.writeFileSync(file, JSON.stringify(res.profile));
        } catch (e) {
          error = (e as Error).message;
        }
      }
      s.disconnect();
      send({ type: 'profile-written', file, error });
    });
  };

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    eld.disable();
    await server.close();
    // process.exit lets --cpu-prof write its profile.
    process.exit(0);
  };
  process.on('message', (m: ChildRequest) => {
    if (m.type === 'reset') {
      eld.reset();
      cpuBase = process.cpuUsage();
      send({ type: 'reset-done' });
    } else if (m.type === 'stats') send({ type: 'stats', stats: stats() });
    else if (m.type === 'stop') void stop();
    else if (m.type === 'profile-start') profileStart();
    else if (m.type === 'profile-stop') profileStop(m.file);
  });
  process.on('SIGTERM', () => void stop());
  // The parent died (or closed the channel): do not linger as an orphan server.
  process.on('disconnect', () => void stop());
  send({ type: 'ready', port: server.port, pid: process.pid, crypto: server.crypto.kind, dir, storePath: server.config.store.path });
  if (cfg.readyFile) fs.writeFileSync(cfg.readyFile, String(server.port));
}

main().catch((err) => {
  send({ type: 'error', message: (err as Error).stack ?? String(err) });
  process.stderr.write(`server-child: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
