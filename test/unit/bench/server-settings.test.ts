/**
 * `tumbler bench --server-set section.field=value`: settings of the benchmark's own server.
 */
import { serverSettings } from '../../../src/cli/commands/bench';
import { CliError } from '../../../src/cli/errors';

describe('bench --server-set', () => {
  test('groups settings by section and types true, false and numbers', () => {
    expect(serverSettings(['hsm.generationWorker=never', 'store.busyTimeoutMs=250', 'hsm.tokenLabel=t1', 'log.level=debug'])).toEqual({
      hsm: { generationWorker: 'never', tokenLabel: 't1' },
      store: { busyTimeoutMs: 250 },
      log: { level: 'debug' },
    });
    expect(serverSettings([])).toEqual({});
    expect(serverSettings(['operations.activateOnCreate=true', 'auth.hide=false'])).toEqual({ operations: { activateOnCreate: true }, auth: { hide: false } });
    // A value may contain '=' and may be empty (the server then validates it like tumbler.json).
    expect(serverSettings(['tls.ciphers=a=b', 'hsm.tokenLabel='])).toEqual({ tls: { ciphers: 'a=b' }, hsm: { tokenLabel: '' } });
  });

  test('refuses what is not section.field=value', () => {
    for (const bad of ['generationWorker=false', 'hsm.generationWorker', '.x=1', 'hsm.=1', 'a.b.c=1']) {
      expect(() => serverSettings([bad])).toThrow(CliError);
    }
  });
});
