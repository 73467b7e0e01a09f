/**
 * `tumbler access grant|revoke|list --dir DIR`: grants of operations on objects to principals or groups.
 *   grant   --object UID --to NAME|group:NAME --ops Get,Encrypt   (the object's owner or an admin; see --as)
 *   revoke  --object UID --from NAME|group:NAME [--ops ...]       (all of the grantee's operations by default)
 *   list    [--object UID] [--grantee NAME] [--json]
 * The actor is the first configured admin, or `--as PRINCIPAL` to act as that principal (e.g. the owner).
 * Every change is written atomically with its audit record.
 */
import type { Command } from 'commander';
import { operationName, parseOperationList, type GrantRecord } from '../../auth';
import { CliError, EXIT } from '../errors';
import { auditAction, auditedChange, withSession, type AdminSession } from '../admin-session';
import { printJson, printTable } from '../output';

interface GrantOptions {
  dir: string;
  object: string;
  to?: string;
  from?: string;
  ops?: string;
  as?: string;
  json?: boolean;
}

function opsOf(list: string | undefined, required: boolean): number[] | undefined {
  if (list === undefined) {
    if (required) throw new CliError('--ops is required (e.g. --ops Get,Encrypt); no operation implies another', EXIT.USAGE);
    return undefined;
  }
  try {
    const ops = parseOperationList(list);
    if (ops.length === 0) throw new Error('no operation given');
    return ops;
  } catch (err) {
    throw new CliError(`--ops: ${(err as Error).message}`, EXIT.USAGE);
  }
}

function checkGrantee(g: string | undefined, flag: string): string {
  if (!g || g === 'group:' || g.trim() !== g) throw new CliError(`${flag} must name a principal or group:NAME`, EXIT.USAGE);
  return g;
}

/** The object, if the actor may grant on it; otherwise (audited) a CliError that does not reveal hidden objects. */
async function grantable(s: AdminSession, uid: string, action: string) {
  const obj = s.store.get(uid);
  const facts = obj && { uid: obj.uid, owner: obj.owner, tenant: obj.tenant };
  let refusal: string | undefined;
  if (!facts || !s.access.canSee(s.actor, facts)) refusal = `object "${uid}" not found`;
  else if (!s.access.mayGrant(s.actor, facts)) {
    refusal = `permission denied: only the owner of "${uid}" or an admin may change its grants (acting as "${s.actor.principal}")`;
  }
  if (refusal || !facts) {
    await auditAction(s, action, [uid], false, refusal);
    throw new CliError(refusal ?? 'not found', EXIT.FAILED);
  }
  return facts;
}

function grantRow(g: GrantRecord): string[] {
  return [g.uid, g.grantee, g.operations.map(operationName).join(','), g.grantedBy, g.grantedAt];
}

export function register(program: Command): void {
  const access = program.commands.find((c) => c.name() === 'access') ?? program.command('access').description('grants of operations on objects');
  access
    .command('grant')
    .description('grant a principal or group specific operations on one object')
    .requiredOption('--dir <dir>', 'server directory')
    .requiredOption('--object <uid>', 'Unique Identifier of the object')
    .requiredOption('--to <grantee>', 'principal name, or group:NAME')
    .requiredOption('--ops <list>', 'operations, e.g. Get,Encrypt')
    .option('--as <principal>', 'act as this principal (default: the first configured admin)')
    .option('--json', 'print the resulting grant as JSON')
    .action(async (o: GrantOptions) => {
      const ops = opsOf(o.ops, true)!;
      const to = checkGrantee(o.to, '--to');
      await withSession(o.dir, { as: o.as }, async (s) => {
        const obj = await grantable(s, o.object, 'access-grant');
        const g: GrantRecord = { uid: obj.uid, tenant: obj.tenant, grantee: to, operations: ops, grantedBy: s.actor.principal, grantedAt: new Date().toISOString() };
        await auditedChange(s, 'access-grant', [obj.uid], `${to}: ${ops.map(operationName).join(',')}`, () => s.access.grants.add(g));
        const now = s.access.grants.list({ uid: obj.uid, grantee: to });
        if (o.json) printJson(now[0] ?? g);
        else process.stdout.write(`granted ${ops.map(operationName).join(', ')} on ${obj.uid} to ${to}\n`);
      });
    });
  access
    .command('revoke')
    .description("revoke a grantee's operations on one object (all of them without --ops)")
    .requiredOption('--dir <dir>', 'server directory')
    .requiredOption('--object <uid>', 'Unique Identifier of the object')
    .requiredOption('--from <grantee>', 'principal name, or group:NAME')
    .option('--ops <list>', 'only these operations')
    .option('--as <principal>', 'act as this principal (default: the first configured admin)')
    .option('--json', 'print the number of operation grants removed as JSON')
    .action(async (o: GrantOptions) => {
      const ops = opsOf(o.ops, false);
      const from = checkGrantee(o.from, '--from');
      await withSession(o.dir, { as: o.as }, async (s) => {
        const obj = await grantable(s, o.object, 'access-revoke');
        const what = ops ? ops.map(operationName).join(',') : 'all';
        const removed = await auditedChange(s, 'access-revoke', [obj.uid], `${from}: ${what}`, () => s.access.grants.remove(obj.uid, from, ops));
        if (o.json) printJson({ object: obj.uid, grantee: from, removed });
        else process.stdout.write(removed > 0 ? `revoked ${what} on ${obj.uid} from ${from}\n` : `${from} held no such grant on ${obj.uid}\n`);
      });
    });
  access
    .command('list')
    .description('list grants')
    .requiredOption('--dir <dir>', 'server directory')
    .option('--object <uid>', 'only grants on this object')
    .option('--grantee <name>', 'only grants to this principal or group:NAME')
    .option('--json', 'JSON instead of a table')
    .action(async (o: { dir: string; object?: string; grantee?: string; json?: boolean }) => {
      await withSession(o.dir, {}, async (s) => {
        const list = s.access.grants.list({ uid: o.object, grantee: o.grantee });
        if (o.json) printJson(list);
        else printTable(['OBJECT', 'GRANTEE', 'OPERATIONS', 'GRANTED BY', 'GRANTED AT'], list.map(grantRow), '(no grants)');
      });
    });
}
