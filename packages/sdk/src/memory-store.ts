import type { ConsentEvent, ConsentStore } from './store.js';

/** Creates a consent store that keeps decisions in memory, for tests and single-process demos. */
export function createMemoryStore(): ConsentStore {
  const events = new Map<string, ConsentEvent[]>();
  return {
    async append(event) {
      const copy = Object.freeze({
        ...event,
        ...(event.details === undefined ? {} : { details: Object.freeze({ ...event.details }) }),
      });
      const list = events.get(event.subjectId);
      if (list === undefined) {
        events.set(event.subjectId, [copy]);
      } else {
        list.push(copy);
      }
    },
    async read(subjectId) {
      return [...(events.get(subjectId) ?? [])];
    },
  };
}
