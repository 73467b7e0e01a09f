/**
 * Server composition: configuration -> store (SQLite) -> crypto provider (PKCS#11 or software) ->
 * operation context factory -> TLS listener, plus the periodic lifecycle sweep. The only module (with
 * the CLI and the test helpers) that picks adapters.
 */
import { sweepLifecycle } from './operations/lifecycle-sweep';
import { redeemTicket } from './operations/tickets';
import { sweepRotation } from './operations/rotation';
import { watchKekRotation } from './kek-rotation';
import { reKey } from './operations/rekey';
import { reKeyKeyPair } from './operations/rekey-key-pair';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, ConfigError, resolveConfig, type TumblerConfig } from './config/load';
import { loadTlsMaterial } from './config/tls-material';
import { createLogger, type Logger } from './logging';
import { openSqliteStore } from './store/sqlite';
import type { CryptoProvider } from './crypto/port';
import { readHsmDeclaration } from './config/hsm-declared';
import { SoftwareCryptoProvider } from './crypto/software/provider';
import { Pkcs11CryptoProvider } from './crypto/pkcs11/provider';
import { createKmipListener, type KmipListener, type PeerInfo } from './transport';
import { OPERATIONS } from './operations';
import type { OperationContext, OperationHandler, OperationOptions } from './operations/types';
import { handleRequest, invalidMessageResponse, type MessageDeps } from './message/handler';
import { AsyncRegistry } from './message/async-requests';
import type { MessagePeer } from './message/batch-runner';
import { FALLBACK_VERSION } from './message/version';
import {
  authorizedPeer, CredentialAuthenticator, credentialModeOf, openAccessControl, revocationChecker, revokedFilePath, SqliteAccountStore, type AccessControl,
} from './auth';
import { auditSectionOf, batchAuditOf, openAudit, type AuditEvent, type OpenedAudit } from './audit';
import type { TtlvItem } from './ttlv/item';

/** Partial configuration sections, merged over tumbler.json before validation. */
export type ConfigOverrides = { [section: string]: Record<string, unknown> | undefined };

export interface StartServerOptions {
  /** Server directory holding tumbler.json. */
  dir: string;
  overrides?: ConfigOverrides;
  /** Environment for TUMBLER_* overrides (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Logger to use instead of the one the `log` section describes. */
  logger?: Logger;
  /** Period of the lifecycle sweep (default 60 s; 0 disables it). */
  sweepIntervalMs?: number;
  /** How often the server looks for a KEK rotation handed to it by `tumbler hsm rotate-kek` (default 1 s). */
  kekRotationCheckMs?: number;
  /** Replace the operation table (tests of the composition only). */
  operations?: ReadonlyMap<number, OperationHandler>;
}

export interface RunningServer {
  host: string;
  port: number;
  config: TumblerConfig;
  /** "software" or "pkcs11" and a description, as logged at start. */
  crypto: CryptoProvider['info'];
  store: string;
  /** Reads the certificate, key and client trust files again for new connections (SIGHUP); throws, keeping the old, when they are unusable. */
  reloadTls(): void;
  close(): Promise<void>;
}

export const VENDOR_IDENTIFICATION = 'Tumbler';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** tumbler.json with the overrides merged section by section, validated, paths resolved. */
export function loadServerConfig(dir: string, overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): TumblerConfig {
  const absDir = path.resolve(dir);
  const file = path.join(absDir, CONFIG_FILE_NAME);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigError([`${file} not found (run \`tumbler init --dir ${dir}\` or \`tumbler serve --dir ${dir} --init\`)`]);
    throw new ConfigError([`${file}: ${(err as Error).message}`]);
  }
  if (!isPlainObject(raw)) throw new ConfigError([`${file}: top level must be a JSON object`]);
  const merged: Record<string, unknown> = { ...raw };
  for (const [section, values] of Object.entries(overrides)) {
    if (!values) continue;
    const base = isPlainObject(merged[section]) ? (merged[section] as Record<string, unknown>) : {};
    merged[section] = { ...base, ...values };
  }
  return resolveConfig(merged, absDir, { env, source: file });
}

/** Choose the crypto provider per hsm.mode: pkcs11 (required), software, or auto (pkcs11 when usable). */
export async function openCryptoProvider(config: TumblerConfig, log: Logger): Promise<CryptoProvider> {
  const hsm = config.hsm;
  // Checked when the configuration was resolved (config/load.ts).
  const declared = readHsmDeclaration(hsm).facts;
  // A SoftHSM2 token made by `serve --init` (crypto/pkcs11/softhsm-setup.ts) lives in <dir>/hsm with its
  // own softhsm2.conf and hsm.pin. SoftHSM2 reads SOFTHSM2_CONF when the module initialises, so point it
  // there unless the operator set it; use that PIN file when the configured one does not exist.
  const hsmDir = path.join(config.dir, 'hsm');
  const localConf = path.join(hsmDir, 'softhsm2.conf');
  if (!process.env.SOFTHSM2_CONF && /softhsm/i.test(hsm.module) && fs.existsSync(localConf)) process.env.SOFTHSM2_CONF = localConf;
  const localPin = path.join(hsmDir, 'hsm.pin');
  const pinFile =
    hsm.pinFile && fs.existsSync(hsm.pinFile) ? hsm.pinFile : hsm.pinFile && fs.existsSync(localPin) ? localPin : undefined;
  const openPkcs11 = () =>
    Pkcs11CryptoProvider.open({
      modulePath: hsm.module,
      tokenLabel: hsm.slot === undefined ? hsm.tokenLabel : undefined,
      slotIndex: hsm.slot,
      pinFile,
      pinEnv: pinFile ? undefined : hsm.pinEnv,
      generationWorker: hsm.generationWorker,
      declared,
    });
  if (hsm.mode === 'pkcs11') return openPkcs11();
  if (hsm.mode === 'auto') {
    if (fs.existsSync(hsm.module)) {
      try {
        return await openPkcs11();
      } catch (err) {
        log.warn('hsm.mode is auto and the PKCS#11 token is not usable; falling back to the SOFTWARE crypto provider', {
          module: hsm.module,
          token: hsm.tokenLabel,
          reason: (err as Error).message,
        });
      }
    } else {
      log.warn('hsm.mode is auto and no PKCS#11 module was found; using the SOFTWARE crypto provider', { module: hsm.module });
    }
  }
  return new SoftwareCryptoProvider({ dir: config.dir });
}

/** Per-client operation options: activateOnCreate for the whole server or for listed identities. */
export function operationOptionsFor(config: TumblerConfig, crypto: CryptoProvider): (peer: MessagePeer) => OperationOptions {
  const forIds = new Set(config.operations.activateOnCreateFor);
  const serverInformation = `Tumbler KMIP server; crypto: ${crypto.info.kind}`;
  const rngSeed = { policy: config.operations.rngSeed, maxBytes: config.operations.rngSeedMaxBytes };
  return (peer) => ({
    activateOnCreate: config.operations.activateOnCreate || forIds.has(peer.principal),
    defaultGroupKeys: config.operations.defaultGroupKeys,
    maxLocateItems: config.limits.maxLocateItems,
    rngSeed,
    overHttps: config.server.http,
    vendorIdentification: VENDOR_IDENTIFICATION,
    serverInformation,
  });
}

export function peerOf(p: PeerInfo): MessagePeer {
  return { principal: p.identity, tenant: '', remoteAddress: p.remoteAddress };
}

export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const config = loadServerConfig(opts.dir, opts.overrides, opts.env);
  const log = opts.logger ?? createLogger({ level: config.log.level, format: config.log.format, file: config.log.file });
  const tls = loadTlsMaterial(config);

  fs.mkdirSync(path.dirname(config.store.path), { recursive: true });
  const auditSection = auditSectionOf(config);
  const joinWrites = auditSection.enabled;
  const store = openSqliteStore({
    path: config.store.path,
    busyTimeoutMs: config.store.busyTimeoutMs,
    // Records of reads are committed before their answers; their disk flushes are shared (audit.readFlushDelayMs).
    recordSyncDelayMs: auditSection.readFlushDelayMs,
    // No checkpoint (and its fsyncs) inside a COMMIT on the event loop: a worker thread runs them.
    backgroundCheckpoint: true,
    onCheckpointError: (err) => log.warn('WAL checkpoint failed', { error: err }),
    migrationProgress: {
      starting: (from, to) => {
        if (from > 0) log.info(`database schema ${from} -> ${to}: migrating (on a large store this can take a while)`, { path: config.store.path });
      },
      done: (applied, ms) => log.info(`database schema migrated (${applied.join(', ')}) in ${ms} ms`),
    },
  });
  let crypto: CryptoProvider;
  let access: AccessControl;
  let audit: OpenedAudit | undefined;
  try {
    // Access control (src/auth) and the audit trail (src/audit) keep their tables in the store's database.
    access = openAccessControl(config, store);
    audit = openAudit(config, store, { createKey: true, serverLog: log });
    crypto = await openCryptoProvider(config, log);
  } catch (err) {
    await audit?.close();
    await store.close();
    throw err;
  }
  log.info(`crypto provider: ${crypto.info.kind.toUpperCase()}`, { description: crypto.info.description });
  // Username and Password / Device credentials of accounts (`tumbler accounts`), checked per request.
  const credentialMode = credentialModeOf(config);
  // Login tickets (operations/tickets.ts) are redeemed here too: over the certificate that logged in.
  const credentials = new CredentialAuthenticator(new SqliteAccountStore(store), access, credentialMode, (value, peer) =>
    redeemTicket(store, value, peer, BigInt(Math.floor(Date.now() / 1000))),
  );

  const deps: MessageDeps = {
    operations: opts.operations ?? OPERATIONS,
    store,
    crypto,
    optionsFor: operationOptionsFor(config, crypto),
    now: () => new Date(),
    logger: log,
    limits: { maxMessageSize: config.limits.maxMessageSize },
    // Locate/Archive/Recover may be answered Operation Pending and run on Poll (message/async-requests.ts).
    asyncRequests: new AsyncRegistry(),
    audit: audit ? batchAuditOf(audit.trail, { durableReads: auditSection.durableReads }) : undefined,
    authenticate: credentialMode === 'ignore' ? undefined : (creds, peer) => credentials.authenticate(creds, peer),
  };

  let listener: KmipListener;
  let address: { host: string; port: number };
  try {
    listener = createKmipListener(
      {
        host: config.server.host,
        port: config.server.port,
        cert: tls.cert,
        key: tls.key,
        ca: tls.ca,
        pinnedClientCerts: tls.pinnedClientCerts,
        ciphers: config.tls.ciphers,
        minVersion: config.tls.minVersion,
        maxVersion: config.tls.maxVersion,
        maxMessageSize: config.limits.maxMessageSize,
        maxConnections: config.limits.maxConnections,
        idleTimeoutMs: config.limits.idleTimeoutMs,
        handshakeTimeoutMs: config.limits.handshakeTimeoutMs,
        maxPipelinedRequests: config.limits.maxPipelinedRequests,
        // A frame the stream cannot even delimit (oversized, not a structure): one Invalid Message
        // answer in 1.0 (no header could be read), then the transport closes.
        onFrameError: (err) => invalidMessageResponse(FALLBACK_VERSION, `request frame rejected: ${err.message}`, new Date()),
        http: config.server.http ? { path: config.server.httpPath } : undefined,
        logger: log,
        isRevoked: revocationChecker(revokedFilePath(config.dir), (err) => log.error('revoked-clients.json unreadable: refusing every client', { error: err })),
      },
      (frame, peer) => {
        // With the audit trail on, every request writes its record in the turn it is handled: its reads run in
        // that write group (one transaction, one check for other writers' commits) instead of each on its own.
        if (joinWrites) store.joinWriteGroup();
        return handleRequest(frame, authorizedPeer(access, peer), deps);
      },
    );
    address = await listener.listen();
  } catch (err) {
    await crypto.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw err;
  }
  log.info('KMIP server listening', { host: address.host, port: address.port, store: store.name, crypto: crypto.info.kind });

  // Online KEK rotation: `tumbler hsm rotate-kek` next to this server names a new KEK in the store; the server
  // wraps new material under it and re-wraps the rest while it serves (also resumes one left by a crash).
  const kekRotation = watchKekRotation(store, crypto, log, opts.kekRotationCheckMs ?? 1000);

  let timer: NodeJS.Timeout | undefined;
  const interval = opts.sweepIntervalMs ?? 60_000;
  if (interval > 0) {
    const rotation = {
      store,
      crypto,
      options: deps.optionsFor({ principal: '', tenant: '' }),
      audit: audit ? (e: AuditEvent) => void audit!.trail.append(e) : undefined,
      reKey: (payload: TtlvItem, ctx: OperationContext) => reKey.handle(payload, ctx),
      reKeyKeyPair: (payload: TtlvItem, ctx: OperationContext) => reKeyKeyPair.handle(payload, ctx),
    };
    let sweeping = false;
    timer = setInterval(() => {
      if (sweeping) return;
      sweeping = true;
      Promise.resolve()
        .then(() => sweepLifecycle(store, new Date()))
        .catch((err) => log.error('lifecycle sweep failed', { error: err }))
        // Automatic rotation (2.1 Rotate attributes): due keys are re-keyed by the server, audited.
        .then(() => sweepRotation(rotation, new Date()))
        .then((r) => {
          if (!r) return;
          for (const x of r.rotated) log.info('key rotated automatically', { from: x.from, to: x.to });
          for (const x of r.failed) log.error('automatic rotation failed; retried in an hour', { uid: x.uid, error: x.error });
        })
        .catch((err) => log.error('rotation sweep failed', { error: err }))
        .finally(() => (sweeping = false));
    }, interval);
    timer.unref();
  }

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      if (timer) clearInterval(timer);
      await kekRotation.close();
      await listener.close();
      // Records of reads held while the database refused writes: one last try while the store is open.
      await audit?.flushHeld().catch((err) => log.error('held audit records could not be written', { error: err }));
      try {
        audit?.trail.checkpoint();
      } catch (err) {
        log.error('final audit checkpoint failed', { error: err });
      }
      await store.durable().catch((err) => log.error('final store flush failed', { error: err }));
      await store.close();
      await crypto.close();
      await audit?.close();
      log.info('KMIP server stopped');
    })();
    return closing;
  };

  const reloadTls = () => {
    const m = loadTlsMaterial(config);
    listener.reloadTls({ cert: m.cert, key: m.key, ca: m.ca, pinnedClientCerts: m.pinnedClientCerts });
  };
  return { host: address.host, port: address.port, config, crypto: crypto.info, store: store.name, reloadTls, close };
}
