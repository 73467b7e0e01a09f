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
 *  - any other PKCS#11 token: nothing is known, so RNG Algorithm Unspecified and no storage claim, unless the
 *    operator declared them (`hsm.rngAlgorithm` and the fields beside it, `hsm.protectionStorage`): a
 *    declaration replaces what is detected, for PKCS#11 only (a server that fell back to the software provider
 *    says what is true of that one).
 * No DRBG Algorithm field is sent: the OpenSSL default may be changed by an OpenSSL configuration file, while
 * "a DRBG over AES-256" holds for every DRBG OpenSSL ships as default.
 *
 * Detection reads ProviderInfo (kind + description: the token manufacturer SoftHSM2 puts in it); declarations
 * come from ProviderInfo.declared.
 */
import { CryptographicAlgorithm, RNGAlgorithm, Tag } from '../kmip';
import { ProtectionStorageMask } from '../kmip/masks';
import { T, type TtlvItem } from '../ttlv/item';
import type { DeclaredHsmFacts, ProviderInfo } from '../crypto/port';

/** RNG Parameters fields of a declaration. */
function declaredRngFields(rng: NonNullable<DeclaredHsmFacts['rng']>): TtlvItem[] {
  const out: TtlvItem[] = [T.enum(Tag.RNGAlgorithm, rng.algorithm)];
  if (rng.cryptographicAlgorithm !== undefined) out.push(T.enum(Tag.CryptographicAlgorithm, rng.cryptographicAlgorithm));
  if (rng.cryptographicLength !== undefined) out.push(T.int(Tag.CryptographicLength, rng.cryptographicLength));
  if (rng.drbgAlgorithm !== undefined) out.push(T.enum(Tag.DRBGAlgorithm, rng.drbgAlgorithm));
  return out;
}

function declared(info: ProviderInfo): DeclaredHsmFacts | undefined {
  return info.kind === 'pkcs11' ? info.declared : undefined;
}

export type RngKind = 'openssl-drbg' | 'unknown';

function isSoftHsm(info: ProviderInfo): boolean {
  return info.kind === 'pkcs11' && /^pkcs11 \(SoftHSM\b/i.test(info.description);
}

export function rngKind(info: ProviderInfo): RngKind {
  return info.kind === 'software' || isSoftHsm(info) ? 'openssl-drbg' : 'unknown';
}

/** Fields of an RNG Parameters structure (also the value of the Random Number Generator attribute). */
export function rngFields(info: ProviderInfo): TtlvItem[] {
  const rng = declared(info)?.rng;
  if (rng) return declaredRngFields(rng);
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
  const storage = declared(info)?.protectionStorageMask;
  if (storage !== undefined) return storage;
  return info.kind === 'software' || isSoftHsm(info) ? ProtectionStorageMask.Software : undefined;
}

/** What Query Server Information shows about the provider: its kind only, never module paths or token labels. */
export function providerSummary(info: ProviderInfo): string {
  return info.kind === 'software' ? 'software crypto provider' : 'PKCS#11 crypto provider';
}
