import { Tag, Operation, ResultReason } from '../../../src/kmip';
import { T, child } from '../../../src/ttlv/item';
import type { CryptoProvider } from '../../../src/crypto/port';
import { makeEnv, run, reasonOf, payloadStruct, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

const SEED = Buffer.from('333c06587706225099a67438f263f8f932f64b860c3a7dbb21bc2bd56685d8bc', 'hex');
const dataLength = (r: Awaited<ReturnType<typeof run>>) => child(payloadStruct(r), Tag.DataLength)?.value;

test('a provider that can be seeded gets a copy of the seed and RNG Seed answers the bytes used (CS-RNG-O-1)', async () => {
  const seen: Buffer[] = [];
  const seeded = Object.create(env.crypto) as CryptoProvider;
  seeded.seedRandom = async (seed: Buffer) => {
    seen.push(Buffer.from(seed));
    return seed.length;
  };
  const r = await run(Operation.RNGSeed, env.ctx(2, 1, { crypto: seeded }), [T.bytes(Tag.Data, SEED)]);
  expect(dataLength(r)).toBe(32);
  expect(seen).toEqual([SEED]);
});

test('the software provider cannot be seeded: Data Length 0, which the spec allows (server MAY ignore the seed)', async () => {
  expect((env.crypto as CryptoProvider).seedRandom).toBeUndefined();
  expect(dataLength(await run(Operation.RNGSeed, env.ctx(1, 4), [T.bytes(Tag.Data, SEED)]))).toBe(0);
});

test('bad input: no Data, wrong type, oversized seed; a provider failure is a Cryptographic Failure', async () => {
  const ctx = env.ctx(2, 1);
  expect(await reasonOf(run(Operation.RNGSeed, ctx, []))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(run(Operation.RNGSeed, ctx, [T.text(Tag.Data, 'x')]))).toBe(ResultReason.InvalidField);
  expect(await reasonOf(run(Operation.RNGSeed, ctx, [T.bytes(Tag.Data, Buffer.alloc(5000))]))).toBe(ResultReason.InvalidField);
  const failing = Object.create(env.crypto) as CryptoProvider;
  failing.seedRandom = async () => {
    throw new Error('CKR_RANDOM_SEED_NOT_SUPPORTED');
  };
  expect(await reasonOf(run(Operation.RNGSeed, env.ctx(2, 1, { crypto: failing }), [T.bytes(Tag.Data, SEED)]))).toBe(ResultReason.CryptographicFailure);
});

describe('the operator\'s seed policy (operations.rngSeed, the CS-RNG-O-1..4 server behaviours)', () => {
  function seedable(env: Env): { crypto: CryptoProvider; seen: Buffer[] } {
    const seen: Buffer[] = [];
    const crypto = Object.create(env.crypto) as CryptoProvider;
    crypto.seedRandom = async (seed: Buffer) => {
      seen.push(Buffer.from(seed));
      return seed.length;
    };
    return { crypto, seen };
  }
  const withPolicy = (env: Env, crypto: CryptoProvider, rngSeed: { policy: 'accept' | 'ignore' | 'deny'; maxBytes?: number }) => {
    const base = env.ctx(1, 4, { crypto });
    return { ...base, options: { ...base.options, rngSeed } };
  };

  test('accept with rngSeedMaxBytes hands only the leading bytes to the HSM and answers how many (CS-RNG-O-2)', async () => {
    const { crypto, seen } = seedable(env);
    const r = await run(Operation.RNGSeed, withPolicy(env, crypto, { policy: 'accept', maxBytes: 16 }), [T.bytes(Tag.Data, SEED)]);
    expect(dataLength(r)).toBe(16);
    expect(seen).toEqual([SEED.subarray(0, 16)]);
    // a seed shorter than the limit is used whole
    const short = await run(Operation.RNGSeed, withPolicy(env, crypto, { policy: 'accept', maxBytes: 16 }), [T.bytes(Tag.Data, SEED.subarray(0, 8))]);
    expect(dataLength(short)).toBe(8);
  });

  test('ignore answers 0 and the HSM never sees the seed (CS-RNG-O-3)', async () => {
    const { crypto, seen } = seedable(env);
    expect(dataLength(await run(Operation.RNGSeed, withPolicy(env, crypto, { policy: 'ignore' }), [T.bytes(Tag.Data, SEED)]))).toBe(0);
    expect(seen).toEqual([]);
    // bad input is still bad input
    expect(await reasonOf(run(Operation.RNGSeed, withPolicy(env, crypto, { policy: 'ignore' }), [T.text(Tag.Data, 'x')]))).toBe(ResultReason.InvalidField);
  });

  test('deny is Permission Denied and the HSM never sees the seed (CS-RNG-O-4)', async () => {
    const { crypto, seen } = seedable(env);
    expect(await reasonOf(run(Operation.RNGSeed, withPolicy(env, crypto, { policy: 'deny' }), [T.bytes(Tag.Data, SEED)]))).toBe(ResultReason.PermissionDenied);
    expect(seen).toEqual([]);
  });
});
