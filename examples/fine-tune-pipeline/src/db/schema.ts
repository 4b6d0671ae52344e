import type { ColumnType, Generated, Selectable } from 'kysely';

/** A plan an account can be on. */
export type Tier = 'free' | 'team' | 'enterprise';

/** Customer accounts of the gateway; each is a consent subject (`id` and `tier`). */
export interface AccountTable {
  id: string;
  email: string;
  tier: Tier;
  created_at: ColumnType<string, string | undefined, never>;
}

/** Every request the gateway proxied to a model, with the prompt and the completion it returned. */
export interface LoggedRequestTable {
  id: Generated<number>;
  account_id: string;
  model: string;
  prompt: string;
  completion: string;
  latency_ms: number;
  created_at: ColumnType<string, string | undefined, never>;
}

/** The database, as Kysely sees it. */
export interface DB {
  accounts: AccountTable;
  logged_requests: LoggedRequestTable;
}

/** An account as a query returns it. */
export type Account = Selectable<AccountTable>;
