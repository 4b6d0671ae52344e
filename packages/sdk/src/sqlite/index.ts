export {
  createSqliteStore,
  type SqliteConsentStore,
  type SqliteStoreOptions,
} from './sqlite-store.js';
