/**
 * Replay machinery for the client captures (../shared/conformance/captures): load a pretty-hex
 * request, substitute identifiers, send it over a real mutual-TLS connection, read the answer; and
 * build the few requests a scenario needs that are not in the captures (setup objects).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ItemType } from '../../src/kmip/item-type';
import { Tag } from '../../src/kmip/tags';
import { CryptographicAlgorithm, KeyFormatType, NameType, ObjectType, Operation } from '../../src/kmip/enums';
import { T, child, children, type TtlvItem } from '../../src/ttlv/item';
import { decodeTtlv } from '../../src/ttlv/binary-reader';
import { encodeTtlv } from '../../src/ttlv/binary-writer';
import { parsePrettyHex } from '../../src/ttlv/pretty';
import { KmipConnection } from '../../src/client/connection';
import type { TestServer } from '../helpers/server';

export const CAPTURES = path.resolve(__dirname, '..', '..', '..', 'shared', 'conformance', 'captures');

export function capturesAvailable(): boolean {
  return fs.existsSync(path.join(CAPTURES, 'README.md'));
}

export function loadCapture(client: string, file: string): TtlvItem {
  return decodeTtlv(parsePrettyHex(fs.readFileSync(path.join(CAPTURES, client, file), 'utf8')));
}

export function captureFiles(client: string): string[] {
  return fs.readdirSync(path.join(CAPTURES, client)).filter((f) => f.endsWith('.hex')).sort();
}

/** Deep copy with every Unique Identifier text in `uids` replaced, and Name Values in `names` replaced. */
export function substitute(item: TtlvItem, uids: Record<string, string>, names: Record<string, string> = {}): TtlvItem {
  if (item.type === ItemType.Structure) return { ...item, value: item.value.map((c) => substitute(c, uids, names)) };
  if (item.type === ItemType.TextString) {
    if (item.tag === Tag.UniqueIdentifier && uids[item.value] !== undefined) return { ...item, value: uids[item.value] };
    if (item.tag === Tag.NameValue && names[item.value] !== undefined) return { ...item, value: names[item.value] };
    // 1.x Attribute Value holding a UID (e.g. Link) is left alone: no capture needs it.
  }
  return item;
}

/** Replace the direct children of every structure with `tag` by `fn(child)` (payload surgery). */
export function mapTag(item: TtlvItem, tag: number, fn: (i: TtlvItem) => TtlvItem): TtlvItem {
  if (item.tag === tag) return fn(item);
  if (item.type !== ItemType.Structure) return item;
  return { ...item, value: item.value.map((c) => mapTag(c, tag, fn)) };
}

export interface Answer {
  tree: TtlvItem;
  bytes: number;
  version: [number, number];
  headerTags: number[];
  items: AnswerItem[];
}

export interface AnswerItem {
  item: TtlvItem;
  operation?: number;
  ubi?: Buffer;
  status: number;
  reason?: number;
  message?: string;
  payload?: TtlvItem;
}

export function readAnswer(tree: TtlvItem, bytes: number): Answer {
  if (tree.tag !== Tag.ResponseMessage) throw new Error(`not a Response Message: tag 0x${tree.tag.toString(16)}`);
  const header = child(tree, Tag.ResponseHeader)!;
  const pv = child(header, Tag.ProtocolVersion);
  return {
    tree,
    bytes,
    version: [child(pv, Tag.ProtocolVersionMajor)?.value as number, child(pv, Tag.ProtocolVersionMinor)?.value as number],
    headerTags: (header.value as TtlvItem[]).map((c) => c.tag),
    items: children(tree, Tag.BatchItem).map((b) => ({
      item: b,
      operation: child(b, Tag.Operation)?.value as number | undefined,
      ubi: child(b, Tag.UniqueBatchItemID)?.value as Buffer | undefined,
      status: child(b, Tag.ResultStatus)?.value as number,
      reason: child(b, Tag.ResultReason)?.value as number | undefined,
      message: child(b, Tag.ResultMessage)?.value as string | undefined,
      payload: child(b, Tag.ResponsePayload),
    })),
  };
}

export function requestVersion(req: TtlvItem): [number, number] {
  const pv = child(child(req, Tag.RequestHeader), Tag.ProtocolVersion);
  return [child(pv, Tag.ProtocolVersionMajor)!.value as number, child(pv, Tag.ProtocolVersionMinor)!.value as number];
}

export function uidOf(payload: TtlvItem | undefined): string {
  const u = child(payload, Tag.UniqueIdentifier);
  if (!u) throw new Error('no Unique Identifier in the response payload');
  return u.value as string;
}

export function uidsOf(payload: TtlvItem | undefined): string[] {
  return children(payload, Tag.UniqueIdentifier).map((u) => u.value as string);
}

/** A client connection with a certificate whose CN is `name`. */
export class Replayer {
  private constructor(private readonly conn: KmipConnection) {}

  static async open(server: TestServer, name: string): Promise<Replayer> {
    const c = server.clientCert(name);
    const conn = await KmipConnection.connect({
      host: '127.0.0.1',
      port: server.port,
      cert: c.certPem,
      key: c.keyPem,
      ca: fs.readFileSync(server.caPath, 'utf8'),
      checkServerIdentity: () => undefined,
    });
    return new Replayer(conn);
  }

  async send(req: TtlvItem): Promise<Answer> {
    const buf = await this.conn.request(encodeTtlv(req));
    return readAnswer(decodeTtlv(buf), buf.length);
  }

  async close(): Promise<void> {
    const c = this.conn as unknown as { close?: () => Promise<void> | void; end?: () => void; destroy?: () => void };
    if (c.close) await c.close();
    else if (c.end) c.end();
    else c.destroy?.();
  }
}

// ---- requests the scenarios build themselves ---------------------------------------------------

export function message(version: [number, number], items: Array<{ operation: number; payload: TtlvItem[] }>): TtlvItem {
  return T.struct(Tag.RequestMessage, [
    T.struct(Tag.RequestHeader, [
      T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, version[0]), T.int(Tag.ProtocolVersionMinor, version[1])]),
      T.int(Tag.BatchCount, items.length),
    ]),
    ...items.map((i) => T.struct(Tag.BatchItem, [T.enum(Tag.Operation, i.operation), T.struct(Tag.RequestPayload, i.payload)])),
  ]);
}

function attribute(name: string, value: TtlvItem): TtlvItem {
  return T.struct(Tag.Attribute, [T.text(Tag.AttributeName, name), { ...value, tag: Tag.AttributeValue } as TtlvItem]);
}

function nameAttribute(name: string): TtlvItem {
  return T.struct(Tag.Attribute, [
    T.text(Tag.AttributeName, 'Name'),
    T.struct(Tag.AttributeValue, [T.text(Tag.NameValue, name), T.enum(Tag.NameType, NameType.UninterpretedTextString)]),
  ]);
}

/** 1.x Create of a symmetric key. */
export function createKey(version: [number, number], algorithm: number, lengthBits: number, usageMask: number, name?: string): TtlvItem {
  const attrs = [
    attribute('Cryptographic Algorithm', T.enum(0, algorithm)),
    attribute('Cryptographic Length', T.int(0, lengthBits)),
    attribute('Cryptographic Usage Mask', T.int(0, usageMask)),
  ];
  if (name) attrs.push(nameAttribute(name));
  return message(version, [
    { operation: Operation.Create, payload: [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.struct(Tag.TemplateAttribute, attrs)] },
  ]);
}

/** 1.x Register of a raw symmetric key. */
export function registerKey(version: [number, number], algorithm: number, material: Buffer, usageMask: number, name: string): TtlvItem {
  const key = T.struct(Tag.SymmetricKey, [
    T.struct(Tag.KeyBlock, [
      T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
      T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, material)]),
      T.enum(Tag.CryptographicAlgorithm, algorithm),
      T.int(Tag.CryptographicLength, material.length * 8),
    ]),
  ]);
  return message(version, [
    {
      operation: Operation.Register,
      payload: [
        T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
        T.struct(Tag.TemplateAttribute, [attribute('Cryptographic Usage Mask', T.int(0, usageMask)), nameAttribute(name)]),
        key,
      ],
    },
  ]);
}

export function uidRequest(version: [number, number], operation: number, uid: string, extra: TtlvItem[] = []): TtlvItem {
  return message(version, [{ operation, payload: [T.text(Tag.UniqueIdentifier, uid), ...extra] }]);
}

export function getAttributesRequest(version: [number, number], uid: string, names: string[]): TtlvItem {
  return uidRequest(version, Operation.GetAttributes, uid, names.map((n) => T.text(Tag.AttributeName, n)));
}

/** Values of a 1.x attribute in a Get Attributes response payload. */
export function attributeValues(payload: TtlvItem | undefined, name: string): TtlvItem[] {
  return children(payload, Tag.Attribute)
    .filter((a) => child(a, Tag.AttributeName)?.value === name)
    .map((a) => child(a, Tag.AttributeValue)!)
    .filter(Boolean);
}

/** Key Material bytes of a Get response (Symmetric Key or Secret Data; Key Value a structure). */
export function keyMaterialOf(payload: TtlvItem | undefined): { objectTag: number; format?: number; material?: Buffer; wrapped: boolean } {
  const obj = (payload?.value as TtlvItem[] | undefined)?.find((c) => c.tag === Tag.SymmetricKey || c.tag === Tag.SecretData || c.tag === Tag.PrivateKey || c.tag === Tag.PublicKey);
  if (!obj) throw new Error('no managed object in the Get response');
  const kb = child(obj, Tag.KeyBlock);
  const kv = child(kb, Tag.KeyValue);
  return {
    objectTag: obj.tag,
    format: child(kb, Tag.KeyFormatType)?.value as number | undefined,
    material: child(kv, Tag.KeyMaterial)?.value as Buffer | undefined,
    wrapped: child(kb, Tag.KeyWrappingData) !== undefined,
  };
}

/** Top-level payload tags of every batch item: for "same item structure" comparisons. */
export function payloadTags(a: Answer): Array<number[] | undefined> {
  return a.items.map((i) => (i.payload ? (i.payload.value as TtlvItem[]).map((c) => c.tag) : undefined));
}

export { CryptographicAlgorithm };
