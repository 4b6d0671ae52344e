import type { FeedbackVote } from '../domain.js';

/** Stores feedback votes; a user has at most one vote per reply. */
export interface FeedbackRepository {
  save(vote: FeedbackVote): Promise<void>;
  list(): Promise<readonly FeedbackVote[]>;
}

/** A `FeedbackRepository` kept in memory; a new vote on the same reply replaces the old one. */
export class InMemoryFeedbackRepository implements FeedbackRepository {
  readonly #votes = new Map<string, FeedbackVote>();

  async save(vote: FeedbackVote): Promise<void> {
    this.#votes.set(`${vote.userId}/${vote.messageId}`, vote);
  }

  async list(): Promise<readonly FeedbackVote[]> {
    return [...this.#votes.values()];
  }
}
