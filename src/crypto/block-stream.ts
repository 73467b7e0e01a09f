/**
 * Multi-part symmetric encryption and decryption on top of any CryptoProvider's single-part calls, so
 * the key stays in the provider (the HSM) and no PKCS#11 session is held between requests:
 *
 *  - ECB, CBC, CTR ("chain"): each part processes the whole blocks it has (decryption with PKCS#5
 *    padding holds the last block back until Final); CBC continues from the last ciphertext block, CTR
 *    from the counter advanced by the blocks done (the whole 128-bit block counts, as the providers do).
 *    Padding is added and removed here, with the cipher run unpadded.
 *  - GCM encryption ("gcm"): counter blocks (SP 800-38D inc32 from J0) are encrypted with ECB in the
 *    provider; the keystream XOR, GHASH and the tag are computed here (crypto/gcm.ts). The stream holds
 *    the hash subkey H and E_K(J0) until it ends; dispose() zeroes them.
 *  - GCM decryption and the ChaCha20 ciphers ("buffer"): input is kept until Final and processed
 *    single-part, so no unauthenticated plaintext is released early.
 *
 * The caller loads the key again for every part (state and usage checks) and passes it in.
 */
import type { BlockMode, CryptoProvider, KeyRef } from './port';
import { counterBlocks, gcmJ0, ghash, lengthBlock } from './gcm';
import { pkcs5Pad, pkcs5Unpad } from './padding';
import { invalidField } from './errors';

export interface BlockStreamParams {
  decrypt: boolean;
  /** Block cipher of the key (AES 16-byte blocks, 3DES 8); ignored for stream ciphers. */
  algorithm: 'AES' | 'DES3';
  mode: BlockMode;
  padding: 'None' | 'PKCS5';
  cipher?: 'CHACHA20' | 'CHACHA20-POLY1305';
  iv?: Buffer;
  aad?: Buffer;
  tagLength?: number;
}

export interface BlockStreamOutput {
  data: Buffer;
  tag?: Buffer;
}

const EMPTY = Buffer.alloc(0);

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i];
  return out;
}

/** Big-endian addition of n to a counter block (all bits count). */
function addCounter(block: Buffer, n: number): Buffer {
  const out = Buffer.from(block);
  let carry = n;
  for (let i = out.length - 1; i >= 0 && carry > 0; i--) {
    const v = out[i] + (carry % 256);
    out[i] = v & 0xff;
    carry = Math.floor(carry / 256) + (v >> 8);
  }
  return out;
}

export class BlockStream {
  private pending: Buffer = EMPTY;
  private chain: Buffer | undefined;
  private readonly kind: 'chain' | 'gcm' | 'buffer';
  private readonly block: number;
  // GCM encryption state.
  private h: Buffer = EMPTY;
  private j0: Buffer = EMPTY;
  private ekj0: Buffer = EMPTY;
  private y: Buffer = Buffer.alloc(16);
  private counter = 1;
  private cipherBytes = 0;

  private constructor(private readonly p: BlockStreamParams) {
    this.block = p.cipher ? 1 : p.algorithm === 'AES' ? 16 : 8;
    if (p.cipher || (p.mode === 'GCM' && p.decrypt)) this.kind = 'buffer';
    else if (p.mode === 'GCM') this.kind = 'gcm';
    else this.kind = 'chain';
    this.chain = p.iv ? Buffer.from(p.iv) : undefined;
    if (this.kind === 'chain' && p.mode !== 'ECB' && (!p.iv || p.iv.length !== this.block)) {
      throw invalidField(`${p.mode} mode needs an IV/Counter/Nonce of ${this.block} bytes`);
    }
    if (this.kind === 'chain' && p.aad?.length) throw invalidField(`additional authenticated data needs GCM mode, not ${p.mode}`);
    if (p.padding === 'PKCS5' && p.mode !== 'ECB' && p.mode !== 'CBC') throw invalidField(`PKCS5 padding does not apply to ${p.mode} mode`);
  }

  static async start(crypto: CryptoProvider, key: KeyRef, p: BlockStreamParams): Promise<BlockStream> {
    const s = new BlockStream(p);
    if (s.kind === 'gcm') {
      if (p.algorithm !== 'AES') throw invalidField('GCM needs AES');
      if (!p.iv || p.iv.length < 1 || p.iv.length > 128) throw invalidField('GCM needs an IV/Counter/Nonce of 1 to 128 bytes');
      const tagLength = p.tagLength ?? 16;
      if (tagLength < 4 || tagLength > 16) throw invalidField(`GCM tag length must be 4 to 16 bytes, not ${tagLength}`);
      s.h = await s.ecb(crypto, key, Buffer.alloc(16));
      s.j0 = gcmJ0(s.h, p.iv);
      s.ekj0 = await s.ecb(crypto, key, s.j0);
      s.y = ghash(s.h, s.y, p.aad ?? EMPTY);
    }
    return s;
  }

  bufferedBytes(): number {
    return this.pending.length;
  }

  /** One middle part: returns the output available so far (possibly empty). */
  async update(crypto: CryptoProvider, key: KeyRef, data: Buffer | undefined): Promise<Buffer> {
    this.append(data);
    if (this.kind === 'buffer') return EMPTY;
    let n = this.pending.length - (this.pending.length % this.block);
    // Decryption with padding keeps the last block: it may be the padded one.
    if (this.p.decrypt && this.p.padding === 'PKCS5' && n === this.pending.length && n > 0) n -= this.block;
    return this.process(crypto, key, n);
  }

  /** The Final part: the rest of the output, and the tag for GCM encryption. tag: the GCM/Poly1305 tag to check when decrypting. */
  async finish(crypto: CryptoProvider, key: KeyRef, data: Buffer | undefined, tag?: Buffer): Promise<BlockStreamOutput> {
    this.append(data);
    if (this.kind === 'buffer') {
      let all = this.pending;
      const tagLength = this.p.cipher === 'CHACHA20' ? 0 : this.p.tagLength ?? 16;
      if (this.p.decrypt && !tag && tagLength) {
        // No Authenticated Encryption Tag: the tag ends the data, as in single-part Decrypt.
        if (all.length < tagLength) throw invalidField('Data is shorter than the authentication tag it should end with');
        tag = all.subarray(all.length - tagLength);
        all = all.subarray(0, all.length - tagLength);
      }
      const params = { cipher: this.p.cipher, mode: this.p.cipher ? undefined : this.p.mode, iv: this.p.iv, aad: this.p.aad, tagLength: this.p.tagLength };
      if (this.p.decrypt) return { data: await crypto.decrypt(key, all, { ...params, tag }) };
      return crypto.encrypt(key, all, params);
    }
    if (this.kind === 'gcm') {
      const full = this.pending.length - (this.pending.length % 16);
      const out = [await this.process(crypto, key, full)];
      if (this.pending.length) {
        const ks = await this.ecb(crypto, key, counterBlocks(this.j0, this.counter, 1));
        const c = xor(this.pending, ks);
        ks.fill(0);
        this.y = ghash(this.h, this.y, c);
        this.cipherBytes += c.length;
        this.pending.fill(0);
        this.pending = EMPTY;
        out.push(c);
      }
      this.y = ghash(this.h, this.y, lengthBlock(this.p.aad?.length ?? 0, this.cipherBytes));
      const t = xor(this.ekj0, this.y).subarray(0, this.p.tagLength ?? 16);
      return { data: Buffer.concat(out), tag: Buffer.from(t) };
    }
    const { mode, padding, decrypt } = this.p;
    if (padding === 'PKCS5' && !decrypt) {
      const padded = pkcs5Pad(this.pending, this.block);
      this.pending.fill(0);
      this.pending = padded;
    } else if (mode !== 'CTR' && this.pending.length % this.block !== 0) {
      throw invalidField(`data length is not a multiple of the ${this.block}-byte block`);
    } else if (padding === 'PKCS5' && this.pending.length === 0) {
      throw invalidField('padded ciphertext ends with a whole block');
    }
    const out = await this.process(crypto, key, this.pending.length);
    if (padding === 'PKCS5' && decrypt) {
      const plain = Buffer.from(pkcs5Unpad(out, this.block));
      out.fill(0);
      return { data: plain };
    }
    return { data: out };
  }

  dispose(): void {
    for (const b of [this.pending, this.h, this.ekj0, this.y, this.j0]) b.fill(0);
    this.chain?.fill(0);
    this.pending = EMPTY;
  }

  private append(data: Buffer | undefined): void {
    if (!data || data.length === 0) return;
    const next = Buffer.concat([this.pending, data]);
    this.pending.fill(0);
    this.pending = next;
  }

  private async ecb(crypto: CryptoProvider, key: KeyRef, blocks: Buffer): Promise<Buffer> {
    return (await crypto.encrypt(key, blocks, { mode: 'ECB', padding: 'None' })).data;
  }

  /** Processes the first n pending bytes, keeps the rest, and advances the chaining value. */
  private async process(crypto: CryptoProvider, key: KeyRef, n: number): Promise<Buffer> {
    if (n <= 0) return EMPTY;
    const chunk = this.pending.subarray(0, n);
    let out: Buffer;
    if (this.kind === 'gcm') {
      const blocks = n / 16;
      const ks = await this.ecb(crypto, key, counterBlocks(this.j0, this.counter, blocks));
      out = xor(chunk, ks);
      ks.fill(0);
      this.counter += blocks;
      this.cipherBytes += n;
      this.y = ghash(this.h, this.y, out);
    } else {
      const params = { mode: this.p.mode, padding: 'None' as const, iv: this.p.mode === 'ECB' ? undefined : this.chain };
      out = this.p.decrypt ? await crypto.decrypt(key, chunk, params) : (await crypto.encrypt(key, chunk, params)).data;
      if (this.p.mode === 'CBC' && n >= this.block) {
        const last = (this.p.decrypt ? chunk : out).subarray(n - this.block, n);
        this.chain = Buffer.from(last);
      } else if (this.p.mode === 'CTR' && this.chain) {
        this.chain = addCounter(this.chain, Math.ceil(n / this.block));
      }
    }
    const rest = Buffer.from(this.pending.subarray(n));
    this.pending.fill(0);
    this.pending = rest;
    return out;
  }
}
