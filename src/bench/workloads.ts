/**
 * The operations the load generator knows: what one logical operation sends (one or more batch items)
 * and what makes its answer a success. A success needs Result Status Success on every item of the
 * operation AND a sensible payload (a UID, key material, the right plaintext...): a failed or empty
 * answer never counts as throughput.
 *
 * Operations that need existing objects (get, locate, encrypt, decrypt) use a fixture made before
 * timing: `objects` AES-256 keys registered with a Name and activated, and for decrypt a ciphertext
 * per key.
 */
import { randomBytes } from 'node:crypto';
import { Tag } from '../kmip';
import type { KmipConnection } from '../client/connection';
import {
  activateItem, bytesField, createAesKey, createRsaKeyPair, decodeResponse, decryptItem, destroyItem, encodeRequest, encryptItem, getItem,
  ivLength, locateByName, queryItem, reasonName, registerAesKey, textField,
  type CipherName, type KmipVersion, type RequestItem, type ResponseItem,
} from './requests';
import { child } from '../ttlv/item';

export const OP_NAMES = ['get', 'create', 'register', 'encrypt', 'decrypt', 'locate', 'query', 'create-destroy', 'create-rsa4096'] as const;
export type OpName = (typeof OP_NAMES)[number];

export function isOpName(s: string): s is OpName {
  return (OP_NAMES as readonly string[]).includes(s);
}

/** Operations that need the pre-populated objects. */
const NEEDS_OBJECTS: ReadonlySet<OpName> = new Set(['get', 'locate', 'encrypt', 'decrypt']);

export function needsObjects(op: OpName): boolean {
  return NEEDS_OBJECTS.has(op);
}

export interface WorkloadOptions {
  version: KmipVersion;
  cipher: CipherName;
  /** Plaintext size for encrypt/decrypt, bytes. */
  dataSize: number;
}

export interface Fixture {
  uids: string[];
  names: string[];
  /** For decrypt: a ciphertext made by the server with one of the keys. */
  ciphertexts: Array<{ uid: string; data: Buffer; iv: Buffer; tag?: Buffer }>;
  plaintext: Buffer;
}

export interface Workload {
  op: OpName;
  /** Batch items of one logical operation. */
  items(): RequestItem[];
  /** undefined when the answer is a success, else the label it is counted under. */
  check(answer: ResponseItem[]): string | undefined;
}

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

function failure(answer: ResponseItem[], expected: number): string | undefined {
  if (answer.length !== expected) return `Bad Response: ${answer.length} batch items for ${expected}`;
  const bad = answer.find((a) => !a.ok);
  return bad ? reasonName(bad.reason) : undefined;
}

export function makeWorkload(op: OpName, o: WorkloadOptions, fx: Fixture): Workload {
  const single = (items: () => RequestItem[], payloadOk: (r: ResponseItem) => string | undefined): Workload => ({
    op,
    items,
    check(answer) {
      const f = failure(answer, 1);
      return f ?? payloadOk(answer[0]);
    },
  });
  const hasUid = (r: ResponseItem) => (textField(r.payload, Tag.UniqueIdentifier) ? undefined : 'Bad Response: no Unique Identifier');
  const requireObjects = () => {
    if (fx.uids.length === 0) throw new Error(`${op} needs pre-populated objects (--objects N)`);
  };
  switch (op) {
    case 'get':
      requireObjects();
      return single(() => [getItem(pick(fx.uids))], (r) => (child(r.payload, Tag.SymmetricKey) ? undefined : 'Bad Response: no Symmetric Key'));
    case 'create':
      return single(() => [createAesKey(o.version)], hasUid);
    case 'register':
      return single(() => [registerAesKey(o.version, randomBytes(32))], hasUid);
    case 'encrypt': {
      requireObjects();
      const data = randomBytes(o.dataSize);
      return single(
        () => [encryptItem(pick(fx.uids), o.cipher, data, randomBytes(ivLength(o.cipher)))],
        (r) => ((bytesField(r.payload, Tag.Data)?.length ?? 0) >= o.dataSize ? undefined : 'Bad Response: no ciphertext'),
      );
    }
    case 'decrypt': {
      requireObjects();
      if (fx.ciphertexts.length === 0) throw new Error('decrypt needs ciphertexts made before timing');
      return single(
        () => {
          const c = pick(fx.ciphertexts);
          return [decryptItem(c.uid, o.cipher, c.data, c.iv, c.tag)];
        },
        (r) => (bytesField(r.payload, Tag.Data)?.equals(fx.plaintext) ? undefined : 'Bad Response: wrong plaintext'),
      );
    }
    case 'locate':
      requireObjects();
      return single(
        () => [locateByName(o.version, pick(fx.names))],
        (r) => (textField(r.payload, Tag.UniqueIdentifier) ? undefined : 'Bad Response: Locate found nothing'),
      );
    case 'query':
      return single(() => [queryItem()], () => undefined);
    case 'create-rsa4096':
      // The slow operation of a mix: the server must keep answering others while the HSM generates.
      return single(
        () => [createRsaKeyPair(o.version, 4096)],
        (r) => (textField(r.payload, Tag.PrivateKeyUniqueIdentifier) ? undefined : 'Bad Response: no Private Key Unique Identifier'),
      );
    case 'create-destroy':
      // Destroy without a UID takes the ID Placeholder: the key the Create of the same message made.
      return {
        op,
        items: () => [createAesKey(o.version), destroyItem()],
        check: (answer) => failure(answer, 2) ?? hasUid(answer[0]),
      };
  }
}

/** Send one message and decode it; a failed item throws with its reason (set-up must not fail quietly). */
async function call(conn: KmipConnection, version: KmipVersion, items: RequestItem[]): Promise<ResponseItem[]> {
  const answer = decodeResponse(await conn.request(encodeRequest(version, items)));
  const bad = answer.find((a) => !a.ok);
  if (bad || answer.length !== items.length) {
    throw new Error(`set-up request failed: ${bad ? `${reasonName(bad.reason)}: ${bad.message ?? ''}` : 'wrong number of batch items'}`);
  }
  return answer;
}

/**
 * Register `count` named AES-256 keys in batches, activate them, and (for decrypt) encrypt one
 * plaintext with up to 16 of them. Returns what the workloads need.
 */
export async function buildFixture(
  conn: KmipConnection,
  o: WorkloadOptions & { count: number; batch?: number; ciphertexts: boolean; onProgress?: (done: number) => void },
): Promise<Fixture> {
  const run = randomBytes(4).toString('hex');
  const fx: Fixture = { uids: [], names: [], ciphertexts: [], plaintext: randomBytes(o.dataSize) };
  const batch = o.batch ?? 50;
  for (let i = 0; i < o.count; i += batch) {
    const n = Math.min(batch, o.count - i);
    const names = Array.from({ length: n }, (_, k) => `bench-${run}-${i + k}`);
    const keys = names.map(() => randomBytes(32));
    const reg = await call(conn, o.version, names.map((name, k) => registerAesKey(o.version, keys[k], name)));
    for (const k of keys) k.fill(0);
    const uids = reg.map((r) => textField(r.payload, Tag.UniqueIdentifier) ?? '');
    await call(conn, o.version, uids.map(activateItem));
    fx.uids.push(...uids);
    fx.names.push(...names);
    o.onProgress?.(fx.uids.length);
  }
  if (o.ciphertexts) {
    for (const uid of fx.uids.slice(0, 16)) {
      const iv = randomBytes(ivLength(o.cipher));
      const [r] = await call(conn, o.version, [encryptItem(uid, o.cipher, fx.plaintext, iv)]);
      const data = bytesField(r.payload, Tag.Data);
      if (!data) throw new Error('set-up Encrypt returned no Data');
      // A server may choose its own IV; use the one it returns when it does.
      const usedIv = bytesField(r.payload, Tag.IVCounterNonce) ?? iv;
      fx.ciphertexts.push({ uid, data, iv: usedIv, tag: bytesField(r.payload, Tag.AuthenticatedEncryptionTag) });
    }
  }
  return fx;
}
