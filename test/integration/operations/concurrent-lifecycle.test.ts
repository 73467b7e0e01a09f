/**
 * Many clients at once on the same few keys, over real mutual TLS against a real local Tumbler (SQLite
 * file, SoftHSM2 when installed): Get, Encrypt, Revoke, Destroy, Re-key and Locate from 8 connections on 12
 * registered keys (and the keys Re-key makes). What must hold whatever the interleaving:
 *  - a key's material never changes: every successful Get returns the registered bytes (or, for a key made
 *    by Re-key, the bytes of its first Get), and every Encrypt equals AES-CBC computed here;
 *  - once a Destroy (or Revoke) has been answered, no request sent after that answer may still Get or
 *    Encrypt with the key (Revoke: Encrypt);
 *  - no request is answered "internal server error" and none is left without an answer.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { LocalServerFactory, type LocalServer } from '../../../conformance/runner/local-server';
import { KmipConnection } from '../../../src/client/connection';
import {
  bytesField, decodeResponse, destroyItem, encodeRequest, encryptItem, getItem, locateByName, registerAesKey, textField,
  type RequestItem, type ResponseItem,
} from '../../../src/bench/requests';
import { Operation, RevocationReasonCode, Tag } from '../../../src/kmip';
import { T, child } from '../../../src/ttlv/item';

jest.setTimeout(300_000);

const V = { major: 1, minor: 4 };
const IV = Buffer.alloc(16, 2);
const PLAIN = Buffer.alloc(64, 1);
const OPS_PER_CONNECTION = 400;

interface Key {
  material?: Buffer;
  destroyedAt?: bigint;
  revokedAt?: bigint;
}

describe('concurrent lifecycle operations on shared keys', () => {
  let factory: LocalServerFactory;
  let server: LocalServer;
  beforeAll(async () => {
    factory = new LocalServerFactory({ hsm: 'auto' });
    server = await factory.start();
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  test('material never changes, nothing is used after an answered Destroy or Revoke, no internal error', async () => {
    const ep = server.endpoint;
    const connect = () => KmipConnection.connect({ host: ep.host, port: ep.port, cert: ep.cert, key: ep.key, ca: ep.ca, servername: 'localhost', requestTimeoutMs: 30_000 });
    const call = async (c: KmipConnection, item: RequestItem): Promise<{ r: ResponseItem; raw: Buffer }> => {
      const raw = await c.request(encodeRequest(V, [item]));
      return { r: decodeResponse(raw)[0], raw };
    };
    const conns = await Promise.all(Array.from({ length: 8 }, connect));
    const keys = new Map<string, Key>();
    const past = new Date(Date.now() - 3600_000);
    for (let i = 0; i < 12; i++) {
      const m = randomBytes(32);
      const { r } = await call(conns[0], registerAesKey(V, m, `conc-${i}`, past));
      expect(r.ok).toBe(true);
      keys.set(textField(r.payload, Tag.UniqueIdentifier)!, { material: m });
    }
    const violations: string[] = [];
    const outcomes = new Map<string, number>();
    let seed = 77;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
    const uidOf = (id: string) => T.text(Tag.UniqueIdentifier, id);

    const worker = async (c: KmipConnection): Promise<void> => {
      for (let i = 0; i < OPS_PER_CONNECTION; i++) {
        const ids = [...keys.keys()];
        const id = ids[Math.floor(rnd() * ids.length)];
        const k = keys.get(id)!;
        const p = rnd();
        const [kind, item]: [string, RequestItem] =
          p < 0.45 ? ['get', getItem(id)]
          : p < 0.75 ? ['encrypt', encryptItem(id, 'aes-cbc', PLAIN, IV)]
          : p < 0.8 ? ['destroy', destroyItem(id)]
          : p < 0.86 ? ['revoke', { operation: Operation.Revoke, payload: [uidOf(id), T.struct(Tag.RevocationReason, [T.enum(Tag.RevocationReasonCode, RevocationReasonCode.CessationOfOperation)])] }]
          : p < 0.93 ? ['rekey', { operation: Operation.ReKey, payload: [uidOf(id)] }]
          : ['locate', locateByName(V, `conc-${Math.floor(rnd() * 12)}`, 10)];
        const sentAt = process.hrtime.bigint();
        const { r, raw } = await call(c, item);
        const doneAt = process.hrtime.bigint();
        const label = `${kind}:${r.ok ? 'ok' : r.reason}`;
        outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
        if (raw.includes('internal server error')) violations.push(`${kind} ${id}: internal server error`);
        if (kind === 'get' && r.ok) {
          const km = child(child(child(child(r.payload, Tag.SymmetricKey), Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial);
          const got = km?.value as Buffer;
          if (k.material && !got.equals(k.material)) violations.push(`${id}: Get returned other material`);
          k.material ??= Buffer.from(got);
          if (k.destroyedAt !== undefined && sentAt > k.destroyedAt) violations.push(`${id}: Get succeeded after an answered Destroy`);
        }
        if (kind === 'encrypt' && r.ok) {
          const out = bytesField(r.payload, Tag.Data)!;
          if (k.material) {
            const cipher = createCipheriv('aes-256-cbc', k.material, IV);
            if (!Buffer.concat([cipher.update(PLAIN), cipher.final()]).equals(out)) violations.push(`${id}: wrong ciphertext`);
          }
          if (k.destroyedAt !== undefined && sentAt > k.destroyedAt) violations.push(`${id}: Encrypt succeeded after an answered Destroy`);
          if (k.revokedAt !== undefined && sentAt > k.revokedAt) violations.push(`${id}: Encrypt succeeded after an answered Revoke`);
        }
        if (kind === 'destroy' && r.ok && (k.destroyedAt === undefined || doneAt < k.destroyedAt)) k.destroyedAt = doneAt;
        if (kind === 'revoke' && r.ok && (k.revokedAt === undefined || doneAt < k.revokedAt)) k.revokedAt = doneAt;
        if (kind === 'rekey' && r.ok) {
          const fresh = textField(r.payload, Tag.UniqueIdentifier)!;
          if (!keys.has(fresh)) keys.set(fresh, {});
        }
      }
    };
    await Promise.all(conns.map(worker));
    for (const c of conns) c.socket.destroy();
    expect(violations).toEqual([]);
    // The mix really exercised the races: successes and refusals of each kind happened.
    const count = (prefix: string) => [...outcomes].filter(([l]) => l.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);
    expect(count('get:ok')).toBeGreaterThan(0);
    expect(count('encrypt:ok')).toBeGreaterThan(0);
    expect(count('destroy:ok')).toBeGreaterThan(0);
    expect(count('rekey:ok')).toBeGreaterThan(0);
    expect(count('get:') - count('get:ok')).toBeGreaterThan(0); // Gets of destroyed keys were refused
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(8 * OPS_PER_CONNECTION);
  });
});
