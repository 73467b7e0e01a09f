/**
 * Connection benchmarks against a real Tumbler child process (mutual TLS 1.3, SQLite, SoftHSM2 when
 * installed): full handshakes, resumed handshakes (TLS 1.3 tickets, checked with isSessionReused on every
 * counted operation), and held idle connections with the server's RSS. Correctness only; nothing is timed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatTable, parseKmipVersion, runSuite, toJson, type BenchOptions } from '../../../src/bench';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const TS_HOOK = path.join(ROOT, 'test', 'integration', 'durability', 'ts-hook-cached.js');

const defaults: Omit<BenchOptions, 'target' | 'mix' | 'onMeasureStart'> = {
  connections: 2,
  inflight: 1,
  batch: 1,
  version: parseKmipVersion('1.4'),
  durationS: 2,
  warmupS: 0,
  objects: 0,
  cipher: 'aes-gcm',
  dataSize: 64,
  requestTimeoutMs: 30_000,
};

describe('tumbler bench: handshakes and idle connections', () => {
  test('full and resumed handshakes succeed; 50 idle connections are all held and usable, with server RSS', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-bench-conn-'));
    try {
      const suite = await runSuite({
        scenarios: [
          { name: 'handshake', kind: 'handshake', mix: [] },
          { name: 'handshake-resumed', kind: 'handshake-resumed', mix: [] },
          { name: 'idle 50', kind: 'idle', idleConnections: 50, mix: [] },
        ],
        versionLabel: '1.4',
        defaults,
        local: { dir, entry: { script: path.join(ROOT, 'src', 'bench', 'server-child.ts'), execArgv: ['-r', TS_HOOK] } },
      });
      const [full, resumed, idle] = suite.reports;

      // Every counted full handshake was a full one and every resumed one really resumed (else an error label).
      for (const r of [full, resumed]) {
        expect(r.result.errors).toEqual({});
        expect(r.result.ok).toBeGreaterThan(0);
        expect(r.result.latency.count).toBe(r.result.ok);
        expect(r.connections).toBe(2);
        expect(r.server.source).toBe('child');
      }

      expect(idle.idle).toMatchObject({ requested: 50, opened: 50, droppedWhileIdle: 0, usableAtEnd: 50, holdS: 2 });
      expect(idle.result.errors).toEqual({});
      expect(idle.result.ok).toBe(50);
      expect(idle.connections).toBe(50);
      expect(idle.idle!.serverBefore?.rssBytes).toBeGreaterThan(0);
      expect(idle.idle!.serverHeld?.rssBytes).toBeGreaterThan(0);
      expect(idle.idle!.rssPerConnectionKiB).toEqual(expect.any(Number));

      const table = formatTable(suite.reports);
      expect(table).toMatch(/^handshake-resumed\s/m);
      expect(table).toMatch(/idle 50: 50\/50 opened, 0 dropped while idle 2 s, 50 usable at the end; server RSS \d+ MB before, \d+ MB holding them/);
      const json = toJson(suite.reports) as Array<{ scenario: string; idle?: { usableAtEnd: number } }>;
      expect(json[2].idle?.usableAtEnd).toBe(50);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
