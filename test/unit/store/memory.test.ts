import { MemoryStore } from '../../../src/store/memory';
import { runStoreContract } from './contract';

runStoreContract('memory', () => {
  const store = new MemoryStore();
  return {
    store,
    failNextCommit: () => store.failNextDurable(),
    dispose: () => store.close(),
  };
});
