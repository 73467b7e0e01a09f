import type * as pkcs11js from 'pkcs11js';
import type { HsmKeys } from './hsm-keys';
import type { SessionPool } from './session-pool';
import type { Slots } from './slots';

/** What the provider's operations share: the module, the session pool, the KEK and wrapping layer. */
export interface HsmContext {
  mod: pkcs11js.PKCS11;
  pool: SessionPool;
  keys: HsmKeys;
  /** Concurrent key-pair generations: one core and one session left for everything else. */
  keyPairSlots: Slots;
}
