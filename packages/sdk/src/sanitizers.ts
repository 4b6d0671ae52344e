import { getMarkers } from './markers.js';

/** Options of `anonymise`: the non-identifying fields to keep. */
export interface AnonymiseOptions<K> {
  /** The fields to copy; every other field is dropped. */
  readonly keep: readonly K[];
}

/** Returns a new plain object holding only the listed non-identifying fields; throws when a listed field is marked `personal`. */
export function anonymise<T extends object, K extends keyof T & string>(
  record: T,
  options: AnonymiseOptions<K>,
): Pick<T, K> {
  const personal = new Map<string, string>();
  for (const entry of getMarkers(record)) {
    if (entry.marker === 'personal' && !entry.static) {
      personal.set(entry.member, entry.category);
    }
  }
  const result: Partial<Pick<T, K>> = {};
  for (const key of options.keep) {
    const category = personal.get(key);
    if (category !== undefined) {
      throw new TypeError(
        `anonymise cannot keep "${key}": it is marked personal data (category "${category}").`,
      );
    }
    if (key in record) {
      result[key] = record[key];
    }
  }
  return result as Pick<T, K>;
}

/** Options of `aggregate`. */
export interface AggregateOptions {
  /** The fewest items an aggregate may cover, so a small group cannot single a person out; 5 unless set. */
  readonly minimumCount?: number;
}

/** Reduces items to one summary value, refusing groups smaller than `minimumCount` and results that are one of the items. */
export function aggregate<T, R>(
  items: Iterable<T>,
  reducer: (accumulator: R, item: T) => R,
  initial: R,
  options: AggregateOptions = {},
): R {
  const minimumCount = options.minimumCount ?? 5;
  const list = [...items];
  if (list.length < minimumCount) {
    throw new RangeError(
      `aggregate needs at least ${minimumCount} items so the result cannot single a person out; it got ${list.length}.`,
    );
  }
  let accumulator = initial;
  for (const item of list) {
    accumulator = reducer(accumulator, item);
  }
  if (typeof accumulator === 'object' && accumulator !== null && list.includes(accumulator as T)) {
    throw new TypeError('aggregate must return a summary, not one of the items it was given.');
  }
  return accumulator;
}
