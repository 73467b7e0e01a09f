/**
 * IV and tag handling shared by Encrypt and Decrypt for block ciphers (KMIP 1.4 §4.29-4.30):
 * the server generates the IV when asked (Random IV) or when the mode needs one and none was sent, and
 * returns it; Decrypt takes the IV from IV/Counter/Nonce or, when absent, from the front of the data, and
 * the GCM tag from Authenticated Encryption Tag or, when absent, from the end of the data.
 */
import { ResultReason, CryptographicAlgorithm } from '../../kmip';
import { intOf } from '../../attributes/list';
import type { StoredObject } from '../../store/port';
import { KmipError } from '../../message/errors';
import type { BlockMode, KeySpec } from '../../crypto/port';
import type { KmipCryptoParams } from './params';

export function requireMode(p: KmipCryptoParams): BlockMode {
  if (!p.mode) throw new KmipError(ResultReason.InvalidField, 'Cryptographic Parameters must give a Block Cipher Mode for a symmetric key');
  return p.mode;
}

/** IV length in bytes for the mode; 0 when the mode takes none. IV Length is given in bits. */
export function ivLengthFor(spec: KeySpec, mode: BlockMode, p: KmipCryptoParams): number {
  if (mode === 'ECB') return 0;
  if (p.ivLength !== undefined) {
    if (p.ivLength % 8 !== 0 || p.ivLength === 0) throw new KmipError(ResultReason.InvalidField, 'IV Length must be a positive multiple of 8 bits');
    return p.ivLength / 8;
  }
  if (mode === 'GCM') return 12;
  return spec.algorithm === 'DES3' ? 8 : 16;
}

/**
 * GCM tag length in bytes (default 16). An impossible length is General Failure, as the OASIS profile
 * vector CS-BC-M-GCM-1-21 expects (Tag Length 1 and 32).
 */
export function tagLengthFor(mode: BlockMode, p: KmipCryptoParams): number | undefined {
  if (mode !== 'GCM') return undefined;
  const len = p.tagLength ?? 16;
  if (len < 4 || len > 16) throw new KmipError(ResultReason.GeneralFailure, `invalid GCM tag length ${len} (4 to 16 bytes)`);
  return len;
}

/** Server options the crypto operations read (to be folded into OperationOptions). */
export interface CryptoOperationOptions {
  /**
   * Decrypt without IV/Counter/Nonce takes the IV from the front of Data (clients that store IV||ciphertext).
   * Off by default: the OASIS profile vectors CS-BC-M-11/12/13-21 require a missing IV to fail with
   * Invalid Message.
   */
  decryptIvPrefix?: boolean;
}

/** ChaCha20 / ChaCha20-Poly1305 keys (by their Cryptographic Algorithm) use a stream cipher, not a mode. */
export function streamCipherOf(obj: StoredObject, p: KmipCryptoParams): 'CHACHA20' | 'CHACHA20-POLY1305' | undefined {
  const alg = p.algorithm ?? intOf(obj.attributes, 'Cryptographic Algorithm');
  if (alg === CryptographicAlgorithm.ChaCha20Poly1305) return 'CHACHA20-POLY1305';
  if (alg === CryptographicAlgorithm.ChaCha20) {
    if (p.aead) return 'CHACHA20-POLY1305';
    return 'CHACHA20';
  }
  if (p.aead) throw new KmipError(ResultReason.FeatureNotSupported, 'Block Cipher Mode AEAD needs a ChaCha20-Poly1305 key');
  return undefined;
}

/** Tag length of an AEAD cipher: GCM-like rules, ChaCha20 has none. */
export function streamTagLength(cipher: 'CHACHA20' | 'CHACHA20-POLY1305', p: KmipCryptoParams): number | undefined {
  return cipher === 'CHACHA20' ? undefined : tagLengthFor('GCM', p);
}
