/**
 * The configuration schema as data: one description per field drives defaults, validation,
 * environment-variable overrides and path resolution, so the four can never disagree.
 *
 * Environment mapping rule: TUMBLER_<SECTION>_<FIELD in UPPER_SNAKE_CASE>, e.g.
 *   server.port                 -> TUMBLER_SERVER_PORT
 *   limits.maxMessageSize       -> TUMBLER_LIMITS_MAX_MESSAGE_SIZE
 *   tls.pinnedClientCerts       -> TUMBLER_TLS_PINNED_CLIENT_CERTS   (lists: comma-separated)
 *   operations.activateOnCreate -> TUMBLER_OPERATIONS_ACTIVATE_ON_CREATE (true/false/1/0/yes/no)
 * plus the short aliases in ENV_ALIASES (TUMBLER_PORT, TUMBLER_HOST).
 */
import { DEFAULT_TLS_CIPHERS } from '../transport/ciphers';
import { GENERATION_WORKER_MODES } from '../crypto/pkcs11/config';
import { DRBGAlgorithm, RNGAlgorithm } from '../kmip/enums';

export type FieldSpec =
  | { kind: 'string'; default?: string; optional?: boolean; path?: boolean; nonEmpty?: boolean; doc?: string }
  | { kind: 'int'; default?: number; optional?: boolean; min?: number; max?: number; doc?: string }
  | { kind: 'boolean'; default: boolean; doc?: string }
  | { kind: 'enum'; values: readonly string[]; default: string; doc?: string }
  | { kind: 'stringArray'; default: string[]; path?: boolean; doc?: string };

export type SectionSpec = Record<string, FieldSpec>;

/** Modern suites first (server order is honoured), then the KMIP profile suites, for TLS 1.2. */
export const DEFAULT_CIPHERS = DEFAULT_TLS_CIPHERS;

export const DEFAULT_PORT = 5696;

/** What the server does with seed material a client offers in RNG Seed (KMIP 1.2+; the CS-RNG profile's server policies). */
export const RNG_SEED_POLICIES = ['accept', 'ignore', 'deny'] as const;
export type RngSeedPolicy = (typeof RNG_SEED_POLICIES)[number];
export const DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;

export const CORE_SCHEMA: Record<string, SectionSpec> = {
  server: {
    host: { kind: 'string', default: '0.0.0.0', nonEmpty: true, doc: 'address to listen on' },
    port: { kind: 'int', default: DEFAULT_PORT, min: 0, max: 65535, doc: 'TCP port (0 = any free port)' },
    http: { kind: 'boolean', default: true, doc: 'also accept KMIP over HTTPS on the same port and with the same client certificates: POST to httpPath with a TTLV (application/octet-stream), XML (text/xml) or JSON (application/json) message' },
    httpPath: { kind: 'string', default: '/kmip', nonEmpty: true, doc: 'the target of KMIP requests over HTTPS' },
  },
  tls: {
    cert: { kind: 'string', default: 'server.pem', path: true, nonEmpty: true, doc: 'server certificate (PEM, may include chain)' },
    key: { kind: 'string', default: 'server-key.pem', path: true, nonEmpty: true, doc: 'server private key (PEM)' },
    ecdsaCert: { kind: 'string', optional: true, path: true, doc: 'second server certificate with an ECDSA key, for clients that accept it (cheaper handshakes); tumbler init writes server-ecdsa.pem' },
    ecdsaKey: { kind: 'string', optional: true, path: true, doc: 'its private key (PEM)' },
    ca: { kind: 'string', optional: true, default: 'ca.pem', path: true, doc: 'CA bundle trusted for client certificates' },
    pinnedClientCerts: { kind: 'stringArray', default: [], path: true, doc: 'self-signed client certificates accepted by exact SHA-256 fingerprint' },
    ciphers: { kind: 'string', default: DEFAULT_CIPHERS, nonEmpty: true, doc: 'OpenSSL cipher list (TLS 1.2 and 1.3 names)' },
    minVersion: { kind: 'enum', values: ['TLSv1.2', 'TLSv1.3'], default: 'TLSv1.2', doc: 'lowest TLS version' },
    maxVersion: { kind: 'enum', values: ['TLSv1.2', 'TLSv1.3'], default: 'TLSv1.3', doc: 'highest TLS version' },
  },
  limits: {
    maxMessageSize: { kind: 'int', default: DEFAULT_MAX_MESSAGE_SIZE, min: 1024, max: 64 * 1024 * 1024, doc: 'largest request accepted, in bytes; a larger declared length is refused before buffering' },
    maxConnections: { kind: 'int', default: 1024, min: 1, max: 1_000_000, doc: 'concurrent TLS connections; further ones are closed at once' },
    idleTimeoutMs: { kind: 'int', default: 300_000, min: 100, max: 24 * 3600 * 1000, doc: 'close a connection with no request for this long' },
    handshakeTimeoutMs: { kind: 'int', default: 10_000, min: 100, max: 600_000, doc: 'close a connection whose TLS handshake takes longer' },
    maxPipelinedRequests: { kind: 'int', default: 32, min: 1, max: 10_000, doc: 'requests in flight per connection before reading pauses' },
    maxLocateItems: {
      kind: 'int',
      default: 50_000,
      min: 1,
      max: 100_000_000,
      doc: 'most identifiers one Locate answers (the KMIP internal maximum): a Locate without Maximum Items, or with a larger one, gets the first this many; with Offset Items (1.3+) Located Items still counts every match, so clients can page',
    },
  },
  store: {
    path: { kind: 'string', default: 'db/tumbler.sqlite', path: true, nonEmpty: true, doc: 'SQLite database file (WAL; every acknowledged change is fdatasync-ed first, in group commits)' },
    busyTimeoutMs: { kind: 'int', default: 5000, min: 0, max: 600_000, doc: 'wait this long for a lock held by another process (e.g. the CLI)' },
  },
  hsm: {
    mode: { kind: 'enum', values: ['software', 'pkcs11', 'auto'], default: 'auto', doc: 'pkcs11 refuses to start without the HSM; auto uses it when the token exists, else software' },
    module: { kind: 'string', default: '/usr/lib/softhsm/libsofthsm2.so', path: true, nonEmpty: true, doc: 'PKCS#11 module; change it to use a real HSM' },
    tokenLabel: { kind: 'string', default: 'tumbler', nonEmpty: true, doc: 'token to use, by label' },
    slot: { kind: 'int', optional: true, min: 0, max: 0xffffffff, doc: 'token to use, by slot index (instead of the label)' },
    pinFile: { kind: 'string', optional: true, default: 'hsm/hsm.pin', path: true, doc: 'file holding the token user PIN (hsm/hsm.pin is where the SoftHSM2 set-up writes it)' },
    pinEnv: { kind: 'string', optional: true, default: 'TUMBLER_HSM_PIN', doc: 'environment variable holding the user PIN (used when set)' },
    generationWorker: { kind: 'enum', values: GENERATION_WORKER_MODES, default: 'auto', doc: 'generate secret keys (Create) in a worker thread with its own HSM session, off the event loop: auto (when the event loop is busy), always or never' },
    rngAlgorithm: { kind: 'enum', values: ['detect', ...Object.keys(RNGAlgorithm)], default: 'detect', doc: 'the random number generator of the HSM, as its vendor documents it (KMIP RNG Algorithm name, e.g. DRBG): what new keys\' Random Number Generator attribute and Query RNGs report. detect: DRBG for SoftHSM2 (OpenSSL), Unspecified for any other HSM' },
    rngDrbgAlgorithm: { kind: 'enum', values: ['none', ...Object.keys(DRBGAlgorithm)], default: 'none', doc: 'with rngAlgorithm DRBG: its DRBG Algorithm (CTR, Hash, HMAC, Dual_EC, Unspecified)' },
    rngCryptographicAlgorithm: { kind: 'string', optional: true, doc: 'with rngAlgorithm: the Cryptographic Algorithm of the generator (KMIP name, e.g. AES)' },
    rngCryptographicLength: { kind: 'int', optional: true, min: 1, max: 65536, doc: 'with rngAlgorithm: its Cryptographic Length in bits (e.g. 256)' },
    protectionStorage: { kind: 'stringArray', default: [], doc: 'where the HSM keeps key material, as KMIP Protection Storage Mask names (e.g. Hardware,OnPremises): what new objects\' Protection Storage Mask (2.x) reports; empty: detected (Software for SoftHSM2, no claim for other HSMs)' },
  },
  operations: {
    activateOnCreate: { kind: 'boolean', default: false, doc: 'Create/Register leave objects Active instead of Pre-Active' },
    activateOnCreateFor: { kind: 'stringArray', default: [], doc: 'client identities for which objects are created Active' },
    defaultGroupKeys: { kind: 'boolean', default: true, doc: 'Locate for a fresh member of the reserved Object Group "default" creates an AES-256 key when none is left (the caller needs the right to Create)' },
    rngSeed: { kind: 'enum', values: RNG_SEED_POLICIES, default: 'accept', doc: 'RNG Seed from clients: accept (mixed into the HSM generator), ignore (answered with 0 bytes used) or deny (Permission Denied)' },
    rngSeedMaxBytes: { kind: 'int', optional: true, min: 1, max: 4096, doc: 'with rngSeed accept: use at most this many leading bytes of a seed (the answer says how many)' },
  },
  log: {
    level: { kind: 'enum', values: ['error', 'warn', 'info', 'debug'], default: 'info', doc: 'log level' },
    format: { kind: 'enum', values: ['json', 'console'], default: 'json', doc: 'JSON lines or human-readable' },
    file: { kind: 'string', optional: true, path: true, doc: 'log file (stdout when unset)' },
  },
};

/** Short environment aliases, checked after the long names (the alias wins when both are set). */
export const ENV_ALIASES: Record<string, [string, string]> = {
  TUMBLER_PORT: ['server', 'port'],
  TUMBLER_HOST: ['server', 'host'],
};

/** Sections contributed by other modules (auth, audit...) before the configuration is loaded. */
const registered = new Map<string, SectionSpec>();

/**
 * Register an extra top-level section. Unknown top-level sections are rejected at start-up, so a
 * module that reads its own section registers it at import time.
 */
export function registerConfigSection(name: string, spec: SectionSpec): void {
  if (CORE_SCHEMA[name]) throw new Error(`config section '${name}' is a core section`);
  registered.set(name, spec);
}

/** Core plus registered sections, in a stable order. */
export function fullSchema(): Record<string, SectionSpec> {
  const out: Record<string, SectionSpec> = { ...CORE_SCHEMA };
  for (const [name, spec] of registered) out[name] = spec;
  return out;
}

/** TUMBLER_<SECTION>_<FIELD_UPPER_SNAKE>. */
export function envVarName(section: string, field: string): string {
  const snake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  return `TUMBLER_${snake(section)}_${snake(field)}`;
}
