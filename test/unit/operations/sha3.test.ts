/** SHA-3 through the operations: Hash with Hashing Algorithm SHA3-256, Sign with SHA3-256 RSA (Digital Signature Algorithm). */
import * as nodeCrypto from 'node:crypto';
import { Tag, Operation, HashingAlgorithm, DigitalSignatureAlgorithm, CryptographicAlgorithm, ValidityIndicator } from '../../../src/kmip';
import { CryptographicUsageMask as M } from '../../../src/kmip/masks';
import { T, child } from '../../../src/ttlv/item';
import { makeEnv, run, payloadStruct, type Env } from './helpers';

let env: Env;
beforeEach(() => {
  env = makeEnv();
});
afterEach(() => env.close());

test('Hash with SHA3-256 (FIPS 202 "abc")', async () => {
  const r = await run(Operation.Hash, env.ctx(1, 4), [
    T.struct(Tag.CryptographicParameters, [T.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA3_256)]),
    T.bytes(Tag.Data, Buffer.from('abc')),
  ]);
  expect((child(payloadStruct(r), Tag.Data)!.value as Buffer).toString('hex')).toBe('3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532');
});

test('Sign and Signature Verify with SHA3-256 With RSA Encryption', async () => {
  const ctx = env.ctx(2, 1);
  const r = await run(Operation.CreateKeyPair, ctx, [
    T.struct(Tag.CommonAttributes, [T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.RSA), T.int(Tag.CryptographicLength, 2048)]),
    T.struct(Tag.PrivateKeyAttributes, [T.int(Tag.CryptographicUsageMask, M.Sign)]),
    T.struct(Tag.PublicKeyAttributes, [T.int(Tag.CryptographicUsageMask, M.Verify)]),
  ]);
  const priv = child(payloadStruct(r), Tag.PrivateKeyUniqueIdentifier)!.value as string;
  const pub = child(payloadStruct(r), Tag.PublicKeyUniqueIdentifier)!.value as string;
  for (const uid of [priv, pub]) await run(Operation.Activate, ctx, [T.text(Tag.UniqueIdentifier, uid)]);
  const params = T.struct(Tag.CryptographicParameters, [T.enum(Tag.DigitalSignatureAlgorithm, DigitalSignatureAlgorithm.SHA3_256WithRSAEncryption)]);
  const data = Buffer.from('sha3 signed');
  const s = await run(Operation.Sign, ctx, [T.text(Tag.UniqueIdentifier, priv), params, T.bytes(Tag.Data, data)]);
  const sig = child(payloadStruct(s), Tag.SignatureData)!.value as Buffer;
  const g = await run(Operation.Get, ctx, [T.text(Tag.UniqueIdentifier, pub)]);
  const km = child(child(child(g.payload[2], Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial)!.value as Buffer;
  expect(nodeCrypto.verify('sha3-256', data, nodeCrypto.createPublicKey({ key: km, format: 'der', type: 'pkcs1' }), sig)).toBe(true);
  const v = await run(Operation.SignatureVerify, ctx, [T.text(Tag.UniqueIdentifier, pub), params, T.bytes(Tag.Data, data), T.bytes(Tag.SignatureData, sig)]);
  expect(child(payloadStruct(v), Tag.ValidityIndicator)!.value).toBe(ValidityIndicator.Valid);
});
