import { UsageError } from './chunk-F76QMANB.js';

// src/shard-spec.ts
function parseShard(text) {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard takes i/n with 1 <= i <= n (for example 2/4), not "${text}"`);
  }
  return { index, count };
}

export { parseShard };
//# sourceMappingURL=chunk-YCGBMTLX.js.map
