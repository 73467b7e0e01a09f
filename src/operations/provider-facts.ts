/**
 * What the server may truthfully say about its crypto provider to clients: the random number generator
 * behind server-generated keys (Random Number Generator attribute, KMIP 1.4 §3.44 / 2.1 §4.46, and Query RNGs)
 * and where key material is protected (Protection Storage Mask attribute, 2.1 §4.44).
 *
 * Only facts we know are claimed:
 *  - the software provider draws from node:crypto, i.e. OpenSSL 3's default RAND, a CTR-DRBG over AES-256
 *    (NIST SP 800-90A); its keys are protected in software;
 *  - SoftHSM2 (a PKCS#11 token whose manufacturer is "SoftHSM") generates keys with its crypto backend's RNG,
 *    which for the default (OpenSSL) build is that same OpenSSL DRBG; it is a software token;
 *  - any other PKCS#11 token: nothing is known, so RNG Algorithm Unspecified and no storage claim.
 * No DRBG Algorithm field is sent: the OpenSSL default may be changed by an OpenSSL configuration file, while
 * "a DRBG over AES-256" holds for every DRBG OpenSSL ships as default.
 *
 * The facts come from ProviderInfo (kind + description). A structured field on ProviderInfo would be better
 * than reading the description; until the crypto port grows one, the description's token manufacturer is used.
 */
import { CryptographicAlgorithm, RNGAlgorithm, Tag } from '../kmip';
import { ProtectionStorageMask } from '../kmip/masks';
import { T, type TtlvItem } from '../ttlv/item';
import type { ProviderInfo } from '../crypto/port';

export type RngKind = 'openssl-drbg' | 'unknown';

function isSoftHsm(info: ProviderInfo): boolean {
  return info.kind === 'pkcs11' && /^pkcs11 \(SoftHSM\b/i.test(info.description);
}

export function rngKind(info: ProviderInfo): RngKind {
  return info.kind === 'software' || isSoftHsm(info) ? 'openssl-drbg' : 'unknown';
}

/** Fields of an RNG Parameters structure (also the value of the Random Number Generator attribute). */
export function rngFields(info: ProviderInfo): TtlvItem[] {
  if (rngKind(info) === 'openssl-drbg') {
    return [
      T.enum(Tag.RNGAlgorithm, RNGAlgorithm.DRBG),
      T.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
      T.int(Tag.CryptographicLength, 256),
    ];
  }
  return [T.enum(Tag.RNGAlgorithm, RNGAlgorithm.Unspecified)];
}

/** Protection Storage Mask of keys this provider holds, or undefined when unknown. */
export function protectionStorage(info: ProviderInfo): number | undefined {
  return info.kind === 'software' || isSoftHsm(info) ? ProtectionStorageMask.Software : undefined;
}

/** What Query Server Information shows about the provider: its kind only, never module paths or token labels. */
export function providerSummary(info: ProviderInfo): string {
  return info.kind === 'software' ? 'software crypto provider' : 'PKCS#11 crypto provider';
}
