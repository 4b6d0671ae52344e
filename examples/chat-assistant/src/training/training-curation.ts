import { consent } from '../consent.js';
import type { Conversation, User } from '../domain.js';
import { TrainingDatasetWriter } from './training-dataset-writer.js';
import { type SupervisedRow, toSupervisedRow } from './training-rows.js';

/** Thrown when a conversation handed in for curation belongs to someone else. */
export class CurationMismatchError extends Error {
  override readonly name = 'CurationMismatchError';
}

/** The hand-picked "golden" dataset: reviewers promote exemplary conversations into it. */
export class TrainingCuration {
  readonly #writer = new TrainingDatasetWriter<SupervisedRow>('golden-conversations');

  /** Adds the user's conversation to the golden dataset; rejects with `ConsentDeniedError` if the user opted out. */
  @consent.enforce('model-training', { subject: (user: User) => user })
  async promote(user: User, conversation: Conversation): Promise<number> {
    if (conversation.userId !== user.id) {
      throw new CurationMismatchError(
        `conversation ${conversation.id} belongs to ${conversation.userId}, not ${user.id}`,
      );
    }
    this.#writer.append(toSupervisedRow(conversation));
    return this.#writer.size;
  }

  /** The golden dataset so far, as JSON Lines. */
  toJsonl(): string {
    return this.#writer.toJsonl();
  }
}
