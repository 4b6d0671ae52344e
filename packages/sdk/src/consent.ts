import {
  type ConsentDecision,
  type ConsentRecordEvents,
  decideFromEvents,
  decideStatically,
  tierOf,
} from './decide.js';
import { ConsentDeniedError, ConsentStoreError } from './errors.js';
import type { PolicyDefinition, PurposeId, TierField, TierId } from './policy.js';
import {
  type ConsentChoice,
  type ConsentEvent,
  type ConsentEventDetails,
  type ConsentStore,
  consentChoices,
} from './store.js';

/** The person a consent check is about: an id, and the tier they are on under the policy's `tierField` (`tier` unless set). */
export type ConsentSubject<P extends PolicyDefinition> = {
  /** The subject's stable id. */
  readonly id: string;
} & {
  /** The tier (plan) the subject is on. */
  readonly [K in TierField<P>]: TierId<P>;
};

/** A subject's decisions read once from the store, for the synchronous checks. */
export interface ConsentRecord {
  /** The subject the record belongs to. */
  readonly subjectId: string;
  /** When the record was read, as an ISO 8601 UTC timestamp. */
  readonly readAt: string;
  /** The subject's decisions, oldest first, or the store failure that kept them from being read. */
  readonly events: ConsentRecordEvents;
}

/** A subject with its consent record attached, as `Consent.snapshot` returns it. */
export type WithConsentRecord<S> = S & {
  /** The subject's decisions, read once. */
  readonly consentRecord: ConsentRecord;
};

declare const consentedBrand: unique symbol;

/** A subject proven, by `isAllowed` or `assertAllowed`, to allow `Purpose`. */
export type Consented<S, Purpose extends string> = S & {
  readonly [consentedBrand]: { readonly [K in Purpose]: true };
};

/** What to do when an enforced method is called for a subject that does not allow its purpose. */
export type OnDenied = 'throw' | 'skip';

/** Options of `Consent.enforce`: how to find the subject among the method's arguments, and what to do when denied. */
export interface EnforceOptions<P extends PolicyDefinition, Args extends unknown[]> {
  /** Returns the subject the call processes data about, from the method's arguments (called with the instance as `this`). */
  readonly subject: (...args: Args) => ConsentSubject<P> | Promise<ConsentSubject<P>>;
  /** `throw` (the default) rejects with `ConsentDeniedError`; `skip` resolves to undefined without running the method. */
  readonly onDenied?: OnDenied;
}

/** Options of `Consent.filter`: how to find the subject of each item. */
export interface FilterOptions<P extends PolicyDefinition, T> {
  /** Returns the subject an item is about. */
  readonly subject: (item: T) => ConsentSubject<P>;
}

/** Options of `Consent.middleware`: how to find the subject of a request. */
export interface MiddlewareOptions<P extends PolicyDefinition, Req> {
  /** Returns the subject a request is about (usually the signed-in user). */
  readonly subject: (req: Req) => ConsentSubject<P> | Promise<ConsentSubject<P>>;
}

/**
 * Route middleware in the Express/Connect shape: calls `next()` when allowed, `next(error)` when denied.
 * It takes any request object, so it fits Express's `RequestHandler` even when the subject function
 * reads a narrower request (`SignedInRequest` with `user`); a request without the subject is denied.
 */
export type ConsentMiddleware = (
  req: object,
  res: unknown,
  next: (error?: unknown) => void,
) => Promise<void>;

/** A TC39 method decorator that enforces consent; the method must return a Promise, which rejects when consent is denied. */
export type EnforceDecorator<Args extends unknown[]> = <This, A extends [...Args, ...unknown[]], R>(
  method: (this: This, ...args: A) => Promise<R>,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: A) => Promise<R>>,
) => (this: This, ...args: A) => Promise<R>;

/** A TC39 method decorator that enforces consent by skipping denied calls, so the method's Promise must allow undefined. */
export type EnforceSkipDecorator<Args extends unknown[]> = <
  This,
  A extends [...Args, ...unknown[]],
  R,
>(
  method: (this: This, ...args: A) => Promise<R | undefined>,
  context: ClassMethodDecoratorContext<This, (this: This, ...args: A) => Promise<R | undefined>>,
) => (this: This, ...args: A) => Promise<R | undefined>;

/** Consent checks bound to one policy and one store. */
export interface Consent<P extends PolicyDefinition> {
  /** The policy the checks follow. */
  readonly policy: P;
  /** Resolves to true when the subject allows the purpose; never rejects (fails closed). */
  allows(subject: ConsentSubject<P>, purpose: PurposeId<P>): Promise<boolean>;
  /** Resolves to the full decision: allowed, a machine-readable reason, and the guarantee applied; never rejects. */
  decide(subject: ConsentSubject<P>, purpose: PurposeId<P>): Promise<ConsentDecision<P>>;
  /** Resolves when the subject allows the purpose, and rejects with `ConsentDeniedError` when not. */
  require(subject: ConsentSubject<P>, purpose: PurposeId<P>): Promise<void>;
  /** Keeps the items whose subject allows the purpose, reading each distinct subject's decisions once. */
  filter<T>(items: Iterable<T>, purpose: PurposeId<P>, options: FilterOptions<P, T>): Promise<T[]>;
  /** Stores a subject's decision about a purpose with the time from the clock, and resolves to the stored event. */
  record(
    subject: ConsentSubject<P>,
    purpose: PurposeId<P>,
    decision: ConsentChoice,
    details?: ConsentEventDetails,
  ): Promise<ConsentEvent<PurposeId<P>>>;
  /** Reads the subject's decisions once and returns a copy of the subject with its consent record attached. */
  snapshot<S extends ConsentSubject<P>>(subject: S): Promise<WithConsentRecord<S>>;
  /** Synchronous type guard over a snapshot: true when the subject allows the purpose. */
  isAllowed<S extends WithConsentRecord<ConsentSubject<P>>, const U extends PurposeId<P>>(
    subject: S,
    purpose: U,
  ): subject is Consented<S, U>;
  /** Synchronous assertion over a snapshot: throws `ConsentDeniedError` unless the subject allows the purpose. */
  assertAllowed<S extends WithConsentRecord<ConsentSubject<P>>, const U extends PurposeId<P>>(
    subject: S,
    purpose: U,
  ): asserts subject is Consented<S, U>;
  /** TC39 method decorator that checks consent before each call: denied calls throw `ConsentDeniedError` or are skipped. */
  enforce<Args extends unknown[]>(
    purpose: PurposeId<P>,
    options: EnforceOptions<P, Args> & { readonly onDenied?: 'throw' },
  ): EnforceDecorator<Args>;
  /** TC39 method decorator that checks consent before each call: denied calls throw `ConsentDeniedError` or are skipped. */
  enforce<Args extends unknown[]>(
    purpose: PurposeId<P>,
    options: EnforceOptions<P, Args> & { readonly onDenied: 'skip' },
  ): EnforceSkipDecorator<Args>;
  /** Route middleware (Express/Connect shape) that calls `next()` when allowed and `next(ConsentDeniedError)` (status 403) when denied. */
  middleware<Req>(purpose: PurposeId<P>, options: MiddlewareOptions<P, Req>): ConsentMiddleware;
}

/** Options of `createConsent`. */
export interface CreateConsentOptions<P extends PolicyDefinition> {
  /** The policy, from `definePolicy` or loaded from YAML. */
  readonly policy: P;
  /** Where decisions are kept. */
  readonly store: ConsentStore;
  /** The time now; defaults to the system clock. */
  readonly clock?: () => Date;
}

/** Creates the consent checks for a policy and a store; every check fails closed. */
export function createConsent<const P extends PolicyDefinition>(
  options: CreateConsentOptions<P>,
): Consent<P> {
  const { policy, store } = options;
  const clock = options.clock ?? (() => new Date());
  // Only records this instance read count, so a hand-built `consentRecord` cannot grant anything.
  const issued = new WeakSet<ConsentRecord>();

  async function readEvents(subjectId: string): Promise<ConsentRecordEvents> {
    try {
      const events = await store.read(subjectId);
      if (!Array.isArray(events)) {
        return { ok: false, detail: 'the store returned something other than a list of events' };
      }
      return { ok: true, events };
    } catch (error) {
      return { ok: false, detail: describeFailure(error) };
    }
  }

  async function decide(
    subject: ConsentSubject<P>,
    purpose: PurposeId<P>,
  ): Promise<ConsentDecision<P>> {
    const first = decideStatically(policy, subject, purpose);
    if ('final' in first) {
      return first.final as ConsentDecision<P>;
    }
    return decideFromEvents(
      first.base,
      await readEvents(subject.id),
      clock(),
    ) as ConsentDecision<P>;
  }

  function decideFromRecord(
    subject: WithConsentRecord<ConsentSubject<P>>,
    purpose: PurposeId<P>,
  ): ConsentDecision<P> {
    const first = decideStatically(policy, subject, purpose);
    if ('final' in first) {
      return first.final as ConsentDecision<P>;
    }
    const record = (subject as Partial<WithConsentRecord<ConsentSubject<P>>>).consentRecord;
    if (record === undefined || !issued.has(record) || record.subjectId !== subject.id) {
      return { ...first.base, allowed: false, reason: 'record-mismatch' } as ConsentDecision<P>;
    }
    return decideFromEvents(first.base, record.events, clock()) as ConsentDecision<P>;
  }

  function denied(decision: ConsentDecision<P>): ConsentDeniedError {
    return new ConsentDeniedError(decision.subjectId, decision.purpose, decision.reason);
  }

  const consent: Consent<P> = {
    policy,
    decide,
    async allows(subject, purpose) {
      return (await decide(subject, purpose)).allowed;
    },
    async require(subject, purpose) {
      const decision = await decide(subject, purpose);
      if (!decision.allowed) {
        throw denied(decision);
      }
    },
    async filter(items, purpose, filterOptions) {
      const list = [...items];
      const reads = new Map<string, Promise<ConsentRecordEvents>>();
      const now = clock();
      const kept: typeof list = [];
      for (const item of list) {
        const subject = filterOptions.subject(item);
        const first = decideStatically(policy, subject, purpose);
        let allowed: boolean;
        if ('final' in first) {
          allowed = first.final.allowed;
        } else {
          let read = reads.get(subject.id);
          if (read === undefined) {
            read = readEvents(subject.id);
            reads.set(subject.id, read);
          }
          allowed = decideFromEvents(first.base, await read, now).allowed;
        }
        if (allowed) {
          kept.push(item);
        }
      }
      return kept;
    },
    async record(subject, purpose, decision, details) {
      if (typeof subject?.id !== 'string' || subject.id === '') {
        throw new TypeError('Cannot record a consent decision for a subject without an id.');
      }
      if (!Object.hasOwn(policy.purposes, purpose)) {
        throw new TypeError(
          `Cannot record a decision about "${purpose}": the policy declares no such purpose.`,
        );
      }
      if (!consentChoices.includes(decision)) {
        throw new TypeError(
          `Cannot record decision "${String(decision)}": use one of ${consentChoices.join(', ')}.`,
        );
      }
      const event: ConsentEvent<PurposeId<P>> = Object.freeze({
        subjectId: subject.id,
        purpose,
        decision,
        at: clock().toISOString(),
        tier: tierOf(policy, subject),
        ...(details === undefined ? {} : { details: Object.freeze({ ...details }) }),
      });
      await store.append(event);
      return event;
    },
    async snapshot(subject) {
      const valid = typeof subject?.id === 'string' && subject.id !== '';
      const record: ConsentRecord = Object.freeze({
        subjectId: valid ? subject.id : '',
        readAt: clock().toISOString(),
        events: valid
          ? await readEvents(subject.id)
          : { ok: false as const, detail: 'the subject has no id' },
      });
      issued.add(record);
      const copy = Object.assign(
        Object.create(Object.getPrototypeOf(subject) as object) as object,
        subject,
      );
      Object.defineProperty(copy, 'consentRecord', { value: record, enumerable: false });
      return copy as WithConsentRecord<typeof subject>;
    },
    isAllowed(subject, purpose): subject is Consented<typeof subject, typeof purpose> {
      return decideFromRecord(subject, purpose).allowed;
    },
    assertAllowed(subject, purpose): asserts subject is Consented<typeof subject, typeof purpose> {
      const decision = decideFromRecord(subject, purpose);
      if (!decision.allowed) {
        throw denied(decision);
      }
    },
    enforce(purpose, enforceOptions) {
      const onDenied: OnDenied = enforceOptions.onDenied ?? 'throw';
      const decorator = (
        method: (this: unknown, ...args: unknown[]) => Promise<unknown>,
        context: ClassMethodDecoratorContext,
      ) => {
        if (context.kind !== 'method') {
          throw new TypeError('consent.enforce decorates methods only.');
        }
        const enforced = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
          const subject = await (enforceOptions.subject as (...a: unknown[]) => unknown).apply(
            this,
            args,
          );
          const decision = await decide(subject as ConsentSubject<P>, purpose);
          if (!decision.allowed) {
            if (onDenied === 'skip') {
              return undefined;
            }
            throw denied(decision);
          }
          return method.apply(this, args);
        };
        Object.defineProperty(enforced, 'name', { value: method.name });
        return enforced;
      };
      return decorator as never;
    },
    middleware(purpose, middlewareOptions) {
      return async (req, _res, next) => {
        let decision: ConsentDecision<P>;
        try {
          // The framework passes its own request; a subject function that finds no subject is denied.
          const subject = await (middlewareOptions.subject as (req: unknown) => unknown)(req);
          decision = await decide(subject as ConsentSubject<P>, purpose);
        } catch (error) {
          next(error);
          return;
        }
        if (decision.allowed) {
          next();
        } else {
          next(denied(decision));
        }
      };
    },
  };
  return Object.freeze(consent);
}

function describeFailure(error: unknown): string {
  if (error instanceof ConsentStoreError) {
    return `${error.code}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
