import { UsageError } from './errors.js';

/** One shard of `n`: `index` counts from 1. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** Parses `--shard i/n`; throws a `UsageError` on anything else. */
export function parseShard(text: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard takes i/n with 1 <= i <= n (for example 2/4), not "${text}"`);
  }
  return { index, count };
}
