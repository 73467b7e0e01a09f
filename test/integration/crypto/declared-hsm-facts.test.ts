/**
 * Facts an operator declares about the HSM (hsm.rngAlgorithm and the fields beside it, hsm.protectionStorage),
 * end to end: a real server started with them in its configuration (SoftHSM2 through PKCS#11; required under
 * CI=true), a key created over mutual TLS, its Random Number Generator and Protection Storage Mask read back
 * with Get Attributes (KMIP 2.1), and Query RNGs.
 */
import * as fs from 'node:fs';
import { startTestServer, type TestServer } from '../../helpers/server';
import { KmipConnection } from '../../../src/client/connection';
import { createAesKey, decodeResponse, encodeRequest, textField } from '../../../src/bench/requests';
import { CryptographicAlgorithm, DRBGAlgorithm, Operation, QueryFunction, RNGAlgorithm, Tag } from '../../../src/kmip';
import { ProtectionStorageMask } from '../../../src/kmip/masks';
import { T, child, children } from '../../../src/ttlv/item';

jest.setTimeout(60_000);

const V21 = { major: 2, minor: 1 };
let server: TestServer;
let conn: KmipConnection;

beforeAll(async () => {
  server = await startTestServer({
    overrides: {
      hsm: { rngAlgorithm: 'DRBG', rngDrbgAlgorithm: 'CTR', rngCryptographicAlgorithm: 'AES', rngCryptographicLength: 256, protectionStorage: ['Hardware', 'OnPremises'] },
    },
  });
  const c = server.clientCert('declared');
  conn = await KmipConnection.connect({ host: '127.0.0.1', port: server.port, cert: c.certPem, key: c.keyPem, ca: fs.readFileSync(server.caPath, 'utf8'), servername: 'localhost' });
});
afterAll(async () => {
  conn?.socket.destroy();
  await server?.stop();
});

test('a created key and Query RNGs report the declared generator; the key reports the declared storage', async () => {
  const [created] = decodeResponse(await conn.request(encodeRequest(V21, [createAesKey(V21)])));
  expect(created.ok).toBe(true);
  const uid = textField(created.payload, Tag.UniqueIdentifier)!;
  const [attrs] = decodeResponse(
    await conn.request(
      encodeRequest(V21, [
        {
          operation: Operation.GetAttributes,
          payload: [T.text(Tag.UniqueIdentifier, uid), T.enum(Tag.AttributeReference, Tag.RandomNumberGenerator), T.enum(Tag.AttributeReference, Tag.ProtectionStorageMask)],
        },
      ]),
    ),
  );
  expect(attrs.ok).toBe(true);
  const list = child(attrs.payload, Tag.Attributes);
  const rng = child(list, Tag.RandomNumberGenerator);
  const mask = child(list, Tag.ProtectionStorageMask);
  if (server.hsm === 'pkcs11') {
    expect([child(rng, Tag.RNGAlgorithm)?.value, child(rng, Tag.CryptographicAlgorithm)?.value, child(rng, Tag.CryptographicLength)?.value, child(rng, Tag.DRBGAlgorithm)?.value]).toEqual([
      RNGAlgorithm.DRBG, CryptographicAlgorithm.AES, 256, DRBGAlgorithm.CTR,
    ]);
    expect(mask?.value).toBe(ProtectionStorageMask.Hardware | ProtectionStorageMask.OnPremises);
  } else {
    // Without SoftHSM2 (never under CI=true) the server runs the software provider, which takes no HSM declaration.
    expect(child(rng, Tag.DRBGAlgorithm)).toBeUndefined();
    expect(mask?.value).toBe(ProtectionStorageMask.Software);
  }
  const [q] = decodeResponse(await conn.request(encodeRequest(V21, [{ operation: Operation.Query, payload: [T.enum(Tag.QueryFunction, QueryFunction.QueryRNGs)] }])));
  expect(q.ok).toBe(true);
  const params = children(q.payload, Tag.RNGParameters);
  expect(params).toHaveLength(1);
  expect(child(params[0], Tag.DRBGAlgorithm)?.value).toBe(server.hsm === 'pkcs11' ? DRBGAlgorithm.CTR : undefined);
});
