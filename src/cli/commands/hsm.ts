/**
 * `tumbler hsm status --dir DIR`: crypto provider, token, current KEK, and object counts (by state and by
 * the KEK wrapping their material).
 * `tumbler hsm rotate-kek --dir DIR`: create a new KEK and re-wrap every object's material under it, with a
 * progress bar. Resumable: the target KEK is kept in the meta marker `kek.rotation` until every object is
 * re-wrapped, so an interrupted run continues with the same KEK. While a server answers on the configured
 * port, the server takes the new KEK up and re-wraps every object itself while it keeps serving; this
 * command follows its progress (--force re-wraps here instead).
 */
import type { Command } from 'commander';
import { State } from '../../kmip';
import { auditAction, withSession, type AdminSession } from '../admin-session';
import { serverListening } from '../server-probe';
import { printFields, printJson } from '../output';
import { ROTATION_MARKER, rotateKek, rotateKekOnline } from './hsm-rotate';

export { ROTATION_MARKER };

const STATE_NAMES = new Map<number, string>(Object.entries(State).map(([k, v]) => [v as number, k]));

export interface HsmStatus {
  provider: string;
  description: string;
  token?: string;
  module?: string;
  currentKekId: string;
  objects: number;
  byState: Record<string, number>;
  byKek: Record<string, number>;
  rotationInProgress?: string;
}

export function hsmStatus(s: AdminSession): HsmStatus {
  const db = s.store.connection;
  const crypto = s.crypto!;
  const byState: Record<string, number> = {};
  for (const r of db.prepare('SELECT state, COUNT(*) AS n FROM objects GROUP BY state').all() as { state: number; n: number }[]) {
    byState[STATE_NAMES.get(r.state) ?? String(r.state)] = r.n;
  }
  const byKek: Record<string, number> = {};
  for (const r of db.prepare('SELECT kek_id, COUNT(*) AS n FROM objects WHERE material IS NOT NULL GROUP BY kek_id').all() as { kek_id: string | null; n: number }[]) {
    byKek[r.kek_id ?? '(none)'] = r.n;
  }
  const objects = (db.prepare('SELECT COUNT(*) AS n FROM objects').get() as { n: number }).n;
  const marker = s.store.getMeta(ROTATION_MARKER);
  return {
    provider: crypto.info.kind,
    description: crypto.info.description,
    token: crypto.info.kind === 'pkcs11' ? s.config.hsm.tokenLabel : undefined,
    module: crypto.info.kind === 'pkcs11' ? s.config.hsm.module : undefined,
    currentKekId: crypto.currentKekId,
    objects,
    byState,
    byKek,
    rotationInProgress: marker ? marker : undefined,
  };
}

export function register(program: Command): void {
  const hsm = program.commands.find((c) => c.name() === 'hsm') ?? program.command('hsm').description('crypto provider (HSM) administration');
  hsm
    .command('status')
    .description('provider, token, current KEK and object counts')
    .requiredOption('--dir <dir>', 'server directory')
    .option('--json', 'JSON output')
    .action(async (o: { dir: string; json?: boolean }) => {
      await withSession(o.dir, { crypto: true }, async (s) => {
        const st = hsmStatus(s);
        if (o.json) {
          printJson(st);
          return;
        }
        const rows: string[][] = [
          ['provider', `${st.provider} (${st.description})`],
          ...(st.token ? [['token', `${st.token} via ${st.module}`]] : []),
          ['current KEK', st.currentKekId],
          ['objects', String(st.objects)],
          ...Object.entries(st.byState).map(([k, n]) => [`  state ${k}`, String(n)]),
          ...Object.entries(st.byKek).map(([k, n]) => [`  wrapped by ${k}`, String(n)]),
          ...(st.rotationInProgress ? [['rotation', `in progress to ${st.rotationInProgress} (a running server finishes it; or run hsm rotate-kek)`]] : []),
        ];
        printFields(rows);
      });
    });
  if (!hsm.commands.some((c) => c.name() === 'rotate-kek')) {
    hsm
      .command('rotate-kek')
      .description('new KEK, re-wrap every object under it (resumable); a running server does the re-wrapping while it serves')
      .requiredOption('--dir <dir>', 'server directory')
      .option('--force', 're-wrap in this process even though a server answers on the configured port')
      .option('--quiet', 'no progress bar')
      .option('--json', 'JSON output')
      .action(async (o: { dir: string; force?: boolean; quiet?: boolean; json?: boolean }) => {
        await withSession(o.dir, { crypto: true }, async (s) => {
          const online = !o.force && (await serverListening(s.config));
          const t0 = process.hrtime.bigint();
          const startedAt = new Date();
          const quiet = !!o.quiet || !!o.json;
          // Recorded before anything changes: no audit trail, no rotation (fail closed).
          await auditAction(s, 'hsm-rotate-kek-start', [], true, `from ${s.crypto!.currentKekId}${online ? ' (online: the running server re-wraps)' : ''}`);
          const r = online ? await rotateKekOnline(s, { quiet, serverUp: () => serverListening(s.config) }) : await rotateKek(s, quiet);
          const how = `${r.resumed ? ' (resumed)' : ''}${r.online ? ' (online)' : ''}`;
          await auditAction(s, 'hsm-rotate-kek', [], true, `kek=${r.kekId} rewrapped=${r.rewrapped}${how}`, startedAt, t0);
          if (o.json) printJson(r);
          else {
            const by = r.online ? ' by the running server' : '';
            process.stdout.write(`KEK rotated to ${r.kekId}: ${r.rewrapped} object(s) re-wrapped${by}${r.resumed ? ' (resumed an interrupted rotation)' : ''}\n`);
          }
        });
      });
  }
}
