/**
 * Runs the real CLI binary (bin/tumbler.js -> dist) for the administrative command tests. Builds dist
 * first when any source file is newer than its compiled output (tsc --noEmitOnError false, so errors in
 * files other helpers are still writing do not block the build).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(ROOT, 'bin', 'tumbler.js');

function stale(dir: string): boolean {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (stale(rel)) return true;
    } else if (e.name.endsWith('.ts')) {
      const out = path.join(ROOT, 'dist', rel.replace(/\.ts$/, '.js'));
      if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(path.join(ROOT, rel)).mtimeMs) return true;
    }
  }
  return false;
}

export function ensureBuilt(): void {
  if (!stale('src')) return;
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', ROOT, '--noEmitOnError', 'false'], { stdio: 'ignore' });
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'commands', 'audit.js'))) throw new Error('build failed: dist/src/cli/commands/audit.js missing');
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function tumbler(args: string[], env: NodeJS.ProcessEnv = {}, input?: string): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000, input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Parse the JSON a command printed, failing with its stderr when it did not succeed. */
export function json(r: CliRun): any {
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** A TCP port free on 127.0.0.1 right now (for servers that must not meet one on the default port). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
