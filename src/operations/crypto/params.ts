/**
 * KMIP Cryptographic Parameters -> the crypto port's vocabulary. The request's parameters win field by
 * field over the object's Cryptographic Parameters attribute (KMIP 1.4 §4.29: "The cryptographic
 * parameters MAY be omitted from the request as they can be specified as associated attributes").
 */
import { ItemType } from '../../kmip/item-type';
import {
  Tag, ResultReason, BlockCipherMode, PaddingMethod, HashingAlgorithm, DigitalSignatureAlgorithm, CryptographicAlgorithm,
} from '../../kmip';
import { KmipError } from '../../message/errors';
import { child, type TtlvItem } from '../../ttlv/item';
import { findAttr } from '../../attributes/list';
import type { BlockMode, HashAlg, Padding } from '../../crypto/port';
import type { StoredObject } from '../../store/port';

export interface KmipCryptoParams {
  mode?: BlockMode;
  /** Block Cipher Mode CMAC (for the MAC operations). */
  cmac?: boolean;
  /** Block Cipher Mode AEAD (ChaCha20-Poly1305). */
  aead?: boolean;
  padding?: Padding;
  hash?: HashAlg;
  mgfHash?: HashAlg;
  /** Cryptographic Algorithm enumeration value, when given. */
  algorithm?: number;
  /** From Digital Signature Algorithm. */
  signature?: { hash: HashAlg; padding?: 'PKCS1v15' | 'PSS' };
  randomIv: boolean;
  ivLength?: number;
  tagLength?: number;
  saltLength?: number;
  /** P Source: the OAEP label. */
  label?: Buffer;
}

const fail = (msg: string): KmipError => new KmipError(ResultReason.InvalidField, msg);
const unsupported = (msg: string): KmipError => new KmipError(ResultReason.FeatureNotSupported, msg);

const MODES: Record<number, BlockMode> = {
  [BlockCipherMode.ECB]: 'ECB',
  [BlockCipherMode.CBC]: 'CBC',
  [BlockCipherMode.CTR]: 'CTR',
  [BlockCipherMode.GCM]: 'GCM',
};

const PADDINGS: Record<number, Padding> = {
  [PaddingMethod.None]: 'None',
  [PaddingMethod.PKCS5]: 'PKCS5',
  [PaddingMethod.OAEP]: 'OAEP',
  [PaddingMethod.PKCS1V1_5]: 'PKCS1v15',
  [PaddingMethod.PSS]: 'PSS',
};

const HASHES: Record<number, HashAlg> = {
  [HashingAlgorithm.SHA_1]: 'SHA-1',
  [HashingAlgorithm.SHA_224]: 'SHA-224',
  [HashingAlgorithm.SHA_256]: 'SHA-256',
  [HashingAlgorithm.SHA_384]: 'SHA-384',
  [HashingAlgorithm.SHA_512]: 'SHA-512',
  [HashingAlgorithm.SHA3_224]: 'SHA3-224',
  [HashingAlgorithm.SHA3_256]: 'SHA3-256',
  [HashingAlgorithm.SHA3_384]: 'SHA3-384',
  [HashingAlgorithm.SHA3_512]: 'SHA3-512',
};

const SIGNATURES: Record<number, { hash: HashAlg; padding?: 'PKCS1v15' | 'PSS' }> = {
  [DigitalSignatureAlgorithm.SHA_1WithRSAEncryption]: { hash: 'SHA-1', padding: 'PKCS1v15' },
  [DigitalSignatureAlgorithm.SHA_224WithRSAEncryption]: { hash: 'SHA-224', padding: 'PKCS1v15' },
  [DigitalSignatureAlgorithm.SHA_256WithRSAEncryption]: { hash: 'SHA-256', padding: 'PKCS1v15' },
  [DigitalSignatureAlgorithm.SHA_384WithRSAEncryption]: { hash: 'SHA-384', padding: 'PKCS1v15' },
  [DigitalSignatureAlgorithm.SHA_512WithRSAEncryption]: { hash: 'SHA-512', padding: 'PKCS1v15' },
  [DigitalSignatureAlgorithm.ECDSAWithSHA_1]: { hash: 'SHA-1' },
  [DigitalSignatureAlgorithm.ECDSAWithSHA224]: { hash: 'SHA-224' },
  [DigitalSignatureAlgorithm.ECDSAWithSHA256]: { hash: 'SHA-256' },
  [DigitalSignatureAlgorithm.ECDSAWithSHA384]: { hash: 'SHA-384' },
  [DigitalSignatureAlgorithm.ECDSAWithSHA512]: { hash: 'SHA-512' },
  [DigitalSignatureAlgorithm.SHA3_256WithRSAEncryption]: { hash: 'SHA3-256', padding: 'PKCS1v15' },
  [DigitalSignatureAlgorithm.SHA3_384WithRSAEncryption]: { hash: 'SHA3-384', padding: 'PKCS1v15' },
  [DigitalSignatureAlgorithm.SHA3_512WithRSAEncryption]: { hash: 'SHA3-512', padding: 'PKCS1v15' },
};

/** HMAC algorithms of Cryptographic Algorithm -> hash. */
export const HMAC_HASHES: Record<number, HashAlg> = {
  [CryptographicAlgorithm.HMAC_SHA1]: 'SHA-1',
  [CryptographicAlgorithm.HMAC_SHA224]: 'SHA-224',
  [CryptographicAlgorithm.HMAC_SHA256]: 'SHA-256',
  [CryptographicAlgorithm.HMAC_SHA384]: 'SHA-384',
  [CryptographicAlgorithm.HMAC_SHA512]: 'SHA-512',
  [CryptographicAlgorithm.HMAC_SHA3_224]: 'SHA3-224',
  [CryptographicAlgorithm.HMAC_SHA3_256]: 'SHA3-256',
  [CryptographicAlgorithm.HMAC_SHA3_384]: 'SHA3-384',
  [CryptographicAlgorithm.HMAC_SHA3_512]: 'SHA3-512',
};

function field(s: TtlvItem | undefined, a: TtlvItem | undefined, tag: number): TtlvItem | undefined {
  return child(s, tag) ?? child(a, tag);
}

function enumField(s: TtlvItem | undefined, a: TtlvItem | undefined, tag: number, what: string): number | undefined {
  const f = field(s, a, tag);
  if (!f) return undefined;
  if (f.type !== ItemType.Enumeration) throw fail(`${what} must be an Enumeration`);
  return f.value;
}

function intField(s: TtlvItem | undefined, a: TtlvItem | undefined, tag: number, what: string): number | undefined {
  const f = field(s, a, tag);
  if (!f) return undefined;
  if (f.type !== ItemType.Integer) throw fail(`${what} must be an Integer`);
  if (f.value < 0) throw fail(`${what} must not be negative`);
  return f.value;
}

export function hashOf(value: number | undefined, what = 'Hashing Algorithm'): HashAlg | undefined {
  if (value === undefined) return undefined;
  const h = HASHES[value];
  if (!h) throw unsupported(`${what} 0x${value.toString(16)} is not supported`);
  return h;
}

/** Parses the request's Cryptographic Parameters merged over the object's attribute. */
export function cryptoParams(payload: TtlvItem, obj: StoredObject | undefined): KmipCryptoParams {
  const req = child(payload, Tag.CryptographicParameters);
  if (req && req.type !== ItemType.Structure) throw fail('Cryptographic Parameters must be a Structure');
  const attr = obj ? findAttr(obj.attributes, 'Cryptographic Parameters')?.value : undefined;
  const a = attr?.type === ItemType.Structure ? attr : undefined;

  const out: KmipCryptoParams = { randomIv: false };
  const mode = enumField(req, a, Tag.BlockCipherMode, 'Block Cipher Mode');
  if (mode === BlockCipherMode.CMAC) out.cmac = true;
  else if (mode === BlockCipherMode.AEAD) out.aead = true;
  else if (mode !== undefined) {
    out.mode = MODES[mode];
    if (!out.mode) throw unsupported(`Block Cipher Mode 0x${mode.toString(16)} is not supported`);
  }
  const padding = enumField(req, a, Tag.PaddingMethod, 'Padding Method');
  if (padding !== undefined) {
    out.padding = PADDINGS[padding];
    if (!out.padding) throw unsupported(`Padding Method 0x${padding.toString(16)} is not supported`);
  }
  out.hash = hashOf(enumField(req, a, Tag.HashingAlgorithm, 'Hashing Algorithm'));
  out.mgfHash = hashOf(enumField(req, a, Tag.MaskGeneratorHashingAlgorithm, 'Mask Generator Hashing Algorithm'), 'Mask Generator Hashing Algorithm');
  const dsa = enumField(req, a, Tag.DigitalSignatureAlgorithm, 'Digital Signature Algorithm');
  if (dsa !== undefined) {
    if (dsa === DigitalSignatureAlgorithm.RSASSA_PSS) out.signature = { hash: out.hash ?? 'SHA-256', padding: 'PSS' };
    else {
      out.signature = SIGNATURES[dsa];
      if (!out.signature) throw unsupported(`Digital Signature Algorithm 0x${dsa.toString(16)} is not supported`);
    }
  }
  out.algorithm = enumField(req, a, Tag.CryptographicAlgorithm, 'Cryptographic Algorithm');
  const rnd = field(req, a, Tag.RandomIV);
  if (rnd) {
    if (rnd.type !== ItemType.Boolean) throw fail('Random IV must be a Boolean');
    out.randomIv = rnd.value;
  }
  out.ivLength = intField(req, a, Tag.IVLength, 'IV Length');
  out.tagLength = intField(req, a, Tag.TagLength, 'Tag Length');
  out.saltLength = intField(req, a, Tag.SaltLength, 'Salt Length');
  const ps = field(req, a, Tag.PSource);
  if (ps) {
    if (ps.type !== ItemType.ByteString) throw fail('P Source must be a Byte String');
    out.label = ps.value;
  }
  return out;
}

/** An optional Byte String field of the payload. */
export function bytesField(payload: TtlvItem, tag: number, what: string): Buffer | undefined {
  const f = child(payload, tag);
  if (!f) return undefined;
  if (f.type !== ItemType.ByteString) throw fail(`${what} must be a Byte String`);
  return f.value;
}

export function requiredBytes(payload: TtlvItem, tag: number, what: string): Buffer {
  const b = bytesField(payload, tag, what);
  if (!b) throw fail(`${what} is missing`);
  return b;
}
