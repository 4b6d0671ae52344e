import { UsageAnalytics } from './analytics/usage-analytics.js';
import { type Clock, createSequentialIds, type IdGenerator } from './clock.js';
import { type AppConsent, consent } from './consent.js';
import { createApi } from './http/api.js';
import type { Router } from './http/router.js';
import { InMemoryConversationRepository } from './repositories/conversation-repository.js';
import { InMemoryFeedbackRepository } from './repositories/feedback-repository.js';
import { InMemoryUserRepository } from './repositories/user-repository.js';
import { type AssistantModel, CannedAssistantModel } from './services/assistant-model.js';
import { ChatService } from './services/chat-service.js';
import { FeedbackService } from './services/feedback-service.js';
import { FeedbackDatasetExport } from './training/feedback-dataset-export.js';
import { FineTuneUploader } from './training/fine-tune-uploader.js';
import { NightlyTrainingExport } from './training/nightly-training-export.js';
import { TrainingCuration } from './training/training-curation.js';
import type { OpenAIClient } from './vendor/openai-client.js';

/** The base model the nightly job fine-tunes. */
export const baseModel = 'gpt-4o-mini-2024-07-18';

/** What the app is built from; everything but the vendor client has a default. */
export interface AppOptions {
  readonly openai: OpenAIClient;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly model?: AssistantModel;
}

/** The wired app: repositories, services, the HTTP API and the background jobs. */
export interface App {
  readonly consent: AppConsent;
  readonly users: InMemoryUserRepository;
  readonly conversations: InMemoryConversationRepository;
  readonly feedback: InMemoryFeedbackRepository;
  readonly chat: ChatService;
  readonly votes: FeedbackService;
  readonly api: Router;
  readonly nightlyExport: NightlyTrainingExport;
  readonly feedbackExport: FeedbackDatasetExport;
  readonly curation: TrainingCuration;
  readonly analytics: UsageAnalytics;
}

/** The composition root: builds every service with its dependencies injected by constructor. */
export function createApp(options: AppOptions): App {
  const clock = options.clock ?? (() => new Date());
  const ids = options.ids ?? createSequentialIds();
  const users = new InMemoryUserRepository();
  const conversations = new InMemoryConversationRepository();
  const feedback = new InMemoryFeedbackRepository();
  const chat = new ChatService(
    conversations,
    options.model ?? new CannedAssistantModel(),
    clock,
    ids,
  );
  const votes = new FeedbackService(conversations, feedback, clock, ids);
  const uploader = new FineTuneUploader(options.openai, baseModel);
  return {
    consent,
    users,
    conversations,
    feedback,
    chat,
    votes,
    api: createApi({ users, chat, feedback: votes, consent }),
    nightlyExport: new NightlyTrainingExport(users, conversations, consent, uploader),
    feedbackExport: new FeedbackDatasetExport(users, conversations, feedback, consent),
    curation: new TrainingCuration(),
    analytics: new UsageAnalytics(users, conversations, feedback, consent),
  };
}
