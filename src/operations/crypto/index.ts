/** The cryptographic operations, for the dispatch table in src/operations (one file per operation). */
import type { OperationHandler } from '../types';
import { encrypt } from './encrypt';
import { decrypt } from './decrypt';
import { sign } from './sign';
import { signatureVerify } from './signature-verify';
import { mac } from './mac';
import { macVerify } from './mac-verify';
import { rngRetrieve } from './rng-retrieve';
import { hash } from './hash';
import { deriveKey } from './derive-key';

export const CRYPTO_OPERATIONS: OperationHandler[] = [encrypt, decrypt, sign, signatureVerify, mac, macVerify, rngRetrieve, hash, deriveKey];
