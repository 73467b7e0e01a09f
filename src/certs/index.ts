export * from './dev-ca';
