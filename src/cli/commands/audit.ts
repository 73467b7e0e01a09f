/**
 * `tumbler audit verify|query|export --dir DIR`: the tamper-evident audit trail.
 *   verify   walk the hash chain and the HMAC checkpoints; report the first record altered, removed or
 *            reordered; exit 5 when the trail does not verify.
 *   query    records filtered by --since/--until (ISO 8601 or anything Date parses), --principal, --object,
 *            --operation, --limit; a table, or --json.
 *   export   compliance report per object: who used it, how, how often, first and last use; table or --json.
 *   archive  move the records before --before into a JSON Lines file (--out), leaving a signed anchor
 *            (src/audit/archive.ts); verify-archive checks such files, oldest first, against the anchor.
 * Reading the trail is itself recorded (cli:audit-query, cli:audit-export, cli:audit-verify).
 */
import type { Command } from 'commander';
import {
  ArchiveRefused, archiveAudit, auditSectionOf, loadAuditKey, queryAudit, readAnchor, usageReport, verifyArchives, verifyChain, type AuditFilter, type AuditRecord,
} from '../../audit';
import { CliError, EXIT } from '../errors';
import { intOption } from '../options';
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
  const limit = o.limit === undefined ? undefined : intOption('limit', o.limit, 0);
  return { since: isoOf(o.since, '--since'), until: isoOf(o.until, '--until'), principal: o.principal, object: o.object, operation: o.operation, limit };
}

function requireAudit(s: AdminSession): NonNullable<AdminSession['audit']> {
  if (!s.audit) throw new CliError('audit.enabled is false in this configuration: there is no trail', EXIT.USAGE);
  return s.audit;
}

async function verify(o: Common): Promise<void> {
  await withSession(o.dir, { createAuditKey: false }, async (s) => {
    requireAudit(s);
    const report = verifyChain(s.store.connection, auditKeyOf(s));
    const first = report.problems[0];
    await auditAction(s, 'audit-verify', [], report.ok, first ? first.detail : `${report.records} records verified`);
    if (o.json) printJson(report);
    else if (report.ok) {
      const archived = report.archivedThrough !== undefined ? ` (records 1..${report.archivedThrough} are archived: check them with audit verify-archive)` : '';
      process.stdout.write(`audit trail OK: ${report.records} records, ${report.checkpoints} checkpoints verified${archived}\n`);
    }
    else {
      process.stdout.write(`audit trail BROKEN: ${report.problems.length} problem(s) in ${report.records} records\n`);
      process.stdout.write(`first problem: ${first.detail}\n`);
      for (const p of report.problems.slice(1, 20)) process.stdout.write(`  also: ${p.detail}\n`);
    }
    if (!report.ok) process.exitCode = EXIT.VERIFY;
  });
}

function auditKeyOf(s: AdminSession): Buffer {
  try {
    return loadAuditKey(auditSectionOf(s.config).hmacKeyFile, false);
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.VERIFY);
  }
}

async function archive(o: Common & { before: string; out: string }): Promise<void> {
  const before = isoOf(o.before, '--before')!;
  await withSession(o.dir, { createAuditKey: false }, async (s) => {
    requireAudit(s);
    const key = auditKeyOf(s);
    let r;
    try {
      r = await archiveAudit(s.store, key, before, o.out);
    } catch (err) {
      const message = (err as NodeJS.ErrnoException).code === 'EEXIST' ? `${o.out} exists already: archives are never overwritten` : (err as Error).message;
      await auditAction(s, 'audit-archive', [], false, message);
      throw new CliError(message, err instanceof ArchiveRefused ? EXIT.VERIFY : EXIT.FAILED);
    }
    const what = r ? `records ${r.from}..${r.to} (${r.records}) moved to ${r.file}, last hash ${r.lastHash}` : `no record before ${before} to archive`;
    await auditAction(s, 'audit-archive', [], true, what);
    if (o.json) printJson(r ?? { records: 0 });
    else process.stdout.write(`${r ? `archived ${what}; the database keeps a signed anchor at record ${r.to}` : what}\n`);
  });
}

async function verifyArchive(files: string[], o: Common): Promise<void> {
  await withSession(o.dir, { createAuditKey: false }, async (s) => {
    requireAudit(s);
    const reports = verifyArchives(files, auditKeyOf(s), readAnchor(s.store.connection));
    const ok = reports.every((r) => r.ok);
    await auditAction(s, 'audit-verify-archive', [], ok, `${files.length} file(s)${ok ? '' : ': ' + reports.find((r) => !r.ok)?.problems[0]}`);
    if (o.json) printJson({ ok, files: reports });
    else {
      for (const r of reports) {
        const span = r.from !== undefined && r.to !== undefined ? `records ${r.from}..${r.to}` : 'unreadable';
        process.stdout.write(`${r.ok ? 'OK    ' : 'BROKEN'} ${r.file}: ${span}, ${r.records} records${r.ok ? '' : ` - ${r.problems[0]}`}\n`);
        for (const p of r.problems.slice(1, 10)) process.stdout.write(`         also: ${p}\n`);
      }
    }
    if (!ok) process.exitCode = EXIT.VERIFY;
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
  audit
    .command('archive')
    .description('move the records stamped before --before (never the newest) into a new JSON Lines file; the database keeps a signed anchor, so verify still detects removals')
    .requiredOption('--dir <dir>', 'server directory')
    .requiredOption('--before <time>', 'archive the records before this time (ISO 8601)')
    .requiredOption('--out <file>', 'archive file to create (never overwritten)')
    .option('--json', 'machine-readable result')
    .action((o: Common & { before: string; out: string }) => archive(o));
  audit
    .command('verify-archive')
    .description('verify archive files, oldest first: their chains and checkpoints, that each continues the one before, and that the newest ends at the anchor; exit 5 if not')
    .argument('<files...>', 'archive files, oldest first')
    .requiredOption('--dir <dir>', 'server directory')
    .option('--json', 'machine-readable report')
    .action((files: string[], o: Common) => verifyArchive(files, o));
}
