export * from './state-machine';
export * from './dates';
export * from './reason';
export * from './rekey-dates';
