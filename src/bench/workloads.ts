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
import { State, Tag } from '../kmip';
import type { KmipConnection } from '../client/connection';
import {
  activateItem, bytesField, createAesKey, createRsaKeyPair, decodeResponse, decryptItem, destroyItem, encodeRequest, encryptItem, getItem,
  ivLength, locateByName, locateByNameAndState, queryItem, reasonName, registerAesKey, textField,
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

/** Largest request the pre-population sends: half of the 1 MiB default limits.maxMessageSize of Tumbler. */
const POPULATE_MAX_MESSAGE = 512 * 1024;

/**
 * Register `count` named AES-256 keys in batches, activate them, and (for decrypt) encrypt one
 * plaintext with up to 16 of them. Returns what the workloads need.
 *
 * Speed (10^6 objects for Locate): the keys are registered with an Activation Date a minute in the past.
 * A server that applies it at registration (Tumbler does) stores them Active, so no Activate is needed:
 * that is checked once with a probe key and a Locate by Name and State=Active; for a server that refuses
 * the attribute or leaves the key Pre-Active, keys are registered without it and activated by an
 * Activate message per chunk, as before. The chunks of `batch` keys
 * are shared out over all the given connections, so the server has work from several connections while
 * one of them waits for its group commit. The batch is capped so that a request stays under 512 KiB
 * (Tumbler refuses requests over limits.maxMessageSize, 1 MiB by default).
 */
export async function buildFixture(
  conns: KmipConnection | KmipConnection[],
  o: WorkloadOptions & { count: number; batch?: number; ciphertexts: boolean; onProgress?: (done: number) => void },
): Promise<Fixture> {
  const pool = Array.isArray(conns) ? conns : [conns];
  if (pool.length === 0) throw new Error('buildFixture needs a connection');
  const run = randomBytes(4).toString('hex');
  const fx: Fixture = { uids: [], names: [], ciphertexts: [], plaintext: randomBytes(o.dataSize) };
  const itemBytes = encodeRequest(o.version, [registerAesKey(o.version, Buffer.alloc(32), `bench-${run}-${o.count}`, new Date())]).length;
  const batch = Math.max(1, Math.min(o.batch ?? 250, Math.floor(POPULATE_MAX_MESSAGE / (itemBytes + 16))));
  const chunks = Math.ceil(o.count / batch);
  const uidsOf: string[][] = new Array(chunks);
  // Does the server store a key registered with a past Activation Date as Active? One probe key (not part
  // of the fixture) answers it: PyKMIP, for one, refuses the attribute in Register (InvalidField).
  const activation = new Date(Date.now() - 60_000);
  let activeOnRegister = false;
  try {
    const probeName = `bench-${run}-probe`;
    const key = randomBytes(32);
    const [reg] = await call(pool[0], o.version, [registerAesKey(o.version, key, probeName, activation)]);
    key.fill(0);
    const [loc] = await call(pool[0], o.version, [locateByNameAndState(o.version, probeName, State.Active)]);
    const uid = textField(reg.payload, Tag.UniqueIdentifier);
    activeOnRegister = uid !== undefined && textField(loc.payload, Tag.UniqueIdentifier) === uid;
  } catch {
    activeOnRegister = false; // refused or not locatable by State: register plainly and Activate
  }
  let done = 0;
  const doChunk = async (conn: KmipConnection, c: number): Promise<void> => {
    const first = c * batch;
    const n = Math.min(batch, o.count - first);
    const names = Array.from({ length: n }, (_, k) => `bench-${run}-${first + k}`);
    const keys = names.map(() => randomBytes(32));
    const reg = await call(conn, o.version, names.map((name, k) => registerAesKey(o.version, keys[k], name, activeOnRegister ? activation : undefined)));
    for (const k of keys) k.fill(0);
    const uids = reg.map((r) => textField(r.payload, Tag.UniqueIdentifier) ?? '');
    if (uids.some((u) => !u)) throw new Error('set-up Register returned no Unique Identifier');
    if (!activeOnRegister) await call(conn, o.version, uids.map(activateItem));
    uidsOf[c] = uids;
    done += n;
    o.onProgress?.(done);
  };
  let nextChunk = 0;
  const worker = async (conn: KmipConnection): Promise<void> => {
    while (nextChunk < chunks) await doChunk(conn, nextChunk++);
  };
  await Promise.all(pool.map(worker));
  for (let c = 0; c < chunks; c++) {
    fx.uids.push(...uidsOf[c]);
    for (let k = 0; k < uidsOf[c].length; k++) fx.names.push(`bench-${run}-${c * batch + k}`);
  }
  if (o.ciphertexts) {
    for (const uid of fx.uids.slice(0, 16)) {
      const iv = randomBytes(ivLength(o.cipher));
      const [r] = await call(pool[0], o.version, [encryptItem(uid, o.cipher, fx.plaintext, iv)]);
      const data = bytesField(r.payload, Tag.Data);
      if (!data) throw new Error('set-up Encrypt returned no Data');
      // A server may choose its own IV; use the one it returns when it does.
      const usedIv = bytesField(r.payload, Tag.IVCounterNonce) ?? iv;
      fx.ciphertexts.push({ uid, data, iv: usedIv, tag: bytesField(r.payload, Tag.AuthenticatedEncryptionTag) });
    }
  }
  return fx;
}
