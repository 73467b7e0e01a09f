/**
 * Query (KMIP 1.0+). Every Query Function the version defines is answered:
 *  - Operations and Objects are derived from the dispatch table (operations the version defines; object
 *    types Register accepts and the version defines);
 *  - Server Information: Vendor Identification (options, "Tumbler") and a Server Information structure
 *    (2.x: Server Name / Product Name / Server Version; every version: the crypto provider's kind — never its
 *    module path or token label — in our vendor extension tag, listed by Extension List/Map);
 *  - RNGs: the provider's generator as far as it is known (provider-facts.ts);
 *  - Application Namespaces: none; Profiles and Capabilities (1.3+) from the spec's Profile Name values;
 *  - Attestation Types, Validations, Client Registration Methods, Defaults, Storage Protection Masks:
 *    nothing to report (empty answer, which the specification allows).
 */
import { ItemType } from '../kmip/item-type';
import {
  ClientRegistrationMethod,
  DestroyAction,
  Operation,
  ProfileName,
  QueryFunction,
  RNGMode,
  ResultReason,
  ShreddingAlgorithm,
  Tag,
  UnwrapMode,
  enumInfo,
  isEnumValueDefinedIn,
  isTagDefinedIn,
} from '../kmip';
import { KmipError } from '../message/errors';
import { T, children, type TtlvItem } from '../ttlv/item';
import { versionKey } from '../attributes/spec';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { atLeast } from './common';
import { OBJECT_TAGS } from './objects';
import { providerSummary, rngFields } from './provider-facts';

/** Our one vendor extension: the crypto provider description inside Server Information. */
export const EXTENSION_PROVIDER_TAG = 0x540001;
export const EXTENSION_PROVIDER_NAME = 'Tumbler Crypto Provider';
export const SERVER_VERSION = '0.1.0';

/** The operations the dispatch table serves; set by operations/index.ts (avoids an import cycle). */
let tableOperations: () => readonly { operation: number; since: { major: number; minor: number } }[] = () => [];
export function bindOperationTable(f: typeof tableOperations): void {
  tableOperations = f;
}

function defined(enumName: string, value: number, ctx: OperationContext): boolean {
  const e = enumInfo(enumName);
  return e !== undefined && isEnumValueDefinedIn(e, value, versionKey(ctx.version));
}

function tagIn(ctx: OperationContext, tag: number): boolean {
  return isTagDefinedIn(tag, versionKey(ctx.version));
}

function operations(ctx: OperationContext): TtlvItem[] {
  return tableOperations()
    .filter((h) => atLeast(ctx, h.since.major, h.since.minor) && defined('Operation', h.operation, ctx))
    .map((h) => T.enum(Tag.Operation, h.operation));
}

function objects(ctx: OperationContext): TtlvItem[] {
  return OBJECT_TAGS.filter(([t]) => defined('ObjectType', t, ctx)).map(([t]) => T.enum(Tag.ObjectType, t));
}

function serverInformation(ctx: OperationContext): TtlvItem[] {
  const info: TtlvItem[] = [];
  if (tagIn(ctx, Tag.ServerName)) info.push(T.text(Tag.ServerName, ctx.options.serverInformation || 'Tumbler KMIP server'));
  if (tagIn(ctx, Tag.ServerVersion)) info.push(T.text(Tag.ServerVersion, SERVER_VERSION));
  if (tagIn(ctx, Tag.ProductName)) info.push(T.text(Tag.ProductName, 'Tumbler'));
  // Only the provider's kind: module paths, token labels and versions are nobody's business but the operator's.
  info.push(T.text(EXTENSION_PROVIDER_TAG, providerSummary(ctx.crypto.info)));
  return [T.text(Tag.VendorIdentification, ctx.options.vendorIdentification || 'Tumbler'), T.struct(Tag.ServerInformation, info)];
}

function extensions(ctx: OperationContext, map: boolean): TtlvItem[] {
  const fields: TtlvItem[] = [T.text(Tag.ExtensionName, EXTENSION_PROVIDER_NAME)];
  if (map) fields.push(T.int(Tag.ExtensionTag, EXTENSION_PROVIDER_TAG), T.int(Tag.ExtensionType, ItemType.TextString));
  if (map && tagIn(ctx, Tag.ExtensionParentStructureTag)) fields.push(T.int(Tag.ExtensionParentStructureTag, Tag.ServerInformation));
  if (map && tagIn(ctx, Tag.ExtensionDescription)) fields.push(T.text(Tag.ExtensionDescription, 'description of the crypto provider'));
  return [T.struct(Tag.ExtensionInformation, fields)];
}

/** Server profiles we implement, named per version as the Profile Name enumeration does. */
const PROFILE_STEMS = ['BaselineServerBasic', 'BaselineServerTLSV1_2', 'SymmetricKeyLifecycleServer', 'SymmetricKeyFoundryServer', 'OpaqueManagedObjectStoreServer'];
const PROFILE_STEMS_2X = ['BaselineServer', 'SymmetricKeyLifecycleServer', 'SymmetricKeyFoundryServer', 'OpaqueManagedObjectStoreServer'];
/** The Additional Message Encodings profiles (KMIP over HTTPS, XML, JSON), when `server.http` serves them. */
const HTTPS_PROFILE_STEMS = ['HTTPSServer', 'XMLServer', 'JSONServer'];

function profiles(ctx: OperationContext): TtlvItem[] {
  const names = ProfileName as Readonly<Record<string, number>>;
  const stems = ctx.options.overHttps ? [...(ctx.version.major >= 2 ? PROFILE_STEMS_2X : PROFILE_STEMS), ...HTTPS_PROFILE_STEMS] : ctx.version.major >= 2 ? PROFILE_STEMS_2X : PROFILE_STEMS;
  const wanted = ctx.version.major >= 2 ? stems : stems.map((s) => `${s}KMIPV${ctx.version.major}_${ctx.version.minor}`);
  const out: TtlvItem[] = [];
  for (const n of wanted) {
    const value = names[n];
    if (value === undefined || !defined('ProfileName', value, ctx)) continue;
    const fields: TtlvItem[] = [T.enum(Tag.ProfileName, value)];
    if (ctx.version.major >= 2 && tagIn(ctx, Tag.ProfileVersion)) {
      fields.push(T.struct(Tag.ProfileVersion, [T.int(Tag.ProfileVersionMajor, ctx.version.major), T.int(Tag.ProfileVersionMinor, ctx.version.minor)]));
    }
    out.push(T.struct(Tag.ProfileInformation, fields));
  }
  return out;
}

function capabilities(ctx: OperationContext): TtlvItem[] {
  const fields: TtlvItem[] = [];
  const flag = (tag: number, v: boolean) => {
    if (tagIn(ctx, tag)) fields.push(T.bool(tag, v));
  };
  // Multi-part crypto operations exist from 1.3, as does Capability Information (crypto/streams.ts).
  flag(Tag.StreamingCapability, true);
  // Locate, Archive and Recover may be answered Operation Pending when the server keeps an async registry.
  flag(Tag.AsynchronousCapability, ctx.options.asynchronous === true);
  flag(Tag.AttestationCapability, false);
  flag(Tag.BatchUndoCapability, true);
  flag(Tag.BatchContinueCapability, true);
  // Unwrap Mode, Destroy Action, Shredding Algorithm and RNG Mode: nothing specific to claim.
  for (const [tag, e] of [
    [Tag.UnwrapMode, UnwrapMode.Unspecified],
    [Tag.DestroyAction, DestroyAction.Unspecified],
    [Tag.ShreddingAlgorithm, ShreddingAlgorithm.Unspecified],
    [Tag.RNGMode, RNGMode.Unspecified],
  ] as const) {
    if (tagIn(ctx, tag)) fields.push(T.enum(tag, e));
  }
  return [T.struct(Tag.CapabilityInformation, fields)];
}

/**
 * How a client gets the certificate it authenticates with (KMIP 1.3+): the operator issues key and
 * certificate for it (`tumbler certs issue-client`: Server Pre-Generated), or signs the request of a key
 * the client generated (`tumbler certs sign-csr`: Client Generated). There is no KMIP path by which a
 * client obtains or registers its own TLS credential (Server On-Demand, Client Registered).
 */
const CLIENT_REGISTRATION_METHODS = [ClientRegistrationMethod.ServerPreGenerated, ClientRegistrationMethod.ClientGenerated];

export const query: OperationHandler = {
  operation: Operation.Query,
  since: { major: 1, minor: 0 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    const fns = children(payload, Tag.QueryFunction).slice(0, 64);
    const asked = new Set<number>();
    for (const f of fns) {
      if (f.type !== ItemType.Enumeration) throw new KmipError(ResultReason.InvalidField, 'Query Function must be an Enumeration');
      asked.add(f.value);
    }
    // Answer in the order the specification lists the response fields, whatever the request order.
    const out: TtlvItem[] = [];
    if (asked.has(QueryFunction.QueryOperations)) out.push(...operations(ctx));
    if (asked.has(QueryFunction.QueryObjects)) out.push(...objects(ctx));
    if (asked.has(QueryFunction.QueryServerInformation)) out.push(...serverInformation(ctx));
    // Query Application Namespaces: we support none, so nothing is listed.
    if (asked.has(QueryFunction.QueryExtensionList) && atLeast(ctx, 1, 1)) out.push(...extensions(ctx, false));
    if (asked.has(QueryFunction.QueryExtensionMap) && atLeast(ctx, 1, 1)) out.push(...extensions(ctx, true));
    if (asked.has(QueryFunction.QueryRNGs) && tagIn(ctx, Tag.RNGParameters)) {
      out.push(T.struct(Tag.RNGParameters, rngFields(ctx.crypto.info)));
    }
    if (asked.has(QueryFunction.QueryProfiles) && tagIn(ctx, Tag.ProfileInformation)) out.push(...profiles(ctx));
    if (asked.has(QueryFunction.QueryCapabilities) && tagIn(ctx, Tag.CapabilityInformation)) out.push(...capabilities(ctx));
    if (asked.has(QueryFunction.QueryClientRegistrationMethods) && tagIn(ctx, Tag.ClientRegistrationMethod)) {
      out.push(...CLIENT_REGISTRATION_METHODS.map((m) => T.enum(Tag.ClientRegistrationMethod, m)));
    }
    return { payload: out };
  },
};
