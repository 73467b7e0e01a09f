/**
 * Least privilege over real mutual TLS with the real PyKMIP client: two client certificates, alice and bob,
 * against a real server (SQLite file, SoftHSM2 when installed). Grants are made with the real CLI binary
 * (`tumbler access grant`), revocation with `tumbler certs revoke`.
 */
import { ensureBuilt, tumbler } from '../cli/admin-binary';
import { startTestServer, type TestServer } from '../../helpers/server';
import { byId, describePyKmip, failureReason, runPyKmip, valueOf } from '../../helpers/pykmip';


const failure = failureReason;

describePyKmip('access control (alice, bob, roles, revoked certificates)', () => {
  let server: TestServer;
  let k1: string;
  let k2: string;

  beforeAll(async () => {
    ensureBuilt();
    server = await startTestServer({
      overrides: { auth: { roles: ['no-create=Get+Locate+GetAttributes'], roleOf: ['carol=no-create'] } },
    });
    const a = byId(
      await runPyKmip(server, '1.4', [
        { id: 'k1', op: 'create', args: { algorithm: 'AES', length: 256, name: 'alice-k1' } },
        { id: 'k2', op: 'create', args: { algorithm: 'AES', length: 256, name: 'alice-k2' } },
        { id: 'act1', op: 'activate', args: { uid: '$k1' } },
        { id: 'act2', op: 'activate', args: { uid: '$k2' } },
      ], 'alice'),
    );
    k1 = valueOf(a.k1);
    k2 = valueOf(a.k2);
    valueOf(a.act1);
    valueOf(a.act2);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  test("bob cannot use, change or find alice's keys: they do not exist for him", async () => {
    const b = byId(
      await runPyKmip(server, '1.4', [
        { id: 'get', op: 'get', args: { uid: k1 } },
        { id: 'attrs', op: 'get_attributes', args: { uid: k1, names: ['State'] } },
        { id: 'encrypt', op: 'encrypt', args: { uid: k1, data_hex: '00112233' } },
        { id: 'activate', op: 'activate', args: { uid: k2 } },
        { id: 'revoke', op: 'revoke', args: { uid: k1 } },
        { id: 'destroy', op: 'destroy', args: { uid: k1 } },
        { id: 'modify', op: 'modify_attribute_name', args: { uid: k1, value: 'stolen', index: 0 } },
        { id: 'delattr', op: 'delete_attribute', args: { uid: k1, name: 'Name', index: 0 } },
        { id: 'locateAll', op: 'locate' },
        { id: 'locateName', op: 'locate', args: { name: 'alice-k1' } },
        { id: 'own', op: 'create', args: { algorithm: 'AES', length: 128, name: 'bob-own' } },
        { id: 'locateAgain', op: 'locate' },
      ], 'bob'),
    );
    for (const id of ['get', 'attrs', 'encrypt', 'activate', 'revoke', 'destroy']) {
      expect([id, failure(b[id])]).toEqual([id, 'ITEM_NOT_FOUND']);
    }
    // PyKMIP reports failed Modify/Delete Attribute without their reason; the server's message says it.
    for (const id of ['modify', 'delattr']) {
      expect([id, failure(b[id])]).toEqual([id, 'OperationFailure']);
      expect(b[id].ok ? '' : b[id].error.message).toMatch(/^object "[^"]+" not found$/);
    }
    expect(valueOf(b.locateAll)).toEqual([]);
    expect(valueOf(b.locateName)).toEqual([]);
    const own = valueOf(b.own);
    expect(valueOf(b.locateAgain)).toEqual([own]);
    // alice's keys are untouched.
    const a = byId(await runPyKmip(server, '1.4', [{ id: 'attrs', op: 'get_attributes', args: { uid: k1, names: ['State', 'Name'] } }], 'alice'));
    const attrs = valueOf(a.attrs).attributes as Array<{ name: string; value: unknown }>;
    expect(attrs.find((x) => x.name === 'State')?.value).toBe('ACTIVE');
    expect(JSON.stringify(attrs)).toContain('alice-k1');
  }, 60_000);

  test('after alice grants bob Get on one key (tumbler access grant), bob can Get exactly that key', async () => {
    // bob may not grant himself anything.
    const self = tumbler(['access', 'grant', '--dir', server.dir, '--object', k1, '--to', 'bob', '--ops', 'Get', '--as', 'bob']);
    expect(self.status).toBe(1);
    expect(self.stderr).toMatch(/not found/);
    const g = tumbler(['access', 'grant', '--dir', server.dir, '--object', k1, '--to', 'bob', '--ops', 'Get', '--as', 'alice', '--json']);
    expect(g.stderr).toBe('');
    expect(g.status).toBe(0);
    expect(JSON.parse(g.stdout)).toMatchObject({ uid: k1, grantee: 'bob', operations: [0x0a], grantedBy: 'alice' });
    const b = byId(
      await runPyKmip(server, '1.4', [
        { id: 'get1', op: 'get', args: { uid: k1 } },
        { id: 'get2', op: 'get', args: { uid: k2 } },
        { id: 'attrs1', op: 'get_attributes', args: { uid: k1, names: ['State'] } },
        { id: 'encrypt1', op: 'encrypt', args: { uid: k1, data_hex: '00112233' } },
        { id: 'destroy1', op: 'destroy', args: { uid: k1 } },
        { id: 'locate', op: 'locate', args: { name: 'alice-k1' } },
        { id: 'locate2', op: 'locate', args: { name: 'alice-k2' } },
      ], 'bob'),
    );
    expect(valueOf(b.get1)).toMatchObject({ class: 'SymmetricKey', cryptographic_length: 256, value_len: 32 });
    expect(failure(b.get2)).toBe('ITEM_NOT_FOUND');
    // He sees K1 now, but holds no other operation on it: no operation implies another.
    expect(failure(b.attrs1)).toBe('PERMISSION_DENIED');
    expect(failure(b.encrypt1)).toBe('PERMISSION_DENIED');
    expect(failure(b.destroy1)).toBe('PERMISSION_DENIED');
    expect(valueOf(b.locate)).toEqual([k1]);
    expect(valueOf(b.locate2)).toEqual([]);
    // Revoking the grant takes effect at once.
    expect(tumbler(['access', 'revoke', '--dir', server.dir, '--object', k1, '--from', 'bob', '--as', 'alice']).status).toBe(0);
    const again = byId(await runPyKmip(server, '1.4', [{ id: 'get1', op: 'get', args: { uid: k1 } }], 'bob'));
    expect(failure(again.get1)).toBe('ITEM_NOT_FOUND');
  }, 60_000);

  test('a principal whose role lacks Create cannot create or register, but may do what the role allows', async () => {
    const c = byId(
      await runPyKmip(server, '1.4', [
        { id: 'create', op: 'create', args: { algorithm: 'AES', length: 128 } },
        { id: 'register', op: 'register', args: { type: 'SecretData' } },
        { id: 'pair', op: 'create_key_pair', args: { algorithm: 'RSA', length: 2048 } },
        { id: 'locate', op: 'locate' },
      ], 'carol'),
    );
    expect(failure(c.create)).toBe('PERMISSION_DENIED');
    expect(failure(c.register)).toBe('PERMISSION_DENIED');
    expect(failure(c.pair)).toBe('PERMISSION_DENIED');
    expect(valueOf(c.locate)).toEqual([]);
  }, 60_000);

  test('a revoked client certificate cannot connect any more', async () => {
    const ok = byId(await runPyKmip(server, '1.4', [{ id: 'locate', op: 'locate' }], 'dave'));
    expect(valueOf(ok.locate)).toEqual([]);
    const cert = server.clientCert('dave').cert;
    const r = tumbler(['certs', 'revoke', cert, '--dir', server.dir, '--reason', 'laptop lost', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ reason: 'laptop lost', revokedBy: 'admin' });
    let refused: string;
    try {
      const after = await runPyKmip(server, '1.4', [{ id: 'locate', op: 'locate' }], 'dave');
      refused = after[0].ok ? 'answered' : after[0].error.type;
    } catch (err) {
      refused = (err as Error).message;
    }
    expect(refused).not.toBe('answered');
    // Others are unaffected.
    const alice = byId(await runPyKmip(server, '1.4', [{ id: 'locate', op: 'locate' }], 'alice'));
    expect(valueOf(alice.locate)).toEqual(expect.arrayContaining([k1, k2]));
  }, 60_000);
});
