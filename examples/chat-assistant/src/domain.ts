import type { TierId } from '@consentry/sdk';
import type policy from '../consentry.policy.js';
import { personal } from './consent.js';

/** A plan a user can be on, as the policy declares them. */
export type Tier = TierId<typeof policy>;

/** A thumbs up or down on one reply. */
export type Rating = 'up' | 'down';

/** Fields to create a user with. */
export interface UserInit {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly tier: Tier;
}

/** A person with an account; also the consent subject (`id` and `tier`). */
export class User {
  readonly id: string;
  @personal('account-identity') readonly name: string;
  @personal('account-identity') readonly email: string;
  readonly tier: Tier;

  constructor(init: UserInit) {
    this.id = init.id;
    this.name = init.name;
    this.email = init.email;
    this.tier = init.tier;
  }
}

/** Fields to create a message with. */
export interface MessageInit {
  readonly id: string;
  readonly prompt: string;
  readonly reply: string;
  readonly sentAt: string;
}

/** One exchange in a conversation: what the user wrote and what the assistant answered. */
export class Message {
  readonly id: string;
  @personal('conversation-content') readonly prompt: string;
  @personal('conversation-content') readonly reply: string;
  readonly sentAt: string;

  constructor(init: MessageInit) {
    this.id = init.id;
    this.prompt = init.prompt;
    this.reply = init.reply;
    this.sentAt = init.sentAt;
  }
}

/** A stored conversation of one user, its messages oldest first. */
export interface Conversation {
  readonly id: string;
  readonly userId: string;
  readonly title: string;
  readonly createdAt: string;
  readonly messages: readonly Message[];
}

/** Fields to create a feedback vote with. */
export interface FeedbackVoteInit {
  readonly id: string;
  readonly userId: string;
  readonly conversationId: string;
  readonly messageId: string;
  readonly rating: Rating;
  readonly comment?: string;
  readonly votedAt: string;
}

/** A user's vote on one reply, with an optional comment. */
export class FeedbackVote {
  readonly id: string;
  readonly userId: string;
  readonly conversationId: string;
  readonly messageId: string;
  readonly rating: Rating;
  @personal('feedback') readonly comment: string | undefined;
  readonly votedAt: string;

  constructor(init: FeedbackVoteInit) {
    this.id = init.id;
    this.userId = init.userId;
    this.conversationId = init.conversationId;
    this.messageId = init.messageId;
    this.rating = init.rating;
    this.comment = init.comment;
    this.votedAt = init.votedAt;
  }
}
