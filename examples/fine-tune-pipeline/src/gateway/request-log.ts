import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** One proxied request, as the gateway saw it. */
export interface ProxiedRequest {
  readonly accountId: string;
  readonly model: string;
  readonly prompt: string;
  readonly completion: string;
  readonly latencyMs: number;
}

/** Logs every request the gateway proxies, so customers can replay and inspect their traffic. */
export class RequestLog {
  constructor(private readonly db: Kysely<DB>) {}

  /** Stores one proxied request and returns its id. */
  async record(request: ProxiedRequest): Promise<number> {
    const row = await this.db
      .insertInto('logged_requests')
      .values({
        account_id: request.accountId,
        model: request.model,
        prompt: request.prompt,
        completion: request.completion,
        latency_ms: request.latencyMs,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** How many requests an account sent, for its usage page. */
  async countFor(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('logged_requests')
      .select((eb) => eb.fn.countAll<number>().as('requests'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    return Number(row.requests);
  }
}
