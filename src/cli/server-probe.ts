/** Is a server answering on the configured address? (Commands that must not run next to a live server.) */
import * as net from 'node:net';
import type { TumblerConfig } from '../config/load';

export function connectHost(config: TumblerConfig): string {
  const h = config.server.host;
  return h === '0.0.0.0' ? '127.0.0.1' : h === '::' ? '::1' : h;
}

export function serverListening(config: TumblerConfig, timeoutMs = 500): Promise<boolean> {
  if (config.server.port === 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    const s = net.connect({ host: connectHost(config), port: config.server.port });
    const done = (v: boolean) => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}
