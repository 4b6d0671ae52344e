import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTempProject, type TempProject } from './temp-project.js';

const SDK = fileURLToPath(new URL('../../../sdk', import.meta.url));

/** The line of `EXPORT_SOURCE` where the unguarded training sink is. */
export const SINK_LINE = 7;

/** A nightly export that queues every user's conversations for training without a check. */
export const EXPORT_SOURCE = `import type { User } from './domain.js';
import { trainingQueue } from './training-queue.js';

/** Queues a user's conversation for the next fine-tuning run. */
export async function exportConversation(user: User) {
  const row = { user: user.id, email: user.email };
  trainingQueue.enqueue(row);
}
`;

const FILES: Readonly<Record<string, string>> = {
  'package.json': '{ "name": "code-project", "private": true, "type": "module" }\n',
  'tsconfig.json': `${JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      customConditions: ['@consentry/source'],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
    },
    include: ['src'],
  })}\n`,
  'src/consent.ts': `import { type Consent, createConsent, createMarkers, createMemoryStore, type PolicyDefinition } from '@consentry/sdk';

declare const policy: PolicyDefinition;

export const consent: Consent<PolicyDefinition> = createConsent({ policy, store: createMemoryStore() });
export const { personal, processes } = createMarkers(policy);

/** Counts a message for product analytics once the user has not opted out of it. */
export async function countMessage(user: Parameters<typeof consent.require>[0]): Promise<void> {
  await consent.require(user, 'product-analytics');
}
`,
  'src/domain.ts': `import { personal } from './consent.js';

export class User {
  constructor(readonly id: string, email: string, readonly tier: 'free' | 'pro' | 'enterprise') {
    this.email = email;
  }
  @personal('account-identity') readonly email: string;
}
`,
  'src/training-queue.ts': `import { processes } from './consent.js';

export class TrainingQueue {
  readonly #rows: string[] = [];

  @processes('model-training')
  enqueue(row: object): void {
    this.#rows.push(JSON.stringify(row));
  }
}

export const trainingQueue = new TrainingQueue();
`,
  'src/export.ts': EXPORT_SOURCE,
};

/** A temporary TypeScript project, on the test policy, with one unguarded training sink. */
export function createCodeProject(): TempProject {
  const project = createTempProject(FILES);
  // Its training rows carry the account's email: the project's policy declares that for training.
  const policy = readFileSync(join(project.root, 'consentry.yaml'), 'utf8');
  const training =
    '    categories: [conversation-content, feedback]\n    subjects: [users]\n    recipients:';
  if (!policy.includes(training))
    throw new Error('the test policy changed: update createCodeProject');
  writeFileSync(
    join(project.root, 'consentry.yaml'),
    policy.replace(
      training,
      training.replace('[conversation-content', '[account-identity, conversation-content'),
    ),
  );
  mkdirSync(join(project.root, 'node_modules', '@consentry'), { recursive: true });
  symlinkSync(SDK, join(project.root, 'node_modules', '@consentry', 'sdk'), 'dir');
  return project;
}
