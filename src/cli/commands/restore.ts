/**
 * `tumbler restore FILE --dir DIR`: replace the store with a backup made by `tumbler backup`. Refuses
 *  - while a server answers on the configured port (stop it first; --force overrides),
 *  - a file that is not an intact Tumbler store (integrity_check, objects table),
 *  - a backup whose key material is wrapped by a KEK this server's crypto provider does not hold: one
 *    object per KEK id found in the backup is test-unwrapped (rewrap to the same KEK), so a backup from
 *    another HSM token or KEK file is refused with a message naming the KEK ids.
 * The restore is recorded in the restored store's audit trail.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import type { Command } from 'commander';
import { CliError, EXIT } from '../errors';
import { auditAction, loadConfigOrExit, withSession } from '../admin-session';
import { serverListening } from '../server-probe';
import { openCryptoProvider } from '../../server';
import { createLogger } from '../../logging';
import { printJson, progress } from '../output';

interface KekProbe {
  kekId: string;
  wrapped: Buffer;
}

function inspectBackup(file: string): { objects: number; keks: KekProbe[] } {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new CliError(`${file} cannot be opened: ${(err as Error).message}`, EXIT.PARSE);
  }
  try {
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new CliError(`${file} is damaged: ${String(ok)}`, EXIT.PARSE);
    const hasObjects = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'objects'").get();
    if (!hasObjects) throw new CliError(`${file} is not a Tumbler store backup (no objects table)`, EXIT.PARSE);
    const objects = (db.prepare('SELECT COUNT(*) AS n FROM objects').get() as { n: number }).n;
    const keks = db
      .prepare('SELECT kek_id AS kekId, material AS wrapped FROM objects WHERE material IS NOT NULL AND kek_id IS NOT NULL GROUP BY kek_id')
      .all() as KekProbe[];
    return { objects, keks };
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${file} is not a Tumbler store backup: ${(err as Error).message}`, EXIT.PARSE);
  } finally {
    db.close();
  }
}

export function register(program: Command): void {
  program
    .command('restore')
    .description('replace the store with a backup (refused if its keys are wrapped by a KEK this server does not hold)')
    .argument('<file>', 'backup file written by `tumbler backup`')
    .requiredOption('--dir <dir>', 'server directory')
    .option('--force', 'restore even though a server answers on the configured port')
    .option('--quiet', 'no progress')
    .option('--json', 'JSON output')
    .action(async (file: string, o: { dir: string; force?: boolean; quiet?: boolean; json?: boolean }) => {
      const source = path.resolve(file);
      if (!fs.existsSync(source)) throw new CliError(`${source} not found`, EXIT.USAGE);
      const config = loadConfigOrExit(o.dir);
      if (source === path.resolve(config.store.path)) throw new CliError('the backup file is the store itself', EXIT.USAGE);
      if (!o.force && (await serverListening(config))) {
        throw new CliError(`a server is answering on port ${config.server.port}: stop it before restoring (or --force)`, EXIT.USAGE);
      }
      const info = inspectBackup(source);
      const crypto = await openCryptoProvider(config, createLogger({ level: 'error' })).catch((err: Error) => {
        throw new CliError(`crypto provider unavailable: ${err.message}`, EXIT.UNAVAILABLE);
      });
      try {
        const unknown: string[] = [];
        for (const k of info.keks) {
          try {
            const r = await crypto.rewrap({ wrapped: k.wrapped, kekId: k.kekId }, k.kekId);
            r.wrapped.fill(0);
          } catch {
            unknown.push(k.kekId);
          }
        }
        if (unknown.length > 0) {
          throw new CliError(
            `refusing to restore ${source}: its keys are wrapped by KEK ${unknown.join(', ')}, which this server's ${crypto.info.kind} provider ` +
              `does not hold (current KEK ${crypto.currentKekId}). Restore it on the server whose HSM token / KEK file holds that KEK.`,
            EXIT.FAILED,
          );
        }
      } finally {
        await crypto.close().catch(() => undefined);
      }
      // Copy with the online backup API from the backup into the store path (replaces its content
      // consistently, WAL included), then open it normally so migrations bring an older backup up to date.
      const src = new Database(source, { readonly: true });
      const quiet = o.quiet || o.json;
      try {
        fs.mkdirSync(path.dirname(config.store.path), { recursive: true });
        for (const ext of ['-wal', '-shm']) fs.rmSync(config.store.path + ext, { force: true });
        await src.backup(config.store.path, {
          progress: ({ totalPages, remainingPages }) => {
            if (!quiet) progress('restore', totalPages - remainingPages, totalPages);
            return 256;
          },
        });
      } finally {
        src.close();
      }
      await withSession(o.dir, {}, async (s) => {
        await auditAction(s, 'restore', [], true, `from ${source} (${info.objects} objects)`);
      });
      const out = { file: source, objects: info.objects, keks: info.keks.map((k) => k.kekId) };
      if (o.json) printJson(out);
      else process.stdout.write(`restored ${info.objects} objects from ${source}\n`);
    });
}
