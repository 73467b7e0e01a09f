import * as winston from 'winston';
import { createLogger, isSensitiveFieldName, redact } from '../../../src/logging';

describe('redaction', () => {
  test.each(['key', 'keyMaterial', 'privateKey', 'user_pin', 'PIN', 'password', 'soPassword', 'secret', 'material', 'credentials'])(
    '%s is sensitive',
    (n) => expect(isSensitiveFieldName(n)).toBe(true),
  );
  test.each(['identity', 'uniqueIdentifier', 'monkey', 'spinner', 'operation', 'remote'])('%s is not', (n) =>
    expect(isSensitiveFieldName(n)).toBe(false),
  );

  test('nested sensitive fields and byte buffers are dropped, input untouched', () => {
    const input = { id: 'u1', attrs: { keyMaterial: 'AAAA', name: 'n', list: [{ pin: '1234', ok: 1 }] }, raw: Buffer.from('secret') };
    expect(redact(input)).toEqual({ id: 'u1', attrs: { name: 'n', list: [{ ok: 1 }] }, raw: '[bytes]' });
    expect(input.attrs.keyMaterial).toBe('AAAA');
  });

  test('a logger never emits the redacted fields', () => {
    const lines: string[] = [];
    const capture = new winston.transports.Stream({
      stream: new (require('node:stream').Writable)({
        write(chunk: Buffer, _enc: string, cb: () => void) {
          lines.push(chunk.toString());
          cb();
        },
      }),
      format: winston.format.json(),
    });
    const logger = createLogger({ level: 'debug', transports: [capture] });
    for (const t of logger.transports) if (t !== capture) t.silent = true;
    logger.info('created key', { uniqueIdentifier: 'abc', keyMaterial: 'DEADBEEF', nested: { password: 'hunter2', user: 'u' } });
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]);
    expect(rec.message).toBe('created key');
    expect(rec.uniqueIdentifier).toBe('abc');
    expect(rec.nested).toEqual({ user: 'u' });
    expect(lines[0]).not.toMatch(/DEADBEEF|hunter2/);
  });
});
