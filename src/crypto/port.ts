/**
 * The crypto provider port. Key material is held by opaque reference: the provider returns material
 * already wrapped under its key-encryption key, and takes it back wrapped. Operations never see a KEK.
 * Adapters: crypto/software (node:crypto, for machines without PKCS#11) and crypto/pkcs11 (pkcs11js).
 */

export interface WrappedKey {
  /** Material wrapped by the provider's KEK (AES key wrap with padding for PKCS#11). */
  wrapped: Buffer;
  kekId: string;
}

export interface ProviderInfo {
  /** "software" or "pkcs11". */
  kind: 'software' | 'pkcs11';
  /** Human-readable description for logs and Query Server Information. */
  description: string;
}

export interface CryptoProvider {
  readonly info: ProviderInfo;
  /** Generate a symmetric key inside the provider; returns it wrapped. algorithm: Cryptographic Algorithm enum. */
  generateSymmetricKey(algorithm: number, lengthBits: number): Promise<WrappedKey>;
  /** Import plaintext material (Register): returns it wrapped. The caller zeroes its copy. */
  importKey(material: Buffer): Promise<WrappedKey>;
  /** Export plaintext material (Get). The caller zeroes the buffer when done. */
  exportKey(key: WrappedKey): Promise<Buffer>;
  /** Random bytes from the provider's generator. */
  random(length: number): Promise<Buffer>;
  close(): Promise<void>;
}
