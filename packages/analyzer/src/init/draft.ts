import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { ConsentryPolicy, Guarantee } from '@consentry/sdk';
import { Document, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { trainingApis } from '../catalogue/training-apis.js';
import { displayName } from '../default-policy.js';
import { INFORMATION_URI } from '../version.js';
import {
  type Evidence,
  type Inference,
  type InferredCall,
  type InferredRoute,
  inferProject,
} from './inference.js';
import { PERSONAL_KINDS, type PersonalKind } from './personal-fields.js';
import { type InferredSourceMapping, orderKinds, toSourceMappings } from './source-mappings.js';
import { VENDOR_SDKS } from './vendors.js';

/**
 * The `$schema` a written policy starts with when no installed `@consentry/policy` is found above
 * the project: the schema the package ships, where `npm install` puts it, so editors complete and
 * check the file offline.
 */
export const POLICY_SCHEMA_PATH = './node_modules/@consentry/policy/policy.schema.json';

/** The legal bases `init` offers for training. */
export type TrainingLegalBasis = 'legitimate-interests' | 'consent';

/** A tier of the draft. */
export interface DraftTier {
  readonly id: string;
  readonly name: string;
  /** Whether users pay for it: from billing code, `false` for a plan called free, else unknown. */
  readonly paid?: boolean;
  /** Where billing code says whether users pay for it. */
  readonly paidEvidence?: Evidence;
  /** Whether users on this tier may opt out of (or, under consent, opt in to) training. */
  readonly optOut: boolean;
  /** Where the plan name was found; absent for the one tier of a project that names no plans. */
  readonly evidence?: Evidence;
}

/** A category of personal data of the draft, with the fields it was inferred from. */
export interface DraftCategory {
  readonly id: PersonalKind;
  readonly name: string;
  readonly description: string;
  readonly evidence: readonly Evidence[];
}

/** A vendor that receives data for a purpose, because the code calls its API. */
export interface DraftRecipient {
  readonly vendor: string;
  readonly package: string;
  readonly evidence: Evidence;
}

/** What `init` plans to write, before it is rendered as YAML; answers change it through `applyAnswers`. */
export interface DraftPolicy {
  readonly controller: {
    readonly name: string;
    readonly email?: string;
    /** Where the name was guessed from. */
    readonly evidence?: Evidence;
  };
  readonly tiers: readonly DraftTier[];
  readonly categories: readonly DraftCategory[];
  readonly training: {
    readonly kind: 'training' | 'fine-tuning';
    readonly legalBasis: TrainingLegalBasis;
    readonly calls: readonly InferredCall[];
    readonly recipients: readonly DraftRecipient[];
  };
  readonly service: {
    readonly calls: readonly InferredCall[];
    readonly routes: readonly InferredRoute[];
    readonly recipients: readonly DraftRecipient[];
  };
  readonly sources: readonly InferredSourceMapping[];
  readonly inference: Inference;
  /** The `$schema` of the written policy: a path relative to the project. */
  readonly schema: string;
}

/** The purpose ids the draft declares. */
export const DRAFT_PURPOSES = { service: 'service-delivery', training: 'model-training' } as const;

/** The one tier of a project whose code names no plans. */
const EVERY_USER_TIER = 'all';

/** Reads a project (statically) and plans the draft policy `init` writes for it. */
export async function planInit(root: string): Promise<DraftPolicy> {
  const inference = await inferProject(root);
  const manifest = await readFile(join(root, 'package.json'), 'utf8').catch(() => undefined);
  return createDraft(inference, packageName(manifest), installedSchemaPath(root));
}

/**
 * The policy schema of the `@consentry/policy` installed nearest above the project (a workspace
 * may hoist it to its root), relative to the project; the usual install path when there is none.
 */
export function installedSchemaPath(root: string): string {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', '@consentry', 'policy', 'policy.schema.json');
    if (existsSync(file)) {
      const path = relative(resolve(root), file).replaceAll('\\', '/');
      return path.startsWith('.') ? path : `./${path}`;
    }
    if (dirname(dir) === dir) return POLICY_SCHEMA_PATH;
  }
}

/** Plans the draft from an inference, the project's package name if it has one, and the `$schema` to write. */
export function createDraft(
  inference: Inference,
  projectName?: string,
  schema: string = POLICY_SCHEMA_PATH,
): DraftPolicy {
  const sources = toSourceMappings(inference);
  const kindEvidence = new Map<PersonalKind, Evidence[]>();
  const note = (kind: PersonalKind, evidence: Evidence) => {
    const list = kindEvidence.get(kind) ?? [];
    list.push(evidence);
    kindEvidence.set(kind, list);
  };
  for (const model of inference.models) {
    for (const field of model.fields) note(field.kind, field.evidence);
  }
  for (const route of inference.routes) {
    for (const field of route.personalFields) note(field.kind, field.evidence);
  }
  const kinds = orderKinds(kindEvidence.keys());
  const categories: DraftCategory[] = (
    kinds.length > 0 ? kinds : (['conversation-content'] as const)
  ).map((kind) => ({
    id: kind,
    name: PERSONAL_KINDS[kind].name,
    description: PERSONAL_KINDS[kind].description,
    evidence: kindEvidence.get(kind) ?? [],
  }));

  const tiers: DraftTier[] =
    inference.tiers.length > 0
      ? inference.tiers.map((tier) => ({
          id: tier.id,
          name: displayName(tier.value),
          ...(tier.paid !== undefined
            ? { paid: tier.paid.value, paidEvidence: tier.paid.evidence }
            : tier.id === 'free'
              ? { paid: false }
              : {}),
          optOut: true,
          evidence: tier.evidence,
        }))
      : [{ id: EVERY_USER_TIER, name: 'All users', paid: false, optOut: true }];

  const trainingCalls = inference.calls.filter((call) => call.kind === 'training');
  const serviceCalls = inference.calls.filter((call) => call.kind === 'inference');
  const fineTuning = trainingCalls.some(
    (call) =>
      trainingApis.find((entry) => entry.id === call.catalogueId)?.purposeKind === 'fine-tuning',
  );
  return {
    controller:
      projectName === undefined
        ? { name: 'The company that runs this product' }
        : {
            name: projectName,
            evidence: { file: 'package.json', line: 1, reason: 'the package name' },
          },
    tiers,
    categories,
    training: {
      kind: fineTuning ? 'fine-tuning' : 'training',
      legalBasis: 'legitimate-interests',
      calls: trainingCalls,
      recipients: recipientsOf(trainingCalls),
    },
    service: {
      calls: serviceCalls,
      routes: inference.routes.filter((route) => route.chat),
      recipients: recipientsOf(serviceCalls),
    },
    sources,
    inference,
    schema,
  };
}

function recipientsOf(calls: readonly InferredCall[]): DraftRecipient[] {
  const recipients = new Map<string, DraftRecipient>();
  for (const call of calls) {
    if (recipients.has(call.package)) continue;
    const vendor = VENDOR_SDKS.find((sdk) => sdk.package === call.package)?.vendor ?? call.package;
    recipients.set(call.package, { vendor, package: call.package, evidence: call.evidence });
  }
  return [...recipients.values()];
}

function packageName(manifest: string | undefined): string | undefined {
  if (manifest === undefined) return undefined;
  try {
    const name = (JSON.parse(manifest) as { name?: unknown }).name;
    return typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** The policy value of a draft (what `renderDraftPolicy` writes, without its comments). */
export function toPolicyValue(draft: DraftPolicy): ConsentryPolicy & { $schema: string } {
  const categoryIds = draft.categories.map((category) => category.id);
  const consent = draft.training.legalBasis === 'consent';
  const guarantees: Record<string, Guarantee> = {};
  for (const tier of draft.tiers) {
    guarantees[tier.id] = consent
      ? { control: 'opt-in', mechanism: 'settings-page', default: 'opted-out', freeOfCharge: true }
      : tier.optOut
        ? {
            control: 'opt-out',
            mechanism: 'settings-page',
            default: 'included',
            freeOfCharge: true,
            reasonsRequired: false,
          }
        : { control: 'none', mechanism: 'none', default: 'included' };
  }
  const recipients = (list: readonly DraftRecipient[]) =>
    list.map((recipient) => ({ name: recipient.vendor, role: 'processor' as const }));
  const trainingCategories = categoryIds.includes('conversation-content')
    ? ['conversation-content']
    : categoryIds;

  return {
    $schema: draft.schema,
    version: 1,
    controller: {
      name: draft.controller.name,
      ...(draft.controller.email === undefined ? {} : { email: draft.controller.email }),
    },
    tiers: Object.fromEntries(
      draft.tiers.map((tier) => [
        tier.id,
        { name: tier.name, ...(tier.paid === undefined ? {} : { paid: tier.paid }) },
      ]),
    ),
    subjects: { users: { name: 'Users', description: 'People who use the product.' } },
    categories: Object.fromEntries(
      draft.categories.map((category) => [
        category.id,
        { name: category.name, description: category.description },
      ]),
    ),
    purposes: {
      [DRAFT_PURPOSES.service]: {
        name: 'Service delivery',
        description: 'Answer users and keep their data so the product works.',
        kind: 'service',
        legalBasis: 'contract',
        categories: categoryIds,
        subjects: ['users'],
        ...(draft.service.recipients.length === 0
          ? {}
          : { recipients: recipients(draft.service.recipients) }),
      },
      [DRAFT_PURPOSES.training]: {
        name: 'Model training',
        description:
          draft.training.kind === 'fine-tuning'
            ? 'Fine-tune models on conversations users had with the product.'
            : 'Train models on conversations users had with the product.',
        kind: draft.training.kind,
        legalBasis: draft.training.legalBasis,
        categories: trainingCategories,
        subjects: ['users'],
        ...(draft.training.recipients.length === 0
          ? {}
          : { recipients: recipients(draft.training.recipients) }),
        tiers: guarantees,
      },
    },
    ...(draft.sources.length === 0
      ? {}
      : { code: { sources: draft.sources.map((mapping) => mapping.source) } }),
  };
}

const HEADER = [
  ' Draft Consentry policy, written by `consentry init` from what it found in the code.',
  ' Each guess has a comment saying what it was based on (file:line). Check every one, fill in',
  ' what code cannot tell (retention, assessments, contacts), then run `consentry check`.',
  ` What each field means: ${INFORMATION_URI}/blob/main/docs/concepts/purposes-and-tiers.md`,
].join('\n');

/** Renders a draft as the YAML `init` writes: a `$schema` line first, then the policy with a comment at each guess. */
export function renderDraftPolicy(draft: DraftPolicy): string {
  const doc = new Document(toPolicyValue(draft));
  const comment = (path: readonly (string | number)[], text: string, after = false) => {
    const parentPath = path.slice(0, -1);
    const last = path[path.length - 1]!;
    const parent: unknown = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
    if (isMap(parent)) {
      const pair = parent.items.find(
        (item) => isPair(item) && isScalar(item.key) && item.key.value === last,
      );
      const target: Node | undefined = after
        ? (pair?.value as Node | undefined)
        : isScalar(pair?.key)
          ? pair.key
          : undefined;
      if (target === undefined) return;
      if (after) target.comment = text;
      else target.commentBefore = target.commentBefore ? `${target.commentBefore}\n${text}` : text;
    } else if (isSeq(parent) && typeof last === 'number') {
      const item = parent.items[last] as Node | undefined;
      if (item) item.commentBefore = item.commentBefore ? `${item.commentBefore}\n${text}` : text;
    }
  };
  const at = (evidence: Evidence) => ` ${evidence.file}:${evidence.line}: ${evidence.reason}`;

  comment(['version'], HEADER);
  comment(
    ['controller', 'name'],
    draft.controller.evidence === undefined
      ? ' The legal name of the company responsible for the data (GDPR Art. 30(1)(a)).'
      : ` Guessed from${at(draft.controller.evidence)}; write the legal name of the company.`,
  );
  comment(
    ['tiers'],
    draft.tiers.some((tier) => tier.evidence !== undefined)
      ? ' Plans found in the billing and plan code. paid is set where the code shows a price (or for a plan called free); add paid: true to each other plan users pay for.'
      : ' The code names no plans (no plan or tier type, enum, field, entitlement map or Stripe price): one tier for everyone.',
  );
  for (const tier of draft.tiers) {
    if (tier.evidence) {
      const paid =
        tier.paidEvidence === undefined
          ? ''
          : `\n ${tier.paid ? 'Paid' : 'Free'}:${at(tier.paidEvidence)}`;
      comment(['tiers', tier.id], ` Found at${at(tier.evidence)}${paid}`);
    }
  }
  comment(
    ['subjects'],
    ' Whose data it is; add staff, contacts or others if the code handles theirs.',
  );
  for (const category of draft.categories) {
    const lines =
      category.evidence.length === 0
        ? [' No field name suggested this category; it is the usual one for a chat product.']
        : [
            ' Field names that suggest this category:',
            ...category.evidence.map((evidence) => ` -${at(evidence)}`),
          ];
    comment(['categories', category.id], lines.join('\n'));
  }

  const service = [
    ...draft.service.routes.map((route) => ` -${at(route.evidence)}`),
    ...draft.service.calls.map((call) => ` -${at(call.evidence)}`),
  ];
  comment(
    ['purposes', DRAFT_PURPOSES.service],
    service.length === 0
      ? ' Running the product for its users; no chat route or model call was found.'
      : [' Running the product for its users, based on:', ...service].join('\n'),
  );
  const training = draft.training.calls.map((call) => ` -${at(call.evidence)}`);
  comment(
    ['purposes', DRAFT_PURPOSES.training],
    training.length === 0
      ? ' No training API call was found in the code. Keep this purpose if user data is used to train\n models anywhere, or delete it.'
      : [' Training calls found in the code:', ...training].join('\n'),
  );
  comment(
    ['purposes', DRAFT_PURPOSES.training, 'legalBasis'],
    draft.training.legalBasis === 'legitimate-interests'
      ? ' Allowed until a user objects (GDPR Art. 6(1)(f), Art. 21); add legitimateInterestAssessment.'
      : ' Denied until a user opts in (GDPR Art. 6(1)(a)).',
  );
  for (const tier of draft.tiers) {
    if (!tier.optOut && draft.training.legalBasis === 'legitimate-interests') {
      comment(
        ['purposes', DRAFT_PURPOSES.training, 'tiers', tier.id],
        ' No opt-out for this tier: `consentry check` reports it (training-opt-out-missing).',
      );
    }
  }
  const importsOf = (pkg: string) => {
    const imports = draft.inference.vendors.find((vendor) => vendor.package === pkg)?.imports ?? [];
    const places = imports.slice(0, 3).map((evidence) => `${evidence.file}:${evidence.line}`);
    const more = imports.length - places.length;
    return `${places.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  };
  for (const [purpose, recipients] of [
    [DRAFT_PURPOSES.service, draft.service.recipients],
    [DRAFT_PURPOSES.training, draft.training.recipients],
  ] as const) {
    recipients.forEach((recipient, index) => {
      comment(
        ['purposes', purpose, 'recipients', index],
        ` ${recipient.package} is imported at ${importsOf(recipient.package)}; called at${at(recipient.evidence)}`,
      );
    });
  }
  draft.sources.forEach((mapping, index) => {
    comment(['code', 'sources', index], ` Inferred from${at(mapping.evidence)}`);
  });
  if (draft.sources.length > 0) {
    comment(
      ['code'],
      " Where personal data enters the code. You can also mark fields with the SDK's @personal().",
    );
  }
  const called = new Set(draft.inference.calls.map((call) => call.package));
  const uncalled = draft.inference.vendors.filter((vendor) => !called.has(vendor.package));
  const trailer: string[] = [];
  if (uncalled.length > 0) {
    trailer.push(
      ' AI vendor SDKs imported with no call Consentry recognises; add each vendor as a recipient of',
      ' the purposes that send it data:',
      ...uncalled.map(
        (vendor) => ` - ${vendor.package} (${vendor.vendor}) at ${importsOf(vendor.package)}`,
      ),
    );
  }
  const routesWithoutMapping = draft.inference.routes.filter(
    (route) => route.chat && route.bodyExport === undefined,
  );
  if (routesWithoutMapping.length > 0) {
    trailer.push(
      ' Request bodies of these chat routes hold personal data, but a policy cannot name them as a',
      ' source; mark the values with the SDK (personal) where the handler reads them:',
      ...routesWithoutMapping.map((route) => ` -${at(route.evidence)}`),
    );
  }
  if (trailer.length > 0) doc.comment = trailer.join('\n');
  return doc.toString({ lineWidth: 0 });
}
