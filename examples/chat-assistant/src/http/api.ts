import { ConsentDeniedError } from '@consentry/sdk';
import type { AppConsent } from '../consent.js';
import type { Rating, User } from '../domain.js';
import type { UserRepository } from '../repositories/user-repository.js';
import {
  type ChatInput,
  type ChatService,
  ConversationAccessError,
  PromptRejectedError,
} from '../services/chat-service.js';
import {
  FeedbackRejectedError,
  type FeedbackService,
  type VoteInput,
} from '../services/feedback-service.js';
import { type Handler, type Reply, type Request, Router } from './router.js';

/** What the API needs, injected by the composition root. */
export interface ApiDependencies {
  readonly users: UserRepository;
  readonly chat: ChatService;
  readonly feedback: FeedbackService;
  readonly consent: AppConsent;
}

/** Thrown when a request has no valid signed-in user. */
export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
}

/** Thrown when a request body does not have the expected shape. */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
}

/** The purposes users can switch off in their settings. */
export const optionalPurposes = ['model-training', 'product-analytics'] as const;

/** Builds the chat API: chat, history, feedback votes and the settings toggles. */
export function createApi({ users, chat, feedback, consent }: ApiDependencies): Router {
  // The session layer in front of this service has verified the id in the header.
  const authenticate: Handler = async (req, _res, next) => {
    const id = req.headers['x-user-id'];
    const user = id === undefined ? undefined : await users.findById(id);
    if (user === undefined) {
      next(new UnauthenticatedError('sign in to use the assistant'));
      return;
    }
    req.user = user;
    next();
  };
  const serviceDelivery = consent.middleware('service-delivery', { subject: signedInUser });

  const router = new Router(toErrorReply)
    .route('POST', '/chat', authenticate, serviceDelivery, async (req, res) => {
      const result = await chat.send(signedInUser(req), parseChatInput(req.body));
      res.status(200).json({
        conversationId: result.conversation.id,
        messageId: result.message.id,
        reply: result.message.reply,
      });
    })
    .route('GET', '/conversations', authenticate, serviceDelivery, async (req, res) => {
      const conversations = await chat.history(signedInUser(req));
      res.status(200).json(conversations);
    })
    .route('POST', '/feedback', authenticate, serviceDelivery, async (req, res) => {
      const vote = await feedback.vote(signedInUser(req), parseVoteInput(req.body));
      res.status(201).json({ voteId: vote.id });
    });

  // The in-app toggles every tier gets for the purposes it may refuse: free of charge, one click,
  // no reasons asked.
  for (const purpose of optionalPurposes) {
    router
      .route('GET', `/settings/${purpose}`, authenticate, async (req, res) => {
        const decision = await consent.decide(signedInUser(req), purpose);
        res.status(200).json({ included: decision.allowed, reason: decision.reason });
      })
      .route('PUT', `/settings/${purpose}`, authenticate, async (req, res) => {
        const user = signedInUser(req);
        const included = parseToggle(req.body);
        await consent.record(user, purpose, included ? 'opt-in' : 'opt-out', {
          mechanism: 'in-app-toggle',
          source: `PUT /settings/${purpose}`,
        });
        const decision = await consent.decide(user, purpose);
        res.status(200).json({ included: decision.allowed, reason: decision.reason });
      });
  }
  return router;
}

function signedInUser(req: Request): User {
  if (req.user === undefined) {
    throw new UnauthenticatedError('sign in to use the assistant');
  }
  return req.user;
}

function toErrorReply(error: unknown): Reply {
  if (error instanceof UnauthenticatedError) {
    return { status: 401, body: { error: error.message } };
  }
  if (error instanceof ConsentDeniedError) {
    return { status: error.status, body: { error: error.message, reason: error.reason } };
  }
  if (error instanceof ConversationAccessError) {
    return { status: 404, body: { error: error.message } };
  }
  if (
    error instanceof BadRequestError ||
    error instanceof PromptRejectedError ||
    error instanceof FeedbackRejectedError
  ) {
    return { status: 400, body: { error: error.message } };
  }
  return { status: 500, body: { error: 'internal error' } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseChatInput(body: unknown): ChatInput {
  if (!isRecord(body) || typeof body.prompt !== 'string') {
    throw new BadRequestError('expected a JSON body with a "prompt" string');
  }
  if (body.conversationId !== undefined && typeof body.conversationId !== 'string') {
    throw new BadRequestError('"conversationId" must be a string');
  }
  return body.conversationId === undefined
    ? { prompt: body.prompt }
    : { prompt: body.prompt, conversationId: body.conversationId };
}

const ratings: readonly Rating[] = ['up', 'down'];

function parseVoteInput(body: unknown): VoteInput {
  if (
    !isRecord(body) ||
    typeof body.conversationId !== 'string' ||
    typeof body.messageId !== 'string' ||
    !ratings.includes(body.rating as Rating)
  ) {
    throw new BadRequestError(
      'expected a JSON body with "conversationId", "messageId" and "rating" ("up" or "down")',
    );
  }
  if (body.comment !== undefined && typeof body.comment !== 'string') {
    throw new BadRequestError('"comment" must be a string');
  }
  const input = {
    conversationId: body.conversationId,
    messageId: body.messageId,
    rating: body.rating as Rating,
  };
  return body.comment === undefined ? input : { ...input, comment: body.comment };
}

function parseToggle(body: unknown): boolean {
  if (!isRecord(body) || typeof body.included !== 'boolean') {
    throw new BadRequestError('expected a JSON body with an "included" boolean');
  }
  return body.included;
}
