import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every project the tests know that has a policy: each code fixture and both examples. Tests that
 * hold an optimisation to the plain analysis run on all of them.
 */
export function knownProjects(): string[] {
  const fixtures = fileURLToPath(new URL('../fixtures/code/', import.meta.url));
  const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));
  return [
    ...readdirSync(fixtures)
      .filter((name) => existsSync(join(fixtures, name, 'consentry.yaml')))
      .map((name) => join(fixtures, name)),
    join(examples, 'chat-assistant'),
    join(examples, 'fine-tune-pipeline'),
  ];
}
