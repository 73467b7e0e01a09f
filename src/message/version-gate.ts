/**
 * The version gate: the last pass over every response before it is encoded. It is driven by the spec
 * tables (src/kmip metadata), never by special cases in operations:
 *  - a tag the negotiated version does not define is removed (e.g. Client Correlation Value before
 *    1.4, the 2.x Attributes structure in 1.x); vendor extension tags (0x54xxxx) are kept;
 *  - a Date-Time Extended item (a 2.0 type) is removed from 1.x answers;
 *  - a 1.x Attribute whose Attribute Name is a standard attribute the version does not define
 *    ("Fresh", "Original Creation Date" to 1.0) is removed whole, and so is an Attribute that lost a
 *    field here (never half an attribute);
 *  - an enumeration value the version does not define is removed with its field, except Result
 *    Reason, which is mapped to the nearest older reason (REASON_FALLBACK) so a failure keeps a reason,
 *    and Operation, which echoes the request;
 * Operations should already encode per version; this is the safety net that makes "never emit what the
 * version does not define" true for every answer.
 */
import { ItemType } from '../kmip/item-type';
import { Tag } from '../kmip/tags';
import { ResultReason } from '../kmip/enums';
import { attributeVersions, enumValueDefinedIn, enumerationOfTag, tagDefinedIn } from './spec-index';
import type { TtlvItem } from '../ttlv/item';
import { versionKey, type ProtocolVersion } from './version';

/**
 * Result Reasons added in later versions and the older reason that covers the same failure, by
 * normalized name. Sources: the 1.x error tables (1.4 §11) use Permission Denied for lifecycle-state
 * violations, Item Not Found for missing objects and attributes, Invalid Field for bad values.
 * Chains are followed until a reason the version defines is reached; General Failure ends every chain.
 */
export const REASON_FALLBACK: Readonly<Record<string, string>> = {
  WrongKeyLifecycleState: 'PermissionDenied',
  ObjectNotFound: 'ItemNotFound',
  ObjectDestroyed: 'ItemNotFound',
  AttributeNotFound: 'ItemNotFound',
  AttributeInstanceNotFound: 'ItemNotFound',
  UnknownObjectGroup: 'ItemNotFound',
  AttributeReadOnly: 'PermissionDenied',
  ReadOnlyAttribute: 'PermissionDenied',
  NotExtractable: 'PermissionDenied',
  NotAuthorised: 'PermissionDenied',
  AttestationFailed: 'PermissionDenied',
  AttestationRequired: 'PermissionDenied',
  AttributeSingleValued: 'InvalidField',
  MultiValuedAttribute: 'InvalidField',
  InvalidAttribute: 'InvalidField',
  InvalidAttributeValue: 'InvalidField',
  InvalidDataType: 'InvalidField',
  UnsupportedAttribute: 'InvalidField',
  NonUniqueNameAttribute: 'InvalidField',
  InvalidObjectType: 'InvalidField',
  IllegalObjectType: 'InvalidField',
  BadCryptographicParameters: 'InvalidField',
  UnsupportedCryptographicParameters: 'InvalidField',
  MissingInitializationVector: 'InvalidField',
  InvalidCSR: 'InvalidField',
  InvalidCorrelationValue: 'InvalidField',
  InvalidAsynchronousCorrelationValue: 'InvalidField',
  IncompatibleCryptographicUsageMask: 'InvalidField',
  ConstraintViolation: 'InvalidField',
  UnknownEnumeration: 'InvalidField',
  UnknownTag: 'InvalidField',
  NumericRange: 'InvalidField',
  BadPassword: 'InvalidField',
  InvalidTicket: 'InvalidField',
  ObjectAlreadyExists: 'InvalidField',
  DuplicateProcessRequest: 'InvalidField',
  Sensitive: 'PermissionDenied',
  // 1.x-only reasons, for 2.x answers.
  IllegalOperation: 'InvalidField',
  IndexOutOfBounds: 'ServerLimitExceeded',
  KeyWrapTypeNotSupported: 'FeatureNotSupported',
  EncodingOptionError: 'FeatureNotSupported',
  ApplicationNamespaceNotSupported: 'FeatureNotSupported',
  UnsupportedProtocolVersion: 'OperationNotSupported',
  CodecError: 'InvalidMessage',
  UnknownMessageExtension: 'InvalidMessage',
  InternalServerError: 'GeneralFailure',
  ServerLimitExceeded: 'GeneralFailure',
  KeyValueNotPresent: 'GeneralFailure',
  ProtectionStorageUnavailable: 'GeneralFailure',
  PrivateProtectionStorageUnavailable: 'GeneralFailure',
  PublicProtectionStorageUnavailable: 'GeneralFailure',
  UsageLimitExceeded: 'PermissionDenied',
  WrappingObjectArchived: 'ObjectArchived',
  WrappingObjectDestroyed: 'ItemNotFound',
  WrappingObjectNotFound: 'ItemNotFound',
  PKCS_11CodecError: 'CryptographicFailure',
  PKCS_11InvalidFunction: 'CryptographicFailure',
  PKCS_11InvalidInterface: 'CryptographicFailure',
};

const REASON_BY_NAME = ResultReason as unknown as Record<string, number>;
const REASON_NAME_BY_VALUE = new Map<number, string>(Object.entries(REASON_BY_NAME).map(([k, v]) => [v, k]));

/** Result Reason as the given version can carry it. */
export function mapResultReason(reason: number, version: ProtocolVersion): number {
  const v = versionKey(version);
  let current = reason;
  for (let hops = 0; hops < 8; hops++) {
    if (current >= 0x80000000 || enumValueDefinedIn('ResultReason', current, v)) return current;
    const name = REASON_NAME_BY_VALUE.get(current);
    const next = name ? REASON_FALLBACK[name] : undefined;
    if (!next || REASON_BY_NAME[next] === undefined) break;
    current = REASON_BY_NAME[next];
  }
  return ResultReason.GeneralFailure;
}

function isCustomAttributeName(name: string): boolean {
  return /^[xy]-/i.test(name);
}

function attributeAllowed(item: TtlvItem, v: string): boolean {
  if (item.type !== ItemType.Structure) return true;
  const nameItem = item.value.find((c) => c.tag === Tag.AttributeName);
  if (!nameItem || nameItem.type !== ItemType.TextString || isCustomAttributeName(nameItem.value)) return true;
  const versions = attributeVersions(nameItem.value);
  return versions === undefined || versions.has(v);
}

const EXTENSION_TAG_MIN = 0x540000;
const EXTENSION_TAG_MAX = 0x54ffff;

export interface GateReport {
  /** Tags of removed items, for a debug log line. */
  removed: number[];
}

/**
 * Returns the item as the version may carry it, or undefined when the item itself must go. Never
 * mutates its input (response payloads can share subtrees with stored objects).
 */
export function gateItem(item: TtlvItem, version: ProtocolVersion, report?: GateReport): TtlvItem | undefined {
  return gate(item, versionKey(version), version.major < 2, report, undefined);
}

function gate(item: TtlvItem, v: string, is1x: boolean, report: GateReport | undefined, parentTag: number | undefined): TtlvItem | undefined {
  const isExtension = item.tag >= EXTENSION_TAG_MIN && item.tag <= EXTENSION_TAG_MAX;
  const drop = () => {
    report?.removed.push(item.tag);
    return undefined;
  };
  if (!isExtension && !tagDefinedIn(item.tag, v)) return drop();
  if (is1x && item.type === ItemType.DateTimeExtended) return drop();
  if (item.type === ItemType.Enumeration && !isExtension) {
    if (item.tag === Tag.ResultReason) {
      const mapped = mapResultReason(item.value, versionFromKey(v));
      return mapped === item.value ? item : { ...item, value: mapped };
    }
    // Operation is an echo of what the client sent (required when present in the request), so a value
    // the version lacks (Discover Versions in a 1.0 request) is echoed with its failure, not removed.
    if (item.tag === Tag.Operation && parentTag === Tag.BatchItem) return item;
    const enumName = enumerationOfTag(item.tag);
    if (enumName && item.value < 0x80000000 && !enumValueDefinedIn(enumName, item.value, v)) return drop();
    return item;
  }
  if (item.type !== ItemType.Structure) return item;
  if (item.tag === Tag.Attribute && !attributeAllowed(item, v)) return drop();
  const kept: TtlvItem[] = [];
  let changed = false;
  for (const c of item.value) {
    const g = gate(c, v, is1x, report, item.tag);
    if (g !== c) changed = true;
    if (g !== undefined) kept.push(g);
  }
  if (!changed) return item;
  // An attribute that lost its value (or part of it) is not sent at all.
  if (item.tag === Tag.Attribute && kept.length !== item.value.length) return drop();
  return { ...item, value: kept };
}

function versionFromKey(v: string): ProtocolVersion {
  const [major, minor] = v.split('.').map(Number);
  return { major, minor };
}
