// GENERATED FILE - do not edit. Source: spec/data/masks.json; generator: spec/generate.ts (npm run spec:generate).
/* eslint-disable */

/** Cryptographic Usage Mask mask (bit flags) (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const CryptographicUsageMask = {
  /** Sign - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Sign: 0x00000001,
  /** Verify - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Verify: 0x00000002,
  /** Encrypt - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Encrypt: 0x00000004,
  /** Decrypt - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  Decrypt: 0x00000008,
  /** Wrap Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  WrapKey: 0x00000010,
  /** Unwrap Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  UnwrapKey: 0x00000020,
  /** Export - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  Export: 0x00000040,
  /** MAC Generate - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MACGenerate: 0x00000080,
  /** MAC Verify - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  MACVerify: 0x00000100,
  /** Derive Key - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  DeriveKey: 0x00000200,
  /** Content Commitment (Non Repudiation) - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  ContentCommitmentNonRepudiation: 0x00000400,
  /** Key Agreement - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  KeyAgreement: 0x00000800,
  /** Certificate Sign - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CertificateSign: 0x00001000,
  /** CRL Sign - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  CRLSign: 0x00002000,
  /** Generate Cryptogram - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  GenerateCryptogram: 0x00004000,
  /** Validate Cryptogram - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  ValidateCryptogram: 0x00008000,
  /** Translate Encrypt - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  TranslateEncrypt: 0x00010000,
  /** Translate Decrypt - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  TranslateDecrypt: 0x00020000,
  /** Translate Wrap - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  TranslateWrap: 0x00040000,
  /** Translate Unwrap - KMIP 1.0, 1.1, 1.2, 1.3, 1.4 */
  TranslateUnwrap: 0x00080000,
  /** Authenticate - KMIP 2.0, 2.1 */
  Authenticate: 0x00100000,
  /** Unrestricted - KMIP 2.0, 2.1 */
  Unrestricted: 0x00200000,
  /** FPE Encrypt - KMIP 2.0, 2.1 */
  FPEEncrypt: 0x00400000,
  /** FPE Decrypt - KMIP 2.0, 2.1 */
  FPEDecrypt: 0x00800000,
} as const;
export type CryptographicUsageMask = (typeof CryptographicUsageMask)[keyof typeof CryptographicUsageMask];

/** Protection Storage Mask mask (bit flags) (KMIP 2.0, 2.1). */
export const ProtectionStorageMask = {
  /** Software - KMIP 2.0, 2.1 */
  Software: 0x00000001,
  /** Hardware - KMIP 2.0, 2.1 */
  Hardware: 0x00000002,
  /** On Processor - KMIP 2.0, 2.1 */
  OnProcessor: 0x00000004,
  /** On System - KMIP 2.0, 2.1 */
  OnSystem: 0x00000008,
  /** Off System - KMIP 2.0, 2.1 */
  OffSystem: 0x00000010,
  /** Hypervisor - KMIP 2.0, 2.1 */
  Hypervisor: 0x00000020,
  /** Operating System - KMIP 2.0, 2.1 */
  OperatingSystem: 0x00000040,
  /** Container - KMIP 2.0, 2.1 */
  Container: 0x00000080,
  /** On Premises - KMIP 2.0, 2.1 */
  OnPremises: 0x00000100,
  /** Off Premises - KMIP 2.0, 2.1 */
  OffPremises: 0x00000200,
  /** Self Managed - KMIP 2.0, 2.1 */
  SelfManaged: 0x00000400,
  /** Outsourced - KMIP 2.0, 2.1 */
  Outsourced: 0x00000800,
  /** Validated - KMIP 2.0, 2.1 */
  Validated: 0x00001000,
  /** Same Jurisdiction - KMIP 2.0, 2.1 */
  SameJurisdiction: 0x00002000,
} as const;
export type ProtectionStorageMask = (typeof ProtectionStorageMask)[keyof typeof ProtectionStorageMask];

/** Storage Status Mask mask (bit flags) (KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1). */
export const StorageStatusMask = {
  /** On-line storage - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  OnLineStorage: 0x00000001,
  /** Archival storage - KMIP 1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1 */
  ArchivalStorage: 0x00000002,
  /** Destroyed storage - KMIP 2.0, 2.1 */
  DestroyedStorage: 0x00000004,
} as const;
export type StorageStatusMask = (typeof StorageStatusMask)[keyof typeof StorageStatusMask];
