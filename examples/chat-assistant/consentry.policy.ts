import { definePolicy } from '@consentry/sdk';

/** Parley's policy in TypeScript, the same as consentry.yaml: ids become literal types for the app. */
export default definePolicy({
  version: 1,
  revision: { version: '2026.3', date: '2026-03-02' },
  controller: {
    name: 'Parley Labs Ltd',
    email: 'privacy@parley.example',
    address: '20 Canal Street, Manchester M1 3HE, United Kingdom',
    url: 'https://parley.example',
    dpo: {
      name: 'Amara Okafor',
      email: 'dpo@parley.example',
    },
    euRepresentative: {
      name: 'Parley EU Representative Ltd',
      email: 'eu-rep@parley.example',
      address: '4 Grand Canal Square, Dublin 2, D02 X525, Ireland',
    },
  },
  tiers: {
    free: {
      name: 'Free',
      description: 'Chat with the standard model, with a daily message limit.',
      paid: false,
    },
    pro: {
      name: 'Pro',
      description: 'Higher limits and the larger model, billed monthly per user.',
      paid: true,
    },
    enterprise: {
      name: 'Enterprise',
      description: 'Workspaces under a negotiated contract and data processing agreement.',
      paid: true,
    },
  },
  subjects: {
    users: {
      name: 'Users',
      description: 'People with a Parley account on any tier who chat with the assistant.',
    },
  },
  categories: {
    'account-identity': {
      name: 'Account identity',
      description: 'Account id, name, email address and tier.',
      retention: 'P2Y',
      source: 'Sign-up form and billing',
    },
    'conversation-content': {
      name: 'Conversation content',
      description: 'Prompts users write and the replies the assistant gives them.',
      retention: 'P1Y',
      source: 'The chat',
    },
    feedback: {
      name: 'Feedback',
      description: 'Thumbs up or down on a reply, with an optional comment.',
      retention: 'P1Y',
      source: 'The vote buttons under each reply',
    },
    'usage-metrics': {
      name: 'Usage metrics',
      description: 'Message counts and reply latency per account and day.',
      retention: 'P90D',
      source: 'The chat backend',
    },
  },
  purposes: {
    'service-delivery': {
      name: 'Service delivery',
      description: "Answer the user's prompts and keep their conversation history and votes.",
      kind: 'service',
      legalBasis: 'contract',
      categories: ['account-identity', 'conversation-content', 'feedback'],
      subjects: ['users'],
      recipients: [
        {
          name: 'Northwind Cloud Ltd',
          role: 'processor',
          country: 'IE',
          description: 'Hosting of the chat backend and its database',
        },
      ],
      retention: 'P1Y',
      securityMeasures: [
        'Encryption in transit (TLS 1.3) and at rest (AES-256)',
        'Access to conversations limited to on-call engineers, with audit logs',
      ],
    },
    'model-training': {
      name: 'Model training',
      description:
        'Fine-tune the assistant model on past conversations and the votes users gave them.',
      kind: 'fine-tuning',
      legalBasis: 'legitimate-interests',
      legitimateInterestAssessment: 'LIA-2026-03, privacy/lia/model-training.md',
      dpia: {
        status: 'completed',
        reference: 'DPIA-2026-01, privacy/dpia/model-training.md',
      },
      categories: ['conversation-content', 'feedback'],
      subjects: ['users'],
      recipients: [
        {
          name: 'OpenAI, L.L.C.',
          role: 'processor',
          country: 'US',
          description: 'Runs the fine-tuning jobs on the exported dataset',
        },
      ],
      transfers: [
        {
          country: 'US',
          recipient: 'OpenAI, L.L.C.',
          safeguard: 'standard-contractual-clauses',
          documentation: 'Data processing addendum with SCCs (module 2), signed 2026-02-10',
        },
      ],
      retention: 'P6M',
      securityMeasures: [
        'Training rows hold prompts, replies, votes and comments only, never account ids, names or emails',
        'Datasets encrypted at rest and deleted from the vendor after the fine-tuning job',
        'Export runs only in the isolated training account',
      ],
      tiers: {
        free: {
          control: 'opt-out',
          mechanism: 'in-app-toggle',
          default: 'included',
          freeOfCharge: true,
          reasonsRequired: false,
          notice: {
            period: 'P30D',
            channel: 'In-app banner and email',
          },
        },
        pro: {
          control: 'opt-out',
          mechanism: 'in-app-toggle',
          default: 'included',
          freeOfCharge: true,
          reasonsRequired: false,
          notice: {
            period: 'P30D',
            channel: 'In-app banner and email',
          },
        },
        enterprise: {
          control: 'opt-out',
          mechanism: 'in-app-toggle',
          default: 'excluded',
          freeOfCharge: true,
          reasonsRequired: false,
        },
      },
    },
    'product-analytics': {
      name: 'Product analytics',
      description:
        'Count messages, votes and reply latency per tier, in aggregate, to plan capacity and improve the product.',
      kind: 'analytics',
      legalBasis: 'legitimate-interests',
      legitimateInterestAssessment: 'LIA-2026-04, privacy/lia/product-analytics.md',
      categories: ['usage-metrics', 'feedback'],
      subjects: ['users'],
      recipients: [
        {
          name: 'Northwind Cloud Ltd',
          role: 'processor',
          country: 'IE',
          description: 'Hosting of the chat backend, where the aggregates are computed',
        },
      ],
      retention: 'P90D',
      securityMeasures: ['Only aggregates over at least five users leave the backend'],
      tiers: {
        free: {
          control: 'opt-out',
          mechanism: 'in-app-toggle',
          default: 'included',
          freeOfCharge: true,
        },
        pro: {
          control: 'opt-out',
          mechanism: 'in-app-toggle',
          default: 'included',
          freeOfCharge: true,
        },
        enterprise: {
          control: 'opt-out',
          mechanism: 'in-app-toggle',
          default: 'included',
          freeOfCharge: true,
        },
      },
    },
  },
  // The consent history itself: each decision is kept three years after a later one replaced it
  // (Art. 5(1)(e)); an erasure request keeps the decisions under a keyed pseudonym, since the
  // training data already used must stay provably covered by consent or no objection (Art. 7(1)).
  consentRecords: { retention: 'P3Y', erasure: 'pseudonymise' },
});
