/**
 * Multi-part ("streaming") cryptographic operations, KMIP 1.3+ (1.4 §4.29-4.35, 2.1 §6.1.18 ff.): the
 * first request carries Init Indicator true and gets a Correlation Value back; later requests carry that
 * Correlation Value, the last one Final Indicator true. Before 1.3 these fields do not exist, so a request
 * in 1.0-1.2 that carries them is answered as a single-part request (OASIS CS-BC-M-7-12 sends all of them
 * with Init and Final false and expects the one-shot result).
 *
 * Stream state lives here, server-side, in a bounded registry per server (keyed by the server's crypto
 * provider): at most maxStreams open streams, each dropped after idleMs without use and limited to
 * maxBufferedBytes of buffered input. The Correlation Value is 16 random bytes; a stream is only found by
 * the principal and tenant that opened it, for the same operation and object (another client's value is
 * simply unknown). Buffers that held client data or key-derived values are zeroed when a stream ends.
 */
import { randomBytes } from 'node:crypto';
import { ItemType } from '../../kmip/item-type';
import { Tag, ResultReason } from '../../kmip';
import { KmipError } from '../../message/errors';
import { T, child, type TtlvItem } from '../../ttlv/item';
import type { OperationContext } from '../types';
import { atLeast, reasonFor, requestUid } from '../common';

export type StreamStep =
  | { kind: 'single' }
  | { kind: 'init' }
  | { kind: 'continue'; correlation: Buffer; final: boolean };

function bool(payload: TtlvItem, tag: number, what: string): boolean | undefined {
  const f = child(payload, tag);
  if (!f) return undefined;
  if (f.type !== ItemType.Boolean) throw new KmipError(ResultReason.InvalidField, `${what} must be a Boolean`);
  return f.value;
}

/** Which part of a multi-part operation this request is (single-part in versions without streaming). */
export function streamStep(payload: TtlvItem, ctx: OperationContext): StreamStep {
  if (!atLeast(ctx, 1, 3)) return { kind: 'single' };
  const init = bool(payload, Tag.InitIndicator, 'Init Indicator') === true;
  const final = bool(payload, Tag.FinalIndicator, 'Final Indicator') === true;
  const corr = child(payload, Tag.CorrelationValue);
  if (corr) {
    if (corr.type !== ItemType.ByteString) throw new KmipError(ResultReason.InvalidField, 'Correlation Value must be a Byte String');
    if (init) throw new KmipError(ResultReason.InvalidField, 'Init Indicator starts a new operation; it cannot come with a Correlation Value');
    return { kind: 'continue', correlation: corr.value, final };
  }
  if (init && !final) return { kind: 'init' };
  return { kind: 'single' };
}

export function correlationItem(correlation: Buffer): TtlvItem {
  return T.bytes(Tag.CorrelationValue, correlation);
}

export interface StreamLimits {
  maxStreams: number;
  idleMs: number;
  /** Input one stream may hold back (operations that finish at Final buffer their data). */
  maxBufferedBytes: number;
  /** Input all streams together may hold back. */
  maxTotalBytes: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  maxStreams: 1024, idleMs: 5 * 60_000, maxBufferedBytes: 4 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024,
};

/** What an operation keeps between the parts of one stream. dispose() zeroes its buffers. */
export interface StreamState {
  /** Bytes currently held (checked against maxBufferedBytes). */
  bufferedBytes(): number;
  dispose(): void;
}

interface Entry {
  principal: string;
  tenant: string;
  operation: number;
  uid: string | undefined;
  state: StreamState;
  lastUsed: number;
  busy: boolean;
}

export class StreamRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS) {}

  get size(): number {
    return this.entries.size;
  }

  /** Drops streams idle for longer than idleMs. */
  sweep(now: number): void {
    for (const [k, e] of this.entries) {
      if (!e.busy && now - e.lastUsed > this.limits.idleMs) this.drop(k, e);
    }
  }

  /** Registers a new stream and returns its Correlation Value. */
  open(ctx: OperationContext, operation: number, uid: string | undefined, state: StreamState): Buffer {
    const now = Date.now();
    this.sweep(now);
    try {
      this.checkSize(state);
    } catch (e) {
      state.dispose();
      throw e;
    }
    if (this.entries.size >= this.limits.maxStreams) {
      state.dispose();
      throw new KmipError(ResultReason.GeneralFailure, `too many open multi-part operations (limit ${this.limits.maxStreams}); finish or let some expire`);
    }
    const correlation = randomBytes(16);
    this.entries.set(correlation.toString('hex'), {
      principal: ctx.principal, tenant: ctx.tenant, operation, uid, state, lastUsed: now, busy: false,
    });
    return correlation;
  }

  /**
   * Runs one part of an open stream: fn gets its state; when `final`, or when fn throws, the stream ends
   * (a failed part leaves the stream in an unknown state, so it is not resumable).
   */
  async step<S extends StreamState, R>(
    ctx: OperationContext, operation: number, correlation: Buffer, final: boolean, fn: (state: S, uid: string | undefined) => Promise<R>,
  ): Promise<R> {
    const now = Date.now();
    this.sweep(now);
    const key = correlation.toString('hex');
    const e = this.entries.get(key);
    if (!e || e.principal !== ctx.principal || e.tenant !== ctx.tenant || e.operation !== operation) {
      throw new KmipError(
        reasonFor(ctx, ResultReason.InvalidCorrelationValue, ResultReason.InvalidField), 'no open multi-part operation has this Correlation Value',
      );
    }
    if (e.busy) throw new KmipError(ResultReason.InvalidMessage, 'this multi-part operation is already processing another part');
    e.busy = true;
    let ok = false;
    try {
      const r = await fn(e.state as S, e.uid);
      this.checkSize(e.state);
      ok = true;
      return r;
    } finally {
      e.busy = false;
      e.lastUsed = Date.now();
      if (final || !ok) this.drop(key, e);
    }
  }

  /**
   * The context a continuing part runs in: the object is the stream's. A part that names a Unique
   * Identifier must name the stream's; one that names none uses it (not the batch's ID Placeholder).
   */
  static partContext(ctx: OperationContext, payload: TtlvItem, streamUid: string | undefined): OperationContext {
    if (streamUid === undefined) return ctx;
    if (child(payload, Tag.UniqueIdentifier)) {
      if (requestUid(payload, ctx) !== streamUid) {
        throw new KmipError(ResultReason.InvalidField, 'the Unique Identifier differs from the one the multi-part operation started with');
      }
      return ctx;
    }
    return Object.assign(Object.create(ctx) as OperationContext, { idPlaceholder: streamUid });
  }

  closeAll(): void {
    for (const [k, e] of this.entries) this.drop(k, e);
  }

  private checkSize(state: StreamState): void {
    if (state.bufferedBytes() > this.limits.maxBufferedBytes) {
      throw new KmipError(ResultReason.InvalidField, `multi-part operation holds more than ${this.limits.maxBufferedBytes} bytes; send Final sooner`);
    }
    let total = state.bufferedBytes();
    for (const e of this.entries.values()) if (e.state !== state) total += e.state.bufferedBytes();
    if (total > this.limits.maxTotalBytes) {
      throw new KmipError(ResultReason.GeneralFailure, 'open multi-part operations hold too much data; try again later');
    }
  }

  private drop(key: string, e: Entry): void {
    this.entries.delete(key);
    e.state.dispose();
  }
}

/** One registry per running server: the server's crypto provider object identifies it. */
const REGISTRIES = new WeakMap<object, StreamRegistry>();

export function streamRegistry(ctx: OperationContext): StreamRegistry {
  let r = REGISTRIES.get(ctx.crypto);
  if (!r) {
    r = new StreamRegistry();
    REGISTRIES.set(ctx.crypto, r);
  }
  return r;
}

/** Buffers input until Final (for operations whose result needs all the data: Hash, MAC, Sign, Verify). */
export class BufferedInput implements StreamState {
  private parts: Buffer[] = [];
  private total = 0;

  constructor(readonly extra: Record<string, unknown> = {}) {}

  add(data: Buffer | undefined): void {
    if (!data || data.length === 0) return;
    this.parts.push(Buffer.from(data));
    this.total += data.length;
  }

  /** All buffered input (a new buffer the caller zeroes). */
  take(): Buffer {
    const all = Buffer.concat(this.parts, this.total);
    this.dispose();
    return all;
  }

  bufferedBytes(): number {
    return this.total;
  }

  dispose(): void {
    for (const p of this.parts) p.fill(0);
    this.parts = [];
    this.total = 0;
  }
}
