/**
 * Loading and validating `tumbler.json`: defaults < file < environment. Every problem names the
 * field (or environment variable) at fault; all problems are reported together.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENV_ALIASES, envVarName, fullSchema, type FieldSpec, type RngSeedPolicy, type SectionSpec } from './schema';
import type { GenerationWorkerMode } from '../crypto/pkcs11/config';
import { readHsmDeclaration } from './hsm-declared';

export const CONFIG_FILE_NAME = 'tumbler.json';

export interface ServerSection {
  host: string;
  port: number;
  /** KMIP over HTTPS on the same port (POST to httpPath). */
  http: boolean;
  httpPath: string;
}
export interface TlsSection {
  cert: string;
  key: string;
  /** A second server certificate with an ECDSA key, presented to clients that accept it (tumbler init makes one). */
  ecdsaCert?: string;
  ecdsaKey?: string;
  ca?: string;
  pinnedClientCerts: string[];
  ciphers: string;
  minVersion: 'TLSv1.2' | 'TLSv1.3';
  maxVersion: 'TLSv1.2' | 'TLSv1.3';
}
export interface LimitsSection {
  maxMessageSize: number;
  maxConnections: number;
  idleTimeoutMs: number;
  handshakeTimeoutMs: number;
  maxPipelinedRequests: number;
  maxLocateItems: number;
}
export interface StoreSection { path: string; busyTimeoutMs: number }
export interface HsmSection {
  mode: 'software' | 'pkcs11' | 'auto';
  module: string;
  tokenLabel: string;
  slot?: number;
  pinFile?: string;
  pinEnv?: string;
  generationWorker: GenerationWorkerMode;
  rngAlgorithm: string;
  rngDrbgAlgorithm: string;
  rngCryptographicAlgorithm?: string;
  rngCryptographicLength?: number;
  protectionStorage: string[];
}
export interface OperationsSection {
  activateOnCreate: boolean;
  activateOnCreateFor: string[];
  defaultGroupKeys: boolean;
  rngSeed: RngSeedPolicy;
  rngSeedMaxBytes?: number;
}
export interface LogSection { level: 'error' | 'warn' | 'info' | 'debug'; format: 'json' | 'console'; file?: string }

export interface CoreConfig {
  /** Absolute server directory the relative paths were resolved against. */
  dir: string;
  server: ServerSection;
  tls: TlsSection;
  limits: LimitsSection;
  store: StoreSection;
  hsm: HsmSection;
  operations: OperationsSection;
  log: LogSection;
}

/** Core sections typed; registered sections (auth, audit...) read with `configSection`. */
export type TumblerConfig = CoreConfig & { [section: string]: unknown };

export function configSection<T>(config: TumblerConfig, name: string): T {
  return config[name] as T;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export interface ResolveOptions {
  /** Environment to read overrides from (default: none). */
  env?: NodeJS.ProcessEnv;
  /** Where the values came from, for messages (default "tumbler.json"). */
  source?: string;
}

/** Load `<dir>/tumbler.json`, apply process.env overrides, validate, resolve paths. */
export function loadConfig(dir: string, env: NodeJS.ProcessEnv = process.env): TumblerConfig {
  const absDir = path.resolve(dir);
  const file = path.join(absDir, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigError([`${file} not found (run \`tumbler init --dir ${dir}\` first)`]);
    throw new ConfigError([`${file}: ${(err as Error).message}`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError([`${file} is not valid JSON: ${(err as Error).message}`]);
  }
  return resolveConfig(raw, absDir, { env, source: file });
}

/** Pure: defaults < raw < env, validated, paths resolved against `dir`. */
export function resolveConfig(raw: unknown, dir: string, opts: ResolveOptions = {}): TumblerConfig {
  const source = opts.source ?? CONFIG_FILE_NAME;
  const problems: string[] = [];
  const schema = fullSchema();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError([`${source}: top level must be a JSON object`]);
  }
  const input = raw as Record<string, unknown>;
  for (const name of Object.keys(input)) {
    if (name === '$schema' || name === 'comment') continue;
    if (!schema[name]) problems.push(`${name}: unknown section (known: ${Object.keys(schema).join(', ')})`);
  }
  const out: Record<string, unknown> = { dir: path.resolve(dir) };
  for (const [sectionName, spec] of Object.entries(schema)) {
    const given = input[sectionName];
    if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given))) {
      problems.push(`${sectionName}: must be an object`);
      out[sectionName] = defaultsOf(spec);
      continue;
    }
    out[sectionName] = resolveSection(sectionName, spec, (given ?? {}) as Record<string, unknown>, opts.env ?? {}, dir, problems);
  }
  const tls = out.tls as Partial<TlsSection> | undefined;
  if (tls?.minVersion === 'TLSv1.3' && tls.maxVersion === 'TLSv1.2') {
    problems.push('tls.minVersion: TLSv1.3 is above tls.maxVersion TLSv1.2');
  }
  const hsm = out.hsm as HsmSection | undefined;
  // Declared HSM facts (hsm.rngAlgorithm..., hsm.protectionStorage): names KMIP defines, details that fit together.
  if (hsm) problems.push(...readHsmDeclaration(hsm).problems);
  const server = out.server as Partial<ServerSection> | undefined;
  if (typeof server?.httpPath === 'string' && !/^\/[\x21\x22\x24-\x3e\x40-\x7e]*$/.test(server.httpPath)) {
    problems.push(`server.httpPath: must start with "/" and hold no spaces or query (got ${JSON.stringify(server.httpPath)})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out as TumblerConfig;
}

/** The configuration `tumbler init` writes: every core default, explicit, so operators see them. */
export function defaultConfigObject(overrides: { host?: string; port?: number } = {}): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, spec] of Object.entries(fullSchema())) out[name] = defaultsOf(spec);
  if (overrides.host !== undefined) out.server.host = overrides.host;
  if (overrides.port !== undefined) out.server.port = overrides.port;
  return out;
}

function defaultsOf(spec: SectionSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(spec)) {
    if (f.default !== undefined) out[k] = Array.isArray(f.default) ? [...f.default] : f.default;
  }
  return out;
}

function resolveSection(
  section: string,
  spec: SectionSpec,
  given: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  dir: string,
  problems: string[],
): Record<string, unknown> {
  for (const k of Object.keys(given)) {
    if (!spec[k]) problems.push(`${section}.${k}: unknown field (known: ${Object.keys(spec).join(', ')})`);
  }
  const out: Record<string, unknown> = {};
  for (const [field, f] of Object.entries(spec)) {
    const name = `${section}.${field}`;
    let value: unknown = given[field];
    let where = name;
    const envName = envVarName(section, field);
    const alias = Object.entries(ENV_ALIASES).find(([, [s, fl]]) => s === section && fl === field)?.[0];
    for (const v of [envName, alias]) {
      if (v && env[v] !== undefined) {
        const parsed = fromEnv(f, env[v] as string);
        if (parsed.error) {
          problems.push(`${v} (${name}): ${parsed.error}`);
          value = undefined;
        } else {
          value = parsed.value;
        }
        where = `${v} (${name})`;
      }
    }
    // An optional field set to null or "" is explicitly unset (e.g. "ca": null = no CA bundle).
    const unset = 'optional' in f && f.optional && (value === null || value === '');
    if (unset) continue;
    if (value === undefined) {
      if (f.default !== undefined) value = Array.isArray(f.default) ? [...f.default] : f.default;
      else if ('optional' in f && f.optional) {
        continue;
      } else {
        problems.push(`${where}: required`);
        continue;
      }
    }
    const err = checkValue(f, value);
    if (err) {
      problems.push(`${where}: ${err}`);
      continue;
    }
    out[field] = resolvePaths(f, value, dir);
  }
  return out;
}

function checkValue(f: FieldSpec, v: unknown): string | undefined {
  switch (f.kind) {
    case 'string':
      if (typeof v !== 'string') return `must be a string, got ${describe(v)}`;
      if (f.nonEmpty && v.length === 0) return 'must not be empty';
      return undefined;
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) return `must be an integer, got ${describe(v)}`;
      if (f.min !== undefined && v < f.min) return `must be >= ${f.min}, got ${v}`;
      if (f.max !== undefined && v > f.max) return `must be <= ${f.max}, got ${v}`;
      return undefined;
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `must be true or false, got ${describe(v)}`;
    case 'enum':
      return typeof v === 'string' && f.values.includes(v) ? undefined : `must be one of ${f.values.join(', ')}, got ${describe(v)}`;
    case 'stringArray':
      if (!Array.isArray(v)) return `must be an array of strings, got ${describe(v)}`;
      if (v.some((x) => typeof x !== 'string' || x.length === 0)) return 'must contain only non-empty strings';
      return undefined;
  }
}

function fromEnv(f: FieldSpec, s: string): { value?: unknown; error?: string } {
  switch (f.kind) {
    case 'string':
    case 'enum':
      return { value: s };
    case 'int': {
      if (!/^-?\d+$/.test(s.trim())) return { error: `must be an integer, got "${s}"` };
      return { value: Number(s.trim()) };
    }
    case 'boolean': {
      const t = s.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(t)) return { value: true };
      if (['false', '0', 'no', 'off'].includes(t)) return { value: false };
      return { error: `must be true or false, got "${s}"` };
    }
    case 'stringArray':
      return { value: s.split(',').map((x) => x.trim()).filter((x) => x.length > 0) };
  }
}

function resolvePaths(f: FieldSpec, v: unknown, dir: string): unknown {
  if (!('path' in f) || !f.path) return v;
  if (typeof v === 'string') return v.length === 0 ? v : path.resolve(dir, v);
  if (Array.isArray(v)) return v.map((x) => path.resolve(dir, String(x)));
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? `"${v}"` : `${typeof v} ${JSON.stringify(v)}`;
}
