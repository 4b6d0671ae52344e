import { describe, expect, test } from 'vitest';
import { compileErrors } from './support/compile.js';

const policyHead = `
import { definePolicy } from '../src/index.js';

export const policy = definePolicy({
  version: 1,
  controller: { name: 'Parrot Labs' },
  tiers: { free: { name: 'Free' }, pro: { name: 'Pro', paid: true } },
  subjects: { users: { name: 'Users' } },
  categories: { conversations: { name: 'Conversations' } },
  purposes: {
    'model-training': {
      description: 'Train models.',
      kind: 'training',
      legalBasis: 'legitimate-interests',
      categories: ['conversations'],
      subjects: ['users'],
      tiers: {
        free: { control: 'opt-out', mechanism: 'in-app-toggle', default: 'included' },
`;
const policyTail = `      },
    },
  },
});
`;

// Each case builds a TypeScript program: slower than the default 5 s on a loaded machine.
describe('compile errors an app developer reads', { timeout: 60_000 }, () => {
  test('a guarantee under an undeclared tier names the tier and says what to do', () => {
    const errors = compileErrors({
      'policy-snippet.ts': `${policyHead}        premium: { control: 'opt-out', mechanism: 'in-app-toggle', default: 'included' },\n${policyTail}`,
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^test\/policy-snippet\.ts:19: /);
    expect(errors[0]).toContain(
      `Unknown tier \`premium\`: declare it under the policy's \`tiers\`, or use a declared tier id`,
    );
    expect(errors[0]).not.toContain("'never'");
  });

  test('the same policy with declared tiers only compiles', () => {
    const errors = compileErrors({
      'policy-snippet.ts': `${policyHead}        pro: { control: 'opt-out', mechanism: 'in-app-toggle', default: 'included' },\n${policyTail}`,
    });
    expect(errors).toEqual([]);
  });

  test('a registered policy types the exported decorators; without one they take any id', () => {
    const classes = `
import { personal, processes } from '../src/index.js';

export class Conversation {
  @personal('conversations') readonly text: string = '';

  @processes('model-training')
  async export(): Promise<void> {}
}
`;
    const typo = classes.replace("@processes('model-training')", "@processes('model-trainign')");
    const registration = `
import type { policy } from './policy-snippet.js';

declare module '../src/index.js' {
  interface Register {
    policy: typeof policy;
  }
}
`;
    const policyFile = `${policyHead}${policyTail}`;
    expect(
      compileErrors({
        'policy-snippet.ts': policyFile,
        'register.ts': registration,
        'a.ts': classes,
      }),
    ).toEqual([]);
    const errors = compileErrors({
      'policy-snippet.ts': policyFile,
      'register.ts': registration,
      'a.ts': typo,
    });
    expect(errors).toEqual([
      `test/a.ts:7: Argument of type '"model-trainign"' is not assignable to parameter of type '"model-training"'.`,
    ]);
    expect(compileErrors({ 'policy-snippet.ts': policyFile, 'a.ts': typo })).toEqual([]);
  });
});
