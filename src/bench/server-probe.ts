/**
 * Server-side measurements around the timed window: CPU seconds spent, RSS at the end, peak RSS and
 * event-loop delay p99. From the child's own report when the benchmark started the server, from /proc
 * when a server on this machine listens on the target port, otherwise nothing.
 */
import type { LocalServer } from './local-server';
import { pidListeningOn, sampleProcess, type ProcSample } from './proc';

export interface ServerUsage {
  source: 'child' | 'proc' | 'none';
  pid?: number;
  cpuS?: number;
  rssBytes?: number;
  maxRssBytes?: number;
  eventLoopP99Ms?: number;
  eventLoopMaxMs?: number;
}

export interface ServerProbe {
  begin(): Promise<void>;
  end(): Promise<ServerUsage>;
}

export function childProbe(server: LocalServer): ServerProbe {
  return {
    begin: () => server.reset(),
    async end() {
      const s = await server.stats();
      return {
        source: 'child',
        pid: server.pid,
        cpuS: s.cpuUserS + s.cpuSystemS,
        rssBytes: s.rssBytes,
        maxRssBytes: s.maxRssBytes,
        eventLoopP99Ms: s.eventLoopDelayMs.p99,
        eventLoopMaxMs: s.eventLoopDelayMs.max,
      };
    },
  };
}

/** /proc probe of whatever listens on `port` here (any server: Tumbler, PyKMIP...). */
export function procProbe(host: string, port: number): ServerProbe {
  const local = /^(127\.|localhost$|::1$|0\.0\.0\.0$)/.test(host);
  let pid: number | undefined;
  let start: ProcSample | undefined;
  return {
    async begin() {
      pid = local ? pidListeningOn(port) : undefined;
      start = pid === undefined ? undefined : sampleProcess(pid);
    },
    async end() {
      if (pid === undefined || !start) return { source: 'none' };
      const now = sampleProcess(pid);
      if (!now) return { source: 'none' };
      return { source: 'proc', pid, cpuS: now.cpuS - start.cpuS, rssBytes: now.rssBytes, maxRssBytes: now.maxRssBytes };
    },
  };
}
