/** Composition helper: the access control of a server directory, as the server and the CLI open it. */
import type { TumblerConfig } from '../config/load';
import { authPolicyOf } from './config';
import { AccessControl } from './access-control';
import { SqliteGrantStore, type SqlHost } from './grants';

export function openAccessControl(config: TumblerConfig, host: SqlHost): AccessControl {
  return new AccessControl(authPolicyOf(config), new SqliteGrantStore(host));
}
