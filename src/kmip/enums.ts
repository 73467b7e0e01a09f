// GENERATED FILE - do not edit. Source: spec/data/enumerations.json; generator: spec/generate.ts (npm run spec:generate).
/* eslint-disable */

/** Adjustment Type enumeration (KMIP 2.0, 2.1). */
export const AdjustmentType = {
  /** Increment - KMIP 2.0, 2.1 */
  Increment: 0x00000001,
  /** Decrement - KMIP 2.0, 2.1 */
  Decrement: 0x00000002,
  /** Negate - KMIP 2.0, 2.1 */
  Negate: 0x00000003,
} as const;
export type AdjustmentType = (typeof AdjustmentType)[keyof typeof AdjustmentType];

/** Alternative Name Type enumeration (KMIP 1.2, 1.3, 1.4, 2.0, 2.1). */
export const AlternativeNameType = {
  /** Uninterpreted Text String - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  UninterpretedTextString: 0x00000001,
  /** URI - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  URI: 0x00000002,
  /** Object Serial Number - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ObjectSerialNumber: 0x00000003,
  /** Email Address - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  EmailAddress: 0x00000004,
  /** DNS Name - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  DNSName: 0x00000005,
  /** X.500 Distinguished Name - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  X_500DistinguishedName: 0x00000006,
  /** IP Address - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  IPAddress: 0x00000007,
} as const;
export type AlternativeNameType = (typeof AlternativeNameType)[keyof typeof AlternativeNameType];

/** Asynchronous Indicator enumeration (KMIP 2.0, 2.1). */
export const AsynchronousIndicator = {
  /** Mandatory - KMIP 2.0, 2.1 */
  Mandatory: 0x00000001,
  /** Optional - KMIP 2.0, 2.1 */
  Optional: 0x00000002,
  /** Prohibited - KMIP 2.0, 2.1 */
  Prohibited: 0x00000003,
} as const;
export type AsynchronousIndicator = (typeof AsynchronousIndicator)[keyof typeof AsynchronousIndicator];

/** Attestation Type enumeration (KMIP 1.2, 1.3, 1.4, 2.0, 2.1). */
export const AttestationType = {
  /** TPM Quote - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  TPMQuote: 0x00000001,
  /** TCG Integrity Report - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  TCGIntegrityReport: 0x00000002,
  /** SAML Assertion - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SAMLAssertion: 0x00000003,
} as const;
export type AttestationType = (typeof AttestationType)[keyof typeof AttestationType];

/** Batch Error Continuation Option enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const BatchErrorContinuationOption = {
  /** Continue - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Continue: 0x00000001,
  /** Stop - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Stop: 0x00000002,
  /** Undo - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Undo: 0x00000003,
} as const;
export type BatchErrorContinuationOption = (typeof BatchErrorContinuationOption)[keyof typeof BatchErrorContinuationOption];

/** Block Cipher Mode enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const BlockCipherMode = {
  /** CBC - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CBC: 0x00000001,
  /** ECB - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ECB: 0x00000002,
  /** PCBC - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PCBC: 0x00000003,
  /** CFB - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CFB: 0x00000004,
  /** OFB - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  OFB: 0x00000005,
  /** CTR - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CTR: 0x00000006,
  /** CMAC - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CMAC: 0x00000007,
  /** CCM - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CCM: 0x00000008,
  /** GCM - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  GCM: 0x00000009,
  /** CBC-MAC - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CBC_MAC: 0x0000000A,
  /** XTS - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  XTS: 0x0000000B,
  /** AESKeyWrapPadding - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  AESKeyWrapPadding: 0x0000000C,
  /** NISTKeyWrap - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  NISTKeyWrap: 0x0000000D,
  /** X9.102 AESKW - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  X9_102AESKW: 0x0000000E,
  /** X9.102 TDKW - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  X9_102TDKW: 0x0000000F,
  /** X9.102 AKW1 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  X9_102AKW1: 0x00000010,
  /** X9.102 AKW2 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  X9_102AKW2: 0x00000011,
  /** AEAD - KMIP 1.4, 2.0, 2.1 */
  AEAD: 0x00000012,
} as const;
export type BlockCipherMode = (typeof BlockCipherMode)[keyof typeof BlockCipherMode];

/** Cancellation Result enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const CancellationResult = {
  /** Canceled - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Canceled: 0x00000001,
  /** Unable to Cancel - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  UnableToCancel: 0x00000002,
  /** Completed - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Completed: 0x00000003,
  /** Failed - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Failed: 0x00000004,
  /** Unavailable - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Unavailable: 0x00000005,
} as const;
export type CancellationResult = (typeof CancellationResult)[keyof typeof CancellationResult];

/** Certificate Request Type enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const CertificateRequestType = {
  /** CRMF - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CRMF: 0x00000001,
  /** PKCS#10 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PKCS_10: 0x00000002,
  /** PEM - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PEM: 0x00000003,
  /** PGP - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, deprecated in 1.2, 1.3, 1.4 */
  PGP: 0x00000004,
} as const;
export type CertificateRequestType = (typeof CertificateRequestType)[keyof typeof CertificateRequestType];

/** Certificate Type enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const CertificateType = {
  /** X.509 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  X_509: 0x00000001,
  /** PGP - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.1, deprecated in 1.2, 1.3, 1.4 */
  PGP: 0x00000002,
} as const;
export type CertificateType = (typeof CertificateType)[keyof typeof CertificateType];

/** Client Registration Method enumeration (KMIP 1.3, 1.4, 2.0, 2.1). */
export const ClientRegistrationMethod = {
  /** Unspecified - KMIP 1.3, 1.4, 2.0, 2.1 */
  Unspecified: 0x00000001,
  /** Server Pre-Generated - KMIP 1.3, 1.4, 2.0, 2.1 */
  ServerPreGenerated: 0x00000002,
  /** Server On-Demand - KMIP 1.3, 1.4, 2.0, 2.1 */
  ServerOnDemand: 0x00000003,
  /** Client Generated - KMIP 1.3, 1.4, 2.0, 2.1 */
  ClientGenerated: 0x00000004,
  /** Client Registered - KMIP 1.3, 1.4, 2.0, 2.1 */
  ClientRegistered: 0x00000005,
} as const;
export type ClientRegistrationMethod = (typeof ClientRegistrationMethod)[keyof typeof ClientRegistrationMethod];

/** Credential Type enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const CredentialType = {
  /** Username and Password - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  UsernameAndPassword: 0x00000001,
  /** Device - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Device: 0x00000002,
  /** Attestation - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  Attestation: 0x00000003,
  /** One Time Password - KMIP 2.0, 2.1 */
  OneTimePassword: 0x00000004,
  /** Hashed Password - KMIP 2.0, 2.1 */
  HashedPassword: 0x00000005,
  /** Ticket - KMIP 2.0, 2.1 */
  Ticket: 0x00000006,
} as const;
export type CredentialType = (typeof CredentialType)[keyof typeof CredentialType];

/** Cryptographic Algorithm enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const CryptographicAlgorithm = {
  /** DES - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DES: 0x00000001,
  /** 3DES - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DES3: 0x00000002,
  /** AES - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  AES: 0x00000003,
  /** RSA - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  RSA: 0x00000004,
  /** DSA - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DSA: 0x00000005,
  /** ECDSA - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ECDSA: 0x00000006,
  /** HMAC-SHA1 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  HMAC_SHA1: 0x00000007,
  /** HMAC-SHA224 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  HMAC_SHA224: 0x00000008,
  /** HMAC-SHA256 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  HMAC_SHA256: 0x00000009,
  /** HMAC-SHA384 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  HMAC_SHA384: 0x0000000A,
  /** HMAC-SHA512 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  HMAC_SHA512: 0x0000000B,
  /** HMAC-MD5 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  HMAC_MD5: 0x0000000C,
  /** DH - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DH: 0x0000000D,
  /** ECDH - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ECDH: 0x0000000E,
  /** ECMQV - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ECMQV: 0x0000000F,
  /** Blowfish - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Blowfish: 0x00000010,
  /** Camellia - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Camellia: 0x00000011,
  /** CAST5 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CAST5: 0x00000012,
  /** IDEA - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  IDEA: 0x00000013,
  /** MARS - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MARS: 0x00000014,
  /** RC2 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  RC2: 0x00000015,
  /** RC4 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  RC4: 0x00000016,
  /** RC5 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  RC5: 0x00000017,
  /** SKIPJACK - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SKIPJACK: 0x00000018,
  /** Twofish - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Twofish: 0x00000019,
  /** EC - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  EC: 0x0000001A,
  /** One Time Pad - KMIP 1.3, 1.4, 2.0, 2.1 */
  OneTimePad: 0x0000001B,
  /** ChaCha20 - KMIP 1.4, 2.0, 2.1 */
  ChaCha20: 0x0000001C,
  /** Poly1305 - KMIP 1.4, 2.0, 2.1 */
  Poly1305: 0x0000001D,
  /** ChaCha20Poly1305 - KMIP 1.4, 2.0, 2.1 */
  ChaCha20Poly1305: 0x0000001E,
  /** SHA3-224 - KMIP 1.4, 2.0, 2.1 */
  SHA3_224: 0x0000001F,
  /** SHA3-256 - KMIP 1.4, 2.0, 2.1 */
  SHA3_256: 0x00000020,
  /** SHA3-384 - KMIP 1.4, 2.0, 2.1 */
  SHA3_384: 0x00000021,
  /** SHA3-512 - KMIP 1.4, 2.0, 2.1 */
  SHA3_512: 0x00000022,
  /** HMAC-SHA3-224 - KMIP 1.4, 2.0, 2.1 */
  HMAC_SHA3_224: 0x00000023,
  /** HMAC-SHA3-256 - KMIP 1.4, 2.0, 2.1 */
  HMAC_SHA3_256: 0x00000024,
  /** HMAC-SHA3-384 - KMIP 1.4, 2.0, 2.1 */
  HMAC_SHA3_384: 0x00000025,
  /** HMAC-SHA3-512 - KMIP 1.4, 2.0, 2.1 */
  HMAC_SHA3_512: 0x00000026,
  /** SHAKE-128 - KMIP 1.4, 2.0, 2.1 */
  SHAKE_128: 0x00000027,
  /** SHAKE-256 - KMIP 1.4, 2.0, 2.1 */
  SHAKE_256: 0x00000028,
  /** ARIA - KMIP 2.0, 2.1 */
  ARIA: 0x00000029,
  /** SEED - KMIP 2.0, 2.1 */
  SEED: 0x0000002A,
  /** SM2 - KMIP 2.0, 2.1 */
  SM2: 0x0000002B,
  /** SM3 - KMIP 2.0, 2.1 */
  SM3: 0x0000002C,
  /** SM4 - KMIP 2.0, 2.1 */
  SM4: 0x0000002D,
  /** GOST R 34.10-2012 - KMIP 2.0, 2.1 */
  GOSTR34_10_2012: 0x0000002E,
  /** GOST R 34.11-2012 - KMIP 2.0, 2.1 */
  GOSTR34_11_2012: 0x0000002F,
  /** GOST R 34.13-2015 - KMIP 2.0, 2.1 */
  GOSTR34_13_2015: 0x00000030,
  /** GOST 28147-89 - KMIP 2.0, 2.1 */
  GOST28147_89: 0x00000031,
  /** XMSS - KMIP 2.0, 2.1 */
  XMSS: 0x00000032,
  /** SPHINCS-256 - KMIP 2.0, 2.1 */
  SPHINCS_256: 0x00000033,
  /** McEliece - KMIP 2.0, 2.1 */
  McEliece: 0x00000034,
  /** McEliece-6960119 - KMIP 2.0, 2.1 */
  McEliece_6960119: 0x00000035,
  /** McEliece-8192128 - KMIP 2.0, 2.1 */
  McEliece_8192128: 0x00000036,
  /** Ed25519 - KMIP 2.0, 2.1 */
  Ed25519: 0x00000037,
  /** Ed448 - KMIP 2.0, 2.1 */
  Ed448: 0x00000038,
} as const;
export type CryptographicAlgorithm = (typeof CryptographicAlgorithm)[keyof typeof CryptographicAlgorithm];

/** Data enumeration (KMIP 2.0, 2.1). */
export const Data = {
  /** Decrypt - KMIP 2.0, 2.1 */
  Decrypt: 0x00000001,
  /** Encrypt - KMIP 2.0, 2.1 */
  Encrypt: 0x00000002,
  /** Hash - KMIP 2.0, 2.1 */
  Hash: 0x00000003,
  /** MAC MAC Data - KMIP 2.0, 2.1 */
  MACMACData: 0x00000004,
  /** RNG Retrieve - KMIP 2.0, 2.1 */
  RNGRetrieve: 0x00000005,
  /** Sign Signature Data - KMIP 2.0, 2.1 */
  SignSignatureData: 0x00000006,
  /** Signature Verify - KMIP 2.0, 2.1 */
  SignatureVerify: 0x00000007,
} as const;
export type Data = (typeof Data)[keyof typeof Data];

/** Derivation Method enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const DerivationMethod = {
  /** PBKDF2 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PBKDF2: 0x00000001,
  /** HASH - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  HASH: 0x00000002,
  /** HMAC - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  HMAC: 0x00000003,
  /** ENCRYPT - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ENCRYPT: 0x00000004,
  /** NIST800-108-C - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  NIST800_108_C: 0x00000005,
  /** NIST800-108-F - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  NIST800_108_F: 0x00000006,
  /** NIST800-108-DPI - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  NIST800_108_DPI: 0x00000007,
  /** Asymmetric Key - KMIP 1.4, 2.0, 2.1 */
  AsymmetricKey: 0x00000008,
  /** AWS Signature Version 4 - KMIP 2.0, 2.1 */
  AWSSignatureVersion4: 0x00000009,
  /** HKDF - KMIP 2.0, 2.1 */
  HKDF: 0x0000000A,
} as const;
export type DerivationMethod = (typeof DerivationMethod)[keyof typeof DerivationMethod];

/** Destroy Action enumeration (KMIP 1.3, 1.4, 2.0, 2.1). */
export const DestroyAction = {
  /** Unspecified - KMIP 1.3, 1.4, 2.0, 2.1 */
  Unspecified: 0x00000001,
  /** Key Material Deleted - KMIP 1.3, 1.4, 2.0, 2.1 */
  KeyMaterialDeleted: 0x00000002,
  /** Key Material Shredded - KMIP 1.3, 1.4, 2.0, 2.1 */
  KeyMaterialShredded: 0x00000003,
  /** Meta Data Deleted - KMIP 1.3, 1.4, 2.0, 2.1 */
  MetaDataDeleted: 0x00000004,
  /** Meta Data Shredded - KMIP 1.3, 1.4, 2.0, 2.1 */
  MetaDataShredded: 0x00000005,
  /** Deleted - KMIP 1.3, 1.4, 2.0, 2.1 */
  Deleted: 0x00000006,
  /** Shredded - KMIP 1.3, 1.4, 2.0, 2.1 */
  Shredded: 0x00000007,
} as const;
export type DestroyAction = (typeof DestroyAction)[keyof typeof DestroyAction];

/** Digital Signature Algorithm enumeration (KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const DigitalSignatureAlgorithm = {
  /** MD2 with RSA Encryption - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MD2WithRSAEncryption: 0x00000001,
  /** MD5 with RSA Encryption - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MD5WithRSAEncryption: 0x00000002,
  /** SHA-1 with RSA Encryption - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SHA_1WithRSAEncryption: 0x00000003,
  /** SHA-224 with RSA Encryption - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SHA_224WithRSAEncryption: 0x00000004,
  /** SHA-256 with RSA Encryption - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SHA_256WithRSAEncryption: 0x00000005,
  /** SHA-384 with RSA Encryption - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SHA_384WithRSAEncryption: 0x00000006,
  /** SHA-512 with RSA Encryption - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SHA_512WithRSAEncryption: 0x00000007,
  /** RSASSA-PSS - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  RSASSA_PSS: 0x00000008,
  /** DSA with SHA-1 - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DSAWithSHA_1: 0x00000009,
  /** DSA with SHA224 - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DSAWithSHA224: 0x0000000A,
  /** DSA with SHA256 - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DSAWithSHA256: 0x0000000B,
  /** ECDSA with SHA-1 - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ECDSAWithSHA_1: 0x0000000C,
  /** ECDSA with SHA224 - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ECDSAWithSHA224: 0x0000000D,
  /** ECDSA with SHA256 - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ECDSAWithSHA256: 0x0000000E,
  /** ECDSA with SHA384 - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ECDSAWithSHA384: 0x0000000F,
  /** ECDSA with SHA512 - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ECDSAWithSHA512: 0x00000010,
  /** SHA3-256 with RSA Encryption - KMIP 1.4, 2.0, 2.1 */
  SHA3_256WithRSAEncryption: 0x00000011,
  /** SHA3-384 with RSA Encryption - KMIP 1.4, 2.0, 2.1 */
  SHA3_384WithRSAEncryption: 0x00000012,
  /** SHA3-512 with RSA Encryption - KMIP 1.4, 2.0, 2.1 */
  SHA3_512WithRSAEncryption: 0x00000013,
} as const;
export type DigitalSignatureAlgorithm = (typeof DigitalSignatureAlgorithm)[keyof typeof DigitalSignatureAlgorithm];

/** DRBG Algorithm enumeration (KMIP 1.3, 1.4, 2.0, 2.1). */
export const DRBGAlgorithm = {
  /** Unspecified - KMIP 1.3, 1.4, 2.0, 2.1 */
  Unspecified: 0x00000001,
  /** Dual-EC - KMIP 1.3, 1.4, 2.0, 2.1 */
  Dual_EC: 0x00000002,
  /** Hash - KMIP 1.3, 1.4, 2.0, 2.1 */
  Hash: 0x00000003,
  /** HMAC - KMIP 1.3, 1.4, 2.0, 2.1 */
  HMAC: 0x00000004,
  /** CTR - KMIP 1.3, 1.4, 2.0, 2.1 */
  CTR: 0x00000005,
} as const;
export type DRBGAlgorithm = (typeof DRBGAlgorithm)[keyof typeof DRBGAlgorithm];

/** Encoding Option enumeration (KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const EncodingOption = {
  /** No Encoding - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  NoEncoding: 0x00000001,
  /** TTLV Encoding - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  TTLVEncoding: 0x00000002,
} as const;
export type EncodingOption = (typeof EncodingOption)[keyof typeof EncodingOption];

/** Endpoint Role enumeration (KMIP 2.0, 2.1). */
export const EndpointRole = {
  /** Client - KMIP 2.0, 2.1 */
  Client: 0x00000001,
  /** Server - KMIP 2.0, 2.1 */
  Server: 0x00000002,
} as const;
export type EndpointRole = (typeof EndpointRole)[keyof typeof EndpointRole];

/** FIPS186 Variation enumeration (KMIP 1.3, 1.4, 2.0, 2.1). */
export const FIPS186Variation = {
  /** Unspecified - KMIP 1.3, 1.4, 2.0, 2.1 */
  Unspecified: 0x00000001,
  /** GP x-Original - KMIP 1.3, 1.4, 2.0, 2.1 */
  GPXOriginal: 0x00000002,
  /** GP x-Change Notice - KMIP 1.3, 1.4, 2.0, 2.1 */
  GPXChangeNotice: 0x00000003,
  /** x-Original - KMIP 1.3, 1.4, 2.0, 2.1 */
  XOriginal: 0x00000004,
  /** x-Change Notice - KMIP 1.3, 1.4, 2.0, 2.1 */
  XChangeNotice: 0x00000005,
  /** k-Original - KMIP 1.3, 1.4, 2.0, 2.1 */
  KOriginal: 0x00000006,
  /** k-Change Notice - KMIP 1.3, 1.4, 2.0, 2.1 */
  KChangeNotice: 0x00000007,
} as const;
export type FIPS186Variation = (typeof FIPS186Variation)[keyof typeof FIPS186Variation];

/** Hashing Algorithm enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const HashingAlgorithm = {
  /** MD2 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MD2: 0x00000001,
  /** MD4 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MD4: 0x00000002,
  /** MD5 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MD5: 0x00000003,
  /** SHA-1 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SHA_1: 0x00000004,
  /** SHA-224 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SHA_224: 0x00000005,
  /** SHA-256 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SHA_256: 0x00000006,
  /** SHA-384 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SHA_384: 0x00000007,
  /** SHA-512 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SHA_512: 0x00000008,
  /** RIPEMD-160 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  RIPEMD_160: 0x00000009,
  /** Tiger - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Tiger: 0x0000000A,
  /** Whirlpool - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Whirlpool: 0x0000000B,
  /** SHA-512/224 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SHA_512_224: 0x0000000C,
  /** SHA-512/256 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SHA_512_256: 0x0000000D,
  /** SHA3-224 - KMIP 1.4, 2.0, 2.1 */
  SHA3_224: 0x0000000E,
  /** SHA3-256 - KMIP 1.4, 2.0, 2.1 */
  SHA3_256: 0x0000000F,
  /** SHA3-384 - KMIP 1.4, 2.0, 2.1 */
  SHA3_384: 0x00000010,
  /** SHA3-512 - KMIP 1.4, 2.0, 2.1 */
  SHA3_512: 0x00000011,
} as const;
export type HashingAlgorithm = (typeof HashingAlgorithm)[keyof typeof HashingAlgorithm];

/** Interop Function enumeration (KMIP 2.0, 2.1). */
export const InteropFunction = {
  /** Begin - KMIP 2.0, 2.1 */
  Begin: 0x00000001,
  /** End - KMIP 2.0, 2.1 */
  End: 0x00000002,
  /** Reset - KMIP 2.0, 2.1 */
  Reset: 0x00000003,
} as const;
export type InteropFunction = (typeof InteropFunction)[keyof typeof InteropFunction];

/** Key Compression Type enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const KeyCompressionType = {
  /** EC Public Key Type Uncompressed - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ECPublicKeyTypeUncompressed: 0x00000001,
  /** EC Public Key Type X9.62 Compressed Prime - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ECPublicKeyTypeX9_62CompressedPrime: 0x00000002,
  /** EC Public Key Type X9.62 Compressed Char2 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ECPublicKeyTypeX9_62CompressedChar2: 0x00000003,
  /** EC Public Key Type X9.62 Hybrid - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ECPublicKeyTypeX9_62Hybrid: 0x00000004,
} as const;
export type KeyCompressionType = (typeof KeyCompressionType)[keyof typeof KeyCompressionType];

/** Key Format Type enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const KeyFormatType = {
  /** Raw - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Raw: 0x00000001,
  /** Opaque - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Opaque: 0x00000002,
  /** PKCS#1 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PKCS_1: 0x00000003,
  /** PKCS#8 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PKCS_8: 0x00000004,
  /** X.509 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  X_509: 0x00000005,
  /** ECPrivateKey - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ECPrivateKey: 0x00000006,
  /** Transparent Symmetric Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  TransparentSymmetricKey: 0x00000007,
  /** Transparent DSA Private Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  TransparentDSAPrivateKey: 0x00000008,
  /** Transparent DSA Public Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  TransparentDSAPublicKey: 0x00000009,
  /** Transparent RSA Private Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  TransparentRSAPrivateKey: 0x0000000A,
  /** Transparent RSA Public Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  TransparentRSAPublicKey: 0x0000000B,
  /** Transparent DH Private Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  TransparentDHPrivateKey: 0x0000000C,
  /** Transparent DH Public Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  TransparentDHPublicKey: 0x0000000D,
  /** Transparent ECDSA Private Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, deprecated in 1.3, 1.4 */
  TransparentECDSAPrivateKey: 0x0000000E,
  /** Transparent ECDSA Public Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, deprecated in 1.3, 1.4 */
  TransparentECDSAPublicKey: 0x0000000F,
  /** Transparent ECDH Private Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, deprecated in 1.3, 1.4 */
  TransparentECDHPrivateKey: 0x00000010,
  /** Transparent ECDH Public Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, deprecated in 1.3, 1.4 */
  TransparentECDHPublicKey: 0x00000011,
  /** Transparent ECMQV Private Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, deprecated in 1.3, 1.4 */
  TransparentECMQVPrivateKey: 0x00000012,
  /** Transparent ECMQV Public Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, deprecated in 1.3, 1.4 */
  TransparentECMQVPublicKey: 0x00000013,
  /** Transparent EC Private Key - KMIP 1.3, 1.4, 2.0, 2.1 */
  TransparentECPrivateKey: 0x00000014,
  /** Transparent EC Public Key - KMIP 1.3, 1.4, 2.0, 2.1 */
  TransparentECPublicKey: 0x00000015,
  /** PKCS#12 - KMIP 1.4, 2.0, 2.1 */
  PKCS_12: 0x00000016,
  /** PKCS#10 - KMIP 2.0, 2.1 */
  PKCS_10: 0x00000017,
} as const;
export type KeyFormatType = (typeof KeyFormatType)[keyof typeof KeyFormatType];

/** Key Role Type enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const KeyRoleType = {
  /** BDK - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  BDK: 0x00000001,
  /** CVK - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CVK: 0x00000002,
  /** DEK - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DEK: 0x00000003,
  /** MKAC - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MKAC: 0x00000004,
  /** MKSMC - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MKSMC: 0x00000005,
  /** MKSMI - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MKSMI: 0x00000006,
  /** MKDAC - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MKDAC: 0x00000007,
  /** MKDN - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MKDN: 0x00000008,
  /** MKCP - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MKCP: 0x00000009,
  /** MKOTH - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MKOTH: 0x0000000A,
  /** KEK - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  KEK: 0x0000000B,
  /** MAC16609 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MAC16609: 0x0000000C,
  /** MAC97971 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MAC97971: 0x0000000D,
  /** MAC97972 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MAC97972: 0x0000000E,
  /** MAC97973 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MAC97973: 0x0000000F,
  /** MAC97974 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MAC97974: 0x00000010,
  /** MAC97975 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MAC97975: 0x00000011,
  /** ZPK - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ZPK: 0x00000012,
  /** PVKIBM - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PVKIBM: 0x00000013,
  /** PVKPVV - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PVKPVV: 0x00000014,
  /** PVKOTH - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PVKOTH: 0x00000015,
  /** DUKPT - KMIP 1.4, 2.0, 2.1 */
  DUKPT: 0x00000016,
  /** IV - KMIP 1.4, 2.0, 2.1 */
  IV: 0x00000017,
  /** TRKBK - KMIP 1.4, 2.0, 2.1 */
  TRKBK: 0x00000018,
} as const;
export type KeyRoleType = (typeof KeyRoleType)[keyof typeof KeyRoleType];

/** Key Value Location Type enumeration (KMIP 1.2, 1.3, 1.4, 2.0, 2.1). */
export const KeyValueLocationType = {
  /** Uninterpreted Text String - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  UninterpretedTextString: 0x00000001,
  /** URI - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  URI: 0x00000002,
} as const;
export type KeyValueLocationType = (typeof KeyValueLocationType)[keyof typeof KeyValueLocationType];

/** Key Wrap Type enumeration (KMIP 1.4, 2.0, 2.1). */
export const KeyWrapType = {
  /** Not Wrapped - KMIP 1.4, 2.0, 2.1 */
  NotWrapped: 0x00000001,
  /** As Registered - KMIP 1.4, 2.0, 2.1 */
  AsRegistered: 0x00000002,
} as const;
export type KeyWrapType = (typeof KeyWrapType)[keyof typeof KeyWrapType];

/** Link Type enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const LinkType = {
  /** Certificate Link - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CertificateLink: 0x00000101,
  /** Public Key Link - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PublicKeyLink: 0x00000102,
  /** Private Key Link - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PrivateKeyLink: 0x00000103,
  /** Derivation Base Object Link - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DerivationBaseObjectLink: 0x00000104,
  /** Derived Key Link - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DerivedKeyLink: 0x00000105,
  /** Replacement Object Link - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ReplacementObjectLink: 0x00000106,
  /** Replaced Object Link - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ReplacedObjectLink: 0x00000107,
  /** Parent Link - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ParentLink: 0x00000108,
  /** Child Link - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ChildLink: 0x00000109,
  /** Previous Link - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  PreviousLink: 0x0000010A,
  /** Next Link - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  NextLink: 0x0000010B,
  /** PKCS#12 Certificate Link - KMIP 1.4, 2.0, 2.1 */
  PKCS_12CertificateLink: 0x0000010C,
  /** PKCS#12 Password Link - KMIP 1.4, 2.0, 2.1 */
  PKCS_12PasswordLink: 0x0000010D,
  /** Wrapping Key Link - KMIP 2.0, 2.1 */
  WrappingKeyLink: 0x0000010E,
} as const;
export type LinkType = (typeof LinkType)[keyof typeof LinkType];

/** Mask Generator enumeration (KMIP 1.4, 2.0, 2.1). */
export const MaskGenerator = {
  /** MFG1 - KMIP 1.4, 2.0, 2.1 */
  MFG1: 0x00000001,
} as const;
export type MaskGenerator = (typeof MaskGenerator)[keyof typeof MaskGenerator];

/** Name Type enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const NameType = {
  /** Uninterpreted Text String - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  UninterpretedTextString: 0x00000001,
  /** URI - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  URI: 0x00000002,
} as const;
export type NameType = (typeof NameType)[keyof typeof NameType];

/** NIST Key Type enumeration (KMIP 2.0, 2.1). */
export const NISTKeyType = {
  /** Private signature key - KMIP 2.0, 2.1 */
  PrivateSignatureKey: 0x00000001,
  /** Public signature verification key - KMIP 2.0, 2.1 */
  PublicSignatureVerificationKey: 0x00000002,
  /** Symmetric authentication key - KMIP 2.0, 2.1 */
  SymmetricAuthenticationKey: 0x00000003,
  /** Private authentication key - KMIP 2.0, 2.1 */
  PrivateAuthenticationKey: 0x00000004,
  /** Public authentication key - KMIP 2.0, 2.1 */
  PublicAuthenticationKey: 0x00000005,
  /** Symmetric data encryption key - KMIP 2.0, 2.1 */
  SymmetricDataEncryptionKey: 0x00000006,
  /** Symmetric key wrapping key - KMIP 2.0, 2.1 */
  SymmetricKeyWrappingKey: 0x00000007,
  /** Symmetric random number generation key - KMIP 2.0, 2.1 */
  SymmetricRandomNumberGenerationKey: 0x00000008,
  /** Symmetric master key - KMIP 2.0, 2.1 */
  SymmetricMasterKey: 0x00000009,
  /** Private key transport key - KMIP 2.0, 2.1 */
  PrivateKeyTransportKey: 0x0000000A,
  /** Public key transport key - KMIP 2.0, 2.1 */
  PublicKeyTransportKey: 0x0000000B,
  /** Symmetric key agreement key - KMIP 2.0, 2.1 */
  SymmetricKeyAgreementKey: 0x0000000C,
  /** Private static key agreement key - KMIP 2.0, 2.1 */
  PrivateStaticKeyAgreementKey: 0x0000000D,
  /** Public static key agreement key - KMIP 2.0, 2.1 */
  PublicStaticKeyAgreementKey: 0x0000000E,
  /** Private ephemeral key agreement key - KMIP 2.0, 2.1 */
  PrivateEphemeralKeyAgreementKey: 0x0000000F,
  /** Public ephemeral key agreement key - KMIP 2.0, 2.1 */
  PublicEphemeralKeyAgreementKey: 0x00000010,
  /** Symmetric authorization key - KMIP 2.0, 2.1 */
  SymmetricAuthorizationKey: 0x00000011,
  /** Private authorization key - KMIP 2.0, 2.1 */
  PrivateAuthorizationKey: 0x00000012,
  /** Public authorization key - KMIP 2.0, 2.1 */
  PublicAuthorizationKey: 0x00000013,
} as const;
export type NISTKeyType = (typeof NISTKeyType)[keyof typeof NISTKeyType];

/** Object Group Member enumeration (KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const ObjectGroupMember = {
  /** Group Member Fresh - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  GroupMemberFresh: 0x00000001,
  /** Group Member Default - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  GroupMemberDefault: 0x00000002,
} as const;
export type ObjectGroupMember = (typeof ObjectGroupMember)[keyof typeof ObjectGroupMember];

/** Object Type enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const ObjectType = {
  /** Certificate - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Certificate: 0x00000001,
  /** Symmetric Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SymmetricKey: 0x00000002,
  /** Public Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PublicKey: 0x00000003,
  /** Private Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PrivateKey: 0x00000004,
  /** Split Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SplitKey: 0x00000005,
  /** Template - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, deprecated in 1.3, 1.4 */
  Template: 0x00000006,
  /** Secret Data - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SecretData: 0x00000007,
  /** Opaque Object - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  OpaqueObject: 0x00000008,
  /** PGP Key - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  PGPKey: 0x00000009,
  /** Certificate Request - KMIP 2.0, 2.1 */
  CertificateRequest: 0x0000000A,
} as const;
export type ObjectType = (typeof ObjectType)[keyof typeof ObjectType];

/** Opaque Data Type enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const OpaqueDataType = {
} as const;
export type OpaqueDataType = (typeof OpaqueDataType)[keyof typeof OpaqueDataType];

/** Operation enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const Operation = {
  /** Create - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Create: 0x00000001,
  /** Create Key Pair - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CreateKeyPair: 0x00000002,
  /** Register - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Register: 0x00000003,
  /** Re-key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ReKey: 0x00000004,
  /** Derive Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DeriveKey: 0x00000005,
  /** Certify - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Certify: 0x00000006,
  /** Re-certify - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ReCertify: 0x00000007,
  /** Locate - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Locate: 0x00000008,
  /** Check - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Check: 0x00000009,
  /** Get - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Get: 0x0000000A,
  /** Get Attributes - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  GetAttributes: 0x0000000B,
  /** Get Attribute List - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  GetAttributeList: 0x0000000C,
  /** Add Attribute - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  AddAttribute: 0x0000000D,
  /** Modify Attribute - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ModifyAttribute: 0x0000000E,
  /** Delete Attribute - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DeleteAttribute: 0x0000000F,
  /** Obtain Lease - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ObtainLease: 0x00000010,
  /** Get Usage Allocation - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  GetUsageAllocation: 0x00000011,
  /** Activate - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Activate: 0x00000012,
  /** Revoke - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Revoke: 0x00000013,
  /** Destroy - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Destroy: 0x00000014,
  /** Archive - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Archive: 0x00000015,
  /** Recover - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Recover: 0x00000016,
  /** Validate - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Validate: 0x00000017,
  /** Query - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Query: 0x00000018,
  /** Cancel - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Cancel: 0x00000019,
  /** Poll - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Poll: 0x0000001A,
  /** Notify - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Notify: 0x0000001B,
  /** Put - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Put: 0x0000001C,
  /** Re-key Key Pair - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ReKeyKeyPair: 0x0000001D,
  /** Discover Versions - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DiscoverVersions: 0x0000001E,
  /** Encrypt - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  Encrypt: 0x0000001F,
  /** Decrypt - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  Decrypt: 0x00000020,
  /** Sign - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  Sign: 0x00000021,
  /** Signature Verify - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SignatureVerify: 0x00000022,
  /** MAC - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  MAC: 0x00000023,
  /** MAC Verify - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  MACVerify: 0x00000024,
  /** RNG Retrieve - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  RNGRetrieve: 0x00000025,
  /** RNG Seed - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  RNGSeed: 0x00000026,
  /** Hash - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  Hash: 0x00000027,
  /** Create Split Key - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  CreateSplitKey: 0x00000028,
  /** Join Split Key - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  JoinSplitKey: 0x00000029,
  /** Import - KMIP 1.4, 2.0, 2.1 */
  Import: 0x0000002A,
  /** Export - KMIP 1.4, 2.0, 2.1 */
  Export: 0x0000002B,
  /** Log - KMIP 2.0, 2.1 */
  Log: 0x0000002C,
  /** Login - KMIP 2.0, 2.1 */
  Login: 0x0000002D,
  /** Logout - KMIP 2.0, 2.1 */
  Logout: 0x0000002E,
  /** Delegated Login - KMIP 2.0, 2.1 */
  DelegatedLogin: 0x0000002F,
  /** Adjust Attribute - KMIP 2.0, 2.1 */
  AdjustAttribute: 0x00000030,
  /** Set Attribute - KMIP 2.0, 2.1 */
  SetAttribute: 0x00000031,
  /** Set Endpoint Role - KMIP 2.0, 2.1 */
  SetEndpointRole: 0x00000032,
  /** PKCS#11 - KMIP 2.0, 2.1 */
  PKCS_11: 0x00000033,
  /** Interop - KMIP 2.0, 2.1 */
  Interop: 0x00000034,
  /** Re-Provision - KMIP 2.0, 2.1 */
  ReProvision: 0x00000035,
  /** Set Defaults - KMIP 2.1 */
  SetDefaults: 0x00000036,
  /** Set Constraints - KMIP 2.1 */
  SetConstraints: 0x00000037,
  /** Get Constraints - KMIP 2.1 */
  GetConstraints: 0x00000038,
  /** Query Asynchronous Requests - KMIP 2.1 */
  QueryAsynchronousRequests: 0x00000039,
  /** Process - KMIP 2.1 */
  Process: 0x0000003A,
  /** Ping - KMIP 2.1 */
  Ping: 0x0000003B,
} as const;
export type Operation = (typeof Operation)[keyof typeof Operation];

/** Padding Method enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const PaddingMethod = {
  /** None - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  None: 0x00000001,
  /** OAEP - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  OAEP: 0x00000002,
  /** PKCS5 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PKCS5: 0x00000003,
  /** SSL3 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  SSL3: 0x00000004,
  /** Zeros - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Zeros: 0x00000005,
  /** ANSI X9.23 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9_23: 0x00000006,
  /** ISO 10126 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ISO10126: 0x00000007,
  /** PKCS1 v1.5 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PKCS1V1_5: 0x00000008,
  /** X9.31 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  X9_31: 0x00000009,
  /** PSS - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PSS: 0x0000000A,
} as const;
export type PaddingMethod = (typeof PaddingMethod)[keyof typeof PaddingMethod];

/** PKCS#11 Function enumeration (KMIP 2.0, 2.1). */
export const PKCS_11Function = {
  /** C_Initialize - KMIP 2.0, 2.1 */
  C_Initialize: 0x00000001,
  /** C_Finalize - KMIP 2.0, 2.1 */
  C_Finalize: 0x00000002,
  /** C_GetInfo - KMIP 2.0, 2.1 */
  C_GetInfo: 0x00000003,
  /** C_GetFunctionList - KMIP 2.0, 2.1 */
  C_GetFunctionList: 0x00000004,
  /** C_GetSlotList - KMIP 2.0, 2.1 */
  C_GetSlotList: 0x00000005,
  /** C_GetSlotInfo - KMIP 2.0, 2.1 */
  C_GetSlotInfo: 0x00000006,
  /** C_GetTokenInfo - KMIP 2.0, 2.1 */
  C_GetTokenInfo: 0x00000007,
  /** C_GetMechanismList - KMIP 2.0, 2.1 */
  C_GetMechanismList: 0x00000008,
  /** C_GetMechanismInfo - KMIP 2.0, 2.1 */
  C_GetMechanismInfo: 0x00000009,
  /** C_InitToken - KMIP 2.0, 2.1 */
  C_InitToken: 0x0000000A,
  /** C_InitPIN - KMIP 2.0, 2.1 */
  C_InitPIN: 0x0000000B,
  /** C_SetPIN - KMIP 2.0, 2.1 */
  C_SetPIN: 0x0000000C,
  /** C_OpenSession - KMIP 2.0, 2.1 */
  C_OpenSession: 0x0000000D,
  /** C_CloseSession - KMIP 2.0, 2.1 */
  C_CloseSession: 0x0000000E,
  /** C_CloseAllSessions - KMIP 2.0, 2.1 */
  C_CloseAllSessions: 0x0000000F,
  /** C_GetSessionInfo - KMIP 2.0, 2.1 */
  C_GetSessionInfo: 0x00000010,
  /** C_GetOperationState - KMIP 2.0, 2.1 */
  C_GetOperationState: 0x00000011,
  /** C_SetOperationState - KMIP 2.0, 2.1 */
  C_SetOperationState: 0x00000012,
  /** C_Login - KMIP 2.0, 2.1 */
  C_Login: 0x00000013,
  /** C_Logout - KMIP 2.0, 2.1 */
  C_Logout: 0x00000014,
  /** C_CreateObject - KMIP 2.0, 2.1 */
  C_CreateObject: 0x00000015,
  /** C_CopyObject - KMIP 2.0, 2.1 */
  C_CopyObject: 0x00000016,
  /** C_DestroyObject - KMIP 2.0, 2.1 */
  C_DestroyObject: 0x00000017,
  /** C_GetObjectSize - KMIP 2.0, 2.1 */
  C_GetObjectSize: 0x00000018,
  /** C_GetAttributeValue - KMIP 2.0, 2.1 */
  C_GetAttributeValue: 0x00000019,
  /** C_SetAttributeValue - KMIP 2.0, 2.1 */
  C_SetAttributeValue: 0x0000001A,
  /** C_FindObjectsInit - KMIP 2.0, 2.1 */
  C_FindObjectsInit: 0x0000001B,
  /** C_FindObjects - KMIP 2.0, 2.1 */
  C_FindObjects: 0x0000001C,
  /** C_FindObjectsFinal - KMIP 2.0, 2.1 */
  C_FindObjectsFinal: 0x0000001D,
  /** C_EncryptInit - KMIP 2.0, 2.1 */
  C_EncryptInit: 0x0000001E,
  /** C_Encrypt - KMIP 2.0, 2.1 */
  C_Encrypt: 0x0000001F,
  /** C_EncryptUpdate - KMIP 2.0, 2.1 */
  C_EncryptUpdate: 0x00000020,
  /** C_EncryptFinal - KMIP 2.0, 2.1 */
  C_EncryptFinal: 0x00000021,
  /** C_DecryptInit - KMIP 2.0, 2.1 */
  C_DecryptInit: 0x00000022,
  /** C_Decrypt - KMIP 2.0, 2.1 */
  C_Decrypt: 0x00000023,
  /** C_DecryptUpdate - KMIP 2.0, 2.1 */
  C_DecryptUpdate: 0x00000024,
  /** C_DecryptFinal - KMIP 2.0, 2.1 */
  C_DecryptFinal: 0x00000025,
  /** C_DigestInit - KMIP 2.0, 2.1 */
  C_DigestInit: 0x00000026,
  /** C_Digest - KMIP 2.0, 2.1 */
  C_Digest: 0x00000027,
  /** C_DigestUpdate - KMIP 2.0, 2.1 */
  C_DigestUpdate: 0x00000028,
  /** C_DigestKey - KMIP 2.0, 2.1 */
  C_DigestKey: 0x00000029,
  /** C_DigestFinal - KMIP 2.0, 2.1 */
  C_DigestFinal: 0x0000002A,
  /** C_SignInit - KMIP 2.0, 2.1 */
  C_SignInit: 0x0000002B,
  /** C_Sign - KMIP 2.0, 2.1 */
  C_Sign: 0x0000002C,
  /** C_SignUpdate - KMIP 2.0, 2.1 */
  C_SignUpdate: 0x0000002D,
  /** C_SignFinal - KMIP 2.0, 2.1 */
  C_SignFinal: 0x0000002E,
  /** C_SignRecoverInit - KMIP 2.0, 2.1 */
  C_SignRecoverInit: 0x0000002F,
  /** C_SignRecover - KMIP 2.0, 2.1 */
  C_SignRecover: 0x00000030,
  /** C_VerifyInit - KMIP 2.0, 2.1 */
  C_VerifyInit: 0x00000031,
  /** C_Verify - KMIP 2.0, 2.1 */
  C_Verify: 0x00000032,
  /** C_VerifyUpdate - KMIP 2.0, 2.1 */
  C_VerifyUpdate: 0x00000033,
  /** C_VerifyFinal - KMIP 2.0, 2.1 */
  C_VerifyFinal: 0x00000034,
  /** C_VerifyRecoverInit - KMIP 2.0, 2.1 */
  C_VerifyRecoverInit: 0x00000035,
  /** C_VerifyRecover - KMIP 2.0, 2.1 */
  C_VerifyRecover: 0x00000036,
  /** C_DigestEncryptUpdate - KMIP 2.0, 2.1 */
  C_DigestEncryptUpdate: 0x00000037,
  /** C_DecryptDigestUpdate - KMIP 2.0, 2.1 */
  C_DecryptDigestUpdate: 0x00000038,
  /** C_SignEncryptUpdate - KMIP 2.0, 2.1 */
  C_SignEncryptUpdate: 0x00000039,
  /** C_DecryptVerifyUpdate - KMIP 2.0, 2.1 */
  C_DecryptVerifyUpdate: 0x0000003A,
  /** C_GenerateKey - KMIP 2.0, 2.1 */
  C_GenerateKey: 0x0000003B,
  /** C_GenerateKeyPair - KMIP 2.0, 2.1 */
  C_GenerateKeyPair: 0x0000003C,
  /** C_WrapKey - KMIP 2.0, 2.1 */
  C_WrapKey: 0x0000003D,
  /** C_UnwrapKey - KMIP 2.0, 2.1 */
  C_UnwrapKey: 0x0000003E,
  /** C_DeriveKey - KMIP 2.0, 2.1 */
  C_DeriveKey: 0x0000003F,
  /** C_SeedRandom - KMIP 2.0, 2.1 */
  C_SeedRandom: 0x00000040,
  /** C_GenerateRandom - KMIP 2.0, 2.1 */
  C_GenerateRandom: 0x00000041,
  /** C_GetFunctionStatus - KMIP 2.0, 2.1 */
  C_GetFunctionStatus: 0x00000042,
  /** C_CancelFunction - KMIP 2.0, 2.1 */
  C_CancelFunction: 0x00000043,
  /** C_WaitForSlotEvent - KMIP 2.0, 2.1 */
  C_WaitForSlotEvent: 0x00000044,
  /** C_GetInterfaceList - KMIP 2.0, 2.1 */
  C_GetInterfaceList: 0x00000045,
  /** C_GetInterface - KMIP 2.0, 2.1 */
  C_GetInterface: 0x00000046,
  /** C_LoginUser - KMIP 2.0, 2.1 */
  C_LoginUser: 0x00000047,
  /** C_SessionCancel - KMIP 2.0, 2.1 */
  C_SessionCancel: 0x00000048,
  /** C_MessageEncryptInit - KMIP 2.0, 2.1 */
  C_MessageEncryptInit: 0x00000049,
  /** C_EncryptMessage - KMIP 2.0, 2.1 */
  C_EncryptMessage: 0x0000004A,
  /** C_EncryptMessageBegin - KMIP 2.0, 2.1 */
  C_EncryptMessageBegin: 0x0000004B,
  /** C_EncryptMessageNext - KMIP 2.0, 2.1 */
  C_EncryptMessageNext: 0x0000004C,
  /** C_MessageEncryptFinal - KMIP 2.0, 2.1 */
  C_MessageEncryptFinal: 0x0000004D,
  /** C_MessageDecryptInit - KMIP 2.0, 2.1 */
  C_MessageDecryptInit: 0x0000004E,
  /** C_DecryptMessage - KMIP 2.0, 2.1 */
  C_DecryptMessage: 0x0000004F,
  /** C_DecryptMessageBegin - KMIP 2.0, 2.1 */
  C_DecryptMessageBegin: 0x00000050,
  /** C_DecryptMessageNext - KMIP 2.0, 2.1 */
  C_DecryptMessageNext: 0x00000051,
  /** C_MessageDecryptFinal - KMIP 2.0, 2.1 */
  C_MessageDecryptFinal: 0x00000052,
  /** C_MessageSignInit - KMIP 2.0, 2.1 */
  C_MessageSignInit: 0x00000053,
  /** C_SignMessage - KMIP 2.0, 2.1 */
  C_SignMessage: 0x00000054,
  /** C_SignMessageBegin - KMIP 2.0, 2.1 */
  C_SignMessageBegin: 0x00000055,
  /** C_SignMessageNext - KMIP 2.0, 2.1 */
  C_SignMessageNext: 0x00000056,
  /** C_MessageSignFinal - KMIP 2.0, 2.1 */
  C_MessageSignFinal: 0x00000057,
  /** C_MessageVerifyInit - KMIP 2.0, 2.1 */
  C_MessageVerifyInit: 0x00000058,
  /** C_VerifyMessage - KMIP 2.0, 2.1 */
  C_VerifyMessage: 0x00000059,
  /** C_VerifyMessageBegin - KMIP 2.0, 2.1 */
  C_VerifyMessageBegin: 0x0000005A,
  /** C_VerifyMessageNext - KMIP 2.0, 2.1 */
  C_VerifyMessageNext: 0x0000005B,
  /** C_MessageVerifyFinal - KMIP 2.0, 2.1 */
  C_MessageVerifyFinal: 0x0000005C,
} as const;
export type PKCS_11Function = (typeof PKCS_11Function)[keyof typeof PKCS_11Function];

/** PKCS#11 Return Code enumeration (KMIP 2.0, 2.1). */
export const PKCS_11ReturnCode = {
  /** OK - KMIP 2.0, 2.1 */
  OK: 0x00000000,
  /** CANCEL - KMIP 2.0, 2.1 */
  CANCEL: 0x00000001,
  /** HOST_MEMORY - KMIP 2.0, 2.1 */
  HOST_MEMORY: 0x00000002,
  /** SLOT_ID_INVALID - KMIP 2.0, 2.1 */
  SLOT_ID_INVALID: 0x00000003,
  /** GENERAL_ERROR - KMIP 2.0, 2.1 */
  GENERAL_ERROR: 0x00000005,
  /** FUNCTION_FAILED - KMIP 2.0, 2.1 */
  FUNCTION_FAILED: 0x00000006,
  /** ARGUMENTS_BAD - KMIP 2.0, 2.1 */
  ARGUMENTS_BAD: 0x00000007,
  /** NO_EVENT - KMIP 2.0, 2.1 */
  NO_EVENT: 0x00000008,
  /** NEED_TO_CREATE_THREADS - KMIP 2.0, 2.1 */
  NEED_TO_CREATE_THREADS: 0x00000009,
  /** CANT_LOCK - KMIP 2.0, 2.1 */
  CANT_LOCK: 0x0000000A,
  /** ATTRIBUTE_READ_ONLY - KMIP 2.0, 2.1 */
  ATTRIBUTE_READ_ONLY: 0x00000010,
  /** ATTRIBUTE_SENSITIVE - KMIP 2.0, 2.1 */
  ATTRIBUTE_SENSITIVE: 0x00000011,
  /** ATTRIBUTE_TYPE_INVALID - KMIP 2.0, 2.1 */
  ATTRIBUTE_TYPE_INVALID: 0x00000012,
  /** ATTRIBUTE_VALUE_INVALID - KMIP 2.0, 2.1 */
  ATTRIBUTE_VALUE_INVALID: 0x00000013,
  /** ACTION_PROHIBITED - KMIP 2.0, 2.1 */
  ACTION_PROHIBITED: 0x0000001B,
  /** DATA_INVALID - KMIP 2.0, 2.1 */
  DATA_INVALID: 0x00000020,
  /** DATA_LEN_RANGE - KMIP 2.0, 2.1 */
  DATA_LEN_RANGE: 0x00000021,
  /** DEVICE_ERROR - KMIP 2.0, 2.1 */
  DEVICE_ERROR: 0x00000030,
  /** DEVICE_MEMORY - KMIP 2.0, 2.1 */
  DEVICE_MEMORY: 0x00000031,
  /** DEVICE_REMOVED - KMIP 2.0, 2.1 */
  DEVICE_REMOVED: 0x00000032,
  /** ENCRYPTED_DATA_INVALID - KMIP 2.0, 2.1 */
  ENCRYPTED_DATA_INVALID: 0x00000040,
  /** ENCRYPTED_DATA_LEN_RANGE - KMIP 2.0, 2.1 */
  ENCRYPTED_DATA_LEN_RANGE: 0x00000041,
  /** FUNCTION_CANCELED - KMIP 2.0, 2.1 */
  FUNCTION_CANCELED: 0x00000050,
  /** FUNCTION_NOT_PARALLEL - KMIP 2.0, 2.1 */
  FUNCTION_NOT_PARALLEL: 0x00000051,
  /** FUNCTION_NOT_SUPPORTED - KMIP 2.0, 2.1 */
  FUNCTION_NOT_SUPPORTED: 0x00000054,
  /** KEY_HANDLE_INVALID - KMIP 2.0, 2.1 */
  KEY_HANDLE_INVALID: 0x00000060,
  /** KEY_SIZE_RANGE - KMIP 2.0, 2.1 */
  KEY_SIZE_RANGE: 0x00000062,
  /** KEY_TYPE_INCONSISTENT - KMIP 2.0, 2.1 */
  KEY_TYPE_INCONSISTENT: 0x00000063,
  /** KEY_NOT_NEEDED - KMIP 2.0, 2.1 */
  KEY_NOT_NEEDED: 0x00000064,
  /** KEY_CHANGED - KMIP 2.0, 2.1 */
  KEY_CHANGED: 0x00000065,
  /** KEY_NEEDED - KMIP 2.0, 2.1 */
  KEY_NEEDED: 0x00000066,
  /** KEY_INDIGESTIBLE - KMIP 2.0, 2.1 */
  KEY_INDIGESTIBLE: 0x00000067,
  /** KEY_FUNCTION_NOT_PERMITTED - KMIP 2.0, 2.1 */
  KEY_FUNCTION_NOT_PERMITTED: 0x00000068,
  /** KEY_NOT_WRAPPABLE - KMIP 2.0, 2.1 */
  KEY_NOT_WRAPPABLE: 0x00000069,
  /** KEY_UNEXTRACTABLE - KMIP 2.0, 2.1 */
  KEY_UNEXTRACTABLE: 0x0000006A,
  /** MECHANISM_INVALID - KMIP 2.0, 2.1 */
  MECHANISM_INVALID: 0x00000070,
  /** MECHANISM_PARAM_INVALID - KMIP 2.0, 2.1 */
  MECHANISM_PARAM_INVALID: 0x00000071,
  /** OBJECT_HANDLE_INVALID - KMIP 2.0, 2.1 */
  OBJECT_HANDLE_INVALID: 0x00000082,
  /** OPERATION_ACTIVE - KMIP 2.0, 2.1 */
  OPERATION_ACTIVE: 0x00000090,
  /** OPERATION_NOT_INITIALIZED - KMIP 2.0, 2.1 */
  OPERATION_NOT_INITIALIZED: 0x00000091,
  /** PIN_INCORRECT - KMIP 2.0, 2.1 */
  PIN_INCORRECT: 0x000000A0,
  /** PIN_INVALID - KMIP 2.0, 2.1 */
  PIN_INVALID: 0x000000A1,
  /** PIN_LEN_RANGE - KMIP 2.0, 2.1 */
  PIN_LEN_RANGE: 0x000000A2,
  /** PIN_EXPIRED - KMIP 2.0, 2.1 */
  PIN_EXPIRED: 0x000000A3,
  /** PIN_LOCKED - KMIP 2.0, 2.1 */
  PIN_LOCKED: 0x000000A4,
  /** SESSION_CLOSED - KMIP 2.0, 2.1 */
  SESSION_CLOSED: 0x000000B0,
  /** SESSION_COUNT - KMIP 2.0, 2.1 */
  SESSION_COUNT: 0x000000B1,
  /** SESSION_HANDLE_INVALID - KMIP 2.0, 2.1 */
  SESSION_HANDLE_INVALID: 0x000000B3,
  /** SESSION_PARALLEL_NOT_SUPPORTED - KMIP 2.0, 2.1 */
  SESSION_PARALLEL_NOT_SUPPORTED: 0x000000B4,
  /** SESSION_READ_ONLY - KMIP 2.0, 2.1 */
  SESSION_READ_ONLY: 0x000000B5,
  /** SESSION_EXISTS - KMIP 2.0, 2.1 */
  SESSION_EXISTS: 0x000000B6,
  /** SESSION_READ_ONLY_EXISTS - KMIP 2.0, 2.1 */
  SESSION_READ_ONLY_EXISTS: 0x000000B7,
  /** SESSION_READ_WRITE_SO_EXISTS - KMIP 2.0, 2.1 */
  SESSION_READ_WRITE_SO_EXISTS: 0x000000B8,
  /** SIGNATURE_INVALID - KMIP 2.0, 2.1 */
  SIGNATURE_INVALID: 0x000000C0,
  /** SIGNATURE_LEN_RANGE - KMIP 2.0, 2.1 */
  SIGNATURE_LEN_RANGE: 0x000000C1,
  /** TEMPLATE_INCOMPLETE - KMIP 2.0, 2.1 */
  TEMPLATE_INCOMPLETE: 0x000000D0,
  /** TEMPLATE_INCONSISTENT - KMIP 2.0, 2.1 */
  TEMPLATE_INCONSISTENT: 0x000000D1,
  /** TOKEN_NOT_PRESENT - KMIP 2.0, 2.1 */
  TOKEN_NOT_PRESENT: 0x000000E0,
  /** TOKEN_NOT_RECOGNIZED - KMIP 2.0, 2.1 */
  TOKEN_NOT_RECOGNIZED: 0x000000E1,
  /** TOKEN_WRITE_PROTECTED - KMIP 2.0, 2.1 */
  TOKEN_WRITE_PROTECTED: 0x000000E2,
  /** UNWRAPPING_KEY_HANDLE_INVALID - KMIP 2.0, 2.1 */
  UNWRAPPING_KEY_HANDLE_INVALID: 0x000000F0,
  /** UNWRAPPING_KEY_SIZE_RANGE - KMIP 2.0, 2.1 */
  UNWRAPPING_KEY_SIZE_RANGE: 0x000000F1,
  /** UNWRAPPING_KEY_TYPE_INCONSISTENT - KMIP 2.0, 2.1 */
  UNWRAPPING_KEY_TYPE_INCONSISTENT: 0x000000F2,
  /** USER_ALREADY_LOGGED_IN - KMIP 2.0, 2.1 */
  USER_ALREADY_LOGGED_IN: 0x00000100,
  /** USER_NOT_LOGGED_IN - KMIP 2.0, 2.1 */
  USER_NOT_LOGGED_IN: 0x00000101,
  /** USER_PIN_NOT_INITIALIZED - KMIP 2.0, 2.1 */
  USER_PIN_NOT_INITIALIZED: 0x00000102,
  /** USER_TYPE_INVALID - KMIP 2.0, 2.1 */
  USER_TYPE_INVALID: 0x00000103,
  /** USER_ANOTHER_ALREADY_LOGGED_IN - KMIP 2.0, 2.1 */
  USER_ANOTHER_ALREADY_LOGGED_IN: 0x00000104,
  /** USER_TOO_MANY_TYPES - KMIP 2.0, 2.1 */
  USER_TOO_MANY_TYPES: 0x00000105,
  /** WRAPPED_KEY_INVALID - KMIP 2.0, 2.1 */
  WRAPPED_KEY_INVALID: 0x00000110,
  /** WRAPPED_KEY_LEN_RANGE - KMIP 2.0, 2.1 */
  WRAPPED_KEY_LEN_RANGE: 0x00000112,
  /** WRAPPING_KEY_HANDLE_INVALID - KMIP 2.0, 2.1 */
  WRAPPING_KEY_HANDLE_INVALID: 0x00000113,
  /** WRAPPING_KEY_SIZE_RANGE - KMIP 2.0, 2.1 */
  WRAPPING_KEY_SIZE_RANGE: 0x00000114,
  /** WRAPPING_KEY_TYPE_INCONSISTENT - KMIP 2.0, 2.1 */
  WRAPPING_KEY_TYPE_INCONSISTENT: 0x00000115,
  /** RANDOM_SEED_NOT_SUPPORTED - KMIP 2.0, 2.1 */
  RANDOM_SEED_NOT_SUPPORTED: 0x00000120,
  /** RANDOM_NO_RNG - KMIP 2.0, 2.1 */
  RANDOM_NO_RNG: 0x00000121,
  /** DOMAIN_PARAMS_INVALID - KMIP 2.0, 2.1 */
  DOMAIN_PARAMS_INVALID: 0x00000130,
  /** CURVE_NOT_SUPPORTED - KMIP 2.0, 2.1 */
  CURVE_NOT_SUPPORTED: 0x00000140,
  /** BUFFER_TOO_SMALL - KMIP 2.0, 2.1 */
  BUFFER_TOO_SMALL: 0x00000150,
  /** SAVED_STATE_INVALID - KMIP 2.0, 2.1 */
  SAVED_STATE_INVALID: 0x00000160,
  /** INFORMATION_SENSITIVE - KMIP 2.0, 2.1 */
  INFORMATION_SENSITIVE: 0x00000170,
  /** STATE_UNSAVEABLE - KMIP 2.0, 2.1 */
  STATE_UNSAVEABLE: 0x00000180,
  /** CRYPTOKI_NOT_INITIALIZED - KMIP 2.0, 2.1 */
  CRYPTOKI_NOT_INITIALIZED: 0x00000190,
  /** CRYPTOKI_ALREADY_INITIALIZED - KMIP 2.0, 2.1 */
  CRYPTOKI_ALREADY_INITIALIZED: 0x00000191,
  /** MUTEX_BAD - KMIP 2.0, 2.1 */
  MUTEX_BAD: 0x000001A0,
  /** MUTEX_NOT_LOCKED - KMIP 2.0, 2.1 */
  MUTEX_NOT_LOCKED: 0x000001A1,
  /** NEW_PIN_MODE - KMIP 2.0, 2.1 */
  NEW_PIN_MODE: 0x000001B0,
  /** NEXT_OTP - KMIP 2.0, 2.1 */
  NEXT_OTP: 0x000001B1,
  /** EXCEEDED_MAX_ITERATIONS - KMIP 2.0, 2.1 */
  EXCEEDED_MAX_ITERATIONS: 0x000001B5,
  /** FIPS_SELF_TEST_FAILED - KMIP 2.0, 2.1 */
  FIPS_SELF_TEST_FAILED: 0x000001B6,
  /** LIBRARY_LOAD_FAILED - KMIP 2.0, 2.1 */
  LIBRARY_LOAD_FAILED: 0x000001B7,
  /** PIN_TOO_WEAK - KMIP 2.0, 2.1 */
  PIN_TOO_WEAK: 0x000001B8,
  /** PUBLIC_KEY_INVALID - KMIP 2.0, 2.1 */
  PUBLIC_KEY_INVALID: 0x000001B9,
  /** FUNCTION_REJECTED - KMIP 2.0, 2.1 */
  FUNCTION_REJECTED: 0x00000200,
  /** TOKEN_RESOURCE_EXCEEDED - KMIP 2.0, 2.1 */
  TOKEN_RESOURCE_EXCEEDED: 0x00000201,
  /** OPERATION_CANCEL_FAILED - KMIP 2.0, 2.1 */
  OPERATION_CANCEL_FAILED: 0x00000202,
} as const;
export type PKCS_11ReturnCode = (typeof PKCS_11ReturnCode)[keyof typeof PKCS_11ReturnCode];

/** Processing Stage enumeration (KMIP 2.1). */
export const ProcessingStage = {
  /** Submitted - KMIP 2.1 */
  Submitted: 0x00000001,
  /** In Process - KMIP 2.1 */
  InProcess: 0x00000002,
  /** Completed - KMIP 2.1 */
  Completed: 0x00000003,
} as const;
export type ProcessingStage = (typeof ProcessingStage)[keyof typeof ProcessingStage];

/** Profile Name enumeration (KMIP 1.3, 1.4, 2.0, 2.1). */
export const ProfileName = {
  /** Baseline Server Basic KMIP v1.2 - KMIP 1.3, 1.4 */
  BaselineServerBasicKMIPV1_2: 0x00000001,
  /** Baseline Server TLS v1.2 KMIP v1.2 - KMIP 1.3, 1.4 */
  BaselineServerTLSV1_2KMIPV1_2: 0x00000002,
  /** Baseline Client Basic KMIP v1.2 - KMIP 1.3, 1.4 */
  BaselineClientBasicKMIPV1_2: 0x00000003,
  /** Baseline Client TLS v1.2 KMIP v1.2 - KMIP 1.3, 1.4 */
  BaselineClientTLSV1_2KMIPV1_2: 0x00000004,
  /** Complete Server Basic KMIP v1.2 - KMIP 1.3, 1.4 */
  CompleteServerBasicKMIPV1_2: 0x00000005,
  /** Complete Server TLS v1.2 KMIP v1.2 - KMIP 1.3, 1.4 */
  CompleteServerTLSV1_2KMIPV1_2: 0x00000006,
  /** Tape Library Client KMIP v1.0 - KMIP 1.3, 1.4 */
  TapeLibraryClientKMIPV1_0: 0x00000007,
  /** Tape Library Client KMIP v1.1 - KMIP 1.3, 1.4 */
  TapeLibraryClientKMIPV1_1: 0x00000008,
  /** Tape Library Client KMIP v1.2 - KMIP 1.3, 1.4 */
  TapeLibraryClientKMIPV1_2: 0x00000009,
  /** Tape Library Server KMIP v1.0 - KMIP 1.3, 1.4 */
  TapeLibraryServerKMIPV1_0: 0x0000000A,
  /** Tape Library Server KMIP v1.1 - KMIP 1.3, 1.4 */
  TapeLibraryServerKMIPV1_1: 0x0000000B,
  /** Tape Library Server KMIP v1.2 - KMIP 1.3, 1.4 */
  TapeLibraryServerKMIPV1_2: 0x0000000C,
  /** Symmetric Key Lifecycle Client KMIP v1.0 - KMIP 1.3, 1.4 */
  SymmetricKeyLifecycleClientKMIPV1_0: 0x0000000D,
  /** Symmetric Key Lifecycle Client KMIP v1.1 - KMIP 1.3, 1.4 */
  SymmetricKeyLifecycleClientKMIPV1_1: 0x0000000E,
  /** Symmetric Key Lifecycle Client KMIP v1.2 - KMIP 1.3, 1.4 */
  SymmetricKeyLifecycleClientKMIPV1_2: 0x0000000F,
  /** Symmetric Key Lifecycle Server KMIP v1.0 - KMIP 1.3, 1.4 */
  SymmetricKeyLifecycleServerKMIPV1_0: 0x00000010,
  /** Symmetric Key Lifecycle Server KMIP v1.1 - KMIP 1.3, 1.4 */
  SymmetricKeyLifecycleServerKMIPV1_1: 0x00000011,
  /** Symmetric Key Lifecycle Server KMIP v1.2 - KMIP 1.3, 1.4 */
  SymmetricKeyLifecycleServerKMIPV1_2: 0x00000012,
  /** Asymmetric Key Lifecycle Client KMIP v1.0 - KMIP 1.3, 1.4 */
  AsymmetricKeyLifecycleClientKMIPV1_0: 0x00000013,
  /** Asymmetric Key Lifecycle Client KMIP v1.1 - KMIP 1.3, 1.4 */
  AsymmetricKeyLifecycleClientKMIPV1_1: 0x00000014,
  /** Asymmetric Key Lifecycle Client KMIP v1.2 - KMIP 1.3, 1.4 */
  AsymmetricKeyLifecycleClientKMIPV1_2: 0x00000015,
  /** Asymmetric Key Lifecycle Server KMIP v1.0 - KMIP 1.3, 1.4 */
  AsymmetricKeyLifecycleServerKMIPV1_0: 0x00000016,
  /** Asymmetric Key Lifecycle Server KMIP v1.1 - KMIP 1.3, 1.4 */
  AsymmetricKeyLifecycleServerKMIPV1_1: 0x00000017,
  /** Asymmetric Key Lifecycle Server KMIP v1.2 - KMIP 1.3, 1.4 */
  AsymmetricKeyLifecycleServerKMIPV1_2: 0x00000018,
  /** Basic Cryptographic Client KMIP v1.2 - KMIP 1.3, 1.4 */
  BasicCryptographicClientKMIPV1_2: 0x00000019,
  /** Basic Cryptographic Server KMIP v1.2 - KMIP 1.3, 1.4 */
  BasicCryptographicServerKMIPV1_2: 0x0000001A,
  /** Advanced Cryptographic Client KMIP v1.2 - KMIP 1.3, 1.4 */
  AdvancedCryptographicClientKMIPV1_2: 0x0000001B,
  /** Advanced Cryptographic Server KMIP v1.2 - KMIP 1.3, 1.4 */
  AdvancedCryptographicServerKMIPV1_2: 0x0000001C,
  /** RNG Cryptographic Client KMIP v1.2 - KMIP 1.3, 1.4 */
  RNGCryptographicClientKMIPV1_2: 0x0000001D,
  /** RNG Cryptographic Server KMIP v1.2 - KMIP 1.3, 1.4 */
  RNGCryptographicServerKMIPV1_2: 0x0000001E,
  /** Basic Symmetric Key Foundry Client KMIP v1.0 - KMIP 1.3, 1.4 */
  BasicSymmetricKeyFoundryClientKMIPV1_0: 0x0000001F,
  /** Intermediate Symmetric Key Foundry Client KMIP v1.0 - KMIP 1.3, 1.4 */
  IntermediateSymmetricKeyFoundryClientKMIPV1_0: 0x00000020,
  /** Advanced Symmetric Key Foundry Client KMIP v1.0 - KMIP 1.3, 1.4 */
  AdvancedSymmetricKeyFoundryClientKMIPV1_0: 0x00000021,
  /** Basic Symmetric Key Foundry Client KMIP v1.1 - KMIP 1.3, 1.4 */
  BasicSymmetricKeyFoundryClientKMIPV1_1: 0x00000022,
  /** Intermediate Symmetric Key Foundry Client KMIP v1.1 - KMIP 1.3, 1.4 */
  IntermediateSymmetricKeyFoundryClientKMIPV1_1: 0x00000023,
  /** Advanced Symmetric Key Foundry Client KMIP v1.1 - KMIP 1.3, 1.4 */
  AdvancedSymmetricKeyFoundryClientKMIPV1_1: 0x00000024,
  /** Basic Symmetric Key Foundry Client KMIP v1.2 - KMIP 1.3, 1.4 */
  BasicSymmetricKeyFoundryClientKMIPV1_2: 0x00000025,
  /** Intermediate Symmetric Key Foundry Client KMIP v1.2 - KMIP 1.3, 1.4 */
  IntermediateSymmetricKeyFoundryClientKMIPV1_2: 0x00000026,
  /** Advanced Symmetric Key Foundry Client KMIP v1.2 - KMIP 1.3, 1.4 */
  AdvancedSymmetricKeyFoundryClientKMIPV1_2: 0x00000027,
  /** Symmetric Key Foundry Server KMIP v1.0 - KMIP 1.3, 1.4 */
  SymmetricKeyFoundryServerKMIPV1_0: 0x00000028,
  /** Symmetric Key Foundry Server KMIP v1.1 - KMIP 1.3, 1.4 */
  SymmetricKeyFoundryServerKMIPV1_1: 0x00000029,
  /** Symmetric Key Foundry Server KMIP v1.2 - KMIP 1.3, 1.4 */
  SymmetricKeyFoundryServerKMIPV1_2: 0x0000002A,
  /** Opaque Managed Object Store Client KMIP v1.0 - KMIP 1.3, 1.4 */
  OpaqueManagedObjectStoreClientKMIPV1_0: 0x0000002B,
  /** Opaque Managed Object Store Client KMIP v1.1 - KMIP 1.3, 1.4 */
  OpaqueManagedObjectStoreClientKMIPV1_1: 0x0000002C,
  /** Opaque Managed Object Store Client KMIP v1.2 - KMIP 1.3, 1.4 */
  OpaqueManagedObjectStoreClientKMIPV1_2: 0x0000002D,
  /** Opaque Managed Object Store Server KMIP v1.0 - KMIP 1.3, 1.4 */
  OpaqueManagedObjectStoreServerKMIPV1_0: 0x0000002E,
  /** Opaque Managed Object Store Server KMIP v1.1 - KMIP 1.3, 1.4 */
  OpaqueManagedObjectStoreServerKMIPV1_1: 0x0000002F,
  /** Opaque Managed Object Store Server KMIP v1.2 - KMIP 1.3, 1.4 */
  OpaqueManagedObjectStoreServerKMIPV1_2: 0x00000030,
  /** Suite B minLOS_128 Client KMIP v1.0 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_128ClientKMIPV1_0: 0x00000031,
  /** Suite B minLOS_128 Client KMIP v1.1 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_128ClientKMIPV1_1: 0x00000032,
  /** Suite B minLOS_128 Client KMIP v1.2 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_128ClientKMIPV1_2: 0x00000033,
  /** Suite B minLOS_128 Server KMIP v1.0 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_128ServerKMIPV1_0: 0x00000034,
  /** Suite B minLOS_128 Server KMIP v1.1 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_128ServerKMIPV1_1: 0x00000035,
  /** Suite B minLOS_128 Server KMIP v1.2 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_128ServerKMIPV1_2: 0x00000036,
  /** Suite B minLOS_192 Client KMIP v1.0 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_192ClientKMIPV1_0: 0x00000037,
  /** Suite B minLOS_192 Client KMIP v1.1 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_192ClientKMIPV1_1: 0x00000038,
  /** Suite B minLOS_192 Client KMIP v1.2 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_192ClientKMIPV1_2: 0x00000039,
  /** Suite B minLOS_192 Server KMIP v1.0 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_192ServerKMIPV1_0: 0x0000003A,
  /** Suite B minLOS_192 Server KMIP v1.1 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_192ServerKMIPV1_1: 0x0000003B,
  /** Suite B minLOS_192 Server KMIP v1.2 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_192ServerKMIPV1_2: 0x0000003C,
  /** Storage Array with Self Encrypting Drive Client KMIP v1.0 - KMIP 1.3, 1.4 */
  StorageArrayWithSelfEncryptingDriveClientKMIPV1_0: 0x0000003D,
  /** Storage Array with Self Encrypting Drive Client KMIP v1.1 - KMIP 1.3, 1.4 */
  StorageArrayWithSelfEncryptingDriveClientKMIPV1_1: 0x0000003E,
  /** Storage Array with Self Encrypting Drive Client KMIP v1.2 - KMIP 1.3, 1.4 */
  StorageArrayWithSelfEncryptingDriveClientKMIPV1_2: 0x0000003F,
  /** Storage Array with Self Encrypting Drive Server KMIP v1.0 - KMIP 1.3, 1.4 */
  StorageArrayWithSelfEncryptingDriveServerKMIPV1_0: 0x00000040,
  /** Storage Array with Self Encrypting Drive Server KMIP v1.1 - KMIP 1.3, 1.4 */
  StorageArrayWithSelfEncryptingDriveServerKMIPV1_1: 0x00000041,
  /** Storage Array with Self Encrypting Drive Server KMIP v1.2 - KMIP 1.3, 1.4 */
  StorageArrayWithSelfEncryptingDriveServerKMIPV1_2: 0x00000042,
  /** HTTPS Client KMIP v1.0 - KMIP 1.3, 1.4 */
  HTTPSClientKMIPV1_0: 0x00000043,
  /** HTTPS Client KMIP v1.1 - KMIP 1.3, 1.4 */
  HTTPSClientKMIPV1_1: 0x00000044,
  /** HTTPS Client KMIP v1.2 - KMIP 1.3, 1.4 */
  HTTPSClientKMIPV1_2: 0x00000045,
  /** HTTPS Server KMIP v1.0 - KMIP 1.3, 1.4 */
  HTTPSServerKMIPV1_0: 0x00000046,
  /** HTTPS Server KMIP v1.1 - KMIP 1.3, 1.4 */
  HTTPSServerKMIPV1_1: 0x00000047,
  /** HTTPS Server KMIP v1.2 - KMIP 1.3, 1.4 */
  HTTPSServerKMIPV1_2: 0x00000048,
  /** JSON Client KMIP v1.0 - KMIP 1.3, 1.4 */
  JSONClientKMIPV1_0: 0x00000049,
  /** JSON Client KMIP v1.1 - KMIP 1.3, 1.4 */
  JSONClientKMIPV1_1: 0x0000004A,
  /** JSON Client KMIP v1.2 - KMIP 1.3, 1.4 */
  JSONClientKMIPV1_2: 0x0000004B,
  /** JSON Server KMIP v1.0 - KMIP 1.3, 1.4 */
  JSONServerKMIPV1_0: 0x0000004C,
  /** JSON Server KMIP v1.1 - KMIP 1.3, 1.4 */
  JSONServerKMIPV1_1: 0x0000004D,
  /** JSON Server KMIP v1.2 - KMIP 1.3, 1.4 */
  JSONServerKMIPV1_2: 0x0000004E,
  /** XML Client KMIP v1.0 - KMIP 1.3, 1.4 */
  XMLClientKMIPV1_0: 0x0000004F,
  /** XML Client KMIP v1.1 - KMIP 1.3, 1.4 */
  XMLClientKMIPV1_1: 0x00000050,
  /** XML Client KMIP v1.2 - KMIP 1.3, 1.4 */
  XMLClientKMIPV1_2: 0x00000051,
  /** XML Server KMIP v1.0 - KMIP 1.3, 1.4 */
  XMLServerKMIPV1_0: 0x00000052,
  /** XML Server KMIP v1.1 - KMIP 1.3, 1.4 */
  XMLServerKMIPV1_1: 0x00000053,
  /** XML Server KMIP v1.2 - KMIP 1.3, 1.4 */
  XMLServerKMIPV1_2: 0x00000054,
  /** Baseline Server Basic KMIP v1.3 - KMIP 1.3, 1.4 */
  BaselineServerBasicKMIPV1_3: 0x00000055,
  /** Baseline Server TLS v1.2 KMIP v1.3 - KMIP 1.3, 1.4 */
  BaselineServerTLSV1_2KMIPV1_3: 0x00000056,
  /** Baseline Client Basic KMIP v1.3 - KMIP 1.3, 1.4 */
  BaselineClientBasicKMIPV1_3: 0x00000057,
  /** Baseline Client TLS v1.2 KMIP v1.3 - KMIP 1.3, 1.4 */
  BaselineClientTLSV1_2KMIPV1_3: 0x00000058,
  /** Complete Server Basic KMIP v1.3 - KMIP 1.3, 1.4 */
  CompleteServerBasicKMIPV1_3: 0x00000059,
  /** Complete Server TLS v1.2 KMIP v1.3 - KMIP 1.3, 1.4 */
  CompleteServerTLSV1_2KMIPV1_3: 0x0000005A,
  /** Tape Library Client KMIP v1.3 - KMIP 1.3, 1.4 */
  TapeLibraryClientKMIPV1_3: 0x0000005B,
  /** Tape Library Server KMIP v1.3 - KMIP 1.3, 1.4 */
  TapeLibraryServerKMIPV1_3: 0x0000005C,
  /** Symmetric Key Lifecycle Client KMIP v1.3 - KMIP 1.3, 1.4 */
  SymmetricKeyLifecycleClientKMIPV1_3: 0x0000005D,
  /** Symmetric Key Lifecycle Server KMIP v1.3 - KMIP 1.3, 1.4 */
  SymmetricKeyLifecycleServerKMIPV1_3: 0x0000005E,
  /** Asymmetric Key Lifecycle Client KMIP v1.3 - KMIP 1.3, 1.4 */
  AsymmetricKeyLifecycleClientKMIPV1_3: 0x0000005F,
  /** Asymmetric Key Lifecycle Server KMIP v1.3 - KMIP 1.3, 1.4 */
  AsymmetricKeyLifecycleServerKMIPV1_3: 0x00000060,
  /** Basic Cryptographic Client KMIP v1.3 - KMIP 1.3, 1.4 */
  BasicCryptographicClientKMIPV1_3: 0x00000061,
  /** Basic Cryptographic Server KMIP v1.3 - KMIP 1.3, 1.4 */
  BasicCryptographicServerKMIPV1_3: 0x00000062,
  /** Advanced Cryptographic Client KMIP v1.3 - KMIP 1.3, 1.4 */
  AdvancedCryptographicClientKMIPV1_3: 0x00000063,
  /** Advanced Cryptographic Server KMIP v1.3 - KMIP 1.3, 1.4 */
  AdvancedCryptographicServerKMIPV1_3: 0x00000064,
  /** RNG Cryptographic Client KMIP v1.3 - KMIP 1.3, 1.4 */
  RNGCryptographicClientKMIPV1_3: 0x00000065,
  /** RNG Cryptographic Server KMIP v1.3 - KMIP 1.3, 1.4 */
  RNGCryptographicServerKMIPV1_3: 0x00000066,
  /** Basic Symmetric Key Foundry Client KMIP v1.3 - KMIP 1.3, 1.4 */
  BasicSymmetricKeyFoundryClientKMIPV1_3: 0x00000067,
  /** Intermediate Symmetric Key Foundry Client KMIP v1.3 - KMIP 1.3, 1.4 */
  IntermediateSymmetricKeyFoundryClientKMIPV1_3: 0x00000068,
  /** Advanced Symmetric Key Foundry Client KMIP v1.3 - KMIP 1.3, 1.4 */
  AdvancedSymmetricKeyFoundryClientKMIPV1_3: 0x00000069,
  /** Symmetric Key Foundry Server KMIP v1.3 - KMIP 1.3, 1.4 */
  SymmetricKeyFoundryServerKMIPV1_3: 0x0000006A,
  /** Opaque Managed Object Store Client KMIP v1.3 - KMIP 1.3, 1.4 */
  OpaqueManagedObjectStoreClientKMIPV1_3: 0x0000006B,
  /** Opaque Managed Object Store Server KMIP v1.3 - KMIP 1.3, 1.4 */
  OpaqueManagedObjectStoreServerKMIPV1_3: 0x0000006C,
  /** Suite B minLOS_128 Client KMIP v1.3 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_128ClientKMIPV1_3: 0x0000006D,
  /** Suite B minLOS_128 Server KMIP v1.3 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_128ServerKMIPV1_3: 0x0000006E,
  /** Suite B minLOS_192 Client KMIP v1.3 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_192ClientKMIPV1_3: 0x0000006F,
  /** Suite B minLOS_192 Server KMIP v1.3 - KMIP 1.3, 1.4 */
  SuiteBMinLOS_192ServerKMIPV1_3: 0x00000070,
  /** Storage Array with Self Encrypting Drive Client KMIP v1.3 - KMIP 1.3, 1.4 */
  StorageArrayWithSelfEncryptingDriveClientKMIPV1_3: 0x00000071,
  /** Storage Array with Self Encrypting Drive Server KMIP v1.3 - KMIP 1.3, 1.4 */
  StorageArrayWithSelfEncryptingDriveServerKMIPV1_3: 0x00000072,
  /** HTTPS Client KMIP v1.3 - KMIP 1.3, 1.4 */
  HTTPSClientKMIPV1_3: 0x00000073,
  /** HTTPS Server KMIP v1.3 - KMIP 1.3, 1.4 */
  HTTPSServerKMIPV1_3: 0x00000074,
  /** JSON Client KMIP v1.3 - KMIP 1.3, 1.4 */
  JSONClientKMIPV1_3: 0x00000075,
  /** JSON Server KMIP v1.3 - KMIP 1.3, 1.4 */
  JSONServerKMIPV1_3: 0x00000076,
  /** XML Client KMIP v1.3 - KMIP 1.3, 1.4 */
  XMLClientKMIPV1_3: 0x00000077,
  /** XML Server KMIP v1.3 - KMIP 1.3, 1.4 */
  XMLServerKMIPV1_3: 0x00000078,
  /** Baseline Server Basic KMIP v1.4 - KMIP 1.4 */
  BaselineServerBasicKMIPV1_4: 0x00000079,
  /** Baseline Server TLS v1.2 KMIP v1.4 - KMIP 1.4 */
  BaselineServerTLSV1_2KMIPV1_4: 0x0000007A,
  /** Baseline Client Basic KMIP v1.4 - KMIP 1.4 */
  BaselineClientBasicKMIPV1_4: 0x0000007B,
  /** Baseline Client TLS v1.2 KMIP v1.4 - KMIP 1.4 */
  BaselineClientTLSV1_2KMIPV1_4: 0x0000007C,
  /** Complete Server Basic KMIP v1.4 - KMIP 1.4 */
  CompleteServerBasicKMIPV1_4: 0x0000007D,
  /** Complete Server TLS v1.2 KMIP v1.4 - KMIP 1.4 */
  CompleteServerTLSV1_2KMIPV1_4: 0x0000007E,
  /** Tape Library Client KMIP v1.4 - KMIP 1.4 */
  TapeLibraryClientKMIPV1_4: 0x0000007F,
  /** Tape Library Server KMIP v1.4 - KMIP 1.4 */
  TapeLibraryServerKMIPV1_4: 0x00000080,
  /** Symmetric Key Lifecycle Client KMIP v1.4 - KMIP 1.4 */
  SymmetricKeyLifecycleClientKMIPV1_4: 0x00000081,
  /** Symmetric Key Lifecycle Server KMIP v1.4 - KMIP 1.4 */
  SymmetricKeyLifecycleServerKMIPV1_4: 0x00000082,
  /** Asymmetric Key Lifecycle Client KMIP v1.4 - KMIP 1.4 */
  AsymmetricKeyLifecycleClientKMIPV1_4: 0x00000083,
  /** Asymmetric Key Lifecycle Server KMIP v1.4 - KMIP 1.4 */
  AsymmetricKeyLifecycleServerKMIPV1_4: 0x00000084,
  /** Basic Cryptographic Client KMIP v1.4 - KMIP 1.4 */
  BasicCryptographicClientKMIPV1_4: 0x00000085,
  /** Basic Cryptographic Server KMIP v1.4 - KMIP 1.4 */
  BasicCryptographicServerKMIPV1_4: 0x00000086,
  /** Advanced Cryptographic Client KMIP v1.4 - KMIP 1.4 */
  AdvancedCryptographicClientKMIPV1_4: 0x00000087,
  /** Advanced Cryptographic Server KMIP v1.4 - KMIP 1.4 */
  AdvancedCryptographicServerKMIPV1_4: 0x00000088,
  /** RNG Cryptographic Client KMIP v1.4 - KMIP 1.4 */
  RNGCryptographicClientKMIPV1_4: 0x00000089,
  /** RNG Cryptographic Server KMIP v1.4 - KMIP 1.4 */
  RNGCryptographicServerKMIPV1_4: 0x0000008A,
  /** Basic Symmetric Key Foundry Client KMIP v1.4 - KMIP 1.4 */
  BasicSymmetricKeyFoundryClientKMIPV1_4: 0x0000008B,
  /** Intermediate Symmetric Key Foundry Client KMIP v1.4 - KMIP 1.4 */
  IntermediateSymmetricKeyFoundryClientKMIPV1_4: 0x0000008C,
  /** Advanced Symmetric Key Foundry Client KMIP v1.4 - KMIP 1.4 */
  AdvancedSymmetricKeyFoundryClientKMIPV1_4: 0x0000008D,
  /** Symmetric Key Foundry Server KMIP v1.4 - KMIP 1.4 */
  SymmetricKeyFoundryServerKMIPV1_4: 0x0000008E,
  /** Opaque Managed Object Store Client KMIP v1.4 - KMIP 1.4 */
  OpaqueManagedObjectStoreClientKMIPV1_4: 0x0000008F,
  /** Opaque Managed Object Store Server KMIP v1.4 - KMIP 1.4 */
  OpaqueManagedObjectStoreServerKMIPV1_4: 0x00000090,
  /** Suite B minLOS_128 Client KMIP v1.4 - KMIP 1.4 */
  SuiteBMinLOS_128ClientKMIPV1_4: 0x00000091,
  /** Suite B minLOS_128 Server KMIP v1.4 - KMIP 1.4 */
  SuiteBMinLOS_128ServerKMIPV1_4: 0x00000092,
  /** Suite B minLOS_192 Client KMIP v1.4 - KMIP 1.4 */
  SuiteBMinLOS_192ClientKMIPV1_4: 0x00000093,
  /** Suite B minLOS_192 Server KMIP v1.4 - KMIP 1.4 */
  SuiteBMinLOS_192ServerKMIPV1_4: 0x00000094,
  /** Storage Array with Self Encrypting Drive Client KMIP v1.4 - KMIP 1.4 */
  StorageArrayWithSelfEncryptingDriveClientKMIPV1_4: 0x00000095,
  /** Storage Array with Self Encrypting Drive Server KMIP v1.4 - KMIP 1.4 */
  StorageArrayWithSelfEncryptingDriveServerKMIPV1_4: 0x00000096,
  /** HTTPS Client KMIP v1.4 - KMIP 1.4 */
  HTTPSClientKMIPV1_4: 0x00000097,
  /** HTTPS Server KMIP v1.4 - KMIP 1.4 */
  HTTPSServerKMIPV1_4: 0x00000098,
  /** JSON Client KMIP v1.4 - KMIP 1.4 */
  JSONClientKMIPV1_4: 0x00000099,
  /** JSON Server KMIP v1.4 - KMIP 1.4 */
  JSONServerKMIPV1_4: 0x0000009A,
  /** XML Client KMIP v1.4 - KMIP 1.4 */
  XMLClientKMIPV1_4: 0x0000009B,
  /** XML Server KMIP v1.4 - KMIP 1.4 */
  XMLServerKMIPV1_4: 0x0000009C,
  /** Complete Server Basic - KMIP 2.0, 2.1 */
  CompleteServerBasic: 0x00000104,
  /** Complete Server TLS v1.2 - KMIP 2.0, 2.1 */
  CompleteServerTLSV1_2: 0x00000105,
  /** Tape Library Client - KMIP 2.0, 2.1 */
  TapeLibraryClient: 0x00000106,
  /** Tape Library Server - KMIP 2.0, 2.1 */
  TapeLibraryServer: 0x00000107,
  /** Symmetric Key Lifecycle Client - KMIP 2.0, 2.1 */
  SymmetricKeyLifecycleClient: 0x00000108,
  /** Symmetric Key Lifecycle Server - KMIP 2.0, 2.1 */
  SymmetricKeyLifecycleServer: 0x00000109,
  /** Asymmetric Key Lifecycle Client - KMIP 2.0, 2.1 */
  AsymmetricKeyLifecycleClient: 0x0000010A,
  /** Asymmetric Key Lifecycle Server - KMIP 2.0, 2.1 */
  AsymmetricKeyLifecycleServer: 0x0000010B,
  /** Basic Cryptographic Client - KMIP 2.0, 2.1 */
  BasicCryptographicClient: 0x0000010C,
  /** Basic Cryptographic Server - KMIP 2.0, 2.1 */
  BasicCryptographicServer: 0x0000010D,
  /** Advanced Cryptographic Client - KMIP 2.0, 2.1 */
  AdvancedCryptographicClient: 0x0000010E,
  /** Advanced Cryptographic Server - KMIP 2.0, 2.1 */
  AdvancedCryptographicServer: 0x0000010F,
  /** RNG Cryptographic Client - KMIP 2.0, 2.1 */
  RNGCryptographicClient: 0x00000110,
  /** RNG Cryptographic Server - KMIP 2.0, 2.1 */
  RNGCryptographicServer: 0x00000111,
  /** Basic Symmetric Key Foundry Client - KMIP 2.0, 2.1 */
  BasicSymmetricKeyFoundryClient: 0x00000112,
  /** Intermediate Symmetric Key Foundry Client - KMIP 2.0, 2.1 */
  IntermediateSymmetricKeyFoundryClient: 0x00000113,
  /** Advanced Symmetric Key Foundry Client - KMIP 2.0, 2.1 */
  AdvancedSymmetricKeyFoundryClient: 0x00000114,
  /** Symmetric Key Foundry Server - KMIP 2.0, 2.1 */
  SymmetricKeyFoundryServer: 0x00000115,
  /** Opaque Managed Object Store Client - KMIP 2.0, 2.1 */
  OpaqueManagedObjectStoreClient: 0x00000116,
  /** Opaque Managed Object Store Server - KMIP 2.0, 2.1 */
  OpaqueManagedObjectStoreServer: 0x00000117,
  /** Storage Array with Self Encrypting Drive Client - KMIP 2.0, 2.1 */
  StorageArrayWithSelfEncryptingDriveClient: 0x0000011C,
  /** Storage Array with Self Encrypting Drive Server - KMIP 2.0, 2.1 */
  StorageArrayWithSelfEncryptingDriveServer: 0x0000011D,
  /** HTTPS Client - KMIP 2.0, 2.1 */
  HTTPSClient: 0x0000011E,
  /** HTTPS Server - KMIP 2.0, 2.1 */
  HTTPSServer: 0x0000011F,
  /** JSON Client - KMIP 2.0, 2.1 */
  JSONClient: 0x00000120,
  /** JSON Server - KMIP 2.0, 2.1 */
  JSONServer: 0x00000121,
  /** XML Client - KMIP 2.0, 2.1 */
  XMLClient: 0x00000122,
  /** XML Server - KMIP 2.0, 2.1 */
  XMLServer: 0x00000123,
  /** AES XTS Client - KMIP 2.0, 2.1 */
  AESXTSClient: 0x00000124,
  /** AES XTS Server - KMIP 2.0, 2.1 */
  AESXTSServer: 0x00000125,
  /** Quantum Safe Client - KMIP 2.0, 2.1 */
  QuantumSafeClient: 0x00000126,
  /** Quantum Safe Server - KMIP 2.0, 2.1 */
  QuantumSafeServer: 0x00000127,
  /** PKCS#11 Client - KMIP 2.0, 2.1 */
  PKCS_11Client: 0x00000128,
  /** PKCS#11 Server - KMIP 2.0, 2.1 */
  PKCS_11Server: 0x00000129,
  /** Baseline Client - KMIP 2.0, 2.1 */
  BaselineClient: 0x0000012A,
  /** Baseline Server - KMIP 2.0, 2.1 */
  BaselineServer: 0x0000012B,
  /** Complete Server - KMIP 2.0, 2.1 */
  CompleteServer: 0x0000012C,
} as const;
export type ProfileName = (typeof ProfileName)[keyof typeof ProfileName];

/** Protection Level enumeration (KMIP 2.0, 2.1). */
export const ProtectionLevel = {
  /** High - KMIP 2.0, 2.1 */
  High: 0x00000001,
  /** Low - KMIP 2.0, 2.1 */
  Low: 0x00000002,
} as const;
export type ProtectionLevel = (typeof ProtectionLevel)[keyof typeof ProtectionLevel];

/** Put Function enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const PutFunction = {
  /** New - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  New: 0x00000001,
  /** Replace - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Replace: 0x00000002,
} as const;
export type PutFunction = (typeof PutFunction)[keyof typeof PutFunction];

/** Query Function enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const QueryFunction = {
  /** Query Operations - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  QueryOperations: 0x00000001,
  /** Query Objects - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  QueryObjects: 0x00000002,
  /** Query Server Information - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  QueryServerInformation: 0x00000003,
  /** Query Application Namespaces - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  QueryApplicationNamespaces: 0x00000004,
  /** Query Extension List - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  QueryExtensionList: 0x00000005,
  /** Query Extension Map - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  QueryExtensionMap: 0x00000006,
  /** Query Attestation Types - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  QueryAttestationTypes: 0x00000007,
  /** Query RNGs - KMIP 1.3, 1.4, 2.0, 2.1 */
  QueryRNGs: 0x00000008,
  /** Query Validations - KMIP 1.3, 1.4, 2.0, 2.1 */
  QueryValidations: 0x00000009,
  /** Query Profiles - KMIP 1.3, 1.4, 2.0, 2.1 */
  QueryProfiles: 0x0000000A,
  /** Query Capabilities - KMIP 1.3, 1.4, 2.0, 2.1 */
  QueryCapabilities: 0x0000000B,
  /** Query Client Registration Methods - KMIP 1.3, 1.4, 2.0, 2.1 */
  QueryClientRegistrationMethods: 0x0000000C,
  /** Query Defaults Information - KMIP 2.0, 2.1 */
  QueryDefaultsInformation: 0x0000000D,
  /** Query Storage Protection Masks - KMIP 2.0, 2.1 */
  QueryStorageProtectionMasks: 0x0000000E,
} as const;
export type QueryFunction = (typeof QueryFunction)[keyof typeof QueryFunction];

/** Recommended Curve enumeration (KMIP 1.2, 1.3, 1.4, 2.0, 2.1). */
export const RecommendedCurve = {
  /** P-192 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  P_192: 0x00000001,
  /** K-163 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  K_163: 0x00000002,
  /** B-163 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  B_163: 0x00000003,
  /** P-224 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  P_224: 0x00000004,
  /** K-233 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  K_233: 0x00000005,
  /** B-233 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  B_233: 0x00000006,
  /** P-256 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  P_256: 0x00000007,
  /** K-283 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  K_283: 0x00000008,
  /** B-283 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  B_283: 0x00000009,
  /** P-384 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  P_384: 0x0000000A,
  /** K-409 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  K_409: 0x0000000B,
  /** B-409 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  B_409: 0x0000000C,
  /** P-521 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  P_521: 0x0000000D,
  /** K-571 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  K_571: 0x0000000E,
  /** B-571 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  B_571: 0x0000000F,
  /** SECP112R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECP112R1: 0x00000010,
  /** SECP112R2 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECP112R2: 0x00000011,
  /** SECP128R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECP128R1: 0x00000012,
  /** SECP128R2 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECP128R2: 0x00000013,
  /** SECP160K1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECP160K1: 0x00000014,
  /** SECP160R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECP160R1: 0x00000015,
  /** SECP160R2 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECP160R2: 0x00000016,
  /** SECP192K1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECP192K1: 0x00000017,
  /** SECP224K1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECP224K1: 0x00000018,
  /** SECP256K1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECP256K1: 0x00000019,
  /** SECT113R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECT113R1: 0x0000001A,
  /** SECT113R2 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECT113R2: 0x0000001B,
  /** SECT131R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECT131R1: 0x0000001C,
  /** SECT131R2 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECT131R2: 0x0000001D,
  /** SECT163R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECT163R1: 0x0000001E,
  /** SECT193R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECT193R1: 0x0000001F,
  /** SECT193R2 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECT193R2: 0x00000020,
  /** SECT239K1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  SECT239K1: 0x00000021,
  /** ANSIX9P192V2 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9P192V2: 0x00000022,
  /** ANSIX9P192V3 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9P192V3: 0x00000023,
  /** ANSIX9P239V1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9P239V1: 0x00000024,
  /** ANSIX9P239V2 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9P239V2: 0x00000025,
  /** ANSIX9P239V3 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9P239V3: 0x00000026,
  /** ANSIX9C2PNB163V1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2PNB163V1: 0x00000027,
  /** ANSIX9C2PNB163V2 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2PNB163V2: 0x00000028,
  /** ANSIX9C2PNB163V3 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2PNB163V3: 0x00000029,
  /** ANSIX9C2PNB176V1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2PNB176V1: 0x0000002A,
  /** ANSIX9C2TNB191V1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2TNB191V1: 0x0000002B,
  /** ANSIX9C2TNB191V2 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2TNB191V2: 0x0000002C,
  /** ANSIX9C2TNB191V3 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2TNB191V3: 0x0000002D,
  /** ANSIX9C2PNB208W1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2PNB208W1: 0x0000002E,
  /** ANSIX9C2TNB239V1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2TNB239V1: 0x0000002F,
  /** ANSIX9C2TNB239V2 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2TNB239V2: 0x00000030,
  /** ANSIX9C2TNB239V3 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2TNB239V3: 0x00000031,
  /** ANSIX9C2PNB272W1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2PNB272W1: 0x00000032,
  /** ANSIX9C2PNB304W1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2PNB304W1: 0x00000033,
  /** ANSIX9C2TNB359V1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2TNB359V1: 0x00000034,
  /** ANSIX9C2PNB368W1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2PNB368W1: 0x00000035,
  /** ANSIX9C2TNB431R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  ANSIX9C2TNB431R1: 0x00000036,
  /** BRAINPOOLP160R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  BRAINPOOLP160R1: 0x00000037,
  /** BRAINPOOLP160T1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  BRAINPOOLP160T1: 0x00000038,
  /** BRAINPOOLP192R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  BRAINPOOLP192R1: 0x00000039,
  /** BRAINPOOLP192T1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  BRAINPOOLP192T1: 0x0000003A,
  /** BRAINPOOLP224R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  BRAINPOOLP224R1: 0x0000003B,
  /** BRAINPOOLP224T1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  BRAINPOOLP224T1: 0x0000003C,
  /** BRAINPOOLP256R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  BRAINPOOLP256R1: 0x0000003D,
  /** BRAINPOOLP256T1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  BRAINPOOLP256T1: 0x0000003E,
  /** BRAINPOOLP320R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  BRAINPOOLP320R1: 0x0000003F,
  /** BRAINPOOLP320T1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  BRAINPOOLP320T1: 0x00000040,
  /** BRAINPOOLP384R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  BRAINPOOLP384R1: 0x00000041,
  /** BRAINPOOLP384T1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  BRAINPOOLP384T1: 0x00000042,
  /** BRAINPOOLP512R1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  BRAINPOOLP512R1: 0x00000043,
  /** BRAINPOOLP512T1 - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  BRAINPOOLP512T1: 0x00000044,
  /** CURVE25519 - KMIP 2.0, 2.1 */
  CURVE25519: 0x00000045,
  /** CURVE448 - KMIP 2.0, 2.1 */
  CURVE448: 0x00000046,
} as const;
export type RecommendedCurve = (typeof RecommendedCurve)[keyof typeof RecommendedCurve];

/** Result Reason enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const ResultReason = {
  /** Item Not Found - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ItemNotFound: 0x00000001,
  /** Response Too Large - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ResponseTooLarge: 0x00000002,
  /** Authentication Not Successful - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  AuthenticationNotSuccessful: 0x00000003,
  /** Invalid Message - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  InvalidMessage: 0x00000004,
  /** Operation Not Supported - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  OperationNotSupported: 0x00000005,
  /** Missing Data - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MissingData: 0x00000006,
  /** Invalid Field - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  InvalidField: 0x00000007,
  /** Feature Not Supported - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  FeatureNotSupported: 0x00000008,
  /** Operation Canceled By Requester - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  OperationCanceledByRequester: 0x00000009,
  /** Cryptographic Failure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CryptographicFailure: 0x0000000A,
  /** Illegal Operation - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  IllegalOperation: 0x0000000B,
  /** Permission Denied - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PermissionDenied: 0x0000000C,
  /** Object Archived - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ObjectArchived: 0x0000000D,
  /** Index Out of Bounds - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  IndexOutOfBounds: 0x0000000E,
  /** Application Namespace Not Supported - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ApplicationNamespaceNotSupported: 0x0000000F,
  /** Key Format Type Not Supported - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyFormatTypeNotSupported: 0x00000010,
  /** Key Compression Type Not Supported - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyCompressionTypeNotSupported: 0x00000011,
  /** Encoding Option Error - KMIP 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  EncodingOptionError: 0x00000012,
  /** Key Value Not Present - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyValueNotPresent: 0x00000013,
  /** Attestation Required - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  AttestationRequired: 0x00000014,
  /** Attestation Failed - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  AttestationFailed: 0x00000015,
  /** Sensitive - KMIP 1.4, 2.0, 2.1 */
  Sensitive: 0x00000016,
  /** Not Extractable - KMIP 1.4, 2.0, 2.1 */
  NotExtractable: 0x00000017,
  /** Object Already Exists - KMIP 1.4, 2.0, 2.1 */
  ObjectAlreadyExists: 0x00000018,
  /** Invalid Ticket - KMIP 2.0, 2.1 */
  InvalidTicket: 0x00000019,
  /** Usage Limit Exceeded - KMIP 2.0, 2.1 */
  UsageLimitExceeded: 0x0000001A,
  /** Numeric Range - KMIP 2.0, 2.1 */
  NumericRange: 0x0000001B,
  /** Invalid Data Type - KMIP 2.0, 2.1 */
  InvalidDataType: 0x0000001C,
  /** Read Only Attribute - KMIP 2.0, 2.1 */
  ReadOnlyAttribute: 0x0000001D,
  /** Multi Valued Attribute - KMIP 2.0, 2.1 */
  MultiValuedAttribute: 0x0000001E,
  /** Unsupported Attribute - KMIP 2.0, 2.1 */
  UnsupportedAttribute: 0x0000001F,
  /** Attribute Instance Not Found - KMIP 2.0, 2.1 */
  AttributeInstanceNotFound: 0x00000020,
  /** Attribute Not Found - KMIP 2.0, 2.1 */
  AttributeNotFound: 0x00000021,
  /** Attribute Read Only - KMIP 2.0, 2.1 */
  AttributeReadOnly: 0x00000022,
  /** Attribute Single Valued - KMIP 2.0, 2.1 */
  AttributeSingleValued: 0x00000023,
  /** Bad Cryptographic Parameters - KMIP 2.0, 2.1 */
  BadCryptographicParameters: 0x00000024,
  /** Bad Password - KMIP 2.0, 2.1 */
  BadPassword: 0x00000025,
  /** Codec Error - KMIP 2.0, 2.1 */
  CodecError: 0x00000026,
  /** Illegal Object Type - KMIP 2.0, 2.1 */
  IllegalObjectType: 0x00000028,
  /** Incompatible Cryptographic Usage Mask - KMIP 2.0, 2.1 */
  IncompatibleCryptographicUsageMask: 0x00000029,
  /** Internal Server Error - KMIP 2.0, 2.1 */
  InternalServerError: 0x0000002A,
  /** Invalid Asynchronous Correlation Value - KMIP 2.0, 2.1 */
  InvalidAsynchronousCorrelationValue: 0x0000002B,
  /** Invalid Attribute - KMIP 2.0, 2.1 */
  InvalidAttribute: 0x0000002C,
  /** Invalid Attribute Value - KMIP 2.0, 2.1 */
  InvalidAttributeValue: 0x0000002D,
  /** Invalid Correlation Value - KMIP 2.0, 2.1 */
  InvalidCorrelationValue: 0x0000002E,
  /** Invalid CSR - KMIP 2.0, 2.1 */
  InvalidCSR: 0x0000002F,
  /** Invalid Object Type - KMIP 2.0, 2.1 */
  InvalidObjectType: 0x00000030,
  /** Key Wrap Type Not Supported - KMIP 2.0, 2.1 */
  KeyWrapTypeNotSupported: 0x00000032,
  /** Missing Initialization Vector - KMIP 2.0, 2.1 */
  MissingInitializationVector: 0x00000034,
  /** Non Unique Name Attribute - KMIP 2.0, 2.1 */
  NonUniqueNameAttribute: 0x00000035,
  /** Object Destroyed - KMIP 2.0, 2.1 */
  ObjectDestroyed: 0x00000036,
  /** Object Not Found - KMIP 2.0, 2.1 */
  ObjectNotFound: 0x00000037,
  /** Not Authorised - KMIP 2.0, 2.1 */
  NotAuthorised: 0x00000039,
  /** Server Limit Exceeded - KMIP 2.0, 2.1 */
  ServerLimitExceeded: 0x0000003A,
  /** Unknown Enumeration - KMIP 2.0, 2.1 */
  UnknownEnumeration: 0x0000003B,
  /** Unknown Message Extension - KMIP 2.0, 2.1 */
  UnknownMessageExtension: 0x0000003C,
  /** Unknown Tag - KMIP 2.0, 2.1 */
  UnknownTag: 0x0000003D,
  /** Unsupported Cryptographic Parameters - KMIP 2.0, 2.1 */
  UnsupportedCryptographicParameters: 0x0000003E,
  /** Unsupported Protocol Version - KMIP 2.0, 2.1 */
  UnsupportedProtocolVersion: 0x0000003F,
  /** Wrapping Object Archived - KMIP 2.0, 2.1 */
  WrappingObjectArchived: 0x00000040,
  /** Wrapping Object Destroyed - KMIP 2.0, 2.1 */
  WrappingObjectDestroyed: 0x00000041,
  /** Wrapping Object Not Found - KMIP 2.0, 2.1 */
  WrappingObjectNotFound: 0x00000042,
  /** Wrong Key Lifecycle State - KMIP 2.0, 2.1 */
  WrongKeyLifecycleState: 0x00000043,
  /** Protection Storage Unavailable - KMIP 2.0, 2.1 */
  ProtectionStorageUnavailable: 0x00000044,
  /** PKCS#11 Codec Error - KMIP 2.0, 2.1 */
  PKCS_11CodecError: 0x00000045,
  /** PKCS#11 Invalid Function - KMIP 2.0, 2.1 */
  PKCS_11InvalidFunction: 0x00000046,
  /** PKCS#11 Invalid Interface - KMIP 2.0, 2.1 */
  PKCS_11InvalidInterface: 0x00000047,
  /** Private Protection Storage Unavailable - KMIP 2.0, 2.1 */
  PrivateProtectionStorageUnavailable: 0x00000048,
  /** Public Protection Storage Unavailable - KMIP 2.0, 2.1 */
  PublicProtectionStorageUnavailable: 0x00000049,
  /** Unknown Object Group - KMIP 2.1 */
  UnknownObjectGroup: 0x0000004A,
  /** Constraint Violation - KMIP 2.1 */
  ConstraintViolation: 0x0000004B,
  /** Duplicate Process Request - KMIP 2.1 */
  DuplicateProcessRequest: 0x0000004C,
  /** General Failure - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  GeneralFailure: 0x00000100,
} as const;
export type ResultReason = (typeof ResultReason)[keyof typeof ResultReason];

/** Result Status enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const ResultStatus = {
  /** Success - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Success: 0x00000000,
  /** Operation Failed - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  OperationFailed: 0x00000001,
  /** Operation Pending - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  OperationPending: 0x00000002,
  /** Operation Undone - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  OperationUndone: 0x00000003,
} as const;
export type ResultStatus = (typeof ResultStatus)[keyof typeof ResultStatus];

/** Revocation Reason Code enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const RevocationReasonCode = {
  /** Unspecified - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Unspecified: 0x00000001,
  /** Key Compromise - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyCompromise: 0x00000002,
  /** CA Compromise - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CACompromise: 0x00000003,
  /** Affiliation Changed - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  AffiliationChanged: 0x00000004,
  /** Superseded - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Superseded: 0x00000005,
  /** Cessation of Operation - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CessationOfOperation: 0x00000006,
  /** Privilege Withdrawn - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PrivilegeWithdrawn: 0x00000007,
} as const;
export type RevocationReasonCode = (typeof RevocationReasonCode)[keyof typeof RevocationReasonCode];

/** RNG Algorithm enumeration (KMIP 1.3, 1.4, 2.0, 2.1). */
export const RNGAlgorithm = {
  /** Unspecified - KMIP 1.3, 1.4, 2.0, 2.1 */
  Unspecified: 0x00000001,
  /** FIPS 186-2 - KMIP 1.3, 1.4, 2.0, 2.1 */
  FIPS186_2: 0x00000002,
  /** DRBG - KMIP 1.3, 1.4, 2.0, 2.1 */
  DRBG: 0x00000003,
  /** NRBG - KMIP 1.3, 1.4, 2.0, 2.1 */
  NRBG: 0x00000004,
  /** ANSI X9.31 - KMIP 1.3, 1.4, 2.0, 2.1 */
  ANSIX9_31: 0x00000005,
  /** ANSI X9.62 - KMIP 1.3, 1.4, 2.0, 2.1 */
  ANSIX9_62: 0x00000006,
} as const;
export type RNGAlgorithm = (typeof RNGAlgorithm)[keyof typeof RNGAlgorithm];

/** RNG Mode enumeration (KMIP 1.3, 1.4, 2.0, 2.1). */
export const RNGMode = {
  /** Unspecified - KMIP 1.3, 1.4, 2.0, 2.1 */
  Unspecified: 0x00000001,
  /** Shared Instantiation - KMIP 1.3, 1.4, 2.0, 2.1 */
  SharedInstantiation: 0x00000002,
  /** Non-Shared Instantiation - KMIP 1.3, 1.4, 2.0, 2.1 */
  NonSharedInstantiation: 0x00000003,
} as const;
export type RNGMode = (typeof RNGMode)[keyof typeof RNGMode];

/** Rotate Name Type enumeration (KMIP 2.1). */
export const RotateNameType = {
  /** Uninterpreted Text String - KMIP 2.1 */
  UninterpretedTextString: 0x00000001,
  /** URI - KMIP 2.1 */
  URI: 0x00000002,
} as const;
export type RotateNameType = (typeof RotateNameType)[keyof typeof RotateNameType];

/** Secret Data Type enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const SecretDataType = {
  /** Password - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Password: 0x00000001,
  /** Seed - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Seed: 0x00000002,
} as const;
export type SecretDataType = (typeof SecretDataType)[keyof typeof SecretDataType];

/** Shredding Algorithm enumeration (KMIP 1.3, 1.4, 2.0, 2.1). */
export const ShreddingAlgorithm = {
  /** Unspecified - KMIP 1.3, 1.4, 2.0, 2.1 */
  Unspecified: 0x00000001,
  /** Cryptographic - KMIP 1.3, 1.4, 2.0, 2.1 */
  Cryptographic: 0x00000002,
  /** Unsupported - KMIP 1.3, 1.4, 2.0, 2.1 */
  Unsupported: 0x00000003,
} as const;
export type ShreddingAlgorithm = (typeof ShreddingAlgorithm)[keyof typeof ShreddingAlgorithm];

/** Split Key Method enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const SplitKeyMethod = {
  /** XOR - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  XOR: 0x00000001,
  /** Polynomial Sharing GF (2^16) - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PolynomialSharingGF2_16: 0x00000002,
  /** Polynomial Sharing Prime Field - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PolynomialSharingPrimeField: 0x00000003,
  /** Polynomial Sharing GF (2^8) - KMIP 1.2, 1.3, 1.4, 2.0, 2.1 */
  PolynomialSharingGF2_8: 0x00000004,
} as const;
export type SplitKeyMethod = (typeof SplitKeyMethod)[keyof typeof SplitKeyMethod];

/** State enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const State = {
  /** Pre-Active - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  PreActive: 0x00000001,
  /** Active - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Active: 0x00000002,
  /** Deactivated - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Deactivated: 0x00000003,
  /** Compromised - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Compromised: 0x00000004,
  /** Destroyed - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Destroyed: 0x00000005,
  /** Destroyed Compromised - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DestroyedCompromised: 0x00000006,
} as const;
export type State = (typeof State)[keyof typeof State];

/** Ticket Type enumeration (KMIP 2.0, 2.1). */
export const TicketType = {
  /** Login - KMIP 2.0, 2.1 */
  Login: 0x00000001,
} as const;
export type TicketType = (typeof TicketType)[keyof typeof TicketType];

/** Unique Identifier enumeration (KMIP 2.0, 2.1). */
export const UniqueIdentifier = {
  /** ID Placeholder - KMIP 2.0, 2.1 */
  IDPlaceholder: 0x00000001,
  /** Certify - KMIP 2.0, 2.1 */
  Certify: 0x00000002,
  /** Create - KMIP 2.0, 2.1 */
  Create: 0x00000003,
  /** Create Key Pair - KMIP 2.0, 2.1 */
  CreateKeyPair: 0x00000004,
  /** Create Key Pair Private Key - KMIP 2.0, 2.1 */
  CreateKeyPairPrivateKey: 0x00000005,
  /** Create Key Pair Public Key - KMIP 2.0, 2.1 */
  CreateKeyPairPublicKey: 0x00000006,
  /** Create Split Key - KMIP 2.0, 2.1 */
  CreateSplitKey: 0x00000007,
  /** Derive Key - KMIP 2.0, 2.1 */
  DeriveKey: 0x00000008,
  /** Import - KMIP 2.0, 2.1 */
  Import: 0x00000009,
  /** Join Split Key - KMIP 2.0, 2.1 */
  JoinSplitKey: 0x0000000A,
  /** Locate - KMIP 2.0, 2.1 */
  Locate: 0x0000000B,
  /** Register - KMIP 2.0, 2.1 */
  Register: 0x0000000C,
  /** Re-key - KMIP 2.0, 2.1 */
  ReKey: 0x0000000D,
  /** Re-certify - KMIP 2.0, 2.1 */
  ReCertify: 0x0000000E,
  /** Re-key Key Pair - KMIP 2.0, 2.1 */
  ReKeyKeyPair: 0x0000000F,
  /** Re-key Key Pair Private Key - KMIP 2.0, 2.1 */
  ReKeyKeyPairPrivateKey: 0x00000010,
  /** Re-key Key Pair Public Key - KMIP 2.0, 2.1 */
  ReKeyKeyPairPublicKey: 0x00000011,
} as const;
export type UniqueIdentifier = (typeof UniqueIdentifier)[keyof typeof UniqueIdentifier];

/** Unwrap Mode enumeration (KMIP 1.3, 1.4, 2.0, 2.1). */
export const UnwrapMode = {
  /** Unspecified - KMIP 1.3, 1.4, 2.0, 2.1 */
  Unspecified: 0x00000001,
  /** Processed - KMIP 1.3, 1.4, 2.0, 2.1 */
  Processed: 0x00000002,
  /** Not Processed - KMIP 1.3, 1.4, 2.0, 2.1 */
  NotProcessed: 0x00000003,
} as const;
export type UnwrapMode = (typeof UnwrapMode)[keyof typeof UnwrapMode];

/** Usage Limits Unit enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const UsageLimitsUnit = {
  /** Byte - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Byte: 0x00000001,
  /** Object - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Object: 0x00000002,
} as const;
export type UsageLimitsUnit = (typeof UsageLimitsUnit)[keyof typeof UsageLimitsUnit];

/** Validation Authority Type enumeration (KMIP 1.3, 1.4, 2.0, 2.1). */
export const ValidationAuthorityType = {
  /** Unspecified - KMIP 1.3, 1.4, 2.0, 2.1 */
  Unspecified: 0x00000001,
  /** NIST CMVP - KMIP 1.3, 1.4, 2.0, 2.1 */
  NISTCMVP: 0x00000002,
  /** Common Criteria - KMIP 1.3, 1.4, 2.0, 2.1 */
  CommonCriteria: 0x00000003,
} as const;
export type ValidationAuthorityType = (typeof ValidationAuthorityType)[keyof typeof ValidationAuthorityType];

/** Validation Type enumeration (KMIP 1.3, 1.4, 2.0, 2.1). */
export const ValidationType = {
  /** Unspecified - KMIP 1.3, 1.4, 2.0, 2.1 */
  Unspecified: 0x00000001,
  /** Hardware - KMIP 1.3, 1.4, 2.0, 2.1 */
  Hardware: 0x00000002,
  /** Software - KMIP 1.3, 1.4, 2.0, 2.1 */
  Software: 0x00000003,
  /** Firmware - KMIP 1.3, 1.4, 2.0, 2.1 */
  Firmware: 0x00000004,
  /** Hybrid - KMIP 1.3, 1.4, 2.0, 2.1 */
  Hybrid: 0x00000005,
} as const;
export type ValidationType = (typeof ValidationType)[keyof typeof ValidationType];

/** Validity Indicator enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const ValidityIndicator = {
  /** Valid - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Valid: 0x00000001,
  /** Invalid - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Invalid: 0x00000002,
  /** Unknown - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Unknown: 0x00000003,
} as const;
export type ValidityIndicator = (typeof ValidityIndicator)[keyof typeof ValidityIndicator];

/** Wrapping Method enumeration (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const WrappingMethod = {
  /** Encrypt - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Encrypt: 0x00000001,
  /** MAC/sign - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MACSign: 0x00000002,
  /** Encrypt then MAC/sign - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  EncryptThenMACSign: 0x00000003,
  /** MAC/sign then encrypt - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MACSignThenEncrypt: 0x00000004,
  /** TR-31 - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  TR_31: 0x00000005,
} as const;
export type WrappingMethod = (typeof WrappingMethod)[keyof typeof WrappingMethod];
