/**
 * `tumbler backup FILE --dir DIR`: an online, consistent copy of the store (SQLite online backup API,
 * better-sqlite3 db.backup) while the server keeps running, with progress. Key material stays wrapped by
 * the KEK: the copy is useless without the HSM token / software KEK file (back those up separately, and
 * the audit HMAC key). The backup is recorded in the audit trail before it starts, so the copy holds it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { CliError, EXIT } from '../errors';
import { auditAction, withSession } from '../admin-session';
import { printJson, progress } from '../output';

export function register(program: Command): void {
  program
    .command('backup')
    .description('online consistent backup of the store (keys stay wrapped)')
    .argument('<file>', 'backup file to write')
    .requiredOption('--dir <dir>', 'server directory')
    .option('--force', 'replace an existing file')
    .option('--quiet', 'no progress')
    .option('--json', 'JSON output')
    .action(async (file: string, o: { dir: string; force?: boolean; quiet?: boolean; json?: boolean }) => {
      const target = path.resolve(file);
      if (fs.existsSync(target) && !o.force) throw new CliError(`${target} already exists; use --force to replace it`, EXIT.USAGE);
      await withSession(o.dir, {}, async (s) => {
        if (target === path.resolve(s.config.store.path)) throw new CliError('the backup file cannot be the store itself', EXIT.USAGE);
        await auditAction(s, 'backup', [], true, `to ${target}`);
        if (fs.existsSync(target)) fs.rmSync(target);
        const quiet = o.quiet || o.json;
        const t0 = Date.now();
        const r = await s.store.connection.backup(target, {
          progress: ({ totalPages, remainingPages }) => {
            if (!quiet) progress('backup', totalPages - remainingPages, totalPages);
            return 256;
          },
        });
        fs.chmodSync(target, 0o600);
        const objects = (s.store.connection.prepare('SELECT COUNT(*) AS n FROM objects').get() as { n: number }).n;
        const out = { file: target, pages: r.totalPages, bytes: fs.statSync(target).size, objects, ms: Date.now() - t0 };
        if (o.json) printJson(out);
        else process.stdout.write(`backup written to ${target}: ${out.bytes} bytes, ${objects} objects\n`);
      });
    });
}
