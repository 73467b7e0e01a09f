/**
 * The facts an operator declares about the HSM (`hsm.rngAlgorithm` with `hsm.rngDrbgAlgorithm`,
 * `hsm.rngCryptographicAlgorithm`, `hsm.rngCryptographicLength`, and `hsm.protectionStorage`), read from the
 * configuration and checked against the KMIP enumerations, so that a misspelt name stops the start-up with a
 * configuration error instead of surfacing in a client's Create. operations/provider-facts.ts turns them into
 * attribute values.
 */
import { CryptographicAlgorithm } from '../kmip/enums';
import { ProtectionStorageMask } from '../kmip/masks';
import type { DeclaredHsmFacts } from '../crypto/port';

export interface HsmDeclarationFields {
  rngAlgorithm: string;
  rngDrbgAlgorithm: string;
  rngCryptographicAlgorithm?: string;
  rngCryptographicLength?: number;
  protectionStorage: readonly string[];
}

function unknownName(field: string, name: string, names: Readonly<Record<string, number>>): string {
  return `hsm.${field}: "${name}" is not a KMIP name; use one of ${Object.keys(names).join(', ')}`;
}

/** The declaration and the problems found in it (empty when it is sound); undefined facts when nothing is declared. */
export function readHsmDeclaration(hsm: HsmDeclarationFields): { facts?: DeclaredHsmFacts; problems: string[] } {
  const problems: string[] = [];
  const facts: DeclaredHsmFacts = {};
  const details = hsm.rngDrbgAlgorithm !== 'none' || hsm.rngCryptographicAlgorithm !== undefined || hsm.rngCryptographicLength !== undefined;
  if (hsm.rngAlgorithm !== 'detect') {
    facts.rng = {
      algorithm: hsm.rngAlgorithm,
      drbgAlgorithm: hsm.rngDrbgAlgorithm === 'none' ? undefined : hsm.rngDrbgAlgorithm,
      cryptographicAlgorithm: hsm.rngCryptographicAlgorithm,
      cryptographicLength: hsm.rngCryptographicLength,
    };
    if (hsm.rngDrbgAlgorithm !== 'none' && hsm.rngAlgorithm !== 'DRBG') problems.push(`hsm.rngDrbgAlgorithm: applies only with hsm.rngAlgorithm DRBG (not ${hsm.rngAlgorithm})`);
  } else if (details) {
    problems.push('hsm.rngDrbgAlgorithm, hsm.rngCryptographicAlgorithm and hsm.rngCryptographicLength describe a declared generator: set hsm.rngAlgorithm too');
  }
  const alg = hsm.rngCryptographicAlgorithm;
  if (alg !== undefined && (CryptographicAlgorithm as Readonly<Record<string, number>>)[alg] === undefined) {
    problems.push(unknownName('rngCryptographicAlgorithm', alg, CryptographicAlgorithm));
  }
  for (const n of hsm.protectionStorage) {
    if ((ProtectionStorageMask as Readonly<Record<string, number>>)[n] === undefined) problems.push(unknownName('protectionStorage', n, ProtectionStorageMask));
  }
  if (hsm.protectionStorage.length > 0) facts.protectionStorage = [...hsm.protectionStorage];
  return { facts: facts.rng || facts.protectionStorage ? facts : undefined, problems };
}
