import { afterEach, vi } from 'vitest';

// Stray console output hides real output in CI, so any test that prints fails.
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const printed: string[] = [];
for (const method of methods) {
  vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
    printed.push(`console.${method}: ${args.map(String).join(' ')}`);
  });
}

afterEach(() => {
  if (printed.length > 0) {
    const lines = printed.splice(0);
    throw new Error(`test printed to the console:\n${lines.join('\n')}`);
  }
});
