import { randomBytes } from 'node:crypto';
import { Tag, Operation, ObjectType, CryptographicAlgorithm, KeyFormatType, ResultReason, SplitKeyMethod } from '../../../src/kmip';
import { T, child, type TtlvItem } from '../../../src/ttlv/item';
import { combineGf256, combineXor, gfDiv, gfMul, splitGf256, splitXor } from '../../../src/operations/secret-sharing';
import { makeEnv, run, reasonOf, uidOf, uidsOf, attr1, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const KEY = Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex');

async function registerAes(key: Buffer): Promise<string> {
  const r = await run(Operation.Register, env.ctx(1, 4), [
    T.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    T.struct(Tag.TemplateAttribute, [attr1('Cryptographic Usage Mask', T.int(0, 12))]),
    T.struct(Tag.SymmetricKey, [
      T.struct(Tag.KeyBlock, [
        T.enum(Tag.KeyFormatType, KeyFormatType.Raw),
        T.struct(Tag.KeyValue, [T.bytes(Tag.KeyMaterial, key)]),
        T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
        T.int(Tag.CryptographicLength, key.length * 8),
      ]),
    ]),
  ]);
  return uidOf(r);
}

const splitReq = (uid: string | undefined, parts: number, threshold: number, method: number, extra: TtlvItem[] = []) => [
  T.enum(Tag.ObjectType, ObjectType.SplitKey),
  ...(uid ? [T.text(Tag.UniqueIdentifier, uid)] : []),
  T.int(Tag.SplitKeyParts, parts),
  T.int(Tag.SplitKeyThreshold, threshold),
  T.enum(Tag.SplitKeyMethod, method),
  T.struct(Tag.TemplateAttribute, extra),
];

async function part(uid: string): Promise<{ id: number; value: Buffer; fields: TtlvItem }> {
  const g = await run(Operation.Get, env.ctx(1, 4), [T.text(Tag.UniqueIdentifier, uid)]);
  expect(g.payload[0].value).toBe(ObjectType.SplitKey);
  const s = g.payload[2];
  const km = child(child(child(s, Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial)!;
  return { id: child(s, Tag.KeyPartIdentifier)!.value as number, value: Buffer.from(km.value as Buffer), fields: s };
}

describe('secret sharing (KMIP 2.1 §13.1)', () => {
  test('GF(2^8) uses x^8+x^4+x^3+x^2+1: multiplication and division agree, 0x80*2 reduces to 0x1D', () => {
    expect(gfMul(0x80, 2)).toBe(0x1d);
    for (let a = 1; a < 256; a += 7) for (let b = 1; b < 256; b += 11) expect(gfDiv(gfMul(a, b), b)).toBe(a);
  });

  test('the OASIS TC-SJ-2/3 shares (2 of 4 over GF(2^8)) join back to 0102..10 from any pair', () => {
    const shares = ['66C46A7754F94DE420C7B1A7FFF5EC56', 'CF93D1E2A7E593CD5B8D6247F4E5D49C', 'A855B891F61AD9217240D8EC061E37DA', '803DBAD55CDD329FAD19D99AE2C5A415'].map(
      (h, i) => ({ id: i + 1, value: Buffer.from(h, 'hex') }),
    );
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) expect(combineGf256([shares[i], shares[j]])).toEqual(KEY);
    // One share alone is not the key.
    expect(combineGf256([shares[0]])).not.toEqual(KEY);
  });

  test('3 of 5: every 3-subset rebuilds the secret, 2 shares do not; XOR needs all parts', () => {
    const secret = Buffer.from('00ff10203040506070809000aabbccdd', 'hex');
    const rnd = (n: number) => randomBytes(n);
    const shares = splitGf256(secret, 5, 3, rnd);
    expect(shares.map((s) => s.id)).toEqual([1, 2, 3, 4, 5]);
    for (const pick of [[0, 1, 2], [0, 2, 4], [1, 3, 4], [2, 3, 4]]) expect(combineGf256(pick.map((i) => shares[i]))).toEqual(secret);
    expect(combineGf256([shares[0], shares[1]])).not.toEqual(secret);
    expect(() => combineGf256([shares[0], shares[0]])).toThrow(/same id/);
    const x = splitXor(secret, 4, rnd);
    expect(combineXor(x)).toEqual(secret);
    expect(combineXor(x.slice(0, 3))).not.toEqual(secret);
  });
});

describe('Create Split Key', () => {
  test('splits a registered AES key (TC-SJ-2): 4 Split Key objects, 2 of which rebuild the key; ID Placeholder = part 1', async () => {
    const uid = await registerAes(KEY);
    const r = await run(Operation.CreateSplitKey, env.ctx(1, 4), splitReq(uid, 4, 2, SplitKeyMethod.PolynomialSharingGF2_8));
    const uids = uidsOf(r);
    expect(uids).toHaveLength(4);
    expect(r.idPlaceholder).toBe(uids[0]);
    const parts = await Promise.all(uids.map(part));
    expect(parts.map((p) => p.id)).toEqual([1, 2, 3, 4]);
    const f = parts[0].fields;
    expect([child(f, Tag.SplitKeyParts)?.value, child(f, Tag.SplitKeyThreshold)?.value, child(f, Tag.SplitKeyMethod)?.value]).toEqual([4, 2, SplitKeyMethod.PolynomialSharingGF2_8]);
    expect(child(child(f, Tag.KeyBlock), Tag.CryptographicAlgorithm)?.value).toBe(CryptographicAlgorithm.AES);
    expect(combineGf256([parts[1], parts[3]])).toEqual(KEY);
    // Stored wrapped: the share bytes are not in the store in the clear.
    expect(env.store.get(uids[0])!.material!.includes(parts[0].value)).toBe(false);
    const stored = env.store.get(uids[0])!;
    expect(stored.attributes.find((a) => a.name === 'Cryptographic Length')?.value.value).toBe(128);
  });

  test('XOR split of a fresh secret of the requested length', async () => {
    const r = await run(
      Operation.CreateSplitKey,
      env.ctx(1, 4),
      splitReq(undefined, 3, 3, SplitKeyMethod.XOR, [attr1('Cryptographic Algorithm', T.enum(0, CryptographicAlgorithm.AES)), attr1('Cryptographic Length', T.int(0, 256))]),
    );
    const parts = await Promise.all(uidsOf(r).map(part));
    expect(parts.every((p) => p.value.length === 32)).toBe(true);
    expect(combineXor(parts).length).toBe(32);
  });

  test('refusals: wrong Object Type, threshold above parts, XOR with threshold < parts, unsupported method, missing length', async () => {
    const uid = await registerAes(KEY);
    const ctx = env.ctx(2, 1);
    const bad = [...splitReq(uid, 3, 2, SplitKeyMethod.XOR)];
    bad[0] = T.enum(Tag.ObjectType, ObjectType.SymmetricKey);
    expect(await reasonOf(run(Operation.CreateSplitKey, ctx, bad))).toBe(ResultReason.InvalidObjectType);
    expect(await reasonOf(run(Operation.CreateSplitKey, ctx, splitReq(uid, 2, 3, SplitKeyMethod.PolynomialSharingGF2_8)))).toBe(ResultReason.InvalidField);
    expect(await reasonOf(run(Operation.CreateSplitKey, ctx, splitReq(uid, 3, 2, SplitKeyMethod.XOR)))).toBe(ResultReason.InvalidField);
    expect(await reasonOf(run(Operation.CreateSplitKey, ctx, splitReq(uid, 3, 2, SplitKeyMethod.PolynomialSharingPrimeField)))).toBe(ResultReason.FeatureNotSupported);
    expect(await reasonOf(run(Operation.CreateSplitKey, ctx, splitReq(undefined, 3, 2, SplitKeyMethod.PolynomialSharingGF2_8)))).toBe(ResultReason.InvalidField);
    expect(await reasonOf(run(Operation.CreateSplitKey, ctx, splitReq('nope', 3, 2, SplitKeyMethod.PolynomialSharingGF2_8)))).toBe(ResultReason.ObjectNotFound);
  });
});
