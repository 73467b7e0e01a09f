/**
 * The one place that decides the Result Reason of a lifecycle violation.
 * KMIP 2.0 introduced Wrong Key Lifecycle State; KMIP 1.x error tables (1.4 §11.20 Activate "Object is not in
 * Pre-Active state", §11.22 Destroy "Object is not in Pre-Active, Deactivated or Compromised state") use
 * Permission Denied, so 1.x gets Permission Denied.
 */
import { ResultReason } from '../kmip/enums';

export interface VersionLike {
  major: number;
  minor: number;
}

export function violationReason(version: VersionLike): number {
  return version.major >= 2 ? ResultReason.WrongKeyLifecycleState : ResultReason.PermissionDenied;
}
