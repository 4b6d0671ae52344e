export {
  createSqliteStore,
  type SqliteConsentStore,
  type SqliteDatabase,
  type SqliteStatement,
  type SqliteStoreOptions,
} from './sqlite-store.js';
