import { CryptographicAlgorithm, RNGAlgorithm, Tag } from '../../../src/kmip';
import { ProtectionStorageMask } from '../../../src/kmip/masks';
import { T } from '../../../src/ttlv/item';
import { protectionStorage, providerSummary, rngFields, rngKind } from '../../../src/operations/provider-facts';
import type { ProviderInfo } from '../../../src/crypto/port';

const software: ProviderInfo = { kind: 'software', description: 'software (node:crypto OpenSSL 3.0.19), KEK file in /var/lib/tumbler' };
const softhsm: ProviderInfo = { kind: 'pkcs11', description: 'pkcs11 (SoftHSM project SoftHSM v2, token "tumbler", module /usr/lib/softhsm/libsofthsm2.so)' };
const otherHsm: ProviderInfo = { kind: 'pkcs11', description: 'pkcs11 (Acme HSM 9000, token "prod", module /opt/acme/lib.so)' };

describe('provider facts', () => {
  test('software and SoftHSM2 draw from OpenSSL: DRBG over AES-256; other tokens are Unspecified', () => {
    const drbg = [T.enum(Tag.RNGAlgorithm, RNGAlgorithm.DRBG), T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES), T.int(Tag.CryptographicLength, 256)];
    expect(rngFields(software)).toEqual(drbg);
    expect(rngFields(softhsm)).toEqual(drbg);
    expect(rngKind(otherHsm)).toBe('unknown');
    expect(rngFields(otherHsm)).toEqual([T.enum(Tag.RNGAlgorithm, RNGAlgorithm.Unspecified)]);
  });
  test('Protection Storage Mask: Software for software providers, no claim for unknown tokens', () => {
    expect(protectionStorage(software)).toBe(ProtectionStorageMask.Software);
    expect(protectionStorage(softhsm)).toBe(ProtectionStorageMask.Software);
    expect(protectionStorage(otherHsm)).toBeUndefined();
  });
  test('the summary shown to clients names the kind, never the module path or token label', () => {
    expect(providerSummary(softhsm)).toBe('PKCS#11 crypto provider');
    expect(providerSummary(softhsm)).not.toMatch(/softhsm|tumbler|\//i);
    expect(providerSummary(software)).toBe('software crypto provider');
  });
});
