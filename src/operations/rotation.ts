/**
 * Automatic rotation (KMIP 2.1 §4.48-4.54). A Symmetric Key (or a key pair, by its Private Key) created with
 * Rotate Automatic True and a Rotate Interval is re-keyed by the server once Initial Date + Rotate Interval
 * is reached, by the same Re-key / Re-key Key Pair a client would send (links, Names moved, attributes
 * carried, Rotate Offset as its Offset), as its owner. Both keep the rotation attributes of the set: the
 * replacement gets Rotate Generation + 1 and Rotate Latest True, the replaced object Rotate Latest False and
 * Rotate Date. Certificates are not rotated automatically.
 *
 * The due time is kept as the internal, indexed Date-Time attribute `_rotate_due` (set whenever an object is
 * created or saved), so the periodic sweep finds due keys with one index range, whatever the store's size.
 * Each rotation is audited (source "server"); a rotation that fails is audited too and tried again an hour later.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ObjectType, State, Tag } from '../kmip';
import { T, type TtlvItem } from '../ttlv/item';
import { boolOf, dateOf, findAttr, intOf, removeAll, setSingle } from '../attributes/list';
import type { Attribute } from '../attributes/model';
import type { ObjectStore } from '../store/port';
import type { CryptoProvider } from '../crypto/port';
import type { AuditEvent } from '../audit/record';
import type { OperationContext, OperationOptions } from './types';

/** Internal attribute: when the object is due for automatic rotation (seconds since the epoch). */
export const ROTATE_DUE = '_rotate_due';
/** Rotations per sweep, so one sweep never holds the HSM and the event loop for long. */
export const ROTATE_BATCH = 100;
/** A rotation that failed is tried again this much later. */
export const RETRY_SECONDS = 3600n;

/** When the object is due for automatic rotation, from its own attributes; undefined when never. */
export function rotationDue(attrs: readonly Attribute[]): bigint | undefined {
  if (boolOf(attrs, 'Rotate Automatic') !== true || boolOf(attrs, 'Rotate Latest') === false) return undefined;
  const interval = intOf(attrs, 'Rotate Interval');
  const initial = dateOf(attrs, 'Initial Date');
  if (!interval || interval <= 0 || initial === undefined) return undefined;
  return initial + BigInt(interval);
}

/** attrs with `_rotate_due` matching the Rotate attributes (removed when the object is not rotated automatically). */
export function withRotationDue(attrs: Attribute[]): Attribute[] {
  const due = rotationDue(attrs);
  const had = findAttr(attrs, ROTATE_DUE);
  if (due === undefined) return had ? removeAll(attrs, ROTATE_DUE) : attrs;
  if (had && had.value.type === ItemType.DateTime && had.value.value === due) return attrs;
  return setSingle(attrs, ROTATE_DUE, T.date(Tag.AttributeValue, due));
}

/** A new object that rotates automatically starts at Rotate Generation 0 and is the latest of its set. */
export function withRotationStart(attrs: Attribute[]): Attribute[] {
  if (boolOf(attrs, 'Rotate Automatic') !== true) return attrs;
  let out = attrs;
  if (intOf(out, 'Rotate Generation') === undefined) out = setSingle(out, 'Rotate Generation', T.int(Tag.AttributeValue, 0));
  if (boolOf(out, 'Rotate Latest') === undefined) out = setSingle(out, 'Rotate Latest', T.bool(Tag.AttributeValue, true));
  return out;
}

/** Does this object belong to a rotation set (rotates automatically, or is a generation of one)? */
export function isRotating(attrs: readonly Attribute[]): boolean {
  return intOf(attrs, 'Rotate Generation') !== undefined || boolOf(attrs, 'Rotate Automatic') === true;
}

/** The replacement of `old` in its rotation set (Re-key, Re-key Key Pair): the next generation, the latest. */
export function nextGeneration(old: readonly Attribute[], attrs: Attribute[]): Attribute[] {
  if (!isRotating(old)) return attrs;
  const out = setSingle(attrs, 'Rotate Generation', T.int(Tag.AttributeValue, (intOf(old, 'Rotate Generation') ?? 0) + 1));
  return setSingle(removeAll(out, 'Rotate Date'), 'Rotate Latest', T.bool(Tag.AttributeValue, true));
}

/** The replaced object: no longer the latest of its set, rotated at `now`. */
export function rotatedAway(attrs: Attribute[], now: bigint): Attribute[] {
  if (!isRotating(attrs)) return attrs;
  return setSingle(setSingle(attrs, 'Rotate Latest', T.bool(Tag.AttributeValue, false)), 'Rotate Date', T.date(Tag.AttributeValue, now));
}

export interface RotationDeps {
  store: ObjectStore;
  crypto: CryptoProvider;
  options: OperationOptions;
  /** Records one rotation (or its failure); throws when the record cannot be kept, and the rotation is undone. */
  audit?: (e: AuditEvent) => void;
  /** Re-key and Re-key Key Pair as the operations table has them (injected: this module sits below the table). */
  reKey: (payload: TtlvItem, ctx: OperationContext) => Promise<{ idPlaceholder?: string }>;
  reKeyKeyPair?: (payload: TtlvItem, ctx: OperationContext) => Promise<{ idPlaceholder?: string }>;
}

export interface RotationResult {
  rotated: Array<{ from: string; to: string }>;
  failed: Array<{ uid: string; error: string }>;
}

/** Re-keys every Symmetric Key and key pair (by its Private Key) whose rotation is due at `now` (at most `limit`). */
export async function sweepRotation(deps: RotationDeps, now: Date, limit = ROTATE_BATCH): Promise<RotationResult> {
  const nowSec = BigInt(Math.floor(now.getTime() / 1000));
  const due = deps.store.locate({
    filters: [{ name: ROTATE_DUE, op: 'le', value: T.date(Tag.AttributeValue, nowSec) }],
    objectTypes: [ObjectType.SymmetricKey, ObjectType.PrivateKey],
    states: [State.PreActive, State.Active],
    maxItems: limit,
  });
  const result: RotationResult = { rotated: [], failed: [] };
  for (const uid of due) {
    const obj = deps.store.get(uid);
    const when = obj && rotationDue(obj.attributes);
    if (!obj || when === undefined || when > nowSec) continue;
    const started = process.hrtime.bigint();
    const pair = obj.objectType === ObjectType.PrivateKey;
    const operation = pair ? Operation.ReKeyKeyPair : Operation.ReKey;
    const journal = deps.store.journal();
    const ctx: OperationContext = {
      version: { major: 2, minor: 1 },
      principal: obj.owner,
      tenant: obj.tenant,
      idPlaceholder: undefined,
      journal,
      store: deps.store,
      crypto: deps.crypto,
      now: () => now,
      options: deps.options,
      operation,
    };
    // Rotate Offset is the Re-key's Offset. Re-key accepts an Offset only for a key with an Activation Date;
    // for one without, the replacement's Activation Date is set to now + Rotate Offset directly. Re-key Key
    // Pair takes the Offset either way.
    const offset = findAttr(obj.attributes, 'Rotate Offset')?.value.type === ItemType.Interval ? intOf(obj.attributes, 'Rotate Offset') : undefined;
    const fields: TtlvItem[] = [T.text(pair ? Tag.PrivateKeyUniqueIdentifier : Tag.UniqueIdentifier, uid)];
    if (offset !== undefined && (pair || dateOf(obj.attributes, 'Activation Date') !== undefined)) fields.push(T.interval(Tag.Offset, offset));
    else if (offset !== undefined) fields.push(T.struct(Tag.Attributes, [T.date(Tag.ActivationDate, nowSec + BigInt(offset))]));
    const payload = T.struct(Tag.RequestPayload, fields);
    const event = (objects: string[], error?: string): AuditEvent => ({
      time: now.toISOString(),
      source: 'server',
      principal: obj.owner,
      fingerprint: '',
      address: 'server',
      version: '2.1',
      operation: pair ? 'ReKeyKeyPair' : 'ReKey',
      objects,
      status: error ? 'OperationFailed' : 'Success',
      reason: error ? 'GeneralFailure' : '',
      message: error ? `automatic rotation: ${error}` : 'automatic rotation',
      durationUs: Number((process.hrtime.bigint() - started) / 1000n),
    });
    try {
      const run = pair ? deps.reKeyKeyPair : deps.reKey;
      if (!run) throw new Error('key pairs are not rotated here');
      const r = await run(payload, ctx);
      const to = r.idPlaceholder as string;
      deps.audit?.(event([uid, to])); // a refused record throws: the rotation is undone below
      result.rotated.push({ from: uid, to });
    } catch (err) {
      // Whatever the Re-key wrote before it failed is undone (a second rollback is a no-op).
      journal.rollback();
      const message = (err as Error).message;
      result.failed.push({ uid, error: message });
      // Not again at every sweep: an hour later (the object keeps its Rotate attributes).
      const current = deps.store.get(uid);
      if (current) deps.store.update({ ...current, attributes: setSingle(current.attributes, ROTATE_DUE, T.date(Tag.AttributeValue, nowSec + RETRY_SECONDS)) });
      try {
        deps.audit?.(event([uid], message));
      } catch {
        // The failure is also in the server log (the caller logs result.failed).
      }
    }
  }
  if (due.length > 0) await deps.store.durable();
  return result;
}
