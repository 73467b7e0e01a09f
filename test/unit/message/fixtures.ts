/**
 * Builders and fakes for the message-layer unit tests: requests as TTLV trees, a handful of fake
 * operation handlers over the memory store, and a response reader.
 */
import { ItemType } from '../../../src/kmip/item-type';
import { Tag } from '../../../src/kmip/tags';
import { ObjectType, Operation, ResultReason, State } from '../../../src/kmip/enums';
import { T, type TtlvItem, child, children } from '../../../src/ttlv/item';
import { encodeTtlv } from '../../../src/ttlv/binary-writer';
import { decodeTtlv } from '../../../src/ttlv/binary-reader';
import { createMemoryStore, type MemoryStore } from '../../../src/store/memory';
import type { CryptoProvider } from '../../../src/crypto/port';
import type { OperationHandler } from '../../../src/operations/types';
import { KmipError } from '../../../src/message/errors';
import type { MessageDeps } from '../../../src/message/handler';
import type { MessagePeer } from '../../../src/message/batch-runner';

export const PEER: MessagePeer = { principal: 'alice', tenant: '' };
export const NOW = new Date('2026-01-02T03:04:05Z');

export interface ItemSpec {
  operation: number;
  ubi?: Buffer;
  payload?: TtlvItem[];
}

export interface RequestSpec {
  version?: [number, number];
  header?: TtlvItem[];
  items: ItemSpec[];
  batchCount?: number;
}

export function requestItem(spec: RequestSpec): TtlvItem {
  const [major, minor] = spec.version ?? [1, 4];
  const header = T.struct(Tag.RequestHeader, [
    T.struct(Tag.ProtocolVersion, [T.int(Tag.ProtocolVersionMajor, major), T.int(Tag.ProtocolVersionMinor, minor)]),
    ...(spec.header ?? []),
    T.int(Tag.BatchCount, spec.batchCount ?? spec.items.length),
  ]);
  const items = spec.items.map((i) =>
    T.struct(Tag.BatchItem, [
      T.enum(Tag.Operation, i.operation),
      ...(i.ubi ? [T.bytes(Tag.UniqueBatchItemID, i.ubi)] : []),
      T.struct(Tag.RequestPayload, i.payload ?? []),
    ]),
  );
  return T.struct(Tag.RequestMessage, [header, ...items]);
}

export function request(spec: RequestSpec): Buffer {
  return encodeTtlv(requestItem(spec));
}

export interface ParsedItem {
  fields: number[];
  operation?: number;
  ubi?: Buffer;
  status: number;
  reason?: number;
  message?: string;
  payload?: TtlvItem;
}

export interface ParsedResponse {
  tree: TtlvItem;
  headerFields: number[];
  version: [number, number];
  batchCount: number;
  items: ParsedItem[];
}

export function parseResponse(buf: Buffer): ParsedResponse {
  const tree = decodeTtlv(buf);
  if (tree.tag !== Tag.ResponseMessage || tree.type !== ItemType.Structure) throw new Error('not a Response Message');
  const header = child(tree, Tag.ResponseHeader)!;
  const pv = child(header, Tag.ProtocolVersion)!;
  const items = children(tree, Tag.BatchItem).map((b): ParsedItem => {
    const s = b as { value: TtlvItem[] };
    return {
      fields: s.value.map((c) => c.tag),
      operation: child(b, Tag.Operation)?.value as number | undefined,
      ubi: child(b, Tag.UniqueBatchItemID)?.value as Buffer | undefined,
      status: child(b, Tag.ResultStatus)!.value as number,
      reason: child(b, Tag.ResultReason)?.value as number | undefined,
      message: child(b, Tag.ResultMessage)?.value as string | undefined,
      payload: child(b, Tag.ResponsePayload),
    };
  });
  return {
    tree,
    headerFields: (header as { value: TtlvItem[] }).value.map((c) => c.tag),
    version: [child(pv, Tag.ProtocolVersionMajor)!.value as number, child(pv, Tag.ProtocolVersionMinor)!.value as number],
    batchCount: child(header, Tag.BatchCount)!.value as number,
    items,
  };
}

/** Every tag in a tree, depth first. */
export function allTags(item: TtlvItem, out: number[] = []): number[] {
  out.push(item.tag);
  if (item.type === ItemType.Structure) for (const c of item.value) allTags(c, out);
  return out;
}

let counter = 0;

/** Fake Create: stores an object (journalled) and sets the ID Placeholder. */
export const fakeCreate: OperationHandler = {
  operation: Operation.Create,
  since: { major: 1, minor: 0 },
  async handle(_payload, ctx) {
    const uid = `uid-${++counter}`;
    ctx.store.insert(
      { uid, objectType: ObjectType.SymmetricKey, state: State.PreActive, attributes: [], body: null, material: null, kekId: null, owner: ctx.principal, tenant: ctx.tenant },
      ctx.journal,
    );
    return { payload: [T.enum(Tag.ObjectType, ObjectType.SymmetricKey), T.text(Tag.UniqueIdentifier, uid)], idPlaceholder: uid };
  },
};

/** Fake Get: reads the UID from the payload or the ID Placeholder; Item Not Found when absent. */
export const fakeGet: OperationHandler = {
  operation: Operation.Get,
  since: { major: 1, minor: 0 },
  async handle(payload, ctx) {
    const uid = (child(payload, Tag.UniqueIdentifier)?.value as string | undefined) ?? ctx.idPlaceholder;
    if (!uid || !ctx.store.get(uid)) throw new KmipError(ResultReason.ItemNotFound, `object ${uid ?? '(none)'} not found`);
    return { payload: [T.text(Tag.UniqueIdentifier, uid)] };
  },
};

/** Fake Activate that always violates the lifecycle (2.x reason, mapped for 1.x). */
export const fakeActivateWrongState: OperationHandler = {
  operation: Operation.Activate,
  since: { major: 1, minor: 0 },
  async handle() {
    throw new KmipError(ResultReason.WrongKeyLifecycleState, 'object is not Pre-Active');
  },
};

/** Fake Destroy that crashes with an internal error whose text must not leak. */
export const fakeDestroyCrash: OperationHandler = {
  operation: Operation.Destroy,
  since: { major: 1, minor: 0 },
  async handle() {
    throw new Error('sqlite: disk I/O error at /secret/path');
  },
};

/** Fake Query returning a large payload (size given by a Maximum Items-like integer is not needed). */
export const fakeQueryBig: OperationHandler = {
  operation: Operation.Query,
  since: { major: 1, minor: 0 },
  async handle() {
    return { payload: [T.text(Tag.VendorIdentification, 'v'.repeat(2000))] };
  },
};

/** Fake Check that answers with tags newer than 1.0 (Fresh, Initial Date ok, Original Creation Date 1.2+, Attributes 2.0+). */
export const fakeCheckLeaky: OperationHandler = {
  operation: Operation.Check,
  since: { major: 1, minor: 0 },
  async handle() {
    return {
      payload: [
        T.text(Tag.UniqueIdentifier, 'u1'),
        T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Fresh'), T.bool(Tag.AttributeValue, true)]),
        T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Original Creation Date'), T.date(Tag.AttributeValue, 1000n)]),
        T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'Initial Date'), T.date(Tag.AttributeValue, 1000n)]),
        T.struct(Tag.Attribute, [T.text(Tag.AttributeName, 'x-Vendor'), T.text(Tag.AttributeValue, 'acme')]),
        T.struct(Tag.Attributes, [T.bool(Tag.Fresh, true)]),
        T.date(Tag.OriginalCreationDate, 1000n),
      ],
    };
  },
};

/** Fake Discover Versions, defined from 1.1. */
export const fakeDiscover: OperationHandler = {
  operation: Operation.DiscoverVersions,
  since: { major: 1, minor: 1 },
  async handle() {
    return { payload: [] };
  },
};

export const fakeCrypto = {
  info: { kind: 'software', description: 'fake' },
} as unknown as CryptoProvider;

export interface Harness {
  store: MemoryStore;
  deps: MessageDeps;
  logs: Array<{ level: string; message: string; meta?: Record<string, unknown> }>;
}

export function harness(handlers: OperationHandler[] = [fakeCreate, fakeGet, fakeActivateWrongState, fakeDestroyCrash, fakeQueryBig, fakeCheckLeaky, fakeDiscover]): Harness {
  const store = createMemoryStore();
  const logs: Harness['logs'] = [];
  const log = (level: string) => (message: string, meta?: Record<string, unknown>) => logs.push({ level, message, meta });
  const deps: MessageDeps = {
    operations: new Map(handlers.map((h) => [h.operation, h])),
    store,
    crypto: fakeCrypto,
    optionsFor: () => ({ activateOnCreate: false, vendorIdentification: 'Tumbler', serverInformation: 'test' }),
    now: () => NOW,
    logger: { error: log('error'), warn: log('warn'), debug: log('debug') },
  };
  return { store, deps, logs };
}
