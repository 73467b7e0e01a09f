/**
 * Secret-key generation off the event loop: one worker thread with its own PKCS#11 session generates a
 * key in the HSM, wraps it under the KEK, digests it in the token and destroys the session object, the
 * same four calls as the provider's inline path (provider.ts, generatePlanned), in one message each way.
 *
 * Why: a Create spends about a quarter of the event loop's time in those calls (SoftHSM2, measured by
 * profile), while the event loop is what bounds the server; the worker runs them on the other core and
 * costs the loop one message (about 11 µs per key measured against 85 µs for the calls themselves on an
 * idle loop). pkcs11js's own asynchronous calls were measured slower: each call is a separate hop.
 *
 * The worker is an accelerator, never the only way: any failure in it (a session closed by a pool reset,
 * a logged-out token, a KEK handle gone stale, the worker dead) is answered with an error and the caller
 * runs the inline path, whose session pool recovers (re-open, re-login) and maps errors. The worker then
 * opens a fresh session at its next request; every request carries the pool's generation, so after a pool
 * reset (which closes every session of the application) the worker never reuses its old session handle,
 * even on an HSM that hands the same number out again (SoftHSM2 never does; measured). The library is shared with the main thread (one dlopen, one
 * login per application); the worker accepts CKR_CRYPTOKI_ALREADY_INITIALIZED and never finalises.
 *
 * The worker is created from source text (eval) so that it runs the same way from dist/ and under ts-jest.
 * Its messages carry only wrapped material and the SHA-256 digest, never a key in the clear.
 */
import { Worker } from 'node:worker_threads';
import { exitOrTerminate } from '../../worker-exit';
import type * as pkcs11js from 'pkcs11js';
import type { LoopWindow } from '../../loop-load';

export interface GenerationRequest {
  mechanism: number;
  template: pkcs11js.Template;
  /** The token KEK object (the worker copies it into its session once, like HsmKeys.kekHandle). */
  kekToken: Buffer;
  /** Also digest the new key in the token (C_DigestKey, SHA-256). */
  digest: boolean;
  /** The session pool's generation: a pool reset closed every session, the worker's too, so it opens a new one. */
  generation: number;
}

export interface GenerationResult {
  wrapped: Buffer;
  rawSha256?: Buffer;
}

/** generationWorker 'auto': the (inline-equivalent) event-loop utilisation from which the worker is used. */
export const WORKER_BUSY_LOOP = 0.7;

/**
 * generationWorker 'auto': does the worker pay in the next loop window? Yes when the last window's utilisation,
 * plus what the keys the worker made in it would have cost the loop inline, reaches WORKER_BUSY_LOOP: the
 * relief the worker brings must not by itself switch it off again.
 */
export function workerPays(window: LoopWindow, keysInWorker: number, inlineGenerationMs: number): boolean {
  if (window.ms <= 0) return false;
  return window.utilization + (keysInWorker * inlineGenerationMs) / window.ms >= WORKER_BUSY_LOOP;
}

/** Requests queued in the worker beyond which the caller uses the inline path (bounds memory and delay). */
const MAX_PENDING = 256;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const P = require(workerData.pkcs11js);
const mod = new P.PKCS11();
mod.load(workerData.modulePath);
try { mod.C_Initialize({ flags: P.CKF_OS_LOCKING_OK }); } catch (e) {
  if (!/CKR_CRYPTOKI_ALREADY_INITIALIZED/.test(String(e && e.message))) throw e;
}
const KWP = { mechanism: workerData.kwp };
const refusals = new Set(workerData.copyRefusals);
const scratch = Buffer.alloc(8192);
let session = null;
let keks = new Map();
let generation = -1;
function open(gen) {
  // A pool reset in the main thread closed every session of the application, this one included.
  if (gen !== generation) { drop(); generation = gen; }
  if (session === null) {
    session = mod.C_OpenSession(Buffer.from(workerData.slot), P.CKF_SERIAL_SESSION | P.CKF_RW_SESSION);
    keks = new Map();
  }
  return session;
}
function drop() {
  if (session !== null) { try { mod.C_CloseSession(session); } catch {} }
  session = null;
  keks = new Map();
}
function kek(s, token) {
  const name = token.toString('hex');
  let h = keks.get(name);
  if (h === undefined) {
    try {
      h = mod.C_CopyObject(s, token, [{ type: P.CKA_TOKEN, value: false }]);
    } catch (e) {
      const m = /CKR_[A-Z0-9_]+/.exec(String(e && e.message));
      if (!m || !refusals.has(m[0])) throw e;
      h = token;
    }
    keks.set(name, h);
  }
  return h;
}
function generate(r) {
  const s = open(r.generation);
  const h = mod.C_GenerateKey(s, { mechanism: r.mechanism }, r.template.map((a) => (a.value instanceof Uint8Array ? { type: a.type, value: Buffer.from(a.value) } : a)));
  try {
    const wrapped = Buffer.from(mod.C_WrapKey(s, KWP, kek(s, Buffer.from(r.kekToken)), h, scratch));
    let rawSha256;
    if (r.digest) {
      mod.C_DigestInit(s, { mechanism: P.CKM_SHA256 });
      mod.C_DigestKey(s, h);
      rawSha256 = mod.C_DigestFinal(s, Buffer.alloc(32));
    }
    return { wrapped, rawSha256 };
  } finally {
    try { mod.C_DestroyObject(s, h); } catch {}
  }
}
parentPort.on('message', (m) => {
  if (m.type === 'stop') {
    drop();
    parentPort.close();
    return;
  }
  try {
    const r = generate(m.request);
    parentPort.postMessage({ id: m.id, wrapped: r.wrapped, rawSha256: r.rawSha256 });
  } catch (e) {
    // The caller retries inline, where the session pool recovers; this session starts afresh next time.
    drop();
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});
`;

interface Pending {
  resolve(r: GenerationResult): void;
  reject(e: Error): void;
}

export interface GenerationWorkerOptions {
  modulePath: string;
  slot: pkcs11js.Handle;
  /** CKM_AES_KEY_WRAP_PAD (or the wrap mechanism the provider uses). */
  wrapMechanism: number;
  /** C_CopyObject answers meaning "this token does not copy this key": the worker wraps under the token object. */
  copyRefusals: string[];
}

export class GenerationWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: Error | undefined;
  /** Keys generated by the worker so far (diagnostics and tests). */
  generated = 0;
  private readonly exited: Promise<void>;

  constructor(opts: GenerationWorkerOptions) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        pkcs11js: require.resolve('pkcs11js'),
        modulePath: opts.modulePath,
        slot: opts.slot,
        kwp: opts.wrapMechanism,
        copyRefusals: opts.copyRefusals,
      },
    });
    // Never keeps the process alive on its own; while a request is pending it is ref'd (see generate()).
    this.worker.unref();
    this.worker.on('message', (m: { id: number; wrapped?: Uint8Array; rawSha256?: Uint8Array; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) this.worker.unref();
      if (m.error !== undefined || !m.wrapped) p.reject(new Error(m.error ?? 'no wrapped key in the answer'));
      else {
        this.generated++;
        p.resolve({
          wrapped: Buffer.from(m.wrapped.buffer, m.wrapped.byteOffset, m.wrapped.byteLength),
          rawSha256: m.rawSha256 && Buffer.from(m.rawSha256.buffer, m.rawSha256.byteOffset, m.rawSha256.byteLength),
        });
      }
    });
    this.worker.on('error', (e) => this.fail(e));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.fail(new Error(`the key generation worker exited (code ${code})`));
        resolve();
      }),
    );
  }

  /** False when the worker is gone or too busy: the caller generates inline. */
  get available(): boolean {
    return this.dead === undefined && this.pending.size < MAX_PENDING;
  }

  generate(request: GenerationRequest): Promise<GenerationResult> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<GenerationResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ id, request });
    });
  }

  /** Stops the worker after its current call (before the module is finalised); pending requests fail. */
  async stop(): Promise<void> {
    if (this.dead) return;
    this.fail(new Error('the key generation worker is stopping'));
    this.worker.ref();
    this.worker.postMessage({ type: 'stop' });
    await exitOrTerminate(this.worker, this.exited);
  }

  private fail(e: Error): void {
    this.dead ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
