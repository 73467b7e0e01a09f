/** The tamper-evident audit trail: hash-chained records in the store's database, HMAC checkpoints, JSON-lines copy. */
export * from './record';
export * from './trail';
export * from './batch';
export * from './report';
export * from './objects';
export { archiveAudit, verifyArchives, readAnchor, ArchiveRefused, type ArchiveResult, type ArchiveFileReport, type AuditAnchor } from './archive';
export { createAuditLog, type AuditLog, type AuditLogOptions } from './log';
export { AUDIT_KEY_FILE, auditKeyPath, loadAuditKey } from './hmac-key';
export { AUDIT_SECTION, auditSectionOf, registerAuditConfig, type AuditSection } from './config';
export { openAudit, type OpenedAudit } from './setup';
