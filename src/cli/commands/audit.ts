/**
 * `tumbler audit verify|query|export --dir DIR`: the tamper-evident audit trail.
 *   verify   walk the hash chain and the HMAC checkpoints; report the first record altered, removed or
 *            reordered; exit 5 when the trail does not verify.
 *   query    records filtered by --since/--until (ISO 8601 or anything Date parses), --principal, --object,
 *            --operation, --limit; a table, or --json.
 *   export   compliance report per object: who used it, how, how often, first and last use; table or --json.
 * Reading the trail is itself recorded (cli:audit-query, cli:audit-export, cli:audit-verify).
 */
import type { Command } from 'commander';
import { auditSectionOf, loadAuditKey, queryAudit, usageReport, verifyChain, type AuditFilter, type AuditRecord } from '../../audit';
import { CliError, EXIT } from '../errors';
import { auditAction, withSession, type AdminSession } from '../admin-session';
import { printJson, printTable } from '../output';

interface Common {
  dir: string;
  json?: boolean;
}

interface QueryOptions extends Common {
  since?: string;
  until?: string;
  principal?: string;
  object?: string;
  operation?: string;
  limit?: string;
}

function isoOf(v: string | undefined, what: string): string | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (!Number.isFinite(t)) throw new CliError(`${what}: "${v}" is not a date (use ISO 8601, e.g. 2026-01-31T12:00:00Z)`, EXIT.USAGE);
  return new Date(t).toISOString();
}

export function filterOf(o: QueryOptions): AuditFilter {
  let limit: number | undefined;
  if (o.limit !== undefined) {
    if (!/^\d+$/.test(o.limit)) throw new CliError(`--limit must be a number, got "${o.limit}"`, EXIT.USAGE);
    limit = Number(o.limit);
  }
  return { since: isoOf(o.since, '--since'), until: isoOf(o.until, '--until'), principal: o.principal, object: o.object, operation: o.operation, limit };
}

function requireAudit(s: AdminSession): NonNullable<AdminSession['audit']> {
  if (!s.audit) throw new CliError('audit.enabled is false in this configuration: there is no trail', EXIT.USAGE);
  return s.audit;
}

async function verify(o: Common): Promise<void> {
  await withSession(o.dir, { createAuditKey: false }, async (s) => {
    requireAudit(s);
    let key: Buffer;
    try {
      key = loadAuditKey(auditSectionOf(s.config).hmacKeyFile, false);
    } catch (err) {
      throw new CliError((err as Error).message, EXIT.VERIFY);
    }
    const report = verifyChain(s.store.connection, key);
    const first = report.problems[0];
    await auditAction(s, 'audit-verify', [], report.ok, first ? first.detail : `${report.records} records verified`);
    if (o.json) printJson(report);
    else if (report.ok) process.stdout.write(`audit trail OK: ${report.records} records, ${report.checkpoints} checkpoints verified\n`);
    else {
      process.stdout.write(`audit trail BROKEN: ${report.problems.length} problem(s) in ${report.records} records\n`);
      process.stdout.write(`first problem: ${first.detail}\n`);
      for (const p of report.problems.slice(1, 20)) process.stdout.write(`  also: ${p.detail}\n`);
    }
    if (!report.ok) process.exitCode = EXIT.VERIFY;
  });
}

function recordRow(r: AuditRecord): string[] {
  return [String(r.seq), r.time, r.source, r.principal, r.operation, r.objects.join(','), r.status, r.reason, r.address];
}

async function query(o: QueryOptions): Promise<void> {
  const f = filterOf(o);
  await withSession(o.dir, {}, async (s) => {
    requireAudit(s);
    const records = queryAudit(s.store.connection, f);
    await auditAction(s, 'audit-query', f.object ? [f.object] : [], true, JSON.stringify(f));
    if (o.json) printJson(records);
    else printTable(['SEQ', 'TIME', 'SOURCE', 'PRINCIPAL', 'OPERATION', 'OBJECTS', 'STATUS', 'REASON', 'ADDRESS'], records.map(recordRow), '(no matching records)');
  });
}

async function exportReport(o: QueryOptions): Promise<void> {
  const f = filterOf(o);
  await withSession(o.dir, {}, async (s) => {
    requireAudit(s);
    const report = usageReport(queryAudit(s.store.connection, { ...f, limit: undefined }));
    await auditAction(s, 'audit-export', [], true, JSON.stringify(f));
    if (o.json) {
      printJson({ generatedAt: new Date().toISOString(), filter: f, objects: report });
      return;
    }
    const rows = report.flatMap((k) => k.uses.map((u) => [k.object, u.principal, u.operation, String(u.succeeded), String(u.failed), u.first, u.last]));
    printTable(['OBJECT', 'PRINCIPAL', 'OPERATION', 'OK', 'FAILED', 'FIRST', 'LAST'], rows, '(no object was used in this period)');
  });
}

export function register(program: Command): void {
  const audit = program.commands.find((c) => c.name() === 'audit') ?? program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description('verify the hash chain and HMAC checkpoints; exit 5 if a record was altered, removed or reordered')
    .requiredOption('--dir <dir>', 'server directory')
    .option('--json', 'machine-readable report')
    .action((o: Common) => verify(o));
  const withFilters = (c: Command) =>
    c
      .requiredOption('--dir <dir>', 'server directory')
      .option('--since <time>', 'records at or after this time (ISO 8601)')
      .option('--until <time>', 'records at or before this time (ISO 8601)')
      .option('--principal <name>', 'only this principal')
      .option('--object <uid>', 'only records naming this Unique Identifier')
      .option('--operation <name>', 'only this operation (e.g. Get, cli:access-grant)')
      .option('--json', 'JSON instead of a table');
  withFilters(audit.command('query').description('list audit records')).option('--limit <n>', 'only the N most recent matching records').action((o: QueryOptions) => query(o));
  withFilters(audit.command('export').description('compliance report: per object, who used it, how and when')).action((o: QueryOptions) => exportReport(o));
}
