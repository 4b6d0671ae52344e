import { mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

// The store tests run against a real PostgreSQL server that the global setup starts.
export default mergeConfig(sharedTestConfig, {
  test: { globalSetup: ['test/support/global-setup.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
