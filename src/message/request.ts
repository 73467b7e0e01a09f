/**
 * Request Message model (KMIP 1.4 §7.1-7.2, 2.1 §8.1-8.3) and its decoder from a TTLV tree.
 *
 * Rules (1.4 Table 327 "General Errors"):
 *  - a message that cannot be parsed, or a header field that appears twice or has the wrong item type,
 *    fails the whole message (Invalid Message, one batch item without Operation);
 *  - an error inside one batch item fails that item only (Invalid Message);
 *  - unknown header / batch item fields are ignored ("newer fields in older messages", and the
 *    attestation fields that we do not implement).
 * Authentication is parsed leniently; its Username and Password and Device credentials are checked against
 * the server's accounts by src/auth/credentials.ts (the TLS client certificate stays the first identity).
 */
import { ItemType } from '../kmip/item-type';
import { Tag } from '../kmip/tags';
import { ResultReason } from '../kmip/enums';
import type { TtlvItem } from '../ttlv/item';
import { KmipError } from './errors';
import type { ProtocolVersion } from './version';

export interface Credential {
  /** Credential Type enumeration value. */
  type: number;
  /** Username of a Username and Password credential. */
  username?: string;
  /** Password of a Username and Password or Device credential: lives as long as the request, never logged or stored. */
  password?: string;
  /** Device credential fields (1.1+). */
  deviceSerialNumber?: string;
  deviceIdentifier?: string;
  networkIdentifier?: string;
  machineIdentifier?: string;
  mediaIdentifier?: string;
  /** Ticket credential (2.0+): the Ticket from Login. */
  ticketType?: number;
  ticketValue?: Buffer;
}

/** Text fields of a Credential Value that are kept, by tag. */
const CREDENTIAL_TEXT: ReadonlyArray<[number, keyof Credential]> = [
  [Tag.Username, 'username'],
  [Tag.Password, 'password'],
  [Tag.DeviceSerialNumber, 'deviceSerialNumber'],
  [Tag.DeviceIdentifier, 'deviceIdentifier'],
  [Tag.NetworkIdentifier, 'networkIdentifier'],
  [Tag.MachineIdentifier, 'machineIdentifier'],
  [Tag.MediaIdentifier, 'mediaIdentifier'],
];

export interface RequestHeader {
  protocolVersion: ProtocolVersion;
  maximumResponseSize?: number;
  /** KMIP 1.x sends a Boolean; KMIP 2.x an Asynchronous Indicator enumeration (Mandatory/Optional/Prohibited). */
  asynchronousIndicator?: boolean | number;
  batchErrorContinuationOption?: number;
  batchOrderOption?: boolean;
  authentication?: Credential[];
  clientCorrelationValue?: string;
  serverCorrelationValue?: string;
  /** Seconds since the epoch. */
  timeStamp?: bigint;
  batchCount: number;
}

export interface RequestBatchItem {
  /** Operation enumeration value; undefined when the item had no readable Operation. */
  operation?: number;
  /** Echoed byte for byte in the response. */
  uniqueBatchItemId?: Buffer;
  /** The Request Payload structure. */
  payload?: TtlvItem;
  /** Set when this item cannot be executed (parse error, critical message extension); it fails with this. */
  error?: KmipError;
}

export interface RequestMessage {
  header: RequestHeader;
  batchItems: RequestBatchItem[];
}

/** The whole message is unusable. `version` is the header's Protocol Version when it could be read. */
export class RequestDecodeError extends KmipError {
  constructor(message: string, readonly version?: ProtocolVersion) {
    super(ResultReason.InvalidMessage, message);
    this.name = 'RequestDecodeError';
  }
}

function typeName(t: number): string {
  return Object.entries(ItemType).find(([, v]) => v === t)?.[0] ?? `0x${t.toString(16)}`;
}

function expectType(item: TtlvItem, type: number, field: string, fail: (m: string) => Error): void {
  if (item.type !== type) throw fail(`${field} must be ${typeName(type)}, got ${typeName(item.type)}`);
}

/** Structure children, refusing duplicates of the fields we read (1.4 Table 327: same field twice). */
function fieldsOf(s: TtlvItem, known: Set<number>, where: string, fail: (m: string) => Error): Map<number, TtlvItem> {
  const out = new Map<number, TtlvItem>();
  if (s.type !== ItemType.Structure) throw fail(`${where} must be a Structure`);
  for (const c of s.value) {
    if (!known.has(c.tag)) continue;
    if (out.has(c.tag)) throw fail(`${where} contains field 0x${c.tag.toString(16)} more than once`);
    out.set(c.tag, c);
  }
  return out;
}

export function decodeProtocolVersion(item: TtlvItem, fail: (m: string) => Error): ProtocolVersion {
  const f = fieldsOf(item, new Set([Tag.ProtocolVersionMajor, Tag.ProtocolVersionMinor]), 'Protocol Version', fail);
  const major = f.get(Tag.ProtocolVersionMajor);
  const minor = f.get(Tag.ProtocolVersionMinor);
  if (!major || !minor) throw fail('Protocol Version needs Protocol Version Major and Minor');
  expectType(major, ItemType.Integer, 'Protocol Version Major', fail);
  expectType(minor, ItemType.Integer, 'Protocol Version Minor', fail);
  return { major: major.value as number, minor: minor.value as number };
}

function decodeAuthentication(item: TtlvItem): Credential[] {
  // Lenient on purpose: clients send many shapes (FortiGate #824); what is not understood is ignored.
  const creds: Credential[] = [];
  if (item.type !== ItemType.Structure) return creds;
  for (const c of item.value) {
    if (c.tag !== Tag.Credential || c.type !== ItemType.Structure) continue;
    const cred: Credential = { type: 0 };
    for (const f of c.value) {
      if (f.tag === Tag.CredentialType && f.type === ItemType.Enumeration) cred.type = f.value;
      if (f.tag === Tag.CredentialValue && f.type === ItemType.Structure) {
        for (const [tag, field] of CREDENTIAL_TEXT) {
          const v = f.value.find((x) => x.tag === tag && x.type === ItemType.TextString);
          if (v) (cred as unknown as Record<string, string>)[field] = v.value as string;
        }
        const ticket = f.value.find((x) => x.tag === Tag.Ticket && x.type === ItemType.Structure);
        if (ticket && ticket.type === ItemType.Structure) {
          for (const t of ticket.value) {
            if (t.tag === Tag.TicketType && t.type === ItemType.Enumeration) cred.ticketType = t.value;
            if (t.tag === Tag.TicketValue && t.type === ItemType.ByteString) cred.ticketValue = t.value;
          }
        }
      }
    }
    creds.push(cred);
  }
  return creds;
}

const HEADER_FIELDS = new Set<number>([
  Tag.ProtocolVersion,
  Tag.MaximumResponseSize,
  Tag.ClientCorrelationValue,
  Tag.ServerCorrelationValue,
  Tag.AsynchronousIndicator,
  Tag.Authentication,
  Tag.BatchErrorContinuationOption,
  Tag.BatchOrderOption,
  Tag.TimeStamp,
  Tag.BatchCount,
]);

export function decodeRequestHeader(item: TtlvItem): RequestHeader {
  const earlyFail = (m: string) => new RequestDecodeError(m);
  if (item.tag !== Tag.RequestHeader) throw earlyFail('first field of Request Message must be Request Header');
  const f = fieldsOf(item, HEADER_FIELDS, 'Request Header', earlyFail);
  const pv = f.get(Tag.ProtocolVersion);
  if (!pv) throw earlyFail('Request Header has no Protocol Version');
  const protocolVersion = decodeProtocolVersion(pv, earlyFail);
  // From here on the version is known: carry it so the error answer is written in it.
  const fail = (m: string) => new RequestDecodeError(m, protocolVersion);
  const bc = f.get(Tag.BatchCount);
  if (!bc) throw fail('Request Header has no Batch Count');
  expectType(bc, ItemType.Integer, 'Batch Count', fail);
  const header: RequestHeader = { protocolVersion, batchCount: bc.value as number };

  const mrs = f.get(Tag.MaximumResponseSize);
  if (mrs) {
    expectType(mrs, ItemType.Integer, 'Maximum Response Size', fail);
    if ((mrs.value as number) <= 0) throw fail('Maximum Response Size must be positive');
    header.maximumResponseSize = mrs.value as number;
  }
  const ai = f.get(Tag.AsynchronousIndicator);
  if (ai) {
    if (ai.type === ItemType.Boolean) header.asynchronousIndicator = ai.value;
    else if (ai.type === ItemType.Enumeration) header.asynchronousIndicator = ai.value;
    else throw fail('Asynchronous Indicator must be a Boolean (1.x) or an Enumeration (2.x)');
  }
  const beco = f.get(Tag.BatchErrorContinuationOption);
  if (beco) {
    expectType(beco, ItemType.Enumeration, 'Batch Error Continuation Option', fail);
    header.batchErrorContinuationOption = beco.value as number;
  }
  const boo = f.get(Tag.BatchOrderOption);
  if (boo) {
    expectType(boo, ItemType.Boolean, 'Batch Order Option', fail);
    header.batchOrderOption = boo.value as boolean;
  }
  const auth = f.get(Tag.Authentication);
  if (auth) {
    expectType(auth, ItemType.Structure, 'Authentication', fail);
    header.authentication = decodeAuthentication(auth);
  }
  const ccv = f.get(Tag.ClientCorrelationValue);
  if (ccv) {
    expectType(ccv, ItemType.TextString, 'Client Correlation Value', fail);
    header.clientCorrelationValue = ccv.value as string;
  }
  const scv = f.get(Tag.ServerCorrelationValue);
  if (scv) {
    expectType(scv, ItemType.TextString, 'Server Correlation Value', fail);
    header.serverCorrelationValue = scv.value as string;
  }
  const ts = f.get(Tag.TimeStamp);
  if (ts) {
    expectType(ts, ItemType.DateTime, 'Time Stamp', fail);
    header.timeStamp = ts.value as bigint;
  }
  return header;
}

const ITEM_FIELDS = new Set<number>([Tag.Operation, Tag.UniqueBatchItemID, Tag.RequestPayload]);

/** Decode one batch item. Never throws: problems become `error` so that only this item fails. */
export function decodeRequestBatchItem(item: TtlvItem): RequestBatchItem {
  const out: RequestBatchItem = {};
  const fail = (m: string) => new KmipError(ResultReason.InvalidMessage, m);
  try {
    if (item.type !== ItemType.Structure) throw fail('Batch Item must be a Structure');
    // The UBI is read first so that even a broken item echoes it.
    const ubiItems = item.value.filter((c) => c.tag === Tag.UniqueBatchItemID);
    if (ubiItems.length === 1 && ubiItems[0].type === ItemType.ByteString) out.uniqueBatchItemId = Buffer.from(ubiItems[0].value);
    const op = item.value.filter((c) => c.tag === Tag.Operation);
    if (op.length === 1 && op[0].type === ItemType.Enumeration) out.operation = op[0].value;
    const f = fieldsOf(item, ITEM_FIELDS, 'Batch Item', fail);
    if (!f.get(Tag.Operation)) throw fail('Batch Item has no Operation');
    expectType(f.get(Tag.Operation)!, ItemType.Enumeration, 'Operation', fail);
    const ubi = f.get(Tag.UniqueBatchItemID);
    if (ubi) expectType(ubi, ItemType.ByteString, 'Unique Batch Item ID', fail);
    const payload = f.get(Tag.RequestPayload);
    if (!payload) throw fail('Batch Item has no Request Payload');
    expectType(payload, ItemType.Structure, 'Request Payload', fail);
    out.payload = payload;
    // Message Extension (1.4 §6.16): a critical extension we cannot understand rejects the item.
    for (const ext of item.value.filter((c) => c.tag === Tag.MessageExtension)) {
      const crit = ext.type === ItemType.Structure ? ext.value.find((c) => c.tag === Tag.CriticalityIndicator) : undefined;
      if (crit && crit.type === ItemType.Boolean && crit.value) {
        out.error = new KmipError(ResultReason.FeatureNotSupported, 'critical Message Extension is not supported');
      }
    }
  } catch (err) {
    out.error = err instanceof KmipError ? err : fail('Batch Item could not be parsed');
  }
  return out;
}

/** Decode a whole Request Message. Throws RequestDecodeError when the message as a whole is unusable. */
export function decodeRequestMessage(msg: TtlvItem): RequestMessage {
  if (msg.tag !== Tag.RequestMessage || msg.type !== ItemType.Structure) {
    throw new RequestDecodeError('message is not a Request Message structure');
  }
  const headers = msg.value.filter((c) => c.tag === Tag.RequestHeader);
  if (headers.length !== 1) throw new RequestDecodeError('Request Message must have exactly one Request Header');
  const header = decodeRequestHeader(headers[0]);
  const items = msg.value.filter((c) => c.tag === Tag.BatchItem);
  if (items.length === 0) throw new RequestDecodeError('Request Message has no Batch Item', header.protocolVersion);
  if (items.length !== header.batchCount) {
    throw new RequestDecodeError(
      `Batch Count ${header.batchCount} does not match the ${items.length} Batch Items sent`,
      header.protocolVersion,
    );
  }
  return { header, batchItems: items.map(decodeRequestBatchItem) };
}

/**
 * Best-effort read of the Protocol Version from raw bytes that did not decode: a request starts with
 * RequestMessage, RequestHeader, ProtocolVersion headers (8 bytes each), then Major and Minor
 * (16 bytes each). Used only to pick the version of the Invalid Message answer.
 */
export function sniffProtocolVersion(frame: Buffer): ProtocolVersion | undefined {
  if (frame.length < 56) return undefined;
  const tagAt = (o: number) => frame.readUIntBE(o, 3);
  const isInt = (o: number, tag: number) => tagAt(o) === tag && frame[o + 3] === ItemType.Integer && frame.readUInt32BE(o + 4) === 4;
  if (tagAt(0) !== Tag.RequestMessage || tagAt(8) !== Tag.RequestHeader || tagAt(16) !== Tag.ProtocolVersion) return undefined;
  if (!isInt(24, Tag.ProtocolVersionMajor) || !isInt(40, Tag.ProtocolVersionMinor)) return undefined;
  return { major: frame.readInt32BE(32), minor: frame.readInt32BE(48) };
}
