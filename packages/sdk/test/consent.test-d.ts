import { describe, expectTypeOf, test } from 'vitest';
import {
  type Consent,
  type ConsentDecision,
  type Consented,
  type ConsentryPolicy,
  type ConsentSubject,
  createConsent,
  createMarkers,
  createMemoryStore,
  type PurposeId,
  type WithConsentRecord,
} from '../src/index.js';
import { chatPolicy } from './fixtures/chat-policy.js';
import type { planPolicy } from './fixtures/plan-policy.js';

type Chat = typeof chatPolicy;
const consent: Consent<Chat> = createConsent({ policy: chatPolicy, store: createMemoryStore() });
const user: ConsentSubject<Chat> = { id: 'alice', tier: 'free' };

describe('checks are typed by the policy', () => {
  test('createConsent infers the policy', () => {
    const inferred = createConsent({ policy: chatPolicy, store: createMemoryStore() });
    expectTypeOf(inferred).toEqualTypeOf<Consent<Chat>>();
  });

  test('a policy loaded from YAML gives string ids', () => {
    const loaded = createConsent({ policy: {} as ConsentryPolicy, store: createMemoryStore() });
    expectTypeOf(loaded.allows).parameter(1).toEqualTypeOf<string>();
    expectTypeOf<ConsentSubject<ConsentryPolicy>['tier']>().toEqualTypeOf<string>();
  });

  test('a subject’s tier is a tier id', () => {
    expectTypeOf<ConsentSubject<Chat>['tier']>().toEqualTypeOf<'free' | 'pro' | 'enterprise'>();
    // @ts-expect-error 'premium' is not a tier of this policy
    const premium: ConsentSubject<Chat> = { id: 'bob', tier: 'premium' };
    expectTypeOf(premium).not.toBeAny();
  });

  test('purposes are purpose ids', () => {
    expectTypeOf(consent.allows(user, 'model-training')).toEqualTypeOf<Promise<boolean>>();
    expectTypeOf(consent.decide(user, 'model-training')).toEqualTypeOf<
      Promise<ConsentDecision<Chat>>
    >();
    // @ts-expect-error 'model-trainig' is not a purpose of this policy
    void consent.allows(user, 'model-trainig');
    // @ts-expect-error 'ads' is not a purpose of this policy
    void consent.require(user, 'ads');
    // @ts-expect-error 'ads' is not a purpose of this policy
    void consent.record(user, 'ads', 'opt-in');
    // @ts-expect-error 'maybe' is not a decision
    void consent.record(user, 'marketing', 'maybe');
    // @ts-expect-error 'ads' is not a purpose of this policy
    consent.middleware('ads', { subject: (req: { user: typeof user }) => req.user });
  });

  test('a decision names the policy’s purpose and tier ids', async () => {
    const decision = await consent.decide(user, 'marketing');
    expectTypeOf(decision.purpose).toEqualTypeOf<
      'service-delivery' | 'model-training' | 'model-evaluation' | 'marketing' | 'analytics'
    >();
    expectTypeOf(decision.tier).toEqualTypeOf<'free' | 'pro' | 'enterprise'>();
    const event = await consent.record(user, 'marketing', 'opt-in');
    expectTypeOf(event.purpose).toEqualTypeOf<PurposeId<Chat>>();
  });

  test('filter keeps the item type', () => {
    const rows = [{ text: 'hi', author: user }];
    expectTypeOf(
      consent.filter(rows, 'model-training', { subject: (row) => row.author }),
    ).toEqualTypeOf<Promise<{ text: string; author: ConsentSubject<Chat> }[]>>();
  });
});

describe('synchronous guards narrow', () => {
  test('isAllowed is a type predicate over a snapshot', async () => {
    const snapshot = await consent.snapshot({ ...user, email: 'alice@example.com' });
    expectTypeOf(snapshot).toEqualTypeOf<
      WithConsentRecord<{ email: string; id: string; tier: 'free' | 'pro' | 'enterprise' }>
    >();
    if (consent.isAllowed(snapshot, 'model-training')) {
      expectTypeOf(snapshot).toEqualTypeOf<Consented<typeof snapshot, 'model-training'>>();
      expectTypeOf(snapshot.email).toEqualTypeOf<string>();
    }
    // @ts-expect-error a subject without a snapshot has no consent record
    consent.isAllowed(user, 'model-training');
  });

  test('assertAllowed asserts over a snapshot', async () => {
    const snapshot = await consent.snapshot(user);
    consent.assertAllowed(snapshot, 'model-training');
    expectTypeOf(snapshot).toEqualTypeOf<
      Consented<WithConsentRecord<ConsentSubject<Chat>>, 'model-training'>
    >();
  });

  test('a function can require a consented subject', async () => {
    const train = (subject: Consented<ConsentSubject<Chat>, 'model-training'>) => subject.id;
    const snapshot = await consent.snapshot(user);
    // @ts-expect-error not proven to allow model-training
    train(snapshot);
    if (consent.isAllowed(snapshot, 'marketing')) {
      // @ts-expect-error marketing is another purpose
      train(snapshot);
    }
    if (consent.isAllowed(snapshot, 'model-training')) {
      train(snapshot);
    }
  });
});

describe('decorators are typed', () => {
  test('enforce keeps the method’s type and reads the subject from its arguments', () => {
    class Exporter {
      @consent.enforce('model-training', { subject: (subject: ConsentSubject<Chat>) => subject })
      async write(subject: ConsentSubject<Chat>, rows: readonly string[]): Promise<number> {
        return subject.id.length + rows.length;
      }

      @consent.enforce('model-training', {
        subject: (subject: ConsentSubject<Chat>) => subject,
        onDenied: 'skip',
      })
      async maybeWrite(subject: ConsentSubject<Chat>): Promise<number | undefined> {
        return subject.id.length;
      }
    }
    expectTypeOf(new Exporter().write).returns.toEqualTypeOf<Promise<number>>();
  });

  test('skip needs a method whose Promise allows undefined', () => {
    class Exporter {
      // @ts-expect-error a skipped call resolves to undefined, which Promise<number> does not allow
      @consent.enforce('model-training', {
        subject: (s: ConsentSubject<Chat>) => s,
        onDenied: 'skip',
      })
      async write(subject: ConsentSubject<Chat>): Promise<number> {
        return subject.id.length;
      }
    }
    expectTypeOf(Exporter).toBeConstructibleWith();
  });

  test('enforce needs an async method whose arguments match the subject function', () => {
    class Exporter {
      // @ts-expect-error the check is asynchronous, so the method must return a Promise
      @consent.enforce('model-training', { subject: (s: ConsentSubject<Chat>) => s })
      write(subject: ConsentSubject<Chat>): number {
        return subject.id.length;
      }

      // @ts-expect-error the subject function takes a subject, the method a string
      @consent.enforce('model-training', { subject: (s: ConsentSubject<Chat>) => s })
      async send(userId: string): Promise<number> {
        return userId.length;
      }
    }
    expectTypeOf(Exporter).toBeConstructibleWith();
  });

  test('markers take the policy’s ids', () => {
    const { processes, personal } = createMarkers(chatPolicy);
    class Conversation {
      @personal('conversations') text = '';
      @personal('contact-details') accessor email = '';
      // @ts-expect-error 'conversation' is not a category of this policy
      @personal('conversation') title = '';

      @processes('model-training')
      async export(): Promise<void> {}

      // @ts-expect-error 'training' is not a purpose of this policy
      @processes('training')
      async upload(): Promise<void> {}
    }
    expectTypeOf(Conversation).toBeConstructibleWith();
  });
});

describe('the policy’s tierField names the subject’s tier property', () => {
  test('a subject carries its tier under that name', () => {
    type Plan = typeof planPolicy;
    expectTypeOf<ConsentSubject<Plan>>().toEqualTypeOf<
      { readonly id: string } & { readonly plan: 'starter' | 'studio' }
    >();
    const planned: ConsentSubject<Plan> = { id: 'ada', plan: 'studio' };
    // @ts-expect-error the policy's tierField is `plan`, so a `tier` property is not the tier
    const tiered: ConsentSubject<Plan> = { id: 'ada', tier: 'studio' };
    expectTypeOf(planned).not.toBeAny();
    expectTypeOf(tiered).not.toBeAny();
  });
});
