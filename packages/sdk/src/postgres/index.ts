export {
  createPostgresStore,
  migratePostgresStore,
  type PostgresConsentStore,
  type PostgresMigration,
  type PostgresStoreOptions,
} from './postgres-store.js';
