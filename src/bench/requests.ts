/**
 * KMIP request messages the load generator sends, and the reading of their responses.
 *
 * Requests are plain KMIP as every 1.x server understands it (PyKMIP included): Template-Attribute
 * with Attribute Name/Value pairs for 1.x, the Attributes structure for 2.x. Nothing vendor-specific.
 */
import { HttpStatusError } from '../client/http-framing';
import {
  BlockCipherMode, CryptographicAlgorithm, CryptographicUsageMask, KeyFormatType, NameType, ObjectType, Operation,
  PaddingMethod, QueryFunction, ResultReason, ResultStatus, Tag,
} from '../kmip';
import { ItemType } from '../kmip/item-type';
import { decodeTtlv } from '../ttlv/binary-reader';
import { encodeTtlv } from '../ttlv/binary-writer';
import { T, child, children, type TtlvItem } from '../ttlv/item';

export interface KmipVersion {
  major: number;
  minor: number;
}

export function parseKmipVersion(s: string): KmipVersion {
  const m = /^(\d+)\.(\d+)$/.exec(s.trim());
  if (!m) throw new Error(`KMIP version must look like 1.4, got "${s}"`);
  const v = { major: Number(m[1]), minor: Number(m[2]) };
  if (v.major < 1 || v.major > 2) throw new Error(`KMIP version ${s} is not one of 1.0-2.1`);
  return v;
}

/** One batch item of a request: operation and payload children. */
export interface RequestItem {
  operation: number;
  payload: TtlvItem[];
}

/** Encode one Request Message. Unique Batch Item IDs are added when there is more than one item. */
export function encodeRequest(version: KmipVersion, items: RequestItem[]): Buffer {
  const header = T.struct(Tag.RequestHeader, [
    T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, version.major), T.int(Tag.ProtocolVersionMinor, version.minor)]),
    T.int(Tag.BatchCount, items.length),
  ]);
  const batch = items.map((it, i) => {
    const parts: TtlvItem[] = [T.enum(Tag.Operation, it.operation)];
    if (items.length > 1) parts.push(T.bytes(Tag.UniqueBatchItemID, Buffer.from([(i >> 24) & 0xff, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff])));
    parts.push(T.struct(Tag.RequestPayload, it.payload));
    return T.struct(Tag.BatchItem, parts);
  });
  return encodeTtlv(T.struct(Tag.RequestMessage, [header, ...batch]));
}

/** What the load generator needs to know of one response batch item. */
export interface ResponseItem {
  ok: boolean;
  /** Result Reason (failed items), or undefined. */
  reason?: number;
  message?: string;
  payload?: TtlvItem;
}

export class BadResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadResponseError';
  }
}

/** How a failed exchange is counted: an undecodable answer, or the connection's error code. */
export function errorLabel(err: unknown): string {
  const e = err as Error & { code?: string };
  if (err instanceof HttpStatusError) return `HTTP ${err.status}`;
  return err instanceof BadResponseError ? 'Bad Response: undecodable' : `Connection: ${e.code ?? e.name}`;
}

/** Decode a framed Response Message into its batch items (throws BadResponseError when it is not one). */
export function decodeResponse(frame: Buffer): ResponseItem[] {
  let msg: TtlvItem;
  try {
    msg = decodeTtlv(frame, { maxMessageSize: Math.max(frame.length, 1024) });
  } catch (err) {
    throw new BadResponseError(`response does not decode: ${(err as Error).message}`);
  }
  if (msg.tag !== Tag.ResponseMessage || msg.type !== ItemType.Structure) throw new BadResponseError('not a Response Message');
  return children(msg, Tag.BatchItem).map((b) => {
    const status = child(b, Tag.ResultStatus);
    const reason = child(b, Tag.ResultReason);
    const message = child(b, Tag.ResultMessage);
    const ok = status?.type === ItemType.Enumeration && status.value === ResultStatus.Success;
    return {
      ok,
      reason: !ok && reason?.type === ItemType.Enumeration ? reason.value : undefined,
      message: message?.type === ItemType.TextString ? message.value : undefined,
      payload: child(b, Tag.ResponsePayload),
    };
  });
}

export function textField(payload: TtlvItem | undefined, tag: number): string | undefined {
  const f = child(payload, tag);
  return f?.type === ItemType.TextString ? f.value : undefined;
}

export function bytesField(payload: TtlvItem | undefined, tag: number): Buffer | undefined {
  const f = child(payload, tag);
  return f?.type === ItemType.ByteString ? f.value : undefined;
}

/** Human name of a Result Reason value (for the error table). */
export function reasonName(reason: number | undefined): string {
  if (reason === undefined) return 'no Result Reason';
  for (const [k, v] of Object.entries(ResultReason)) if (v === reason) return k;
  return `0x${reason.toString(16)}`;
}

// ---- payload builders ------------------------------------------------------------------------

const uid = (id: string): TtlvItem => T.text(Tag.UniqueIdentifier, id);

/** One attribute, in the shape of the version: Attribute{Name, Value} (1.x) or the bare tag (2.x). */
interface Attr {
  name: string;
  item: TtlvItem;
}

function attr1x(a: Attr): TtlvItem {
  return T.struct(Tag.Attribute, [T.text(Tag.AttributeName, a.name), { ...a.item, tag: Tag.AttributeValue } as TtlvItem]);
}

/** Template-Attribute (1.x) or Attributes (2.x) holding the attributes. */
function attributeContainer(v: KmipVersion, attrs: Attr[]): TtlvItem {
  return v.major >= 2 ? T.struct(Tag.Attributes, attrs.map((a) => a.item)) : T.struct(Tag.TemplateAttribute, attrs.map(attr1x));
}

const usageMask = (): Attr => ({
  name: 'Cryptographic Usage Mask',
  item: T.int(Tag.CryptographicUsageMask, CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt),
});

const nameAttr = (name: string): Attr => ({
  name: 'Name',
  item: T.struct(Tag.Name, [T.text(Tag.NameValue, name), T.enum(Tag.NameType, NameType.UninterpretedTextString)]),
});

/** Create an AES-256 key usable for Encrypt and Decrypt. */
export function createAesKey(v: KmipVersion): RequestItem {
  return {
    operation: Operation.Create,
    payload: [
      T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      attributeContainer(v, [
        { name: 'Cryptographic Algorithm', item: T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES) },
        { name: 'Cryptographic Length', item: T.int(Tag.CryptographicLength, 256) },
        usageMask(),
      ]),
    ],
  };
}

/** Create Key Pair: RSA of `bits` (private key signs, public key verifies); RSA-4096 is the slow case. */
export function createRsaKeyPair(v: KmipVersion, bits: number): RequestItem {
  const two = v.major >= 2;
  const container = (tag1x: number, tag2x: number, attrs: Attr[]) =>
    two ? T.struct(tag2x, attrs.map((a) => a.item)) : T.struct(tag1x, attrs.map(attr1x));
  const mask = (m: number): Attr => ({ name: 'Cryptographic Usage Mask', item: T.int(Tag.CryptographicUsageMask, m) });
  return {
    operation: Operation.CreateKeyPair,
    payload: [
      container(Tag.CommonTemplateAttribute, Tag.CommonAttributes, [
        { name: 'Cryptographic Algorithm', item: T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.RSA) },
        { name: 'Cryptographic Length', item: T.int(Tag.CryptographicLength, bits) },
      ]),
      container(Tag.PrivateKeyTemplateAttribute, Tag.PrivateKeyAttributes, [mask(CryptographicUsageMask.Sign)]),
      container(Tag.PublicKeyTemplateAttribute, Tag.PublicKeyAttributes, [mask(CryptographicUsageMask.Verify)]),
    ],
  };
}

/**
 * Register a raw AES key (32 bytes for AES-256), optionally with a Name and an Activation Date (a date
 * already passed makes a server that applies it at registration store the key Active: no Activate needed).
 */
export function registerAesKey(v: KmipVersion, material: Buffer, name?: string, activationDate?: Date): RequestItem {
  const attrs = [usageMask()];
  if (name) attrs.push(nameAttr(name));
  if (activationDate) {
    attrs.push({ name: 'Activation Date', item: T.date(Tag.ActivationDate, BigInt(Math.floor(activationDate.getTime() / 1000))) });
  }
  const keyBlock = T.struct(Tag.KeyBlock, [
    T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
    T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, material)]),
    T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
    T.int(Tag.CryptographicLength, material.length * 8),
  ]);
  return {
    operation: Operation.Register,
    payload: [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), attributeContainer(v, attrs), T.struct(Tag.SymmetricKey, [keyBlock])],
  };
}

export function getItem(id: string): RequestItem {
  return { operation: Operation.Get, payload: [uid(id)] };
}

export function activateItem(id: string): RequestItem {
  return { operation: Operation.Activate, payload: [uid(id)] };
}

/** Destroy; without an id it uses the ID Placeholder (the object created earlier in the batch). */
export function destroyItem(id?: string): RequestItem {
  return { operation: Operation.Destroy, payload: id === undefined ? [] : [uid(id)] };
}

/** Locate by Name (exercises the attribute index), at most `max` results. */
export function locateByName(v: KmipVersion, name: string, max = 1): RequestItem {
  const filter = nameAttr(name);
  const payload: TtlvItem[] = [T.int(Tag.MaximumItems, max)];
  if (v.major >= 2) payload.push(T.struct(Tag.Attributes, [filter.item]));
  else payload.push(attr1x(filter));
  return { operation: Operation.Locate, payload };
}

/** Locate by Name and State (did the server make a registered key Active?). */
export function locateByNameAndState(v: KmipVersion, name: string, state: number): RequestItem {
  const filters: Attr[] = [nameAttr(name), { name: 'State', item: T.enum(Tag.State, state) }];
  const payload: TtlvItem[] = [T.int(Tag.MaximumItems, 1)];
  if (v.major >= 2) payload.push(T.struct(Tag.Attributes, filters.map((f) => f.item)));
  else payload.push(...filters.map(attr1x));
  return { operation: Operation.Locate, payload };
}

export function queryItem(): RequestItem {
  return {
    operation: Operation.Query,
    payload: [T.enum(Tag.QueryFunction, QueryFunction.QueryOperations), T.enum(Tag.QueryFunction, QueryFunction.QueryObjects)],
  };
}

export type CipherName = 'aes-gcm' | 'aes-cbc';

function cryptoParameters(cipher: CipherName): TtlvItem {
  if (cipher === 'aes-gcm') {
    return T.struct(Tag.CryptographicParameters, [
      T.enum(Tag.BlockCipherMode, BlockCipherMode.GCM),
      T.enum(Tag.PaddingMethod, PaddingMethod.None),
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      T.int(Tag.TagLength, 16),
    ]);
  }
  return T.struct(Tag.CryptographicParameters, [
    T.enum(Tag.BlockCipherMode, BlockCipherMode.CBC),
    T.enum(Tag.PaddingMethod, PaddingMethod.PKCS5),
    T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
  ]);
}

/** Encrypt with a client-chosen IV (12 bytes for GCM, 16 for CBC), so every server answers alike. */
export function encryptItem(id: string, cipher: CipherName, data: Buffer, iv: Buffer): RequestItem {
  return {
    operation: Operation.Encrypt,
    payload: [uid(id), cryptoParameters(cipher), T.bytes(Tag.Data, data), T.bytes(Tag.IVCounterNonce, iv)],
  };
}

export function decryptItem(id: string, cipher: CipherName, data: Buffer, iv: Buffer, tag?: Buffer): RequestItem {
  const payload = [uid(id), cryptoParameters(cipher), T.bytes(Tag.Data, data), T.bytes(Tag.IVCounterNonce, iv)];
  if (tag) payload.push(T.bytes(Tag.AuthenticatedEncryptionTag, tag));
  return { operation: Operation.Decrypt, payload };
}

export function ivLength(cipher: CipherName): number {
  return cipher === 'aes-gcm' ? 12 : 16;
}
