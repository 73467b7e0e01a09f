/**
 * Which mechanism does what, in the HSM or in software. SoftHSM2 2.6.1 was probed with
 * C_GetMechanismList; the test test/integration/crypto/pkcs11-mechanisms.test.ts checks every 'hsm'
 * mechanism below is offered by the token.
 *
 * | operation                         | where    | mechanism / note                                                    |
 * |-----------------------------------|----------|---------------------------------------------------------------------|
 * | KEK (AES-256, token, non-extr.)   | hsm      | CKM_AES_KEY_GEN                                                     |
 * | wrap / unwrap under the KEK       | hsm      | CKM_AES_KEY_WRAP_PAD (RFC 5649)                                     |
 * | AES / 3DES / HMAC key generation  | hsm      | CKM_AES_KEY_GEN, CKM_DES3_KEY_GEN, CKM_GENERIC_SECRET_KEY_GEN       |
 * | 2-key 3DES (112/128 bits)         | hsm      | CKM_DES2_KEY_GEN; held as 3DES (16 bytes), unwrapped as CKK_DES2,   |
 * |                                   |          | which CKM_DES3_ECB/CBC/CMAC accept                                  |
 * | DES (56/64 bits)                  | hsm      | CKM_DES_KEY_GEN (odd parity); held as a generic secret             |
 * | keys of algorithms without an HSM | hsm      | CKM_GENERIC_SECRET_KEY_GEN of the algorithm's length (SKIPJACK 80, |
 * |   cipher (SKIPJACK, Blowfish,     |          | Blowfish, Camellia, CAST5, IDEA, MARS, RC2/4/5, Twofish, ARIA,     |
 * |   ChaCha20, ...)                  |          | SEED, SM4, ChaCha20, Poly1305; rules in crypto/common.ts)          |
 * | RSA / EC key pair generation      | hsm      | CKM_RSA_PKCS_KEY_PAIR_GEN, CKM_EC_KEY_PAIR_GEN (P-256/384/521,       |
 * |                                   |          | secp256k1: CKA_EC_PARAMS is the curve OID)                          |
 * | AES ECB/CBC/CTR/GCM               | hsm      | CKM_AES_ECB, CKM_AES_CBC(_PAD), CKM_AES_CTR, CKM_AES_GCM           |
 * | AES ECB + PKCS5 padding           | hsm+sw   | no CKM_AES_ECB_PAD: padding added/removed in software, cipher in HSM |
 * | 3DES ECB/CBC                      | hsm      | CKM_DES3_ECB, CKM_DES3_CBC(_PAD); ECB+PKCS5 as for AES              |
 * | RSA decrypt OAEP SHA-1, no label  | hsm      | CKM_RSA_PKCS_OAEP                                                   |
 * | RSA decrypt OAEP SHA-2 / label /  | hsm+sw   | SoftHSM2 OAEP takes SHA-1 without label only: raw CKM_RSA_X_509 in  |
 * |   MGF1 hash != OAEP hash          |          | the HSM, OAEP decoding (RFC 8017 7.1.2) in software                  |
 * | GCM with empty plaintext          | hsm      | C_EncryptFinal only (pkcs11js refuses an empty input buffer)        |
 * | RSA decrypt PKCS#1 v1.5           | hsm      | CKM_RSA_PKCS                                                        |
 * | RSA / EC public-key operations    | software | encrypt and verify with a public key: node:crypto (no secret)       |
 * | RSA sign PKCS#1 v1.5 / PSS        | hsm      | CKM_SHAx_RSA_PKCS, CKM_SHAx_RSA_PKCS_PSS; digested: CKM_RSA_PKCS(_PSS) |
 * | ECDSA sign                        | hsm+sw   | no CKM_ECDSA_SHAx: hash with C_Digest, CKM_ECDSA in HSM, r||s -> DER  |
 * | sign Digested Data                | hsm      | RSA: CKM_RSA_PKCS over DigestInfo||digest, or over the bytes as      |
 * |                                   |          | given when no hash is named; ECDSA: CKM_ECDSA over the digest        |
 * | verify over Digested Data (EC)    | software | public key: ECDSA over the digest in crypto/ecdsa.ts (node's verify |
 * |                                   |          | would hash the digest again)                                         |
 * | multi-part ECB/CBC/CTR (streams)  | hsm      | each part single-part in the HSM, chained by crypto/block-stream.ts |
 * |                                   |          | (CBC: last ciphertext block, CTR: counter); no session held between |
 * |                                   |          | requests; PKCS#5 padding added/removed in software                  |
 * | multi-part GCM encryption         | hsm+sw   | CKM_AES_ECB in the HSM for H = E(0), E(J0) and the counter blocks;  |
 * |                                   |          | keystream XOR, GHASH and tag in software (crypto/gcm.ts); H and     |
 * |                                   |          | E(J0) live in the stream state until it ends (zeroed)               |
 * | multi-part GCM decryption,        | hsm      | buffered until Final, then single-part (no plaintext released       |
 * |   Hash, MAC, Sign, Verify         |          | before the tag or signature is checked); bounded (streams.ts)        |
 * | HMAC SHA-1/224/256/384/512        | hsm      | CKM_SHA_1_HMAC ... CKM_SHA512_HMAC                                  |
 * | HMAC with a short or odd key      | hsm+sw   | keys below SoftHSM2's minimum (CKR_KEY_SIZE_RANGE, e.g. < 32 bytes  |
 * |                                   |          | for SHA-256) or not a multiple of 8 bytes (SoftHSM2 unwraps KWP with |
 * |                                   |          | its padding): unwrapped in the HSM, HMAC computed in software       |
 * | public key Register (SPKI)        | hsm      | PKCS#11 cannot wrap public keys: SPKI bytes wrapped as a generic    |
 * |                                   |          | secret carrier (the blob header says "public")                      |
 * | HMAC with AES/3DES key material   | hsm      | same wrapped bytes unwrapped as CKK_GENERIC_SECRET for CKM_SHAx_HMAC |
 * | ChaCha20, ChaCha20-Poly1305       | hsm+sw   | SoftHSM2 has neither: key unwrapped in the HSM, cipher in software   |
 * | CMAC AES / 3DES                   | hsm      | CKM_AES_CMAC, CKM_DES3_CMAC                                         |
 * | hash                              | hsm      | CKM_SHA_1 ... CKM_SHA512 (C_Digest)                                 |
 * | SHA-3 (hash, HMAC, signatures)    | hsm+sw   | SoftHSM2 has no SHA-3: Hash in software; RSA PKCS#1 v1.5 / ECDSA    |
 * |                                   |          | sign the software digest in the HSM (CKM_RSA_PKCS over DigestInfo,  |
 * |                                   |          | CKM_ECDSA); HMAC-SHA3 unwraps the key in the HSM, MAC in software;  |
 * |                                   |          | RSA-PSS with SHA-3 is Feature Not Supported                         |
 * | random                            | hsm      | C_GenerateRandom                                                    |
 * | export (Get) of a private key     | hsm+sw   | unwrap as non-sensitive session object, read components, PKCS#8 in sw |
 * | Ed25519 key pair generation       | hsm+sw   | CKM_EC_EDWARDS_KEY_PAIR_GEN (optional: an HSM without it answers     |
 * |                                   |          | Feature Not Supported). SoftHSM2 2.6.1 cannot wrap/unwrap Ed25519    |
 * |                                   |          | keys: the seed is read once, PKCS#8 built in sw and carried in a    |
 * |                                   |          | wrapped generic secret (eddsa.ts)                                   |
 * | Ed25519 sign (PureEdDSA)          | hsm      | CKM_EDDSA with a sensitive session object created from the carrier  |
 * | Ed25519 verify                    | software | public key: node:crypto                                             |
 * | ECDH (Derive Key, Asymmetric Key) | hsm      | CKM_ECDH1_DERIVE, CKD_NULL; Z is a generic secret wrapped under the |
 * |                                   |          | KEK, never read (ecdh.ts)                                           |
 * | Register of client-wrapped raw    | hsm      | C_UnwrapKey with CKM_AES_KEY_WRAP, CKM_AES_KEY_WRAP_PAD or          |
 * |   key material (bring your own)   |          | CKM_RSA_PKCS_OAEP (SHA-1, no label), wrapped under the KEK, digest  |
 * |                                   |          | by C_DigestKey, never read (unwrap-import.ts); OAEP with SHA-2:      |
 * |                                   |          | raw RSA in the HSM, OAEP decoding in software (as for Decrypt)       |
 */
import * as pkcs11js from 'pkcs11js';
import type { HashAlg } from '../port';
import { notSupported } from '../errors';

export interface HashMechanisms {
  digest: number;
  hmac: number;
  rsaPkcs: number;
  rsaPss: number;
  mgf: number;
}

const P = pkcs11js;

/** SHA-3 has no entry: SoftHSM2 2.6.1 offers no SHA-3 mechanism (see hasHashMechanisms). */
export const HASH_MECHANISMS: Partial<Record<HashAlg, HashMechanisms>> = {
  'SHA-1': { digest: P.CKM_SHA_1, hmac: P.CKM_SHA_1_HMAC, rsaPkcs: P.CKM_SHA1_RSA_PKCS, rsaPss: P.CKM_SHA1_RSA_PKCS_PSS, mgf: P.CKG_MGF1_SHA1 },
  'SHA-224': { digest: P.CKM_SHA224, hmac: P.CKM_SHA224_HMAC, rsaPkcs: P.CKM_SHA224_RSA_PKCS, rsaPss: P.CKM_SHA224_RSA_PKCS_PSS, mgf: P.CKG_MGF1_SHA224 },
  'SHA-256': { digest: P.CKM_SHA256, hmac: P.CKM_SHA256_HMAC, rsaPkcs: P.CKM_SHA256_RSA_PKCS, rsaPss: P.CKM_SHA256_RSA_PKCS_PSS, mgf: P.CKG_MGF1_SHA256 },
  'SHA-384': { digest: P.CKM_SHA384, hmac: P.CKM_SHA384_HMAC, rsaPkcs: P.CKM_SHA384_RSA_PKCS, rsaPss: P.CKM_SHA384_RSA_PKCS_PSS, mgf: P.CKG_MGF1_SHA384 },
  'SHA-512': { digest: P.CKM_SHA512, hmac: P.CKM_SHA512_HMAC, rsaPkcs: P.CKM_SHA512_RSA_PKCS, rsaPss: P.CKM_SHA512_RSA_PKCS_PSS, mgf: P.CKG_MGF1_SHA512 },
};

/** Whether the HSM hashes with h itself; SHA-3 digests are computed in software (no secret is involved). */
export function hasHashMechanisms(h: HashAlg): boolean {
  return HASH_MECHANISMS[h] !== undefined;
}

export function hashMechanisms(h: HashAlg): HashMechanisms {
  const m = HASH_MECHANISMS[h];
  if (!m) throw notSupported(`hashing algorithm ${String(h)} is not supported`);
  return m;
}

/**
 * Key generators by SecretKeyPlan.gen (crypto/common.ts): mechanism, the CKA_KEY_TYPE it creates, and
 * whether the template gives CKA_VALUE_LEN (the DES generators have a fixed length).
 */
export const KEY_GENERATORS: Record<'AES' | 'DES' | 'DES2' | 'DES3' | 'GENERIC', { mechanism: number; keyType: number; valueLen: boolean }> = {
  AES: { mechanism: P.CKM_AES_KEY_GEN, keyType: P.CKK_AES, valueLen: true },
  DES: { mechanism: P.CKM_DES_KEY_GEN, keyType: P.CKK_DES, valueLen: false },
  DES2: { mechanism: P.CKM_DES2_KEY_GEN, keyType: P.CKK_DES2, valueLen: false },
  DES3: { mechanism: P.CKM_DES3_KEY_GEN, keyType: P.CKK_DES3, valueLen: false },
  GENERIC: { mechanism: P.CKM_GENERIC_SECRET_KEY_GEN, keyType: P.CKK_GENERIC_SECRET, valueLen: true },
};

/** Mechanisms the adapter expects the HSM to offer (checked by an integration test). */
export const REQUIRED_HSM_MECHANISMS: Record<string, number> = {
  CKM_AES_KEY_GEN: P.CKM_AES_KEY_GEN,
  CKM_AES_KEY_WRAP_PAD: P.CKM_AES_KEY_WRAP_PAD,
  CKM_DES3_KEY_GEN: P.CKM_DES3_KEY_GEN,
  CKM_DES2_KEY_GEN: P.CKM_DES2_KEY_GEN,
  CKM_DES_KEY_GEN: P.CKM_DES_KEY_GEN,
  CKM_GENERIC_SECRET_KEY_GEN: P.CKM_GENERIC_SECRET_KEY_GEN,
  CKM_RSA_PKCS_KEY_PAIR_GEN: P.CKM_RSA_PKCS_KEY_PAIR_GEN,
  CKM_EC_KEY_PAIR_GEN: P.CKM_EC_KEY_PAIR_GEN,
  CKM_AES_ECB: P.CKM_AES_ECB,
  CKM_AES_CBC: P.CKM_AES_CBC,
  CKM_AES_CBC_PAD: P.CKM_AES_CBC_PAD,
  CKM_AES_CTR: P.CKM_AES_CTR,
  CKM_AES_GCM: P.CKM_AES_GCM,
  CKM_DES3_ECB: P.CKM_DES3_ECB,
  CKM_DES3_CBC: P.CKM_DES3_CBC,
  CKM_DES3_CBC_PAD: P.CKM_DES3_CBC_PAD,
  CKM_RSA_PKCS: P.CKM_RSA_PKCS,
  CKM_RSA_PKCS_OAEP: P.CKM_RSA_PKCS_OAEP,
  CKM_RSA_X_509: P.CKM_RSA_X_509,
  CKM_RSA_PKCS_PSS: P.CKM_RSA_PKCS_PSS,
  CKM_SHA256_RSA_PKCS: P.CKM_SHA256_RSA_PKCS,
  CKM_SHA256_RSA_PKCS_PSS: P.CKM_SHA256_RSA_PKCS_PSS,
  CKM_ECDSA: P.CKM_ECDSA,
  CKM_ECDH1_DERIVE: P.CKM_ECDH1_DERIVE,
  CKM_SHA256_HMAC: P.CKM_SHA256_HMAC,
  CKM_AES_CMAC: P.CKM_AES_CMAC,
  CKM_DES3_CMAC: P.CKM_DES3_CMAC,
  CKM_SHA256: P.CKM_SHA256,
};
