import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** How many rows one query reads; the table holds millions of requests. */
const PAGE_SIZE = 500;

/** The columns a training example is made from. */
export interface LoggedExchange {
  readonly id: number;
  readonly model: string;
  readonly prompt: string;
  readonly completion: string;
}

/** Streams an account's logged requests since `since` (an ISO date), oldest first, page by page. */
export async function* loggedRequestsOf(
  db: Kysely<DB>,
  accountId: string,
  since: string,
): AsyncGenerator<LoggedExchange> {
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('logged_requests')
      .select(['id', 'model', 'prompt', 'completion'])
      .where('account_id', '=', accountId)
      .where('created_at', '>=', since)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE_SIZE)
      .execute();
    yield* page;
    const last = page.at(-1);
    if (last === undefined || page.length < PAGE_SIZE) return;
    after = last.id;
  }
}
