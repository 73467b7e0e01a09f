/**
 * IV and tag handling shared by Encrypt and Decrypt for block ciphers (KMIP 1.4 §4.29-4.30):
 * the server generates the IV when asked (Random IV) or when the mode needs one and none was sent, and
 * returns it; Decrypt takes the IV from IV/Counter/Nonce or, when absent, from the front of the data, and
 * the GCM tag from Authenticated Encryption Tag or, when absent, from the end of the data.
 */
import { ResultReason } from '../../kmip';
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

export function tagLengthFor(mode: BlockMode, p: KmipCryptoParams): number | undefined {
  return mode === 'GCM' ? (p.tagLength ?? 16) : undefined;
}
