/** Signature parameters from KMIP Cryptographic Parameters (src/operations/crypto/signing.ts). */
import { CryptographicAlgorithm, ResultReason } from '../../../src/kmip';
import { KmipError } from '../../../src/message/errors';
import { paramsFitKey, signParams } from '../../../src/operations/crypto/signing';
import type { KmipCryptoParams } from '../../../src/operations/crypto/params';

const EC = { keyClass: 'public', algorithm: 'EC' } as const;
const RSA = { keyClass: 'private', algorithm: 'RSA' } as const;
const p = (o: Partial<KmipCryptoParams> = {}): KmipCryptoParams => ({ randomIv: false, ...o });

test('Digested Data without a Hashing Algorithm is signed raw; with one, as that digest', () => {
  expect(signParams(RSA, p(), true)).toMatchObject({ prehashed: true, raw: true, padding: 'PKCS1v15' });
  expect(signParams(RSA, p({ hash: 'SHA-1' }), true)).toMatchObject({ prehashed: true, raw: false, hash: 'SHA-1' });
  expect(signParams(EC, p(), true)).toMatchObject({ prehashed: true, raw: true });
  expect(signParams(RSA, p(), false)).toMatchObject({ prehashed: false, raw: false, hash: 'SHA-256' });
  let e: unknown;
  try {
    signParams(RSA, p({ padding: 'PSS' }), true);
  } catch (x) {
    e = x;
  }
  expect(e).toBeInstanceOf(KmipError);
  expect((e as KmipError).reason).toBe(ResultReason.InvalidField);
});

test('parameters of the other key family do not fit (Signature Verify answers Invalid for them)', () => {
  expect(paramsFitKey(EC, p({ padding: 'PSS', hash: 'SHA-1', algorithm: CryptographicAlgorithm.RSA }))).toBe(false);
  expect(paramsFitKey(EC, p({ algorithm: CryptographicAlgorithm.ECDSA, hash: 'SHA-256' }))).toBe(true);
  expect(paramsFitKey(EC, p())).toBe(true);
  expect(paramsFitKey(RSA, p({ signature: { hash: 'SHA-256' } }))).toBe(false);
  expect(paramsFitKey(RSA, p({ algorithm: CryptographicAlgorithm.ECDSA }))).toBe(false);
  expect(paramsFitKey(RSA, p({ padding: 'PSS' }))).toBe(true);
});
