/**
 * The `audit` section of tumbler.json (registered at import):
 *   "audit": { "enabled": true, "stdout": false, "file": "audit.log", "checkpointEvery": 100, "hmacKeyFile": "audit-hmac.key" }
 * The database trail is always written when enabled; stdout/file are JSON-lines copies for log shippers.
 */
import { registerConfigSection, type SectionSpec } from '../config/schema';
import type { TumblerConfig } from '../config/load';
import { AUDIT_KEY_FILE } from './hmac-key';

export const AUDIT_SECTION: SectionSpec = {
  enabled: { kind: 'boolean', default: true, doc: 'record every batch item and administrative action in the audit table' },
  stdout: { kind: 'boolean', default: false, doc: 'also write each record as a JSON line to stdout' },
  file: { kind: 'string', optional: true, path: true, doc: 'also append each record as a JSON line to this file' },
  durableReads: {
    kind: 'boolean',
    default: false,
    doc: 'fsync the record of a request that changed nothing (Get, Locate...) before answering it; off: it is committed to the WAL first (survives a crash of the server process) and fsynced within audit.readFlushDelayMs, and only a power cut in that window could lose it',
  },
  readFlushDelayMs: {
    kind: 'int',
    default: 10,
    min: 0,
    max: 1000,
    doc: 'with durableReads off: the disk flush of records of reads may wait up to this long, so that the reads of those milliseconds share one flush instead of one each (a flush that covers a change, or that an answer waits for, starts at once); 0: at once',
  },
  spoolReads: {
    kind: 'int',
    default: 10_000,
    min: 0,
    max: 10_000_000,
    doc: 'while the database refuses writes (read-only, disk full), reads keep being served and up to this many of their records wait in memory and in the server log, entering the chain when writes work again; 0: such reads are refused (strict fail-closed)',
  },
  checkpointEvery: { kind: 'int', default: 100, min: 1, max: 1_000_000, doc: 'records between HMAC checkpoints' },
  checkpointIntervalMs: {
    kind: 'int',
    default: 60_000,
    min: 0,
    max: 86_400_000,
    doc: 'the server also signs the head of the chain this often when records were added since the last checkpoint, so that a quiet server leaves no unsigned tail longer than this; 0: only every checkpointEvery records and at shutdown',
  },
  hmacKeyFile: { kind: 'string', default: AUDIT_KEY_FILE, path: true, nonEmpty: true, doc: 'checkpoint HMAC key (created 0600 on first start)' },
};

let registered = false;
export function registerAuditConfig(): void {
  if (registered) return;
  registered = true;
  registerConfigSection('audit', AUDIT_SECTION);
}
registerAuditConfig();

export interface AuditSection {
  enabled: boolean;
  stdout: boolean;
  file?: string;
  durableReads: boolean;
  readFlushDelayMs: number;
  spoolReads: number;
  checkpointEvery: number;
  checkpointIntervalMs: number;
  hmacKeyFile: string;
}

export function auditSectionOf(config: TumblerConfig): AuditSection {
  const a = config.audit as AuditSection | undefined;
  return a ?? { enabled: true, stdout: false, durableReads: false, readFlushDelayMs: 10, spoolReads: 10_000, checkpointEvery: 100, checkpointIntervalMs: 60_000, hmacKeyFile: `${config.dir}/${AUDIT_KEY_FILE}` };
}
