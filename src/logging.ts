/**
 * Logging through winston. One place builds loggers so that every one of them carries the redaction
 * format: fields whose name looks like secret material (key, material, pin, password, secret...) and
 * any raw byte buffer are dropped before a record reaches a transport. Key material must never be
 * logged; this is the last line of defence, not the first.
 */
import * as winston from 'winston';

export type LogFormat = 'json' | 'console';
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  /** Also append JSON records to this file. */
  file?: string;
  /** Send nothing anywhere (tests). */
  silent?: boolean;
  /** Extra winston transports (tests capture records this way). */
  transports?: winston.transport[];
}

export type Logger = winston.Logger;

/** Name tokens that mark a field as sensitive. Matched per camelCase / snake_case / kebab token. */
const SENSITIVE_TOKENS = new Set(['key', 'keys', 'material', 'pin', 'password', 'passwd', 'passphrase', 'secret', 'credential', 'credentials', 'privatekey']);

/** True when a field name looks like it holds secret material, e.g. `keyMaterial`, `user_pin`, `PASSWORD`. */
export function isSensitiveFieldName(name: string): boolean {
  const tokens = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
  return tokens.some((t) => SENSITIVE_TOKENS.has(t));
}

const MAX_DEPTH = 6;

/** Copy of `value` without sensitive fields and without byte buffers. Never mutates its input. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Buffer.isBuffer(value) || value instanceof Uint8Array || value instanceof ArrayBuffer) return '[bytes]';
  if (depth >= MAX_DEPTH) return '[depth]';
  if (value instanceof Error) return { name: value.name, message: value.message, code: (value as { code?: unknown }).code };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (isSensitiveFieldName(k)) continue;
    out[k] = redact(v, depth + 1);
  }
  return out;
}

/** winston format applying `redact` to every metadata field of a record (message, level kept). */
export const redactFormat = winston.format((info) => {
  for (const k of Object.keys(info)) {
    if (k === 'level' || k === 'message') continue;
    if (isSensitiveFieldName(k)) {
      delete (info as Record<string, unknown>)[k];
      continue;
    }
    (info as Record<string, unknown>)[k] = redact((info as Record<string, unknown>)[k], 1);
  }
  return info;
});

export function createLogger(opts: LoggerOptions = {}): Logger {
  const base = [redactFormat(), winston.format.timestamp()];
  const consoleFormat =
    opts.format === 'console'
      ? winston.format.combine(...base, winston.format.printf(consoleLine))
      : winston.format.combine(...base, winston.format.json());
  const transports: winston.transport[] = [
    new winston.transports.Console({ format: consoleFormat, stderrLevels: ['error', 'warn', 'info', 'debug'] }),
  ];
  if (opts.file) {
    transports.push(new winston.transports.File({ filename: opts.file, format: winston.format.combine(...base, winston.format.json()) }));
  }
  for (const t of opts.transports ?? []) {
    t.format = t.format ? winston.format.combine(redactFormat(), t.format) : redactFormat();
    transports.push(t);
  }
  const logger = winston.createLogger({ level: opts.level ?? 'info', transports, silent: opts.silent ?? false });
  return logger;
}

function consoleLine(info: winston.Logform.TransformableInfo): string {
  const { level, message, timestamp, ...rest } = info as Record<string, unknown>;
  const meta = Object.keys(rest).length > 0 ? ' ' + JSON.stringify(rest) : '';
  return `${String(timestamp)} ${String(level)} ${String(message)}${meta}`;
}

/**
 * The process-wide default logger. Level from TUMBLER_LOG_LEVEL (default info); silent under jest
 * unless TUMBLER_LOG_LEVEL is set, so test output stays readable.
 */
export const logger: Logger = createLogger({
  level: (process.env.TUMBLER_LOG_LEVEL as LogLevel | undefined) ?? 'info',
  format: process.env.TUMBLER_LOG_FORMAT === 'json' ? 'json' : 'console',
  silent: process.env.JEST_WORKER_ID !== undefined && process.env.TUMBLER_LOG_LEVEL === undefined,
});
