/**
 * What the administrative commands share: open a server directory's configuration, SQLite store (WAL lets
 * the CLI work next to a running server), access control, audit trail and, when needed, crypto provider;
 * act as an admin principal (or `--as NAME`); run KMIP operations through the same dispatch table as the
 * server, with the same authorization and a fail-closed audit record per operation; audit CLI actions.
 */
import * as path from 'node:path';
import { OPERATIONS } from '../operations';
import type { OperationContext } from '../operations/types';
import { KmipError } from '../message/errors';
import { ResultReason } from '../kmip/enums';
import { T, type TtlvItem } from '../ttlv/item';
import { Tag } from '../kmip';
import { ConfigError, type TumblerConfig } from '../config/load';
import { loadServerConfig, openCryptoProvider, VENDOR_IDENTIFICATION } from '../server';
import { createLogger } from '../logging';
import { openSqliteStore, type SqliteStore } from '../store/sqlite';
import type { CryptoProvider } from '../crypto/port';
import { openAccessControl, type AccessControl, type Subject } from '../auth';
import { openAudit, objectIdentifiers, operationNameOf, resultReasonNameOf, type AuditEvent, type OpenedAudit } from '../audit';
import { CliError, EXIT } from './errors';

export interface AdminSession {
  dir: string;
  config: TumblerConfig;
  store: SqliteStore;
  access: AccessControl;
  audit?: OpenedAudit;
  crypto?: CryptoProvider;
  actor: Subject;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Act as this principal instead of the first configured admin. */
  as?: string;
  /** Open the crypto provider too (keys, hsm, restore). */
  crypto?: boolean;
  /** Create the audit HMAC key if missing (default true: the CLI may be the first to audit). */
  createAuditKey?: boolean;
}

export function loadConfigOrExit(dir: string): TumblerConfig {
  try {
    // Importing src/auth and src/audit registered their config sections.
    return loadServerConfig(dir);
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, EXIT.USAGE);
    throw err;
  }
}

/** The first configured admin that is a principal name (not "group:..."), else "admin". */
export function defaultActor(config: TumblerConfig): string {
  const admins = ((config.auth as { admins?: string[] } | undefined)?.admins ?? ['admin']).filter((a) => !a.startsWith('group:'));
  return admins[0] ?? 'admin';
}

export async function openAdminSession(dir: string, o: SessionOptions = {}): Promise<AdminSession> {
  const config = loadConfigOrExit(dir);
  let store: SqliteStore;
  try {
    store = openSqliteStore({ path: config.store.path, busyTimeoutMs: config.store.busyTimeoutMs });
  } catch (err) {
    throw new CliError(`cannot open the store ${config.store.path}: ${(err as Error).message}`, EXIT.UNAVAILABLE);
  }
  let access: AccessControl;
  let audit: OpenedAudit | undefined;
  try {
    access = openAccessControl(config, store);
    audit = openAudit(config, store, { createKey: o.createAuditKey ?? true, log: true });
  } catch (err) {
    await store.close();
    throw new CliError((err as Error).message, EXIT.USAGE);
  }
  let crypto: CryptoProvider | undefined;
  if (o.crypto) {
    try {
      crypto = await openCryptoProvider(config, createLogger({ level: 'error' }));
    } catch (err) {
      await store.close();
      throw new CliError(`crypto provider unavailable: ${(err as Error).message}`, EXIT.UNAVAILABLE);
    }
  }
  const actor = access.subjectFor({ principal: o.as ?? defaultActor(config) });
  return {
    dir: path.resolve(dir),
    config,
    store,
    access,
    audit,
    crypto,
    actor,
    async close() {
      try {
        await store.durable();
      } finally {
        await store.close();
        await crypto?.close().catch(() => undefined);
        await audit?.close();
      }
    },
  };
}

/** Open, run, close (also when fn throws). */
export async function withSession<R>(dir: string, o: SessionOptions, fn: (s: AdminSession) => Promise<R>): Promise<R> {
  const s = await openAdminSession(dir, o);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

function cliEvent(s: AdminSession, operation: string, objects: string[], status: string, reason: string, message: string, startedAt: Date, t0: bigint): AuditEvent {
  return {
    time: startedAt.toISOString(),
    source: 'cli',
    principal: s.actor.principal,
    fingerprint: '',
    address: 'local',
    version: '',
    operation,
    objects,
    status,
    reason,
    message,
    durationUs: Number((process.hrtime.bigint() - t0) / 1000n),
  };
}

/**
 * Record an administrative action and make it durable. `cli:` names distinguish CLI actions from KMIP
 * operations in queries. Throws CliError when the record cannot be written (the caller must not report
 * success, and must have made its change in the same group, or undo it).
 */
export async function auditAction(s: AdminSession, action: string, objects: string[], ok: boolean, message = '', startedAt = new Date(), t0 = process.hrtime.bigint()): Promise<void> {
  if (!s.audit) return;
  try {
    s.audit.trail.append(cliEvent(s, `cli:${action}`, objects, ok ? 'Success' : 'OperationFailed', ok ? '' : 'GeneralFailure', message, startedAt, t0));
    await s.store.durable();
  } catch (err) {
    throw new CliError(`the audit trail could not be written, action refused: ${(err as Error).message}`, EXIT.FAILED);
  }
}

/**
 * Make a change to the store and record it in ONE atomic write of the group: if the audit record cannot be
 * written, the change is rolled back with it and the command fails (fail closed).
 */
export async function auditedChange<R>(s: AdminSession, action: string, objects: string[], message: string, change: () => R): Promise<R> {
  const startedAt = new Date();
  const t0 = process.hrtime.bigint();
  let result: R;
  try {
    result = s.store.groupWrite(() => {
      const r = change();
      s.audit?.trail.append(cliEvent(s, `cli:${action}`, objects, 'Success', '', message, startedAt, t0));
      return r;
    });
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${action} refused: ${(err as Error).message}`, EXIT.FAILED);
  }
  try {
    await s.store.durable();
  } catch (err) {
    throw new CliError(`${action} could not be stored durably: ${(err as Error).message}`, EXIT.FAILED);
  }
  return result;
}

export class KmipOperationError extends CliError {
  constructor(readonly reason: number, message: string) {
    super(`${resultReasonNameOf(reason)}: ${message}`, EXIT.FAILED);
  }
}

/**
 * Run one KMIP operation through the dispatch table as the session's actor, in KMIP 1.4, with access
 * control and a fail-closed audit record (as the server's batch runner does). Returns the response
 * payload; throws KmipOperationError for an Operation Failed result.
 */
/** Runs one operation as a KMIP request of `version` (default 1.4) would, audited as a CLI action. */
export async function runOperation(s: AdminSession, operation: number, payload: TtlvItem[], version = { major: 1, minor: 4 }): Promise<TtlvItem[]> {
  if (!s.crypto) throw new Error('runOperation needs a session opened with { crypto: true }');
  const handler = OPERATIONS.get(operation);
  if (!handler) throw new CliError(`operation ${operationNameOf(operation)} is not available`, EXIT.FAILED);
  const journal = s.store.journal();
  const ctx: OperationContext = {
    version,
    principal: s.actor.principal,
    tenant: s.actor.tenant,
    idPlaceholder: undefined,
    journal,
    store: s.store,
    crypto: s.crypto,
    now: () => new Date(),
    options: { activateOnCreate: s.config.operations.activateOnCreate, vendorIdentification: VENDOR_IDENTIFICATION, serverInformation: 'Tumbler CLI' },
    authorize: s.access.authorizerFor(s.actor),
    operation,
  };
  const request = T.struct(Tag.RequestPayload, payload);
  const startedAt = new Date();
  const t0 = process.hrtime.bigint();
  let out: TtlvItem[] | undefined;
  let failure: { reason: number; message: string } | undefined;
  let release: (() => void) | undefined;
  try {
    const r = await handler.handle(request, ctx);
    out = r.payload;
    release = r.release;
  } catch (err) {
    if (err instanceof KmipError) failure = { reason: err.reason, message: err.message };
    else failure = { reason: ResultReason.GeneralFailure, message: (err as Error).message };
  }
  const event = cliEvent(
    s,
    operationNameOf(operation),
    objectIdentifiers(request, out),
    failure ? 'OperationFailed' : 'Success',
    failure ? resultReasonNameOf(failure.reason) : '',
    failure?.message ?? '',
    startedAt,
    t0,
  );
  event.source = 'cli';
  try {
    s.audit?.trail.append(event);
    await s.store.durable();
  } catch (err) {
    // Fail closed: the operation's writes are undone and nothing is reported as done.
    try {
      journal.rollback();
      await s.store.durable();
    } catch {
      /* reported below */
    }
    release?.();
    throw new CliError(`the audit trail could not be written, operation refused: ${(err as Error).message}`, EXIT.FAILED);
  }
  if (failure) throw new KmipOperationError(failure.reason, failure.message);
  return out ?? [];
}
