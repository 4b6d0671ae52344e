import { describe, expectTypeOf, test } from 'vitest';
import {
  type CategoryId,
  type ConsentryPolicy,
  createMemoryStore,
  definePolicy,
  type PurposeId,
  type SubjectId,
  type TierId,
} from '../src/index.js';
import { chatPolicy } from './fixtures/chat-policy.js';

type Chat = typeof chatPolicy;

describe('definePolicy infers ids as literal unions', () => {
  test('purposes, tiers, categories and subjects', () => {
    expectTypeOf<PurposeId<Chat>>().toEqualTypeOf<
      'service-delivery' | 'model-training' | 'model-evaluation' | 'marketing' | 'analytics'
    >();
    expectTypeOf<TierId<Chat>>().toEqualTypeOf<'free' | 'pro' | 'enterprise'>();
    expectTypeOf<CategoryId<Chat>>().toEqualTypeOf<
      'conversations' | 'contact-details' | 'usage-metrics'
    >();
    expectTypeOf<SubjectId<Chat>>().toEqualTypeOf<'users' | 'minors'>();
  });

  test('values keep their literal types and are readonly', () => {
    expectTypeOf(
      chatPolicy.purposes['model-training'].legalBasis,
    ).toEqualTypeOf<'legitimate-interests'>();
    expectTypeOf(chatPolicy.purposes['model-training'].categories).toEqualTypeOf<
      readonly ['conversations']
    >();
    expectTypeOf(
      chatPolicy.purposes['model-training'].tiers.free.default,
    ).toEqualTypeOf<'included'>();
    expectTypeOf(chatPolicy.version).toEqualTypeOf<1>();
  });

  test('a policy loaded from YAML has string ids', () => {
    expectTypeOf<PurposeId<ConsentryPolicy>>().toEqualTypeOf<string>();
    expectTypeOf<TierId<ConsentryPolicy>>().toEqualTypeOf<string>();
  });
});

const base = {
  version: 1,
  controller: { name: 'Parrot Labs' },
  tiers: { free: { name: 'Free' }, pro: { name: 'Pro' } },
  subjects: { users: { name: 'Users' } },
  categories: { conversations: { name: 'Conversations' } },
} as const;

describe('references inside the policy are checked', () => {
  test('a correct policy compiles', () => {
    definePolicy({
      ...base,
      purposes: {
        training: {
          description: 'Train models.',
          kind: 'training',
          legalBasis: 'legitimate-interests',
          categories: ['conversations'],
          subjects: ['users'],
          tiers: { free: { control: 'opt-out', mechanism: 'in-app-toggle', default: 'included' } },
        },
      },
      code: {
        sinks: [{ module: './queue.js', export: 'enqueue', purpose: 'training' }],
        sources: [{ module: './db.js', export: 'Message.text', category: 'conversations' }],
      },
    });
  });

  test('a typo in a purpose’s category fails', () => {
    definePolicy({
      ...base,
      purposes: {
        training: {
          description: 'Train models.',
          kind: 'training',
          legalBasis: 'consent',
          // @ts-expect-error 'conversation' is not a category of this policy
          categories: ['conversation'],
          subjects: ['users'],
        },
      },
    });
  });

  test('a typo in a purpose’s subject fails', () => {
    definePolicy({
      ...base,
      purposes: {
        training: {
          description: 'Train models.',
          kind: 'training',
          legalBasis: 'consent',
          categories: ['conversations'],
          // @ts-expect-error 'user' is not a subject of this policy
          subjects: ['user'],
        },
      },
    });
  });

  test('a typo in a tier key of a purpose fails', () => {
    definePolicy({
      ...base,
      purposes: {
        training: {
          description: 'Train models.',
          kind: 'training',
          legalBasis: 'legitimate-interests',
          categories: ['conversations'],
          subjects: ['users'],
          tiers: {
            free: { control: 'opt-out', mechanism: 'in-app-toggle', default: 'included' },
            // @ts-expect-error 'premium' is not a tier of this policy
            premium: { control: 'opt-out', mechanism: 'in-app-toggle', default: 'included' },
          },
        },
      },
    });
  });

  test('a typo in a code mapping’s purpose or category fails', () => {
    definePolicy({
      ...base,
      purposes: {
        training: {
          description: 'Train models.',
          kind: 'training',
          legalBasis: 'consent',
          categories: ['conversations'],
          subjects: ['users'],
        },
      },
      code: {
        // @ts-expect-error 'trainign' is not a purpose of this policy
        sinks: [{ module: './queue.js', export: 'enqueue', purpose: 'trainign' }],
        // @ts-expect-error 'conversation' is not a category of this policy
        sources: [{ module: './db.js', export: 'Message.text', category: 'conversation' }],
      },
    });
  });

  test('values outside the schema fail', () => {
    definePolicy({
      ...base,
      purposes: {
        training: {
          description: 'Train models.',
          kind: 'training',
          // @ts-expect-error 'implied-consent' is not a GDPR legal basis
          legalBasis: 'implied-consent',
          categories: ['conversations'],
          subjects: ['users'],
        },
      },
    });
  });
});

describe('consentRecords: the retention and erasure of the consent history', () => {
  const declared = definePolicy({
    ...chatPolicy,
    consentRecords: { retention: 'P3Y', erasure: 'pseudonymise' },
  });

  test('definePolicy infers the declared retention and erasure mode as literals', () => {
    expectTypeOf(declared.consentRecords.retention).toEqualTypeOf<'P3Y'>();
    expectTypeOf(declared.consentRecords.erasure).toEqualTypeOf<'pseudonymise'>();
  });

  test('an erasure mode outside the schema fails', () => {
    definePolicy({
      ...chatPolicy,
      // @ts-expect-error 'anonymise' is not an erasure mode: delete or pseudonymise
      consentRecords: { retention: 'P3Y', erasure: 'anonymise' },
    });
  });

  test('a store under a policy that declares pseudonymise needs a key, unless it overrides the mode with delete', () => {
    // @ts-expect-error a keyed pseudonym needs the store's key
    createMemoryStore({ policy: declared });
    createMemoryStore({ policy: declared, key: 'a 32-byte-or-longer secret for the chain' });
    createMemoryStore({ policy: declared, erasure: 'delete' });
    createMemoryStore({ policy: chatPolicy });
    createMemoryStore();
  });
});
