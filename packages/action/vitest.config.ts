import { mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

// The end-to-end and dist tests spawn node and git and rebuild the bundle, so they get more time.
export default mergeConfig(sharedTestConfig, {
  test: { testTimeout: 120_000, hookTimeout: 120_000 },
});
