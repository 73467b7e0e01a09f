/** Composition helper: the audit trail of a server directory, as the server and the CLI open it. */
import type { TumblerConfig } from '../config/load';
import type { SqlHost } from '../auth/grants';
import { auditSectionOf } from './config';
import { loadAuditKey } from './hmac-key';
import { createAuditLog, type AuditLog } from './log';
import { AuditTrail } from './trail';

export interface OpenedAudit {
  trail: AuditTrail;
  log?: AuditLog;
  close(): Promise<void>;
}

/** undefined when audit.enabled is false. `createKey`: the server creates the HMAC key on first start. */
export function openAudit(config: TumblerConfig, host: SqlHost, opts: { createKey?: boolean; log?: boolean } = {}): OpenedAudit | undefined {
  const a = auditSectionOf(config);
  if (!a.enabled) return undefined;
  const key = loadAuditKey(a.hmacKeyFile, opts.createKey ?? true);
  const log = opts.log === false ? undefined : createAuditLog({ stdout: a.stdout, file: a.file });
  const trail = new AuditTrail(host, { hmacKey: key, checkpointEvery: a.checkpointEvery, onRecord: log ? (r) => log.write(r) : undefined });
  return { trail, log, close: async () => log?.close() };
}
