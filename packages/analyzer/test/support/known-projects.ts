import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every project the tests know that has a policy: each code fixture, each small project written
 * to trip the stand-ins (`fixtures/stand-ins/`) and both examples. Tests that hold an
 * optimisation to the plain analysis run on all of them.
 */
export function knownProjects(): string[] {
  const withPolicy = (folder: string) => {
    const fixtures = fileURLToPath(new URL(`../fixtures/${folder}/`, import.meta.url));
    return readdirSync(fixtures)
      .filter((name) => existsSync(join(fixtures, name, 'consentry.yaml')))
      .map((name) => join(fixtures, name));
  };
  const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));
  return [
    ...withPolicy('code'),
    ...withPolicy('stand-ins'),
    join(examples, 'chat-assistant'),
    join(examples, 'fine-tune-pipeline'),
  ];
}
