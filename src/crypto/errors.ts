/**
 * Errors raised by crypto providers. They extend KmipError so the one error mapper (message layer) turns
 * them into failed batch items with the right Result Reason; `code` keeps the provider's own code
 * (e.g. "CKR_KEY_SIZE_RANGE") for logs. Messages never contain key material.
 */
import { KmipError } from '../message/errors';
import { ResultReason } from '../kmip/enums';

export class CryptoError extends KmipError {
  /** Provider-specific code, e.g. a CKR_* name, or a short software code. */
  readonly code: string;
  constructor(reason: number, message: string, code = 'CRYPTO') {
    super(reason, message);
    this.name = 'CryptoError';
    this.code = code;
  }
}

/** The provider cannot be used at all (module missing, token absent, wrong PIN, unreadable KEK file). */
export class CryptoUnavailableError extends CryptoError {
  constructor(message: string, code = 'UNAVAILABLE') {
    super(ResultReason.GeneralFailure, message, code);
    this.name = 'CryptoUnavailableError';
  }
}

export const invalidField = (msg: string): CryptoError => new CryptoError(ResultReason.InvalidField, msg, 'INVALID_FIELD');
export const notSupported = (msg: string): CryptoError =>
  new CryptoError(ResultReason.FeatureNotSupported, msg, 'NOT_SUPPORTED');
export const cryptoFailure = (msg: string): CryptoError =>
  new CryptoError(ResultReason.CryptographicFailure, msg, 'CRYPTO_FAILURE');
