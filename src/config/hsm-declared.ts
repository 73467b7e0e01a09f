/**
 * The facts an operator declares about the HSM (`hsm.rngAlgorithm` with `hsm.rngDrbgAlgorithm`,
 * `hsm.rngCryptographicAlgorithm`, `hsm.rngCryptographicLength`, and `hsm.protectionStorage`), read from the
 * configuration and resolved to KMIP values once, so that a misspelt name stops the start-up with a configuration
 * error instead of surfacing in a client's Create. operations/provider-facts.ts builds attribute values from them.
 */
import { CryptographicAlgorithm, DRBGAlgorithm, RNGAlgorithm } from '../kmip/enums';
import { ProtectionStorageMask } from '../kmip/masks';
import type { DeclaredHsmFacts } from '../crypto/port';

export interface HsmDeclarationFields {
  rngAlgorithm: string;
  rngDrbgAlgorithm: string;
  rngCryptographicAlgorithm?: string;
  rngCryptographicLength?: number;
  protectionStorage: readonly string[];
}

type Names = Readonly<Record<string, number>>;

/** The value of a KMIP name, or undefined after recording the problem. */
function valueOf(names: Names, field: string, name: string, problems: string[]): number | undefined {
  const v = names[name];
  if (v === undefined) problems.push(`hsm.${field}: "${name}" is not a KMIP name; use one of ${Object.keys(names).join(', ')}`);
  return v;
}

/** The declaration as KMIP values, and the problems found in it (empty when it is sound); no facts when nothing is declared. */
export function readHsmDeclaration(hsm: HsmDeclarationFields): { facts?: DeclaredHsmFacts; problems: string[] } {
  const problems: string[] = [];
  const facts: DeclaredHsmFacts = {};
  const details = hsm.rngDrbgAlgorithm !== 'none' || hsm.rngCryptographicAlgorithm !== undefined || hsm.rngCryptographicLength !== undefined;
  const cryptographicAlgorithm =
    hsm.rngCryptographicAlgorithm === undefined ? undefined : valueOf(CryptographicAlgorithm, 'rngCryptographicAlgorithm', hsm.rngCryptographicAlgorithm, problems);
  // rngAlgorithm and rngDrbgAlgorithm are schema enums of exactly these names (plus 'detect' and 'none'): a name
  // outside them was already reported by the schema and declares nothing here.
  const algorithm = (RNGAlgorithm as Names)[hsm.rngAlgorithm];
  if (algorithm !== undefined) {
    facts.rng = {
      algorithm,
      drbgAlgorithm: (DRBGAlgorithm as Names)[hsm.rngDrbgAlgorithm],
      cryptographicAlgorithm,
      cryptographicLength: hsm.rngCryptographicLength,
    };
    if (hsm.rngDrbgAlgorithm !== 'none' && hsm.rngAlgorithm !== 'DRBG') problems.push(`hsm.rngDrbgAlgorithm: applies only with hsm.rngAlgorithm DRBG (not ${hsm.rngAlgorithm})`);
  } else if (hsm.rngAlgorithm === 'detect' && details) {
    problems.push('hsm.rngDrbgAlgorithm, hsm.rngCryptographicAlgorithm and hsm.rngCryptographicLength describe a declared generator: set hsm.rngAlgorithm too');
  }
  if (hsm.protectionStorage.length > 0) {
    facts.protectionStorageMask = hsm.protectionStorage.reduce((m, n) => m | (valueOf(ProtectionStorageMask, 'protectionStorage', n, problems) ?? 0), 0);
  }
  return { facts: facts.rng || facts.protectionStorageMask !== undefined ? facts : undefined, problems };
}
