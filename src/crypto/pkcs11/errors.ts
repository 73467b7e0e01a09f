/**
 * CKR_* return values -> KMIP Result Reason and a clear message. pkcs11js throws Pkcs11Error whose
 * `message` is the CKR name; everything leaving the PKCS#11 adapter goes through `mapPkcs11Error`.
 * `kind` tells the session pool what to do: 'session' = the session or login is gone (re-open, re-login,
 * retry once); 'object' = a cached object handle went stale (evict, retry once); 'fatal' = report.
 */
import { ResultReason } from '../../kmip/enums';
import { CryptoError } from '../errors';

export type RecoveryKind = 'session' | 'object' | 'fatal';

interface Entry {
  reason: number;
  message: string;
  kind?: RecoveryKind;
}

const R = ResultReason;

/** The mapping table. Anything not listed becomes General Failure naming the CKR code. */
export const CKR_TABLE: Record<string, Entry> = {
  // Lost session or login: recovered by the pool without a restart.
  CKR_SESSION_HANDLE_INVALID: { reason: R.GeneralFailure, message: 'HSM session was lost', kind: 'session' },
  CKR_SESSION_CLOSED: { reason: R.GeneralFailure, message: 'HSM session was closed', kind: 'session' },
  CKR_USER_NOT_LOGGED_IN: { reason: R.GeneralFailure, message: 'HSM token is not logged in', kind: 'session' },
  CKR_CRYPTOKI_NOT_INITIALIZED: { reason: R.GeneralFailure, message: 'PKCS#11 library is not initialised', kind: 'session' },
  CKR_OPERATION_ACTIVE: { reason: R.GeneralFailure, message: 'HSM session had an unfinished operation', kind: 'session' },
  // Stale cached handles.
  CKR_OBJECT_HANDLE_INVALID: { reason: R.GeneralFailure, message: 'HSM object handle is no longer valid', kind: 'object' },
  CKR_KEY_HANDLE_INVALID: { reason: R.GeneralFailure, message: 'HSM key handle is no longer valid', kind: 'object' },
  // Device and token availability.
  CKR_DEVICE_REMOVED: { reason: R.GeneralFailure, message: 'HSM device was removed' },
  CKR_DEVICE_ERROR: { reason: R.GeneralFailure, message: 'HSM device error' },
  CKR_DEVICE_MEMORY: { reason: R.GeneralFailure, message: 'HSM is out of memory' },
  CKR_HOST_MEMORY: { reason: R.GeneralFailure, message: 'PKCS#11 library is out of host memory' },
  CKR_TOKEN_NOT_PRESENT: { reason: R.GeneralFailure, message: 'HSM token is not present' },
  CKR_TOKEN_NOT_RECOGNIZED: { reason: R.GeneralFailure, message: 'HSM token is not recognised' },
  CKR_SLOT_ID_INVALID: { reason: R.GeneralFailure, message: 'HSM slot does not exist' },
  CKR_SESSION_COUNT: { reason: R.GeneralFailure, message: 'HSM refused to open more sessions' },
  CKR_TOKEN_WRITE_PROTECTED: { reason: R.GeneralFailure, message: 'HSM token is write-protected' },
  // Authentication.
  CKR_PIN_INCORRECT: { reason: R.AuthenticationNotSuccessful, message: 'HSM user PIN is incorrect' },
  CKR_PIN_LOCKED: { reason: R.AuthenticationNotSuccessful, message: 'HSM user PIN is locked' },
  CKR_PIN_EXPIRED: { reason: R.AuthenticationNotSuccessful, message: 'HSM user PIN has expired' },
  CKR_PIN_LEN_RANGE: { reason: R.AuthenticationNotSuccessful, message: 'HSM user PIN has an invalid length' },
  CKR_USER_PIN_NOT_INITIALIZED: { reason: R.AuthenticationNotSuccessful, message: 'HSM token has no user PIN set' },
  // Bad requests.
  CKR_KEY_SIZE_RANGE: { reason: R.InvalidField, message: 'key size is out of range for this mechanism' },
  CKR_DATA_LEN_RANGE: { reason: R.InvalidField, message: 'data length is out of range for this mechanism' },
  CKR_DATA_INVALID: { reason: R.InvalidField, message: 'data is invalid for this mechanism' },
  CKR_MECHANISM_INVALID: { reason: R.FeatureNotSupported, message: 'HSM does not support this mechanism' },
  CKR_MECHANISM_PARAM_INVALID: { reason: R.InvalidField, message: 'mechanism parameters are invalid (IV, tag length, hash)' },
  CKR_ARGUMENTS_BAD: { reason: R.InvalidField, message: 'HSM rejected the parameters' },
  CKR_ATTRIBUTE_VALUE_INVALID: { reason: R.InvalidField, message: 'HSM rejected a key attribute value' },
  CKR_ATTRIBUTE_TYPE_INVALID: { reason: R.InvalidField, message: 'HSM does not know a key attribute' },
  CKR_TEMPLATE_INCONSISTENT: { reason: R.InvalidField, message: 'key attributes are inconsistent' },
  CKR_TEMPLATE_INCOMPLETE: { reason: R.InvalidField, message: 'key attributes are incomplete' },
  CKR_DOMAIN_PARAMS_INVALID: { reason: R.InvalidField, message: 'key domain parameters (curve) are invalid' },
  CKR_CURVE_NOT_SUPPORTED: { reason: R.FeatureNotSupported, message: 'HSM does not support this elliptic curve' },
  CKR_KEY_TYPE_INCONSISTENT: { reason: R.InvalidField, message: 'key type does not fit the mechanism' },
  CKR_KEY_FUNCTION_NOT_PERMITTED: { reason: R.PermissionDenied, message: 'key may not be used for this function' },
  CKR_KEY_UNEXTRACTABLE: { reason: R.PermissionDenied, message: 'key is not extractable' },
  CKR_ACTION_PROHIBITED: { reason: R.PermissionDenied, message: "the HSM's policy for this object forbids the action" },
  CKR_KEY_NOT_WRAPPABLE: { reason: R.PermissionDenied, message: 'key cannot be wrapped' },
  CKR_ATTRIBUTE_SENSITIVE: { reason: R.PermissionDenied, message: 'key attribute is sensitive' },
  // Cryptographic failures.
  CKR_ENCRYPTED_DATA_INVALID: { reason: R.CryptographicFailure, message: 'encrypted data is invalid (bad padding or wrong key)' },
  CKR_ENCRYPTED_DATA_LEN_RANGE: { reason: R.CryptographicFailure, message: 'encrypted data has an invalid length' },
  CKR_SIGNATURE_INVALID: { reason: R.CryptographicFailure, message: 'signature is invalid' },
  CKR_SIGNATURE_LEN_RANGE: { reason: R.CryptographicFailure, message: 'signature has an invalid length' },
  CKR_WRAPPED_KEY_INVALID: { reason: R.CryptographicFailure, message: 'unwrapping failed (wrong KEK or corrupted material)' },
  CKR_WRAPPED_KEY_LEN_RANGE: { reason: R.CryptographicFailure, message: 'wrapped key material has an invalid length' },
  // The KEK handle a session holds is its own copy (HsmKeys.kekHandle), a private session object: a logout
  // (by any application on the token) destroys it. Like any stale handle: re-login if the login is gone,
  // else drop the session's copies, and retry once with a fresh copy.
  CKR_UNWRAPPING_KEY_HANDLE_INVALID: { reason: R.CryptographicFailure, message: 'key-encryption key is not available', kind: 'object' },
  CKR_WRAPPING_KEY_HANDLE_INVALID: { reason: R.CryptographicFailure, message: 'key-encryption key is not available', kind: 'object' },
  CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT: { reason: R.InvalidField, message: 'the unwrapping key does not fit the unwrapping mechanism' },
  CKR_UNWRAPPING_KEY_SIZE_RANGE: { reason: R.InvalidField, message: 'the unwrapping key has a size the mechanism does not take' },
  CKR_ATTRIBUTE_READ_ONLY: { reason: R.InvalidField, message: 'HSM refused to set a read-only key attribute' },
  CKR_FUNCTION_FAILED: { reason: R.CryptographicFailure, message: 'HSM function failed' },
  // SoftHSM2 answers a failed GCM tag check or a corrupted wrapped key with CKR_GENERAL_ERROR.
  CKR_GENERAL_ERROR: { reason: R.CryptographicFailure, message: 'HSM general error (bad authentication tag, corrupted wrapped material or device fault)' },
  CKR_BUFFER_TOO_SMALL: { reason: R.GeneralFailure, message: 'output buffer too small' },
  CKR_RANDOM_NO_RNG: { reason: R.FeatureNotSupported, message: 'HSM has no random number generator' },
};

export class Pkcs11Error extends CryptoError {
  readonly kind: RecoveryKind;
  constructor(reason: number, message: string, code: string, kind: RecoveryKind) {
    super(reason, message, code);
    this.name = 'Pkcs11Error';
    this.kind = kind;
  }
}

/**
 * Standard return values that pkcs11js has no name for (PKCS#11 2.40 and later): it reports them as
 * "CKR_VENDOR_DEFINED:<value>".
 */
const UNNAMED_BY_PKCS11JS: Record<number, string> = { 0x1b: 'CKR_ACTION_PROHIBITED', 0x140: 'CKR_CURVE_NOT_SUPPORTED' };

/** CKR name of a pkcs11js error ("CKR_NAME:value"), or undefined for errors that did not come from the module. */
export function ckrName(e: unknown): string | undefined {
  // Not instanceof Error: an error thrown by the native module may come from another realm (a vm context).
  const message = (e as { message?: unknown } | null)?.message;
  if (typeof message !== 'string') return undefined;
  const m = /(CKR_[A-Z0-9_]+)(?::(\d+))?/.exec(message);
  if (!m) return undefined;
  return (m[1] === 'CKR_VENDOR_DEFINED' && m[2] !== undefined && UNNAMED_BY_PKCS11JS[Number(m[2])]) || m[1];
}

/** Turns anything thrown around a PKCS#11 call into a CryptoError; CryptoErrors pass through. */
export function mapPkcs11Error(e: unknown, context: string): CryptoError {
  if (e instanceof CryptoError) return e;
  const name = ckrName(e);
  if (!name) {
    const text = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return new Pkcs11Error(ResultReason.GeneralFailure, `${context}: ${text}`, 'NATIVE', 'fatal');
  }
  const entry = CKR_TABLE[name];
  if (!entry) return new Pkcs11Error(ResultReason.GeneralFailure, `${context}: HSM returned ${name}`, name, 'fatal');
  return new Pkcs11Error(entry.reason, `${context}: ${entry.message} (${name})`, name, entry.kind ?? 'fatal');
}
