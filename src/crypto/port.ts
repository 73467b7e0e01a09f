/**
 * The crypto provider port. Key material is held by opaque reference: the provider returns material
 * already wrapped under its key-encryption key, and takes it back wrapped. Operations never see a KEK.
 * Adapters: crypto/software (node:crypto, for machines without PKCS#11) and crypto/pkcs11 (pkcs11js).
 *
 * The wrapped form (`WrappedKey.wrapped`) is opaque to everyone but the provider. Both adapters use the
 * same layout (src/crypto/blob.ts): a 4-byte header naming the key class and algorithm, then the
 * RFC 5649 AES key wrap with padding of the material under the KEK named by `kekId`. Secret keys are
 * wrapped as raw bytes, private keys as PKCS#8 DER, public keys (only when imported) as SPKI DER.
 *
 * The vocabulary below (hash names, modes, paddings) is the provider's own; operations map KMIP
 * Cryptographic Parameters onto it (src/operations/crypto/params.ts).
 */

export interface WrappedKey {
  /** Material wrapped by the provider's KEK (AES key wrap with padding, RFC 5649), behind a 4-byte header. */
  wrapped: Buffer;
  kekId: string;
  /**
   * SHA-256 of the key's Raw value, when the provider computed it at generation without exporting the key
   * (PKCS#11 C_DigestKey): the Digest attribute of a new key then costs no export. Never stored as such.
   */
  rawSha256?: Buffer;
}

/** A public key in plaintext (SubjectPublicKeyInfo DER). Public keys are not secret and need no KEK. */
export interface PublicKeyRef {
  publicKey: Buffer;
}

/** What a cryptographic operation can be given: a wrapped key, or a plaintext public key. */
export type KeyRef = WrappedKey | PublicKeyRef;

export function isPublicKeyRef(k: KeyRef): k is PublicKeyRef {
  return (k as PublicKeyRef).publicKey !== undefined;
}

/**
 * What the operator states about the HSM (configuration `hsm.rng*`, `hsm.protectionStorage`), from its vendor's
 * documentation or certificate: PKCS#11 has no way to ask a token which random number generator it uses or where
 * it keeps keys. KMIP values, resolved from the configured names once (config/hsm-declared.ts).
 */
export interface DeclaredHsmFacts {
  /** RNG Parameters: RNG Algorithm, DRBG Algorithm and Cryptographic Algorithm enumeration values, length in bits. */
  rng?: { algorithm: number; drbgAlgorithm?: number; cryptographicAlgorithm?: number; cryptographicLength?: number };
  /** Protection Storage Mask bits. */
  protectionStorageMask?: number;
}

export interface ProviderInfo {
  /** "software" or "pkcs11". */
  kind: 'software' | 'pkcs11';
  /** Human-readable description for logs and Query Server Information. */
  description: string;
  /** PKCS#11 only: facts the operator declared about the HSM. */
  declared?: DeclaredHsmFacts;
}

export type KeyClass = 'secret' | 'private' | 'public';
/** HMAC keys are generic secrets; GENERIC is any other secret (Secret Data, unknown algorithms). ED25519: EdDSA (RFC 8032). */
export type KeyAlgorithm = 'AES' | 'DES3' | 'HMAC' | 'GENERIC' | 'RSA' | 'EC' | 'ED25519';
export interface KeySpec {
  keyClass: KeyClass;
  algorithm: KeyAlgorithm;
}

export type HashAlg = 'SHA-1' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SHA3-224' | 'SHA3-256' | 'SHA3-384' | 'SHA3-512';
/** NIST curves, and secp256k1 (SEC 2; KMIP Recommended Curve SECP256K1). */
export type Curve = 'P-256' | 'P-384' | 'P-521' | 'secp256k1';
export type BlockMode = 'ECB' | 'CBC' | 'CTR' | 'GCM';
export type Padding = 'None' | 'PKCS5' | 'OAEP' | 'PKCS1v15' | 'PSS';

export type KeyPairSpec =
  | { algorithm: 'RSA'; modulusBits: number; publicExponent?: number }
  | { algorithm: 'EC'; curve: Curve }
  | { algorithm: 'ED25519' };

export interface KeyPairResult {
  /** SubjectPublicKeyInfo DER, plaintext. */
  publicKey: Buffer;
  /** PKCS#8 private key, wrapped. */
  privateKey: WrappedKey;
}

/**
 * Symmetric: mode (required; operations fill the KMIP default), padding (None | PKCS5, default None), iv (required for CBC/CTR/GCM; CTR takes a full 16-byte counter block), aad and
 * tagLength (bytes, GCM only, default 16).
 * RSA: padding OAEP (hash, default SHA-1; MGF1 uses mgfHash, default = hash) or PKCS1v15.
 */
export interface CipherParams {
  /**
   * A stream cipher instead of the key's block cipher: the secret's 32 bytes are used as a ChaCha20 key.
   * CHACHA20 takes an 8-byte (original), 12-byte (RFC 8439, counter 0) or 16-byte (counter||nonce) IV;
   * CHACHA20-POLY1305 a 12-byte nonce, aad and a 16-byte tag.
   */
  cipher?: 'CHACHA20' | 'CHACHA20-POLY1305';
  mode?: BlockMode;
  padding?: Padding;
  iv?: Buffer;
  aad?: Buffer;
  tagLength?: number;
  hash?: HashAlg;
  mgfHash?: HashAlg;
  /** OAEP label (KMIP P Source); empty when absent. */
  label?: Buffer;
}

export interface DecipherParams extends CipherParams {
  /** GCM authentication tag. */
  tag?: Buffer;
}

export interface EncryptResult {
  data: Buffer;
  /** GCM authentication tag (tagLength bytes). */
  tag?: Buffer;
}

/**
 * RSA: padding PKCS1v15 (default) or PSS (saltLength default = hash length; MGF1 with the same hash).
 * EC: ECDSA; the signature is DER (SEQUENCE of r, s) as OpenSSL-based clients expect.
 * prehashed: data is already the digest (KMIP Digested Data).
 * raw (with prehashed, when the client named no hash): the digested data is signed as given, of any length:
 *   RSA PKCS#1 v1.5 pads the bytes without adding a DigestInfo (CKM_RSA_PKCS), ECDSA signs them as the
 *   digest (truncated to the order's size, as FIPS 186-4 does).
 * PSS saltLength: signing defaults to the hash length; verification without one accepts any salt length.
 * Ed25519: PureEdDSA over the data (RFC 8032 §5.1); hash is ignored, prehashed (Ed25519ph) is refused.
 */
export interface SignParams {
  hash: HashAlg;
  padding?: 'PKCS1v15' | 'PSS';
  saltLength?: number;
  prehashed?: boolean;
  raw?: boolean;
}

/**
 * How client-wrapped key material was wrapped (Register of a Key Block with Key Wrapping Data, Encoding
 * Option No Encoding): AES Key Wrap (RFC 3394, CKM_AES_KEY_WRAP) or with padding (RFC 5649,
 * CKM_AES_KEY_WRAP_PAD) under an AES key, or RSA-OAEP (CKM_RSA_PKCS_OAEP) under an RSA private key.
 */
export type UnwrapMethod =
  | { kind: 'AES-KW' }
  | { kind: 'AES-KWP' }
  | { kind: 'RSA-OAEP'; hash?: HashAlg; mgfHash?: HashAlg; label?: Buffer };

export type MacParams = { algorithm: 'HMAC'; hash: HashAlg } | { algorithm: 'CMAC' };

export interface CryptoProvider {
  readonly info: ProviderInfo;
  /** Identifier of the KEK that wraps new material. */
  readonly currentKekId: string;

  /** Generate a symmetric key inside the provider; returns it wrapped. algorithm: Cryptographic Algorithm enum. */
  generateSymmetricKey(algorithm: number, lengthBits: number): Promise<WrappedKey>;
  /** Generate a secret key described in the provider's own terms (AES 128/192/256, DES3 192, HMAC/GENERIC any). */
  generateSecretKey(algorithm: 'AES' | 'DES3' | 'HMAC' | 'GENERIC', lengthBits: number): Promise<WrappedKey>;
  /** Generate a key pair; the private key never leaves the provider unwrapped. */
  generateKeyPair(spec: KeyPairSpec): Promise<KeyPairResult>;
  /**
   * Import plaintext material (Register): returns it wrapped. The caller zeroes its copy.
   * spec defaults to a GENERIC secret. Private keys are PKCS#8 DER, public keys SPKI DER.
   */
  importKey(material: Buffer, spec?: KeySpec): Promise<WrappedKey>;
  /** Export plaintext material (Get): raw bytes, PKCS#8 DER or SPKI DER. The caller zeroes the buffer when done. */
  exportKey(key: WrappedKey): Promise<Buffer>;
  /** Class and algorithm recorded with the wrapped material (no unwrapping). */
  keySpec(key: WrappedKey): KeySpec;

  encrypt(key: KeyRef, data: Buffer, params: CipherParams): Promise<EncryptResult>;
  decrypt(key: KeyRef, data: Buffer, params: DecipherParams): Promise<Buffer>;
  sign(key: WrappedKey, data: Buffer, params: SignParams): Promise<Buffer>;
  verify(key: KeyRef, data: Buffer, signature: Buffer, params: SignParams): Promise<boolean>;
  mac(key: WrappedKey, data: Buffer, params: MacParams): Promise<Buffer>;
  /**
   * ECDH (SP 800-56A, KMIP Derivation Method Asymmetric Key): the shared secret Z (the x-coordinate) of an EC
   * private key and a peer public key (SPKI DER) on the same curve, its first lengthBytes kept as a secret
   * key of spec, returned wrapped. No KDF is applied (PKCS#11 CKD_NULL). Z never leaves the provider unwrapped.
   */
  deriveEcdh(privateKey: WrappedKey, peerPublicKey: Buffer, spec: KeySpec, lengthBytes: number): Promise<WrappedKey>;
  /**
   * Bring your own key: unwraps `wrapped` (the raw key material, wrapped by a client under `wrappingKey`)
   * inside the provider and holds the result as a new secret key of `spec`, returned wrapped under the KEK
   * with `rawSha256` (SHA-256 of the material, for the Digest attribute) set; the plaintext never reaches
   * the caller. lengthBytes: the material's length, required where the wrapped form does not state it
   * exactly (AES-KWP, RSA-OAEP); with AES-KW it must match when given. Wrong key or damaged data is a
   * Cryptographic Failure. Resolves undefined when this provider cannot do this unwrapping inside itself
   * (e.g. OAEP with SHA-2 on SoftHSM2): the caller then unwraps with decrypt().
   * Optional (added for issue 4): providers without it are always given the decrypt() path.
   */
  unwrapImport?(wrappingKey: WrappedKey, wrapped: Buffer, method: UnwrapMethod, spec: KeySpec, lengthBytes?: number): Promise<WrappedKey | undefined>;
  hash(data: Buffer, alg: HashAlg): Promise<Buffer>;
  /** Random bytes from the provider's generator. */
  random(length: number): Promise<Buffer>;
  /**
   * Mix client-supplied seed material into the provider's generator (KMIP RNG Seed); resolves to the number
   * of bytes used. Optional (added by H14): a provider without it accepts no seed (RNG Seed answers 0).
   */
  seedRandom?(seed: Buffer): Promise<number>;

  /**
   * Drop any unwrapped copy the provider keeps for speed (PKCS#11: cached session objects). Call when the
   * managed object is destroyed. Optional: providers that cache nothing need not implement it.
   */
  forget?(key: WrappedKey): void;

  /** KEK rotation: create a new KEK, which becomes current; returns its id. */
  createKek(): Promise<string>;
  /**
   * Online KEK rotation: take up a KEK that another process created after this provider opened (`tumbler hsm
   * rotate-kek` next to a running server): find it, check it, and wrap new material under it from now on.
   * Rejects when no such KEK exists. Optional: a provider without it cannot rotate while serving.
   */
  adoptKek?(id: string): Promise<void>;
  /** Re-wrap material under another KEK known to this provider (default: the current one). */
  rewrap(key: WrappedKey, toKekId?: string): Promise<WrappedKey>;
  close(): Promise<void>;
}
