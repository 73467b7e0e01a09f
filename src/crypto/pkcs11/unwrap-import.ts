/**
 * Bring your own key in the HSM (CryptoProvider.unwrapImport, port.ts): the client's wrapping key (a managed
 * key, itself wrapped under our KEK) is unwrapped as a session object with CKA_UNWRAP only, C_UnwrapKey turns
 * the client's wrapped bytes into a session secret key (extractable, sensitive, the 'wrap' template), which is
 * then wrapped under the KEK like a generated key, digested with C_DigestKey (the Digest attribute) and
 * destroyed with the wrapping-key object. The plaintext exists only inside the token.
 *
 * Mechanisms: CKM_AES_KEY_WRAP (RFC 3394), CKM_AES_KEY_WRAP_PAD (RFC 5649), CKM_RSA_PKCS_OAEP with SHA-1,
 * MGF1-SHA-1 and no label (all SoftHSM2 2.6.1 takes: it answers CKR_ARGUMENTS_BAD for SHA-2). Other OAEP
 * parameters resolve undefined and the caller unwraps with decrypt() (raw RSA in the HSM, OAEP in software).
 *
 * Length: the token does not report the length of a sensitive unwrapped key (SoftHSM2 leaves CKA_VALUE_LEN
 * 0), so the stated length (plannedUnwrapLength, ../unwrap-import.ts) is checked afterwards: the KEK wrap must
 * have the size of that length (RFC 5649 rounds to 8 bytes), and an AES key must encrypt a block with
 * CKM_AES_ECB (SoftHSM2 refuses AES keys of other sizes), which together pin AES keys to their exact length.
 */
import * as pkcs11js from 'pkcs11js';
import type { KeySpec, UnwrapMethod, WrappedKey } from '../port';
import { decodeBlob, HEADER_LENGTH } from '../blob';
import { CryptoError, invalidField } from '../errors';
import { ResultReason } from '../../kmip/enums';
import { kwpWrappedSize, plannedUnwrapLength, unwrapFailure } from '../unwrap-import';
import { ckrName } from './errors';
import { sessionKeyTemplate } from './keys';
import type { HsmKeys } from './hsm-keys';
import type { PooledSession, SessionPool } from './session-pool';

const P = pkcs11js;
/** PKCS#11 constant missing from pkcs11js's typings (as in asymmetric.ts). */
const CKZ_DATA_SPECIFIED = 1;

/** CKR codes of C_UnwrapKey that mean: wrong wrapping key or damaged wrapped data. */
const DAMAGED = new Set([
  'CKR_WRAPPED_KEY_INVALID', 'CKR_WRAPPED_KEY_LEN_RANGE', 'CKR_ENCRYPTED_DATA_INVALID', 'CKR_ENCRYPTED_DATA_LEN_RANGE',
  'CKR_DATA_LEN_RANGE', 'CKR_DATA_INVALID',
  // SoftHSM2 answers a failed RFC 3394/5649 integrity check and a bad OAEP block with CKR_GENERAL_ERROR.
  'CKR_GENERAL_ERROR',
]);
/** CKR codes that mean: this wrapping key cannot unwrap with this mechanism. */
const UNFIT = new Set([
  'CKR_UNWRAPPING_KEY_HANDLE_INVALID', 'CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT', 'CKR_UNWRAPPING_KEY_SIZE_RANGE',
  'CKR_KEY_FUNCTION_NOT_PERMITTED', 'CKR_KEY_TYPE_INCONSISTENT',
]);

/** The C_UnwrapKey mechanism, or undefined when the token cannot do these OAEP parameters. */
function mechanismOf(method: UnwrapMethod): pkcs11js.Mechanism | undefined {
  if (method.kind === 'AES-KW') return { mechanism: P.CKM_AES_KEY_WRAP };
  if (method.kind === 'AES-KWP') return { mechanism: P.CKM_AES_KEY_WRAP_PAD };
  const hash = method.hash ?? 'SHA-1';
  if (hash !== 'SHA-1' || (method.mgfHash ?? hash) !== 'SHA-1' || (method.label?.length ?? 0) > 0) return undefined;
  const oaep: pkcs11js.RsaOAEP = { type: P.CK_PARAMS_RSA_OAEP, hashAlg: P.CKM_SHA_1, mgf: P.CKG_MGF1_SHA1, source: CKZ_DATA_SPECIFIED };
  return { mechanism: P.CKM_RSA_PKCS_OAEP, parameter: oaep };
}

function checkWrappingKey(method: UnwrapMethod, spec: KeySpec): void {
  const rsa = method.kind === 'RSA-OAEP';
  const ok = rsa ? spec.keyClass === 'private' && spec.algorithm === 'RSA' : spec.keyClass === 'secret' && spec.algorithm === 'AES';
  if (!ok) throw invalidField(rsa ? 'RSA-OAEP unwrapping needs an RSA private key' : 'AES Key Wrap needs an AES wrapping key');
}

/** C_UnwrapKey with the client's wrapping key; its errors become clear KMIP errors. */
function unwrapTarget(
  mod: pkcs11js.PKCS11, s: PooledSession, mech: pkcs11js.Mechanism, unwrapping: pkcs11js.Handle, wrapped: Buffer, template: pkcs11js.Template,
): pkcs11js.Handle {
  try {
    return mod.C_UnwrapKey(s.handle, mech, unwrapping, wrapped, template);
  } catch (e) {
    const name = ckrName(e);
    if (name && DAMAGED.has(name)) throw unwrapFailure(`wrong wrapping key or damaged wrapped data (${name})`, name);
    if (name && UNFIT.has(name)) throw new CryptoError(ResultReason.InvalidField, `the wrapping key cannot unwrap this way (${name})`, name);
    throw e; // session and device errors: the pool maps them (and recovers lost sessions)
  }
}

/** An AES key object that the token accepts for AES-ECB: a key of 16, 24 or 32 bytes (see the header). */
function probeAes(mod: pkcs11js.PKCS11, s: PooledSession, h: pkcs11js.Handle, n: number): void {
  try {
    mod.C_EncryptInit(s.handle, { mechanism: P.CKM_AES_ECB }, h);
    mod.C_Encrypt(s.handle, Buffer.alloc(16), Buffer.alloc(16));
  } catch (e) {
    throw invalidField(`the unwrapped key is not a ${n}-byte AES key (${ckrName(e) ?? 'refused'})`);
  }
}

export async function hsmUnwrapImport(
  mod: pkcs11js.PKCS11, pool: SessionPool, keys: HsmKeys,
  wrappingKey: WrappedKey, wrapped: Buffer, method: UnwrapMethod, spec: KeySpec, lengthBytes?: number,
): Promise<WrappedKey | undefined> {
  const n = plannedUnwrapLength(method, wrapped, spec, lengthBytes);
  const mech = mechanismOf(method);
  if (!mech) return undefined;
  checkWrappingKey(method, decodeBlob(wrappingKey.wrapped).spec);
  const data = Buffer.from(wrapped); // pkcs11js reads it synchronously; an owned copy all the same
  // The new key: extractable (to be wrapped under the KEK) and sensitive; AES keys may also encrypt, for the probe.
  const template = sessionKeyTemplate(spec, 'wrap', n)
    .map((a) => (a.type === P.CKA_ENCRYPT && spec.algorithm === 'AES' ? { type: P.CKA_ENCRYPT, value: true } : a));
  return pool.use('unwrapping a registered key', (s) => {
    const { h: unwrapping } = keys.unwrap(s, wrappingKey, 'unwrap');
    try {
      const h = unwrapTarget(mod, s, mech, unwrapping, data, template);
      try {
        if (spec.algorithm === 'AES') probeAes(mod, s, h, n);
        const out = keys.wrapObject(s, h, spec, n);
        if (out.wrapped.length - HEADER_LENGTH !== kwpWrappedSize(n)) throw invalidField(`the unwrapped key is not ${n} bytes long`);
        // The Digest attribute, computed inside the token as generatePlanned does (the Raw value is CKA_VALUE).
        mod.C_DigestInit(s.handle, { mechanism: P.CKM_SHA256 });
        mod.C_DigestKey(s.handle, h);
        out.rawSha256 = Buffer.from(mod.C_DigestFinal(s.handle, Buffer.alloc(32)));
        return out;
      } finally {
        keys.destroy(s, h);
      }
    } finally {
      keys.destroy(s, unwrapping);
    }
  });
}
