import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import type { CliIo } from './io.js';
import { targetDirectory } from './target.js';

// A complete, valid policy for a chat product with a free and a paid tier: every field the
// policy rules and the record of processing read is there, with values to replace.
const STARTER_POLICY = `# What this product does with user data, read by \`consentry check\` and \`consentry ropa\`.
# Replace the example values with yours; the schema documents every field.
version: 1

controller:
  name: Example Ltd
  email: privacy@example.com
  address: 1 Example Street, Example City, Country
  dpo:
    name: Data Protection Officer
    email: dpo@example.com

tiers:
  free:
    name: Free
    paid: false
  pro:
    name: Pro
    paid: true

subjects:
  users:
    name: Users
    description: People with an account who use the product.

categories:
  account-identity:
    name: Account identity
    description: Account id, name, email address and tier.
    retention: P2Y
  conversation-content:
    name: Conversation content
    description: What users write and what the product answers.
    retention: P1Y

purposes:
  service-delivery:
    name: Service delivery
    description: Provide the product and keep the user's history.
    kind: service
    legalBasis: contract
    categories: [account-identity, conversation-content]
    subjects: [users]
    recipients: []
    retention: P1Y
    securityMeasures:
      - Encryption in transit and at rest

  model-training:
    name: Model training
    description: Improve the model on past conversations.
    kind: fine-tuning
    legalBasis: legitimate-interests
    legitimateInterestAssessment: the reference of your legitimate interests assessment
    dpia:
      status: completed
      reference: the reference of your data protection impact assessment
    categories: [conversation-content]
    subjects: [users]
    recipients: []
    retention: P6M
    securityMeasures:
      - Account ids replaced by pseudonyms in training rows
    tiers:
      free:
        control: opt-out
        mechanism: in-app-toggle
        default: included
        freeOfCharge: true
        reasonsRequired: false
        notice:
          period: P30D
          channel: In-app banner and email
      pro:
        control: opt-out
        mechanism: in-app-toggle
        default: included
        freeOfCharge: true
        reasonsRequired: false
        notice:
          period: P30D
          channel: In-app banner and email
`;

/** `consentry init [dir]`: writes a starter consentry.yaml, never over an existing one without --force. */
export async function runInit(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false } },
  });
  const root = await targetDirectory(positionals, io);
  const file = join(root, 'consentry.yaml');
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (exists && !values.force) {
    throw new UsageError(
      `${positionals[0] ?? '.'}/consentry.yaml exists; pass --force to replace it`,
    );
  }
  await writeFile(file, STARTER_POLICY, 'utf8');
  io.stderr(
    'consentry: wrote consentry.yaml; describe your processing in it, then run `consentry check`\n',
  );
  return 0;
}
