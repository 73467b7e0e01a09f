/**
 * Shared rules of CryptoProvider.unwrapImport (bring your own key, see port.ts): which length the unwrapped
 * material must have, and the software AES Key Wrap (node:crypto / OpenSSL id-aesNNN-wrap(-pad)).
 *
 * Length: RFC 3394 (AES-KW) output is the material plus 8 bytes, so the length is exact. RFC 5649 (AES-KWP)
 * only states the length inside the wrapped data, and RSA-OAEP not at all; PKCS#11 tokens do not report the
 * length of an unwrapped sensitive key (SoftHSM2 2.6.1 leaves CKA_VALUE_LEN 0), so the caller states it
 * (KMIP: the Key Block's Cryptographic Length) and the provider checks it as far as it can.
 */
import * as nodeCrypto from 'node:crypto';
import type { KeySpec, UnwrapMethod } from './port';
import { CryptoError, invalidField } from './errors';
import { checkSecretLength } from './material';
import { ResultReason } from '../kmip/enums';

const KW_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
const KWP_IV = Buffer.from('a65959a6', 'hex');
/** Same bound as operations/aes-key-wrap.ts. */
const MAX_WRAPPED = 65536 + 16;

export const unwrapFailure = (detail: string, code = 'UNWRAP_FAILED'): CryptoError =>
  new CryptoError(ResultReason.CryptographicFailure, `unwrapping the registered key failed: ${detail}`, code);

/** RFC 5649 / provider blob size of n bytes of material. */
export function kwpWrappedSize(n: number): number {
  return Math.max(16, Math.ceil(n / 8) * 8 + 8);
}

/**
 * The length (bytes) the unwrapped material must have, checked against the wrapped size and the key spec
 * before anything is unwrapped. Throws Invalid Field / Cryptographic Failure.
 */
export function plannedUnwrapLength(method: UnwrapMethod, wrapped: Buffer, spec: KeySpec, lengthBytes?: number): number {
  if (spec.keyClass !== 'secret') throw invalidField('only secret keys can be unwrapped and imported');
  if (wrapped.length === 0 || wrapped.length > MAX_WRAPPED) throw unwrapFailure(`wrapped data of ${wrapped.length} bytes`, 'BAD_LENGTH');
  let n: number;
  if (method.kind === 'AES-KW') {
    if (wrapped.length < 24 || wrapped.length % 8 !== 0) throw unwrapFailure('AES Key Wrap data must be 24 or more bytes in multiples of 8', 'BAD_LENGTH');
    n = wrapped.length - 8;
    if (lengthBytes !== undefined && lengthBytes !== n) throw invalidField(`the key is ${lengthBytes} bytes, but AES Key Wrap data of ${wrapped.length} bytes holds ${n}`);
  } else {
    if (lengthBytes === undefined) throw invalidField(`${method.kind} needs the length of the wrapped key`);
    n = lengthBytes;
    if (method.kind === 'AES-KWP' && wrapped.length !== kwpWrappedSize(n)) {
      throw invalidField(`a ${n}-byte key wrapped with AES Key Wrap with Padding is ${kwpWrappedSize(n)} bytes, not ${wrapped.length}`);
    }
  }
  checkSecretLength(spec, n);
  return n;
}

/** RFC 3394 / 5649 unwrap in software with an AES key of 16, 24 or 32 bytes. Returns an owned buffer. */
export function softAesUnwrap(kek: Buffer, wrapped: Buffer, padded: boolean): Buffer {
  if (kek.length !== 16 && kek.length !== 24 && kek.length !== 32) throw invalidField(`an AES wrapping key of ${kek.length} bytes`);
  const cipher = `id-aes${kek.length * 8}-wrap${padded ? '-pad' : ''}`;
  try {
    const d = nodeCrypto.createDecipheriv(cipher, kek, padded ? KWP_IV : KW_IV);
    const head = d.update(wrapped);
    const tail = d.final();
    const out = Buffer.concat([head, tail]);
    head.fill(0);
    return out;
  } catch {
    throw unwrapFailure('integrity check failed (wrong wrapping key or damaged data)');
  }
}
