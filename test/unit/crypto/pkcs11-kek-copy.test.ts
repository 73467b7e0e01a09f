/**
 * HsmKeys' use of the token KEK against a scripted fake of the pkcs11js module: wraps and unwraps go through
 * one session copy of the KEK per session; a token that refuses to copy keys falls back to the token object;
 * any other failure of the copy reaches the session pool (and is not mistaken for a refusal).
 */
import type * as pkcs11js from 'pkcs11js';
import { SessionPool } from '../../../src/crypto/pkcs11/session-pool';
import { HsmKeys } from '../../../src/crypto/pkcs11/hsm-keys';

const TOKEN_KEK = 100;
const TOKEN_KEK_2 = 101;
const ckr = (name: string): Error => new Error(`${name}:0`);

class FakeModule {
  nextSession = 1;
  nextObject = 200;
  copyError: string | undefined;
  /** Token KEK handle whose copies the token refuses (CKA_COPYABLE false). */
  notCopyable: number | undefined;
  copies: Array<{ session: number; from: number; template: pkcs11js.Template }> = [];
  /** KEK handle used by each C_WrapKey, in order. */
  wrappedWith: number[] = [];
  private finding: number | undefined;
  C_OpenSession(): Buffer {
    return Buffer.from([this.nextSession++]);
  }
  C_Login(): void {}
  C_CloseAllSessions(): void {}
  C_DestroyObject(): void {}
  C_GetSessionInfo(): { state: number } {
    return { state: 3 };
  }
  C_FindObjectsInit(_s: Buffer, template: pkcs11js.Template): void {
    const label = template.find((a) => a.type === 0x03 /* CKA_LABEL */)?.value;
    this.finding = label === 'kek-1' ? TOKEN_KEK : label === 'kek-2' ? TOKEN_KEK_2 : undefined;
  }
  C_FindObjects(): Buffer[] {
    return this.finding === undefined ? [] : [Buffer.from([this.finding])];
  }
  C_FindObjectsFinal(): void {}
  C_CopyObject(s: Buffer, h: Buffer, template: pkcs11js.Template): Buffer {
    if (this.copyError) throw ckr(this.copyError);
    if (h[0] === this.notCopyable) throw ckr('CKR_ACTION_PROHIBITED');
    this.copies.push({ session: s[0], from: h[0], template });
    return Buffer.from([this.nextObject++]);
  }
  C_WrapKey(_s: Buffer, _m: unknown, kek: Buffer): Buffer {
    this.wrappedWith.push(kek[0]);
    return Buffer.alloc(40, 7);
  }
}

function setUp(fake: FakeModule): { pool: SessionPool; keys: HsmKeys } {
  const pool = new SessionPool(fake as unknown as pkcs11js.PKCS11, Buffer.from([0]), '1234', 2, 4, 10);
  pool.start();
  const keys = new HsmKeys(fake as unknown as pkcs11js.PKCS11, pool, 'kek-');
  (keys as unknown as { kekIds: string[] }).kekIds = ['kek-1', 'kek-2'];
  return { pool, keys };
}

const wrapOnce = (pool: SessionPool, keys: HsmKeys, kek = 'kek-1'): Promise<unknown> =>
  pool.use('wrapping', (s) => keys.wrapObject(s, Buffer.from([1]), { keyClass: 'secret', algorithm: 'AES' }, 32, kek));

describe('HsmKeys: session copies of the token KEK', () => {
  test('each session copies the token KEK once, as a session object, and wraps under its copy', async () => {
    const fake = new FakeModule();
    const { pool, keys } = setUp(fake);
    for (let i = 0; i < 3; i++) await wrapOnce(pool, keys);
    expect(fake.copies).toHaveLength(1);
    expect(fake.copies[0].from).toBe(TOKEN_KEK);
    expect(fake.copies[0].template).toEqual([{ type: 0x01 /* CKA_TOKEN */, value: false }]);
    expect(fake.wrappedWith).toEqual([200, 200, 200]);
    // Two callers at once hold two sessions: the second session makes its own copy.
    await Promise.all([
      pool.use('a', async (s) => {
        await new Promise((r) => setTimeout(r, 5));
        return keys.wrapObject(s, Buffer.from([1]), { keyClass: 'secret', algorithm: 'AES' }, 32, 'kek-1');
      }),
      wrapOnce(pool, keys),
    ]);
    expect(fake.copies.map((c) => c.session).sort()).toEqual([1, 2]);
    expect(new Set(fake.wrappedWith.slice(3))).toEqual(new Set([200, 201]));
  });

  test('a token that refuses the copy gets wraps under the token KEK, and is not asked again', async () => {
    const fake = new FakeModule();
    fake.copyError = 'CKR_ACTION_PROHIBITED';
    const { pool, keys } = setUp(fake);
    for (let i = 0; i < 3; i++) await wrapOnce(pool, keys);
    expect(fake.wrappedWith).toEqual([TOKEN_KEK, TOKEN_KEK, TOKEN_KEK]);
    fake.copyError = undefined;
    await wrapOnce(pool, keys);
    expect(fake.copies).toHaveLength(0);
    expect(fake.wrappedWith[3]).toBe(TOKEN_KEK);
  });

  test('a refusal concerns that KEK only: another KEK is still copied', async () => {
    const fake = new FakeModule();
    fake.notCopyable = TOKEN_KEK;
    const { pool, keys } = setUp(fake);
    await wrapOnce(pool, keys, 'kek-1');
    await wrapOnce(pool, keys, 'kek-2');
    await wrapOnce(pool, keys, 'kek-1');
    await wrapOnce(pool, keys, 'kek-2');
    expect(fake.copies.map((c) => c.from)).toEqual([TOKEN_KEK_2]);
    expect(fake.wrappedWith).toEqual([TOKEN_KEK, 200, TOKEN_KEK, 200]);
  });

  test('any other failure of the copy is an error of the call, not a refusal', async () => {
    const fake = new FakeModule();
    fake.copyError = 'CKR_DEVICE_MEMORY';
    const { pool, keys } = setUp(fake);
    await expect(wrapOnce(pool, keys)).rejects.toThrow(/CKR_DEVICE_MEMORY/);
    expect(fake.wrappedWith).toEqual([]);
    fake.copyError = undefined;
    await wrapOnce(pool, keys);
    expect(fake.copies).toHaveLength(1);
    expect(fake.wrappedWith).toEqual([200]);
  });
});
