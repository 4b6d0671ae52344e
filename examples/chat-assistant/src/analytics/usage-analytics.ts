import { aggregate, anonymise } from '@consentry/sdk';
import type { AppConsent } from '../consent.js';
import type { Tier, User } from '../domain.js';
import type { ConversationRepository } from '../repositories/conversation-repository.js';
import type { FeedbackRepository } from '../repositories/feedback-repository.js';
import type { UserRepository } from '../repositories/user-repository.js';

/** Groups smaller than this are not reported, so no figure describes a handful of people. */
export const minimumGroupSize = 5;

/** Usage of one tier, summed over the users who did not object to product analytics. */
export interface TierUsage {
  readonly tier: Tier;
  readonly activeUsers: number;
  readonly conversations: number;
  readonly messages: number;
  readonly votesUp: number;
  readonly votesDown: number;
}

/** A tier whose group was too small to report. */
export interface SuppressedTier {
  readonly tier: Tier;
  readonly suppressed: true;
}

/** The product-analytics report: one entry per tier, in the policy's tier order. */
export type UsageReport = readonly (TierUsage | SuppressedTier)[];

interface UserUsage {
  readonly conversations: number;
  readonly messages: number;
  readonly ratings: readonly { readonly rating: 'up' | 'down' }[];
}

const tiers: readonly Tier[] = ['free', 'pro', 'enterprise'];

/** Aggregates usage per tier for capacity planning (purpose: product-analytics). */
export class UsageAnalytics {
  constructor(
    private readonly users: UserRepository,
    private readonly conversations: ConversationRepository,
    private readonly feedback: FeedbackRepository,
    private readonly consent: AppConsent,
  ) {}

  /** Sums conversations, messages and votes per tier, leaving out users who objected. */
  async report(): Promise<UsageReport> {
    const included = await this.consent.filter(await this.users.list(), 'product-analytics', {
      subject: (user) => user,
    });
    const votes = await this.feedback.list();
    const usage = new Map<User, UserUsage>();
    for (const user of included) {
      const conversations = await this.conversations.listByUser(user.id);
      usage.set(user, {
        conversations: conversations.length,
        messages: conversations.reduce(
          (sum, conversation) => sum + conversation.messages.length,
          0,
        ),
        // Only the rating leaves the vote: the comment and ids are personal.
        ratings: votes
          .filter((vote) => vote.userId === user.id)
          .map((vote) => anonymise(vote, { keep: ['rating'] })),
      });
    }

    return tiers.map((tier) => {
      const group = [...usage].filter(([user]) => user.tier === tier).map(([, entry]) => entry);
      if (group.length < minimumGroupSize) {
        return { tier, suppressed: true };
      }
      return aggregate(
        group,
        (total, entry): TierUsage => ({
          ...total,
          activeUsers: total.activeUsers + (entry.messages > 0 ? 1 : 0),
          conversations: total.conversations + entry.conversations,
          messages: total.messages + entry.messages,
          votesUp: total.votesUp + entry.ratings.filter((vote) => vote.rating === 'up').length,
          votesDown:
            total.votesDown + entry.ratings.filter((vote) => vote.rating === 'down').length,
        }),
        { tier, activeUsers: 0, conversations: 0, messages: 0, votesUp: 0, votesDown: 0 },
        { minimumCount: minimumGroupSize },
      );
    });
  }
}
