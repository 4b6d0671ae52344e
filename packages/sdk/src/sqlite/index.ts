export {
  createSqliteStore,
  type SqliteConsentStore,
  type SqliteDatabase,
  type SqliteStoreOptions,
} from './sqlite-store.js';
