/** Shared fixtures for the transport tests: a throw-away PKI, tiny TTLV frames, a log capture. */
import { Writable } from 'node:stream';
import * as winston from 'winston';
import { createCa, issueCert, issueClientCert, issueServerCert, type CaBundle, type CertAndKey } from '../../../src/certs';
import { createLogger, type Logger } from '../../../src/logging';

export interface TestPki {
  ca: CaBundle;
  server: CertAndKey;
  alice: CertAndKey;
}

export function makePki(): TestPki {
  const ca = createCa('Tumbler Test CA');
  return { ca, server: issueServerCert(ca), alice: issueClientCert(ca, 'alice') };
}

export { createCa, issueCert, issueClientCert };

/**
 * A minimal well-formed KMIP frame: Structure 0x420078 holding one Integer (tag 0x42000D) = n.
 * 24 bytes: 8 header + 16 value.
 */
export function frame(n: number): Buffer {
  const b = Buffer.alloc(24);
  b.writeUIntBE(0x420078, 0, 3);
  b[3] = 0x01;
  b.writeUInt32BE(16, 4);
  b.writeUIntBE(0x42000d, 8, 3);
  b[11] = 0x02;
  b.writeUInt32BE(4, 12);
  b.writeInt32BE(n, 16);
  return b;
}

export function frameValue(f: Buffer): number {
  return f.readInt32BE(16);
}

export interface LogRecord {
  level: string;
  message: string;
  [k: string]: unknown;
}

/** A logger that sends nothing to the console and keeps every record (debug and up). */
export function captureLogger(): { logger: Logger; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const capture = new winston.transports.Stream({
    level: 'debug',
    stream: new Writable({
      objectMode: true,
      write(info: LogRecord, _enc, cb) {
        records.push({ ...info });
        cb();
      },
    }),
  });
  const logger = createLogger({ level: 'debug', transports: [capture] });
  // Silence the console transport; keep the capture.
  for (const t of logger.transports) if (t !== capture) t.silent = true;
  return { logger, records };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Poll until `cond` holds (bounded; used to wait for the server side to notice a close). */
export async function waitFor(cond: () => boolean, what: string, limitMs = 5000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
