export * from './dev-ca';
export * from './ecdsa';
