/** Test context for operation unit tests: in-memory store, real software crypto provider in a temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryStore } from '../../../src/store/memory';
import { SoftwareCryptoProvider } from '../../../src/crypto/software/provider';
import { OPERATIONS } from '../../../src/operations';
import type { OperationContext, OperationResult } from '../../../src/operations/types';
import { CryptographicAlgorithm, KeyFormatType, ObjectType, Tag } from '../../../src/kmip';
import { T, child, children, type TtlvItem } from '../../../src/ttlv/item';
import { KmipError } from '../../../src/message/errors';

export interface Env {
  store: MemoryStore;
  crypto: SoftwareCryptoProvider;
  dir: string;
  clock: { now: Date };
  ctx(major: number, minor: number, over?: Partial<OperationContext>): OperationContext;
  close(): Promise<void>;
}

export function makeEnv(): Env {
  const dir = mkdtempSync(path.join(tmpdir(), 'tumbler-ops-'));
  const store = new MemoryStore();
  const crypto = new SoftwareCryptoProvider({ dir });
  const clock = { now: new Date('2026-01-01T00:00:00Z') };
  return {
    store,
    crypto,
    dir,
    clock,
    ctx: (major, minor, over = {}) => ({
      version: { major, minor },
      principal: 'alice',
      tenant: '',
      idPlaceholder: undefined,
      journal: undefined,
      store,
      crypto,
      now: () => clock.now,
      options: { activateOnCreate: false, vendorIdentification: 'Tumbler', serverInformation: 'test server' },
      ...over,
    }),
    close: async () => {
      await crypto.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function run(op: number, ctx: OperationContext, fields: TtlvItem[]): Promise<OperationResult> {
  const h = OPERATIONS.get(op);
  if (!h) throw new Error(`no handler for ${op}`);
  return h.handle(T.struct(Tag.RequestPayload, fields), ctx);
}

/** The Result Reason of a failing operation (fails the test if it succeeds or throws something else). */
export async function reasonOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (e) {
    if (e instanceof KmipError) return e.reason;
    throw e;
  }
  throw new Error('expected a KmipError, the operation succeeded');
}

export function payloadStruct(r: OperationResult): TtlvItem {
  return T.struct(Tag.ResponsePayload, r.payload);
}

export function uidOf(r: OperationResult): string {
  const u = child(payloadStruct(r), Tag.UniqueIdentifier);
  if (!u || typeof u.value !== 'string') throw new Error('no Unique Identifier in response');
  return u.value;
}

export function uidsOf(r: OperationResult): string[] {
  return children(payloadStruct(r), Tag.UniqueIdentifier).map((u) => u.value as string);
}

/** 1.x Attribute structure. */
export function attr1(name: string, value: TtlvItem, index?: number): TtlvItem {
  const f: TtlvItem[] = [T.text(Tag.AttributeName, name)];
  if (index !== undefined) f.push(T.int(Tag.AttributeIndex, index));
  f.push({ ...value, tag: Tag.AttributeValue } as TtlvItem);
  return T.struct(Tag.Attribute, f);
}

export function nameValue(name: string): TtlvItem {
  return T.struct(Tag.AttributeValue, [T.text(Tag.NameValue, name), T.enum(Tag.NameType, 1)]);
}

/** Register fields of an RSA Public Key in PKCS#1 form (usage mask Verify by default). */
export function rsaPublicKeyFields(pkcs1: Buffer, lengthBits = 1024, usageMask = 2): TtlvItem[] {
  return [
    T.enum(Tag.ObjectType, ObjectType.PublicKey),
    T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, usageMask))]),
    T.struct(Tag.PublicKey, [
      T.struct(Tag.KeyBlock, [
        T.enum(Tag.KeyFormatType, KeyFormatType.PKCS_1),
        T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, pkcs1)]),
        T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.RSA),
        T.int(Tag.CryptographicLength, lengthBits),
      ]),
    ]),
  ];
}

/** A Symmetric Key object with Raw AES material of bytes.length * 8 bits. */
export function aesKeyObject(bytes: Buffer): TtlvItem {
  return T.struct(Tag.SymmetricKey, [
    T.struct(Tag.KeyBlock, [
      T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
      T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, bytes)]),
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      T.int(Tag.CryptographicLength, bytes.length * 8),
    ]),
  ]);
}
