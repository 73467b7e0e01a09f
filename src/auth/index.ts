/** Access control: identities, groups, roles, ownership, grants and tenants. See policy.ts for the model. */
export * from './port';
export * from './policy';
export * from './operations';
export * from './grants';
export * from './access-control';
export { AUTH_SECTION, authPolicyOf, credentialModeOf, policyFromSection, parseSelector, registerAuthConfig, type AuthSection } from './config';
export { openAccessControl } from './setup';
export * from './revocation';
export * from './peer';
export * from './accounts';
export * from './credentials';
export { hashPassword, verifyPassword, MAX_PASSWORD_BYTES } from './passwords';
