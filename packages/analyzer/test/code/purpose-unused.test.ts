import { loadPolicy } from '@consentry/policy';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeCode } from '../../src/analyze-code.js';
import { createTempProject, type TempProject } from '../support/temp-project.js';

const policy = `version: 1
controller:
  name: Parley Labs Ltd
  email: privacy@parley.example
tiers:
  free: { name: Free, paid: false }
  pro: { name: Pro, paid: true }
subjects:
  users: { name: Users }
categories:
  conversations: { name: Conversations, retention: P1Y }
purposes:
  service-delivery:
    description: Answer the user's prompts.
    kind: service
    legalBasis: contract
    categories: [conversations]
    subjects: [users]
  model-training:
    description: Fine-tune the assistant on past conversations.
    kind: fine-tuning
    legalBasis: legitimate-interests
    legitimateInterestAssessment: LIA-1
    dpia: { status: completed }
    categories: [conversations]
    subjects: [users]
    retention: P6M
    tiers:
      free: { control: opt-out, mechanism: in-app-toggle, default: included, freeOfCharge: true }
      pro: { control: opt-out, mechanism: in-app-toggle, default: included, freeOfCharge: true }
`;

const tsconfig = JSON.stringify({
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    types: [],
  },
  include: ['src'],
});

// A chat backend that answers prompts and trains nothing yet: no sink, marker or check anywhere.
const chatOnly = `/** One exchange with the assistant. */
export interface Message {
  readonly userId: string;
  readonly prompt: string;
}

/** Answers a prompt with a canned reply. */
export function reply(message: Message): string {
  return \`You said: \${message.prompt}\`;
}
`;

const projects: TempProject[] = [];
afterEach(() => {
  for (const project of projects.splice(0)) project.remove();
});

async function purposeUnused(files: Record<string, string>) {
  const project = createTempProject({
    'consentry.yaml': policy,
    'tsconfig.json': tsconfig,
    'package.json': '{ "name": "parley", "private": true, "type": "module" }',
    ...files,
  });
  projects.push(project);
  const analysis = await analyzeCode({
    root: project.root,
    policy: loadPolicy(`${project.root}/consentry.yaml`),
  });
  return analysis.findings.filter((finding) => finding.ruleId === 'purpose-unused');
}

describe('purpose-unused', { timeout: 60_000 }, () => {
  it('explains that it cannot decide when the code has no sink, marker or check at all', async () => {
    const findings = await purposeUnused({ 'src/chat.ts': chatOnly });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      purpose: 'model-training',
      file: 'consentry.yaml',
      line: 19,
      severity: 'note',
    });
    expect(findings[0]?.message).toContain(
      'Cannot tell whether purpose `model-training` is processed: the analysis found no sink, `@processes` marker or consent check anywhere in the code',
    );
    expect(findings[0]?.message).toContain('remove the purpose');
  });

  it('says nothing for a purpose the code checks', async () => {
    const findings = await purposeUnused({
      'src/chat.ts': chatOnly,
      // The SDK is not installed here: its markers are recognised by their import.
      'src/training.ts': `import { processes } from '@consentry/sdk';

/** Rows of the next fine-tuning file. */
export class TrainingFile {
  readonly rows: string[] = [];

  /** Adds a row: from here on the data trains models. */
  @processes('model-training')
  add(row: string): void {
    this.rows.push(row);
  }
}
`,
    });
    expect(findings).toEqual([]);
  });

  it('says nothing about a directory without code', async () => {
    expect(await purposeUnused({})).toEqual([]);
  });
});
