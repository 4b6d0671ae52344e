import { definePolicy } from '@consentry/sdk';

/** Switchboard's policy in TypeScript, the same as consentry.yaml: ids become literal types for the app. */
export default definePolicy({
  version: 1,
  controller: {
    name: 'Switchboard Systems GmbH',
    email: 'privacy@switchboard.example',
    address: 'Torstraße 140, 10119 Berlin, Germany',
    url: 'https://switchboard.example',
    dpo: {
      name: 'Jonas Weber',
      email: 'dpo@switchboard.example',
    },
  },
  tiers: {
    free: {
      name: 'Free',
      description: 'Up to 10,000 proxied requests a month.',
      paid: false,
    },
    team: {
      name: 'Team',
      description: 'Unlimited requests, billed per seat.',
      paid: true,
    },
    enterprise: {
      name: 'Enterprise',
      description: 'Dedicated deployment under a negotiated contract.',
      paid: true,
    },
  },
  subjects: {
    users: {
      name: 'Users',
      description: 'People with a Switchboard account who send requests through the gateway.',
    },
  },
  categories: {
    'conversation-content': {
      name: 'Conversation content',
      description: 'Prompts sent through the gateway and the completions models returned.',
      retention: 'P1Y',
      source: "The gateway's request log",
    },
    'contact-details': {
      name: 'Contact details',
      description: "The account's email address.",
      retention: 'P2Y',
      source: 'Sign-up form',
    },
  },
  purposes: {
    'service-delivery': {
      name: 'Service delivery',
      description: 'Proxy requests to model vendors and keep the request log customers inspect.',
      kind: 'service',
      legalBasis: 'contract',
      categories: ['conversation-content', 'contact-details'],
      subjects: ['users'],
      recipients: [
        {
          name: 'Northwind Cloud Ltd',
          role: 'processor',
          country: 'DE',
          description: 'Hosting of the gateway and its database',
        },
      ],
      retention: 'P1Y',
      securityMeasures: [
        'Encryption in transit (TLS 1.3) and at rest (AES-256)',
        "Request logs readable only by the account's own members and on-call engineers",
      ],
    },
    'model-training': {
      name: 'Model training',
      description: 'Fine-tune a smaller, cheaper model on the requests the gateway logged.',
      kind: 'fine-tuning',
      legalBasis: 'legitimate-interests',
      legitimateInterestAssessment: 'LIA-2026-07, privacy/lia/distillation.md',
      dpia: {
        status: 'completed',
        reference: 'DPIA-2026-03, privacy/dpia/distillation.md',
      },
      categories: ['conversation-content'],
      subjects: ['users'],
      recipients: [
        {
          name: 'OpenAI',
          role: 'processor',
          country: 'US',
          description: 'Runs the fine-tuning jobs on the uploaded training file',
        },
      ],
      transfers: [
        {
          country: 'US',
          recipient: 'OpenAI',
          safeguard: 'standard-contractual-clauses',
          documentation: 'Data processing addendum with SCCs (module 2)',
        },
      ],
      retention: 'P6M',
      securityMeasures: [
        'Training files hold prompts and completions only, never account ids or emails',
        'The temporary training file is deleted after the upload',
      ],
      tiers: {
        free: {
          control: 'opt-out',
          mechanism: 'settings-page',
          default: 'included',
          freeOfCharge: true,
          reasonsRequired: false,
          notice: {
            period: 'P30D',
            channel: 'Email and dashboard banner',
          },
        },
        team: {
          control: 'opt-out',
          mechanism: 'settings-page',
          default: 'included',
          freeOfCharge: true,
          reasonsRequired: false,
          notice: {
            period: 'P30D',
            channel: 'Email and dashboard banner',
          },
        },
        enterprise: {
          control: 'opt-out',
          mechanism: 'settings-page',
          default: 'excluded',
          freeOfCharge: true,
          reasonsRequired: false,
        },
      },
    },
  },
  code: {
    sources: [
      {
        module: './src/db/schema',
        export: 'AccountTable.email',
        category: 'contact-details',
      },
      {
        module: './src/db/schema',
        export: 'LoggedRequestTable.completion',
        category: 'conversation-content',
      },
      {
        module: './src/db/schema',
        export: 'LoggedRequestTable.prompt',
        category: 'conversation-content',
      },
      {
        module: 'openai/resources/chat/completions',
        export: 'ChatCompletionAssistantMessageParam',
        category: 'conversation-content',
        optional: true,
      },
      {
        module: 'openai/resources/chat/completions',
        export: 'ChatCompletionDeveloperMessageParam',
        category: 'conversation-content',
        optional: true,
      },
      {
        module: 'openai/resources/chat/completions',
        export: 'ChatCompletionFunctionMessageParam',
        category: 'conversation-content',
        optional: true,
      },
      {
        module: 'openai/resources/chat/completions',
        export: 'ChatCompletionMessage',
        category: 'conversation-content',
        optional: true,
      },
      {
        module: 'openai/resources/chat/completions',
        export: 'ChatCompletionMessageParam',
        category: 'conversation-content',
        optional: true,
      },
      {
        module: 'openai/resources/chat/completions',
        export: 'ChatCompletionSystemMessageParam',
        category: 'conversation-content',
        optional: true,
      },
      {
        module: 'openai/resources/chat/completions',
        export: 'ChatCompletionToolMessageParam',
        category: 'conversation-content',
        optional: true,
      },
      {
        module: 'openai/resources/chat/completions',
        export: 'ChatCompletionUserMessageParam',
        category: 'conversation-content',
        optional: true,
      },
      {
        module: 'openai/resources/responses/responses',
        export: 'EasyInputMessage',
        category: 'conversation-content',
        optional: true,
      },
      {
        module: 'openai/resources/responses/responses',
        export: 'ResponseInputItem',
        category: 'conversation-content',
        optional: true,
      },
    ],
  },
});
