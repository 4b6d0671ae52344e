/** A request the analyzer cannot carry out as asked (a missing directory, a bad git ref). */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}
