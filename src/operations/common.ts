/**
 * Helpers every operation shares: the Unique Identifier of the request (or the ID Placeholder), loading an
 * object of the caller's tenant, saving with Last Change Date and the batch journal, the effective state, the
 * full attribute list of an object (stored attributes plus the ones held in columns), and the policy hook.
 */
import { ItemType } from '../kmip/item-type';
import { Tag, ResultReason, State, enumInfo, isEnumValueDefinedIn } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import type { Attribute } from '../attributes/model';
import { dateOf, findAttr, setSingle } from '../attributes/list';
import { SHORT_UID, shortUniqueIdentifier, storedShortUid } from '../attributes/short-uid';
import { versionKey } from '../attributes/spec';
import { effectiveState } from '../lifecycle';
import type { StoredObject } from '../store/port';
import type { OperationContext } from './types';
import { newObjectId } from './object-id';
import { withRotationDue } from './rotation';

/** Names starting with "_" are server bookkeeping: stored with the object, never sent to a client. */
export const STORAGE_ATTRIBUTE = '_storage';
export const STORAGE_ONLINE = 1;
export const STORAGE_ARCHIVED = 2;
/** Lease Time given to new objects (KMIP 1.4 §3.33, set by the server): one hour. */
export const DEFAULT_LEASE_SECONDS = 3600;

export function isInternal(name: string): boolean {
  return name.startsWith('_');
}

export function nowSeconds(ctx: OperationContext): bigint {
  return BigInt(Math.floor(ctx.now().getTime() / 1000));
}

export function atLeast(ctx: OperationContext, major: number, minor: number): boolean {
  return ctx.version.major > major || (ctx.version.major === major && ctx.version.minor >= minor);
}

/** A 2.x-only Result Reason where the version defines it, else the 1.x reason that says the same. */
export function reasonFor(ctx: OperationContext, preferred: number, fallback: number): number {
  const e = enumInfo('ResultReason');
  return e && isEnumValueDefinedIn(e, preferred, versionKey(ctx.version)) ? preferred : fallback;
}

export function notFound(ctx: OperationContext, uid: string): KmipError {
  return new KmipError(reasonFor(ctx, ResultReason.ObjectNotFound, ResultReason.ItemNotFound), `object "${uid}" not found`);
}

/** A new object's Unique Identifier: a time-ordered ULID (see object-id.ts for why). */
export function newUid(_ctx: OperationContext): string {
  return newObjectId();
}

/** The Unique Identifier field of the payload, else the ID Placeholder (KMIP 1.4 §6.1.1... "ID Placeholder"). */
export function requestUid(payload: TtlvItem, ctx: OperationContext, required = true): string | undefined {
  const u = child(payload, Tag.UniqueIdentifier);
  if (u && u.type === ItemType.TextString) return u.value;
  if (u && u.type !== ItemType.Enumeration) throw new KmipError(ResultReason.InvalidField, 'Unique Identifier must be a Text String');
  // 2.x: an enumerated Unique Identifier (ID Placeholder, or the result of an earlier Create, ...) names
  // the object the batch is working on, which is what the ID Placeholder holds.
  if (ctx.idPlaceholder !== undefined) return ctx.idPlaceholder;
  // No identifier and an empty ID Placeholder (e.g. an earlier Locate in the batch found nothing): the object
  // the request refers to does not exist (the KMIP 1.1/1.2 TC-152 vectors answer Item Not Found).
  if (required) throw new KmipError(ResultReason.ItemNotFound, 'Unique Identifier missing and no ID Placeholder set: no object');
  return undefined;
}

export interface LoadOptions {
  /** Operations that act on archived objects (Recover, Get Attributes, ...). */
  allowArchived?: boolean;
}

/** The object with this identifier in the caller's tenant; other tenants' objects do not exist for the caller. */
export function loadObject(ctx: OperationContext, uid: string, opts: LoadOptions = {}): StoredObject {
  const obj = ctx.store.get(uid);
  if (!obj || obj.tenant !== ctx.tenant) throw notFound(ctx, uid);
  if (ctx.authorize) {
    // Objects the caller may not see do not exist for it (Item/Object Not Found, not Permission Denied).
    const d = ctx.authorize.object(ctx.operation ?? 0, obj);
    if (!d.allow) throw d.hide ? notFound(ctx, uid) : new KmipError(ResultReason.PermissionDenied, d.message);
  }
  if (!opts.allowArchived && isArchived(obj)) throw new KmipError(ResultReason.ObjectArchived, `object "${uid}" is archived`);
  return withEffectiveState(ctx, obj);
}

/**
 * The object as stored now, for a change made after an await (the HSM, a worker thread, a signature): other
 * requests ran meanwhile, and writing back a copy loaded before the await would undo what they changed, a
 * Destroy's erasure among it. Undefined when it is gone (or belongs to another tenant).
 */
export function storedNow(ctx: OperationContext, uid: string): StoredObject | undefined {
  const obj = ctx.store.get(uid);
  return obj && obj.tenant === ctx.tenant ? withEffectiveState(ctx, obj) : undefined;
}

export function isArchived(obj: StoredObject): boolean {
  const a = findAttr(obj.attributes, STORAGE_ATTRIBUTE);
  return a?.value.type === ItemType.Integer && a.value.value === STORAGE_ARCHIVED;
}

/** Apply the date rules: a Pre-Active object whose Activation Date passed is Active, and so on. */
export function withEffectiveState(ctx: OperationContext, obj: StoredObject): StoredObject {
  const dates = {
    activationDate: dateOf(obj.attributes, 'Activation Date'),
    deactivationDate: dateOf(obj.attributes, 'Deactivation Date'),
  };
  const state = effectiveState(obj.state, dates, nowSeconds(ctx));
  return state === obj.state ? obj : { ...obj, state };
}

export function isDestroyed(obj: StoredObject): boolean {
  return obj.state === State.Destroyed || obj.state === State.DestroyedCompromised;
}

/** Persist a changed object, stamping Last Change Date. */
export function saveObject(ctx: OperationContext, obj: StoredObject): StoredObject {
  // The automatic rotation due time follows the Rotate attributes (rotation.ts).
  const saved = { ...obj, attributes: withRotationDue(setSingle(obj.attributes, 'Last Change Date', T.date(Tag.AttributeValue, nowSeconds(ctx)))) };
  ctx.store.update(saved, ctx.journal);
  return saved;
}

/**
 * Most attribute instances one object may hold. KMIP sets no limit, but every Get, Encrypt and update of an
 * object reads all of its attributes: measured, an object grown to 5,000 Names by Add Attribute cost 99 ms
 * per Get and 62 ms per further Add Attribute, on the event loop every client shares.
 */
export const MAX_OBJECT_ATTRIBUTES = 1024;

/** Refuse a write that would leave an object with more than MAX_OBJECT_ATTRIBUTES attribute instances. */
export function checkAttributeCount(count: number, uid: string): void {
  if (count <= MAX_OBJECT_ATTRIBUTES) return;
  throw new KmipError(ResultReason.IllegalOperation, `object "${uid}" would have ${count} attribute instances; this server keeps at most ${MAX_OBJECT_ATTRIBUTES} per object`);
}

export function insertObject(ctx: OperationContext, obj: StoredObject): void {
  checkAttributeCount(obj.attributes.length, obj.uid);
  ctx.store.insert(obj, ctx.journal);
}

/**
 * Every attribute of the object, the column-held and derived ones first (Unique Identifier, Object Type, State,
 * and the Short Unique Identifier unless one is stored: an Import's, or one stored by an earlier version;
 * attributes/short-uid.ts).
 */
export function allAttributes(obj: StoredObject): Attribute[] {
  const head: Attribute[] = [
    { name: 'Unique Identifier', index: 0, value: T.text(Tag.AttributeValue, obj.uid) },
    { name: 'Object Type', index: 0, value: T.enum(Tag.AttributeValue, obj.objectType) },
    { name: 'State', index: 0, value: T.enum(Tag.AttributeValue, obj.state) },
  ];
  if (!storedShortUid(obj.attributes)) head.push({ name: SHORT_UID, index: 0, value: T.bytes(Tag.AttributeValue, shortUniqueIdentifier(obj.uid)) });
  return [...head, ...obj.attributes.filter((a) => !isInternal(a.name))];
}

export function uidItem(uid: string): TtlvItem {
  return T.text(Tag.UniqueIdentifier, uid);
}

/**
 * Policy hook: who may do what (src/auth decides through ctx.authorize). With an object, loadObject has
 * already checked it; without one (Create, Register, Create Key Pair, Locate, RNG...), the caller's role
 * must allow the batch item's operation.
 */
export function checkPolicy(ctx: OperationContext, _operation: string, obj?: StoredObject): void {
  if (obj || !ctx.authorize) return;
  const d = ctx.authorize.operation(ctx.operation ?? 0);
  if (!d.allow) throw new KmipError(ResultReason.PermissionDenied, d.message);
}

export function enumValue(item: TtlvItem | undefined, what: string): number | undefined {
  if (!item) return undefined;
  if (item.type !== ItemType.Enumeration) throw new KmipError(ResultReason.InvalidField, `${what} must be an Enumeration`);
  return item.value;
}

export function intValue(item: TtlvItem | undefined, what: string): number | undefined {
  if (!item) return undefined;
  if (item.type !== ItemType.Integer) throw new KmipError(ResultReason.InvalidField, `${what} must be an Integer`);
  return item.value;
}
