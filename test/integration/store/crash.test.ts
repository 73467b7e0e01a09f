/**
 * Crash safety with a real SQLite file: a child process writes objects and prints each uid once durable()
 * resolved for it; it is SIGKILLed mid-stream. Every printed (acknowledged) uid must be present after
 * reopening, and the database must pass PRAGMA integrity_check.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openSqliteStore } from '../../../src/store/sqlite';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function runAndKill(dbPath: string, minAcked: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'crash-child.js'), ROOT, dbPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buf = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) if (l.startsWith('crash-')) acked.push(l);
      if (!killed && acked.length >= minAcked) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}

describe('crash safety (SIGKILL)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-crash-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('every acknowledged write survives and the database is intact', async () => {
    const dbPath = path.join(dir, 'crash.db');
    const first = await runAndKill(dbPath, 400);
    expect(first.length).toBeGreaterThanOrEqual(400);
    // a second crash on the recovered database
    const second = await runAndKill(dbPath, 200);
    const store = openSqliteStore({ path: dbPath });
    try {
      expect(store.pragma('integrity_check')).toBe('ok');
      const missing = [...first, ...second].filter((uid) => store.get(uid) === undefined);
      expect(missing).toEqual([]);
      const one = store.get(second[second.length - 1])!;
      expect(one.attributes[1].value.value).toHaveLength(512);
      const total = store.count({ filters: [] });
      expect(total).toBeGreaterThanOrEqual(first.length + second.length);
    } finally {
      await store.close();
    }
  });
});
