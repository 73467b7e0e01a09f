/**
 * Placeholder bindings of one vector file (SOURCES.md §3.5).
 *
 *  - `$NOW`, `$NOW+N`, `$NOW-N`: in requests the current time ± N seconds; in responses any time in
 *    the window [file start + N - slack, now + N + slack].
 *  - every other `$NAME` (`$UNIQUE_IDENTIFIER_n`, `$SHORT_UNIQUE_IDENTIFIER_n`, `$CORRELATION_VALUE`,
 *    `$ASYNCHRONOUS_CORRELATION_VALUE`, `$TICKET_VALUE`, `$IV_COUNTER_NONCE`, `$SIGNATURE_DATA`,
 *    `$MAC_DATA`, `$AUTHENTICATED_ENCRYPTION_TAG`, `$DATA_n`, `$ENCRYPTED_*`, `$KEY_MATERIAL[_n]`,
 *    `$KEY_VALUE[_n]`, ...): bound by the first response item carrying it, substituted into later
 *    requests, compared equal in later responses.
 *
 * Values that the vectors write as literals but that the server chooses (ciphertext of a server
 * key, a literal identifier) are bound too, by their literal text, so a later request that repeats
 * the literal gets the server's value.
 *
 * Echoed placeholders without a binding response (SOURCES.md §3.5 "Values bound from an earlier
 * response and echoed in later requests"): some vectors write the earlier response's value as a
 * literal (CS-BC-M-13: Encrypt answers literal Data and IVCounterNonce, the next Decrypt sends
 * `$DATA_0` and `$IV_COUNTER_NONCE`; CS-AC-M-6: MAC answers literal MACData, MACVerify sends
 * `$MAC_DATA`). Such a placeholder, still unbound when a request uses it, is bound to the server's
 * value of the most recent earlier response item of the same tag that the vector wrote as a literal.
 * Only the echoed names of §3.5 qualify (ECHOED_NAME_RE): an unbound `$UNIQUE_IDENTIFIER_n` still
 * means "an identifier no object has" and gets a random value.
 */
import * as crypto from 'node:crypto';
import { ItemType } from '../../src/kmip/item-type';
import type { TtlvItem } from '../../src/ttlv/item';

export type Placeholder = { kind: 'now'; offset: number; text: string } | { kind: 'bound'; name: string; text: string };

const NOW_RE = /^\$NOW(?:\s*([+-])\s*([0-9]+))?$/;
const NAME_RE = /^\$[A-Z][A-Z0-9_]*$/;
/** The names §3.5 lists as "bound from an earlier response and echoed in later requests". */
export const ECHOED_NAME_RE =
  /^(?:CORRELATION_VALUE|ASYNCHRONOUS_CORRELATION_VALUE|TICKET_VALUE|SIGNATURE_DATA|MAC_DATA|IV_COUNTER_NONCE|AUTHENTICATED_ENCRYPTION_TAG|DATA_[0-9]+|ENCRYPTED_[A-Z0-9_]*)$/;

export function parsePlaceholder(text: string): Placeholder | undefined {
  const m = NOW_RE.exec(text);
  if (m) return { kind: 'now', offset: m[1] ? (m[1] === '-' ? -1 : 1) * Number(m[2]) : 0, text };
  if (NAME_RE.test(text)) return { kind: 'bound', name: text.slice(1), text };
  return undefined;
}

/** Seconds of slack around $NOW windows (clock granularity, slow HSM steps). */
export const NOW_SLACK_SECONDS = 300;

type Primitive = Exclude<TtlvItem, { type: typeof ItemType.Structure }>;

export interface BindingsSnapshot {
  values: Map<string, Primitive>;
  literalText: Map<string, string>;
  literalBytes: Map<string, Buffer>;
  responseLiterals: Map<number, Primitive>;
}

export class Bindings {
  /** Placeholder name → the server's value (the primitive item that bound it). */
  readonly values = new Map<string, Primitive>();
  /** Literal text written in the vector for a server-chosen TextString → the server's value. */
  readonly literalText = new Map<string, string>();
  /** Literal hex written in the vector for a server-chosen ByteString → the server's value. */
  readonly literalBytes = new Map<string, Buffer>();
  /** DateTime values the requests of this file set (seconds), so a response echoing one is compared exactly. */
  readonly requestDates = new Set<bigint>();
  /** Tag → the server's value of the latest response item that the vector wrote as a literal. */
  readonly responseLiterals = new Map<number, Primitive>();
  /**
   * Unique identifiers the server generated objects under (Create, CreateKeyPair, DeriveKey, ReKey...).
   * Files replayed in sequence on one server (run.ts) share one set: a later file of the sequence
   * works on objects an earlier file had the server generate.
   */
  readonly serverGenerated: Set<string>;
  /** Object Type of the objects the file registered or created (Register's request, Create Key Pair). */
  readonly objectTypes = new Map<string, number>();
  /**
   * The Cryptographic Parameters an object was registered or created with (its attribute): an
   * operation whose request names none uses these (KMIP 1.x §4 Encrypt, Sign...: "the server uses the
   * Cryptographic Parameters attribute of the key"), so they tell whether its output is randomized.
   */
  readonly keyParameters = new Map<string, TtlvItem>();
  /** Request items whose value this server produced earlier (filled from a response), see isServerEcho. */
  private readonly echoed = new WeakSet<TtlvItem>();
  /** Placeholder names bound to a random value (no response gave them). */
  private readonly randomNames = new Set<string>();

  constructor(
    /** Start of the file's replay (seconds since the epoch). */
    readonly fileStart: number = Math.floor(Date.now() / 1000),
    private readonly clock: () => number = () => Math.floor(Date.now() / 1000),
    serverGenerated: Set<string> = new Set(),
  ) {
    this.serverGenerated = serverGenerated;
  }

  /** Whether an item of a request built by fillRequest carries a value the server gave earlier in the replay. */
  isServerEcho(item: TtlvItem): boolean {
    return this.echoed.has(item);
  }

  now(): number {
    return this.clock();
  }

  /** Window of acceptable times for `$NOW+offset` in a response. */
  nowWindow(offset: number): [number, number] {
    return [this.fileStart + offset - NOW_SLACK_SECONDS, this.now() + offset + NOW_SLACK_SECONDS];
  }

  /** State to restore when a tentative comparison (set matching) fails. */
  snapshot(): BindingsSnapshot {
    return {
      values: new Map(this.values),
      literalText: new Map(this.literalText),
      literalBytes: new Map(this.literalBytes),
      responseLiterals: new Map(this.responseLiterals),
    };
  }

  restore(s: BindingsSnapshot): void {
    for (const k of ['values', 'literalText', 'literalBytes', 'responseLiterals'] as const) {
      const target = this[k] as Map<string, unknown>;
      target.clear();
      for (const [key, v] of s[k] as Map<string, unknown>) target.set(key, v);
    }
  }

  bind(name: string, actual: Primitive): void {
    this.randomNames.delete(name);
    this.values.set(name, { ...actual, value: copyValue(actual) } as Primitive);
  }

  /** An actual response item at a position where the vector has a literal (not a placeholder). */
  noteResponseLiteral(actual: Primitive): void {
    this.responseLiterals.set(actual.tag, { ...actual, value: copyValue(actual) } as Primitive);
  }

  bindLiteral(expected: Primitive, actual: Primitive): void {
    if (expected.type === ItemType.TextString && actual.type === ItemType.TextString) {
      if (expected.value !== actual.value) this.literalText.set(expected.value, actual.value);
    } else if (expected.type === ItemType.ByteString && actual.type === ItemType.ByteString) {
      if (!expected.value.equals(actual.value) && expected.value.length > 0) {
        this.literalBytes.set(expected.value.toString('hex'), Buffer.from(actual.value));
      }
    }
  }

  /**
   * The request to send: a copy of `request` with placeholders and bound literals replaced.
   * An unbound `$NAME` (the vector names a value no response gave yet, e.g. an identifier that must
   * not exist) gets a fresh random value of the item's type, bound for the rest of the file.
   */
  fillRequest(request: TtlvItem, placeholders: ReadonlyMap<TtlvItem, string>): TtlvItem {
    const walk = (item: TtlvItem): TtlvItem => {
      if (item.type === ItemType.Structure) return { ...item, value: item.value.map(walk) };
      const text = placeholders.get(item);
      if (text !== undefined) {
        const filled = this.substitute(item, text);
        const p = parsePlaceholder(text);
        if (p?.kind === 'bound' && !this.randomNames.has(p.name)) this.echoed.add(filled);
        return filled;
      }
      if (item.type === ItemType.TextString) {
        const v = this.literalText.get(item.value);
        if (v !== undefined) return this.echo({ ...item, value: v });
      } else if (item.type === ItemType.ByteString) {
        const v = this.literalBytes.get(item.value.toString('hex'));
        if (v !== undefined) return this.echo({ ...item, value: Buffer.from(v) });
      } else if (item.type === ItemType.DateTime) {
        this.requestDates.add(item.value);
      }
      return item;
    };
    return walk(request);
  }

  private echo(item: TtlvItem): TtlvItem {
    this.echoed.add(item);
    return item;
  }

  private substitute(item: Primitive, text: string): TtlvItem {
    const p = parsePlaceholder(text);
    if (!p) throw new PlaceholderError(`unknown placeholder ${text}`);
    if (p.kind === 'now') {
      const t = this.now() + p.offset;
      switch (item.type) {
        case ItemType.DateTime:
          return { ...item, value: BigInt(t) };
        case ItemType.DateTimeExtended:
          return { ...item, value: BigInt(t) * 1_000_000n };
        case ItemType.LongInteger:
          return { ...item, value: BigInt(t) };
        default:
          throw new PlaceholderError(`${text} used in a ${ItemType[item.type as never] ?? item.type} item`);
      }
    }
    let bound = this.values.get(p.name);
    if (!bound && ECHOED_NAME_RE.test(p.name)) {
      const earlier = this.responseLiterals.get(item.tag);
      if (earlier) {
        bound = { ...earlier, value: copyValue(earlier) } as Primitive;
        this.values.set(p.name, bound);
      }
    }
    if (!bound) {
      bound = randomValue(item);
      this.values.set(p.name, bound);
      this.randomNames.add(p.name);
    }
    return convert(bound, item, text);
  }
}

export class PlaceholderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlaceholderError';
  }
}

function copyValue(p: Primitive): Primitive['value'] {
  return p.type === ItemType.ByteString ? Buffer.from(p.value) : p.value;
}

function randomValue(like: Primitive): Primitive {
  switch (like.type) {
    case ItemType.TextString:
      return { ...like, value: `unbound-${crypto.randomUUID()}` };
    case ItemType.ByteString:
      return { ...like, value: crypto.randomBytes(16) };
    default:
      return { ...like };
  }
}

/** A bound value used in an item of possibly another tag (and, rarely, another type). */
function convert(bound: Primitive, target: Primitive, text: string): TtlvItem {
  if (bound.type === target.type) return { ...target, value: copyValue(bound) } as TtlvItem;
  if (target.type === ItemType.ByteString && bound.type === ItemType.TextString) {
    return { ...target, value: Buffer.from(bound.value, 'utf8') };
  }
  if (target.type === ItemType.TextString && bound.type === ItemType.ByteString) {
    return { ...target, value: bound.value.toString('utf8') };
  }
  throw new PlaceholderError(`${text} was bound to a value of another type than this request item`);
}
