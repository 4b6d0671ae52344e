import type { Clock, IdGenerator } from '../clock.js';
import { FeedbackVote, type Rating, type User } from '../domain.js';
import type { ConversationRepository } from '../repositories/conversation-repository.js';
import type { FeedbackRepository } from '../repositories/feedback-repository.js';
import { ConversationAccessError } from './chat-service.js';

/** A vote as the user casts it under a reply. */
export interface VoteInput {
  readonly conversationId: string;
  readonly messageId: string;
  readonly rating: Rating;
  readonly comment?: string;
}

/** The longest feedback comment accepted, in characters. */
export const maxCommentLength = 1_000;

/** Thrown when a vote's comment is longer than allowed. */
export class FeedbackRejectedError extends Error {
  override readonly name = 'FeedbackRejectedError';
}

/** Records thumbs up or down on the assistant's replies (purpose: service-delivery). */
export class FeedbackService {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly feedback: FeedbackRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Records the user's vote on a reply in one of their conversations; a new vote replaces the old. */
  async vote(user: User, input: VoteInput): Promise<FeedbackVote> {
    const conversation = await this.conversations.findById(input.conversationId);
    if (conversation === undefined || conversation.userId !== user.id) {
      throw new ConversationAccessError(`conversation ${input.conversationId} is not one of yours`);
    }
    if (!conversation.messages.some((message) => message.id === input.messageId)) {
      throw new ConversationAccessError(
        `message ${input.messageId} is not in conversation ${input.conversationId}`,
      );
    }
    const comment = input.comment?.trim();
    if (comment !== undefined && comment.length > maxCommentLength) {
      throw new FeedbackRejectedError(`a comment has at most ${maxCommentLength} characters`);
    }
    const vote = new FeedbackVote({
      id: this.ids('vote'),
      userId: user.id,
      conversationId: conversation.id,
      messageId: input.messageId,
      rating: input.rating,
      ...(comment ? { comment } : {}),
      votedAt: this.clock().toISOString(),
    });
    await this.feedback.save(vote);
    return vote;
  }
}
