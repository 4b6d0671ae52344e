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
  /** How long a store call may take before the check denies (and `record` rejects), in milliseconds; 10000 unless set. */
  readonly storeTimeoutMs?: number;
}

/** Creates the consent checks for a policy and a store; every check fails closed. */
export function createConsent<const P extends PolicyDefinition>(
  options: CreateConsentOptions<P>,
): Consent<P> {
  const { policy, store } = options;
  const clock = options.clock ?? (() => new Date());
  const storeTimeoutMs = options.storeTimeoutMs ?? 10_000;
  // Only records this instance read count, so a hand-built `consentRecord` cannot grant anything.
  const issued = new WeakSet<ConsentRecord>();

  async function readEvents(subjectId: string): Promise<ConsentRecordEvents> {
    try {
      const events = await withinTimeout(() => store.read(subjectId), storeTimeoutMs, 'a read');
      return checkEvents(events, subjectId);
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
      await withinTimeout(() => store.append(event), storeTimeoutMs, 'an append');
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

/** Runs a store call, turning a synchronous throw, a hang past the timeout or a missing method into a rejection. */
async function withinTimeout<T>(
  call: () => Promise<T> | T,
  timeoutMs: number,
  operation: string,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(
        new ConsentStoreError(
          'store-timeout',
          `The consent store did not answer ${operation} within ${timeoutMs} ms.`,
        ),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(call), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Accepts a store's answer only when it is a list of well-formed events: anything else fails closed, since a skipped row could be an objection. */
function checkEvents(events: unknown, subjectId: string): ConsentRecordEvents {
  if (!Array.isArray(events)) {
    return { ok: false, detail: 'the store returned something other than a list of events' };
  }
  const checked: ConsentEvent[] = [];
  for (let index = 0; index < events.length; index += 1) {
    const result = toCheckedEvent(events[index], subjectId);
    if (typeof result === 'string') {
      return {
        ok: false,
        detail: `the store returned an invalid event at index ${index}: ${result}`,
      };
    }
    checked.push(result);
  }
  return { ok: true, events: checked };
}

// Each field is read once into a frozen copy, so a getter or a later change cannot alter what was checked.
function toCheckedEvent(event: unknown, subjectId: string): ConsentEvent | string {
  if (typeof event !== 'object' || event === null) {
    return `expected an event object, got ${event === null ? 'null' : typeof event}`;
  }
  const candidate = event as Partial<Record<keyof ConsentEvent, unknown>>;
  const { subjectId: owner, purpose, decision, at, tier, details } = candidate;
  if (owner !== subjectId) {
    return 'its subjectId is not the subject that was read';
  }
  const strings = { purpose, at, tier };
  for (const [field, value] of Object.entries(strings)) {
    if (typeof value !== 'string') {
      return `its ${field} is not a string`;
    }
  }
  if (!consentChoices.includes(decision as ConsentChoice)) {
    return `its decision ${JSON.stringify(String(decision))} is not one of ${consentChoices.join(', ')}`;
  }
  return Object.freeze({
    subjectId,
    purpose: purpose as string,
    decision: decision as ConsentChoice,
    at: at as string,
    tier: tier as string,
    ...(typeof details === 'object' && details !== null
      ? { details: details as ConsentEventDetails }
      : {}),
  });
}

function describeFailure(error: unknown): string {
  try {
    if (error instanceof ConsentStoreError) {
      return `${error.code}: ${error.message}`;
    }
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    // A thrown value whose message or toString throws still denies, with a reason.
    return 'the store failed with a value that cannot be described';
  }
}
