/**
 * RNG Seed (KMIP 1.2+, 2.1 §6.1.50): the client offers seed material for the server's random generator; the
 * answer says how many bytes were used. The server MAY ignore the material and answer 0, which a client
 * SHALL NOT treat as an error. A PKCS#11 provider passes it to the token (C_SeedRandom); the software
 * provider has no way to mix bytes into OpenSSL's DRBG from Node, so it uses none and says 0.
 *
 * The operator chooses the policy (`operations.rngSeed`), as the CS-RNG profile's optional test cases
 * allow: accept (CS-RNG-O-1; with `rngSeedMaxBytes`, only the leading bytes, CS-RNG-O-2), ignore (answer
 * 0, CS-RNG-O-3) or deny (Permission Denied, CS-RNG-O-4) — e.g. where no client should influence the HSM's
 * generator.
 */
import { ItemType } from '../kmip/item-type';
import { Operation, ResultReason, Tag } from '../kmip';
import { KmipError } from '../message/errors';
import { T, child, type TtlvItem } from '../ttlv/item';
import type { OperationContext, OperationHandler, OperationOptions, OperationResult } from './types';
import { checkPolicy } from './common';

/** More seed than this is refused (a seed is a few dozen bytes; this bounds what we hand to the HSM). */
export const MAX_SEED_LENGTH = 4096;

export const rngSeed: OperationHandler = {
  operation: Operation.RNGSeed,
  since: { major: 1, minor: 2 },
  async handle(payload: TtlvItem, ctx: OperationContext): Promise<OperationResult> {
    checkPolicy(ctx, 'RNG Seed');
    const policy: NonNullable<OperationOptions['rngSeed']> = ctx.options.rngSeed ?? { policy: 'accept' };
    if (policy.policy === 'deny') throw new KmipError(ResultReason.PermissionDenied, 'this server does not accept seed material (operations.rngSeed is deny)');
    const data = child(payload, Tag.Data);
    if (!data || data.type !== ItemType.ByteString) throw new KmipError(ResultReason.InvalidField, 'Data (Byte String) is required');
    if (data.value.length > MAX_SEED_LENGTH) throw new KmipError(ResultReason.InvalidField, `seed Data is longer than ${MAX_SEED_LENGTH} bytes`);
    if (policy.policy === 'ignore') return { payload: [T.int(Tag.DataLength, 0)] };
    const seed = Buffer.from(data.value.subarray(0, policy.maxBytes ?? data.value.length));
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
