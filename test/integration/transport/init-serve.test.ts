/**
 * A directory made by initServerDir is servable as is: config -> TLS material -> listener, and the
 * admin client certificate (and one issued later) connects with the expected identity.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KmipConnection } from '../../../src/client/connection';
import { issueClientFiles } from '../../../src/cli/commands/certs-issue-client';
import { initServerDir } from '../../../src/cli/init-dir';
import { loadConfig } from '../../../src/config/load';
import { loadTlsMaterial } from '../../../src/config/tls-material';
import { createKmipListener, type PeerInfo } from '../../../src/transport';
import { captureLogger, frame, frameValue } from './helpers';

jest.setTimeout(60_000);

test('init creates a directory the listener serves, for admin and for a newly issued client', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumbler-init-serve-'));
  try {
    const init = await initServerDir({ dir, host: '127.0.0.1', port: 0 });
    const config = loadConfig(dir, {});
    const material = loadTlsMaterial(config);
    const peers: PeerInfo[] = [];
    const listener = createKmipListener(
      {
        host: config.server.host,
        port: config.server.port,
        ...material,
        ciphers: config.tls.ciphers,
        minVersion: config.tls.minVersion,
        maxMessageSize: config.limits.maxMessageSize,
        logger: captureLogger().logger,
      },
      async (f, peer) => (peers.push(peer), f),
    );
    const { port } = await listener.listen();
    try {
      const issued = issueClientFiles({ name: 'app7', dir, out: path.join(dir, 'clients') });
      for (const [cert, key, ca, servername] of [
        [init.adminCert, init.adminKey, init.clientCa, 'localhost'],
        [issued.cert, issued.key, issued.ca, os.hostname()],
      ]) {
        const c = await KmipConnection.connect({
          host: '127.0.0.1',
          port,
          servername,
          cert: fs.readFileSync(cert),
          key: fs.readFileSync(key),
          ca: fs.readFileSync(ca),
        });
        expect(frameValue(await c.request(frame(11)))).toBe(11);
        await c.close();
      }
      expect(peers.map((p) => p.identity)).toEqual(['admin', 'app7']);
      expect(peers[0].fingerprint).toBe(init.adminFingerprint);
    } finally {
      await listener.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
