/**
 * PKCS#11 (KMIP 2.0/2.1 §6.1.37): the client asks the server to perform a PKCS#11 function. The Request
 * Payload names the function (PKCS#11 Function: an Enumeration = 1-based offset in CK_FUNCTION_LIST_3_0,
 * or an Integer for a vendor function), an optional PKCS#11 Interface (absent: the default "PKCS 11" V3.0
 * interface), the Correlation Value of an earlier response, and the function's Input Parameters. The
 * Response Payload echoes the function and carries a CK_RV as PKCS#11 Return Code.
 *
 * Tumbler implements the library-level functions of the KMIP PKCS#11 Profile's first test (PKCS11-M-1):
 *  - C_Initialize: opens a PKCS#11 context for this client and answers a fresh Correlation Value, which
 *    the client returns with every later PKCS#11 request of that context;
 *  - C_GetInfo: CK_INFO of Tumbler's own PKCS#11 interface (see encodeCkInfo);
 *  - C_Finalize: closes the context.
 * Every other function defined by PKCS#11 answers Success with CKR_FUNCTION_NOT_SUPPORTED (a PKCS#11
 * answer: the function exists, this server does not offer it). A function value PKCS#11 does not define
 * (a vendor Integer, an unknown Enumeration) is a KMIP error, PKCS#11 Invalid Function; an interface
 * other than the default one is PKCS#11 Invalid Interface (§6.1.37.1).
 *
 * Contexts live in memory, one bounded registry per server (keyed by its object store, as Login tickets
 * are): at most MAX_CONTEXTS, idle ones dropped after CONTEXT_IDLE_MS, and a context is only found by the
 * principal and tenant that opened it (another client's Correlation Value is simply unknown).
 */
import { randomBytes } from 'node:crypto';
import { ItemType } from '../kmip/item-type';
import { Operation, PKCS_11Function, PKCS_11ReturnCode, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import type { ObjectStore } from '../store/port';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy } from './common';
import { SERVER_VERSION } from './query';

export const MAX_CONTEXTS = 1024;
export const CONTEXT_IDLE_MS = 15 * 60_000;
/** Name of the default interface of PKCS#11 v3.0 (CK_INTERFACE pInterfaceName). */
export const DEFAULT_INTERFACE = 'PKCS 11';
/** Cryptoki version of the interface Tumbler answers for: the KMIP default, PKCS#11 V3.0. */
export const CRYPTOKI_VERSION = { major: 3, minor: 0 } as const;
export const LIBRARY_DESCRIPTION = 'Tumbler KMIP PKCS#11 interface';
/** Input Parameters larger than this are refused (nothing Tumbler implements takes more). */
const MAX_INPUT_BYTES = 64 * 1024;

interface Context {
  principal: string;
  tenant: string;
  lastUsed: number;
}

const registries = new WeakMap<ObjectStore, Map<string, Context>>();

function registry(store: ObjectStore): Map<string, Context> {
  let r = registries.get(store);
  if (!r) {
    r = new Map();
    registries.set(store, r);
  }
  return r;
}

function prune(r: Map<string, Context>, now: number): void {
  for (const [k, c] of r) if (now - c.lastUsed > CONTEXT_IDLE_MS) r.delete(k);
}

/** CK_UTF8CHAR[n]: the text in UTF-8, blank-padded (never NUL-terminated), cut at n bytes. */
export function blankPadded(text: string, n: number): Buffer {
  const out = Buffer.alloc(n, 0x20);
  let bytes = Buffer.from(text, 'utf8');
  // Never cut inside a UTF-8 sequence: drop continuation bytes at the cut.
  if (bytes.length > n) {
    let end = n;
    while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
    bytes = bytes.subarray(0, end);
  }
  bytes.copy(out);
  return out;
}

export interface CkInfo {
  cryptokiVersion: { major: number; minor: number };
  manufacturerId: string;
  flags: bigint;
  libraryDescription: string;
  libraryVersion: { major: number; minor: number };
}

/**
 * CK_INFO as the KMIP PKCS#11 Profile vectors encode it (PKCS11-M-1-21, 76 bytes): cryptokiVersion
 * (major, minor: one byte each), manufacturerID (32 bytes blank-padded), flags (CK_FLAGS, 8 bytes,
 * big-endian like every KMIP integer), libraryDescription (32 bytes blank-padded), libraryVersion
 * (major, minor).
 */
export function encodeCkInfo(info: CkInfo): Buffer {
  const flags = Buffer.alloc(8);
  flags.writeBigUInt64BE(info.flags);
  return Buffer.concat([
    Buffer.from([info.cryptokiVersion.major & 0xff, info.cryptokiVersion.minor & 0xff]),
    blankPadded(info.manufacturerId, 32),
    flags,
    blankPadded(info.libraryDescription, 32),
    Buffer.from([info.libraryVersion.major & 0xff, info.libraryVersion.minor & 0xff]),
  ]);
}

/** "0.1.0" -> { major: 0, minor: 1 } (a CK_VERSION has no patch level). */
export function ckVersionOf(version: string): { major: number; minor: number } {
  const [major, minor] = version.split('.').map((x) => Number.parseInt(x, 10));
  return { major: Number.isFinite(major) ? major & 0xff : 0, minor: Number.isFinite(minor) ? minor & 0xff : 0 };
}

/** Tumbler's own CK_INFO: its vendor name and version, no flags (CK_INFO defines none). */
export function tumblerInfo(ctx: OperationContext): CkInfo {
  return {
    cryptokiVersion: CRYPTOKI_VERSION,
    manufacturerId: ctx.options.vendorIdentification,
    flags: 0n,
    libraryDescription: LIBRARY_DESCRIPTION,
    libraryVersion: ckVersionOf(SERVER_VERSION),
  };
}

const DEFINED_FUNCTIONS: ReadonlySet<number> = new Set(Object.values(PKCS_11Function));

function readFunction(payload: TtlvItem): TtlvItem {
  const f = child(payload, Tag.PKCS_11Function);
  if (!f) throw new KmipError(ResultReason.InvalidField, 'PKCS#11 Function is required');
  if (f.type === ItemType.Integer) throw new KmipError(ResultReason.PKCS_11InvalidFunction, `vendor PKCS#11 function ${f.value} is not supported`);
  if (f.type !== ItemType.Enumeration) throw new KmipError(ResultReason.InvalidField, 'PKCS#11 Function must be an Enumeration or an Integer');
  if (!DEFINED_FUNCTIONS.has(f.value as never)) {
    throw new KmipError(ResultReason.PKCS_11InvalidFunction, `PKCS#11 function 0x${f.value.toString(16)} is not defined`);
  }
  return f;
}

function checkInterface(payload: TtlvItem): TtlvItem | undefined {
  const i = child(payload, Tag.PKCS_11Interface);
  if (!i) return undefined;
  if (i.type !== ItemType.TextString) throw new KmipError(ResultReason.InvalidField, 'PKCS#11 Interface must be a Text String');
  if (i.value !== DEFAULT_INTERFACE) throw new KmipError(ResultReason.PKCS_11InvalidInterface, `PKCS#11 interface "${i.value}" is not supported`);
  return i;
}

function readCorrelation(payload: TtlvItem): Buffer | undefined {
  const c = child(payload, Tag.CorrelationValue);
  if (!c) return undefined;
  if (c.type !== ItemType.ByteString) throw new KmipError(ResultReason.InvalidField, 'Correlation Value must be a Byte String');
  return c.value;
}

function readInput(payload: TtlvItem): Buffer | undefined {
  const p = child(payload, Tag.PKCS_11InputParameters);
  if (!p) return undefined;
  if (p.type !== ItemType.ByteString) throw new KmipError(ResultReason.PKCS_11CodecError, 'PKCS#11 Input Parameters must be a Byte String');
  if (p.value.length > MAX_INPUT_BYTES) throw new KmipError(ResultReason.PKCS_11CodecError, 'PKCS#11 Input Parameters too large');
  return p.value;
}

/** The caller's open context for this Correlation Value, touched; undefined when there is none. */
function findContext(ctx: OperationContext, correlation: Buffer | undefined): { key: string; r: Map<string, Context> } | undefined {
  if (!correlation) return undefined;
  const r = registry(ctx.store);
  const now = ctx.now().getTime();
  prune(r, now);
  const key = correlation.toString('hex');
  const c = r.get(key);
  if (!c || c.principal !== ctx.principal || c.tenant !== ctx.tenant) return undefined;
  c.lastUsed = now;
  return { key, r };
}

function openContext(ctx: OperationContext): Buffer | undefined {
  const r = registry(ctx.store);
  const now = ctx.now().getTime();
  if (r.size >= MAX_CONTEXTS) prune(r, now);
  if (r.size >= MAX_CONTEXTS) return undefined;
  const value = randomBytes(16);
  r.set(value.toString('hex'), { principal: ctx.principal, tenant: ctx.tenant, lastUsed: now });
  return value;
}

export const pkcs11: OperationHandler = {
  operation: Operation.PKCS_11,
  since: { major: 2, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'PKCS#11');
    const fn = readFunction(payload);
    const iface = checkInterface(payload);
    const correlation = readCorrelation(payload);
    readInput(payload);
    const out: TtlvItem[] = [];
    if (iface) out.push(iface);
    out.push(fn);
    const rv = (code: number): OperationResult => ({ payload: [...out, T.enum(Tag.PKCS_11ReturnCode, code)] });

    switch (fn.value) {
      case PKCS_11Function.C_Initialize: {
        // Each C_Initialize opens a new context: the KMIP client is the "application", the Correlation
        // Value its handle (CKR_CRYPTOKI_ALREADY_INITIALIZED only applies within one context).
        if (findContext(ctx, correlation)) return rv(PKCS_11ReturnCode.CRYPTOKI_ALREADY_INITIALIZED);
        const value = openContext(ctx);
        if (!value) return rv(PKCS_11ReturnCode.HOST_MEMORY);
        out.push(T.bytes(Tag.CorrelationValue, value));
        return rv(PKCS_11ReturnCode.OK);
      }
      case PKCS_11Function.C_GetInfo: {
        if (!findContext(ctx, correlation)) return rv(PKCS_11ReturnCode.CRYPTOKI_NOT_INITIALIZED);
        out.push(T.bytes(Tag.PKCS_11OutputParameters, encodeCkInfo(tumblerInfo(ctx))));
        return rv(PKCS_11ReturnCode.OK);
      }
      case PKCS_11Function.C_Finalize: {
        const found = findContext(ctx, correlation);
        if (!found) return rv(PKCS_11ReturnCode.CRYPTOKI_NOT_INITIALIZED);
        found.r.delete(found.key);
        return rv(PKCS_11ReturnCode.OK);
      }
      default:
        return rv(PKCS_11ReturnCode.FUNCTION_NOT_SUPPORTED);
    }
  },
};
