/** Where services read the current time, injected so tests and the demo are deterministic. */
export type Clock = () => Date;

/** Makes ids unique within one process, such as `conv-0001`, `conv-0002`. */
export type IdGenerator = (prefix: string) => string;

/** A clock that starts at `start` and moves one second forward on every read. */
export function createSteppingClock(start: Date): Clock {
  let next = start.getTime();
  return () => {
    const now = new Date(next);
    next += 1000;
    return now;
  };
}

/** An id generator that counts per prefix. */
export function createSequentialIds(): IdGenerator {
  const counters = new Map<string, number>();
  return (prefix) => {
    const count = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, count);
    return `${prefix}-${String(count).padStart(4, '0')}`;
  };
}
