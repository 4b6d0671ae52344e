import type { AppConsent } from '../consent.js';
import type { FeedbackVote, Message, User } from '../domain.js';
import type { ConversationRepository } from '../repositories/conversation-repository.js';
import type { FeedbackRepository } from '../repositories/feedback-repository.js';
import type { UserRepository } from '../repositories/user-repository.js';
import { TrainingDatasetWriter } from './training-dataset-writer.js';
import type { PreferenceRow } from './training-rows.js';

/** A vote with the user who cast it and the reply it rates. */
interface RatedReply {
  readonly vote: FeedbackVote;
  readonly user: User;
  readonly message: Message;
}

/** Exports users' votes on replies as a preference dataset for the reward model. */
export class FeedbackDatasetExport {
  constructor(
    private readonly users: UserRepository,
    private readonly conversations: ConversationRepository,
    private readonly feedback: FeedbackRepository,
    private readonly consent: AppConsent,
  ) {}

  /** Writes one row per vote whose user allows model training, and returns the dataset. */
  async run(dataset: string): Promise<TrainingDatasetWriter<PreferenceRow>> {
    const rated: RatedReply[] = [];
    for (const vote of await this.feedback.list()) {
      const user = await this.users.findById(vote.userId);
      const conversation = await this.conversations.findById(vote.conversationId);
      const message = conversation?.messages.find((candidate) => candidate.id === vote.messageId);
      if (user !== undefined && message !== undefined) {
        rated.push({ vote, user, message });
      }
    }

    const allowed = await this.consent.filter(rated, 'model-training', {
      subject: (item) => item.user,
    });
    const writer = new TrainingDatasetWriter<PreferenceRow>(dataset);
    for (const { vote, message } of allowed) {
      const row: PreferenceRow = {
        prompt: message.prompt,
        reply: message.reply,
        rating: vote.rating,
      };
      writer.append(vote.comment === undefined ? row : { ...row, comment: vote.comment });
    }
    return writer;
  }
}
