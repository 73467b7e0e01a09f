import { normalizeName } from '../../../spec/lib/normalize';

describe('normalizeName (SOURCES.md §3.2, KMIP Additional Message Encodings §6.1.3)', () => {
  const cases: [string, string][] = [
    // Examples given in SOURCES.md §3.2 and the encodings specification.
    ['Polynomial Sharing GF (2^8)', 'PolynomialSharingGF2_8'],
    ['Tape Library Client KMIP v1.0', 'TapeLibraryClientKMIPV1_0'],
    ['3DES', 'DES3'],
    ['Activation Date', 'ActivationDate'],
    // Values as the OASIS XML vectors spell them (SOURCES.md §3.2 table).
    ['Symmetric Key', 'SymmetricKey'],
    ['SHA-256', 'SHA_256'],
    ['PKCS#1', 'PKCS_1'],
    ['X.509', 'X_509'],
    ['P-256', 'P_256'],
    ['Unique Batch Item ID', 'UniqueBatchItemID'],
    // Rule 2: a non-word char followed by letter + lowercase becomes a space.
    ['Re-key Key Pair', 'ReKeyKeyPair'],
    ['On-line storage', 'OnLineStorage'],
    ['Pre-Active', 'PreActive'],
    // Rule 1: brackets become spaces.
    ['Content Commitment (Non Repudiation)', 'ContentCommitmentNonRepudiation'],
    ['PKCS1 v1.5', 'PKCS1V1_5'],
    ['MD5 with RSA Encryption (PKCS#1 v1.5)', 'MD5WithRSAEncryptionPKCS_1V1_5'],
    ['PKCS#11 Function', 'PKCS_11Function'],
    // Rule 4 only moves digits of the first word.
    ['3DES and 3DES', 'DES3And3DES'],
    ['', ''],
  ];
  it.each(cases)('%j -> %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('is idempotent on already normalized names', () => {
    for (const [, n] of cases) expect(normalizeName(n)).toBe(n);
  });
});
