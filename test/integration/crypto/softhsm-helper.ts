/**
 * SoftHSM2 availability for integration tests: when it is missing the suite is skipped with a message,
 * except under CI=true where a missing SoftHSM2 is a failure.
 */
import * as vm from 'node:vm';
import { isSoftHsmInstalled, setupSoftHsmToken, type SoftHsmSetup, type SoftHsmSetupOptions } from '../../../src/crypto/pkcs11/softhsm-setup';

export const SOFTHSM = isSoftHsmInstalled();

export function describeHsm(name: string, fn: () => void): void {
  if (SOFTHSM) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      test('SoftHSM2 is installed', () => {
        throw new Error('SoftHSM2 (libsofthsm2.so + softhsm2-util) is required when CI=true');
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`skipping "${name}": SoftHSM2 is not installed`);
  describe.skip(name, fn);
}

/**
 * setupSoftHsmToken sets SOFTHSM2_CONF in process.env, but jest gives each test file a copy of
 * process.env, which the native library (getenv) never sees. Copy the value into the real process's
 * environment, reached through the outer (non-sandboxed) context.
 */
export function setupTokenForTest(dir: string, opts: SoftHsmSetupOptions): SoftHsmSetup {
  const setup = setupSoftHsmToken(dir, opts);
  const realProcess = vm.runInThisContext('process') as NodeJS.Process;
  realProcess.env.SOFTHSM2_CONF = setup.confPath;
  return setup;
}
