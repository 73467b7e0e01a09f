/**
 * RNG Seed (KMIP 1.2+, 2.1 §6.1.50): the client offers seed material for the server's random generator; the
 * answer says how many bytes were used. The server MAY ignore the material and answer 0, which a client
 * SHALL NOT treat as an error. A PKCS#11 provider passes it to the token (C_SeedRandom); the software
 * provider has no way to mix bytes into OpenSSL's DRBG from Node, so it uses none and says 0.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationResult } from './types';
import { checkPolicy } from './common';

/** More seed than this is refused (a seed is a few dozen bytes; this bounds what we hand to the HSM). */
export const MAX_SEED_LENGTH = 4096;

export const rngSeed: OperationHandler = {
  operation: Operation.RNGSeed,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'RNG Seed');
    const data = child(payload, Tag.Data);
    if (!data || data.type !== ItemType.ByteString) throw new KmipError(ResultReason.InvalidField, 'Data (Byte String) is required');
    if (data.value.length > MAX_SEED_LENGTH) throw new KmipError(ResultReason.InvalidField, `seed Data is longer than ${MAX_SEED_LENGTH} bytes`);
    const seed = Buffer.from(data.value);
    let used = 0;
    try {
      if (ctx.crypto.seedRandom && seed.length > 0) used = await ctx.crypto.seedRandom(seed);
    } catch (e) {
      throw new KmipError(ResultReason.CryptographicFailure, `the random generator refused the seed: ${(e as Error).message}`);
    } finally {
      seed.fill(0);
    }
    return { payload: [T.int(Tag.DataLength, used)] };
  },
};
