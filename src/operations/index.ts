/**
 * The one dispatch table: Operation enumeration value -> handler. Adding an operation is one file and one
 * line here. Query's list of operations is derived from this table.
 */
import type { OperationHandler } from './types';
import { CRYPTO_OPERATIONS } from './crypto';
import { bindOperationTable, query } from './query';
import { discoverVersions } from './discover-versions';
import { create } from './create';
import { createKeyPair } from './create-key-pair';
import { register } from './register';
import { get } from './get';
import { getAttributes } from './get-attributes';
import { getAttributeList } from './get-attribute-list';
import { addAttribute } from './add-attribute';
import { modifyAttribute } from './modify-attribute';
import { deleteAttribute } from './delete-attribute';
import { setAttribute } from './set-attribute';
import { adjustAttribute } from './adjust-attribute';
import { locate } from './locate';
import { check } from './check';
import { activate } from './activate';
import { revoke } from './revoke';
import { destroy } from './destroy';
import { archive, recover } from './archive';
import { obtainLease } from './obtain-lease';
import { getUsageAllocation } from './get-usage-allocation';
import { reKey } from './rekey';
import { interop } from './interop';
import { log } from './log';
import { rngSeed } from './rng-seed';
import { createSplitKey } from './create-split-key';
import { joinSplitKey } from './join-split-key';
import { reKeyKeyPair } from './rekey-key-pair';
import { put } from './put';
import { notify } from './notify';
import { login } from './login';
import { logout } from './logout';
import { setConstraints } from './set-constraints';
import { getConstraints } from './get-constraints';
import { ping } from './ping';
import { setEndpointRole } from './set-endpoint-role';
import { exportObject } from './export';
import { importObject } from './import';
import { certify } from './certify';
import { reCertify } from './re-certify';
import { poll } from './poll';
import { cancel } from './cancel';
import { validate } from './validate';
import { pkcs11 } from './pkcs11';

export const MANAGEMENT_OPERATIONS: readonly OperationHandler[] = [
  discoverVersions,
  query,
  create,
  createKeyPair,
  register,
  reKey,
  locate,
  check,
  get,
  getAttributes,
  getAttributeList,
  addAttribute,
  modifyAttribute,
  deleteAttribute,
  setAttribute,
  adjustAttribute,
  obtainLease,
  getUsageAllocation,
  activate,
  revoke,
  destroy,
  archive,
  recover,
  interop,
  log,
  rngSeed,
  createSplitKey,
  joinSplitKey,
  reKeyKeyPair,
  put,
  notify,
  login,
  logout,
  setConstraints,
  getConstraints,
  ping,
  setEndpointRole,
  exportObject,
  importObject,
  certify,
  reCertify,
  poll,
  cancel,
  validate,
  pkcs11,
];

function buildTable(): ReadonlyMap<number, OperationHandler> {
  const m = new Map<number, OperationHandler>();
  // First one wins; the unit test "one handler per operation" fails if two files claim one operation.
  for (const h of [...MANAGEMENT_OPERATIONS, ...CRYPTO_OPERATIONS]) if (!m.has(h.operation)) m.set(h.operation, h);
  return m;
}

export const OPERATIONS: ReadonlyMap<number, OperationHandler> = buildTable();

bindOperationTable(() => [...OPERATIONS.values()]);

export type { OperationHandler, OperationContext, OperationResult, OperationOptions, ProtocolVersion } from './types';
