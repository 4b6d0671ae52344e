import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type LoadedPolicy,
  loadProjectPolicy,
  POLICY_FILE_NAMES,
  parsePolicy,
} from '@consentry/policy';
import type { ConsentryPolicy, Guarantee } from '@consentry/sdk';
import { stringify } from 'yaml';
import type { Finding, FlowStep } from './findings.js';
import { DEFAULT_POLICY_NAME } from './init/default-notice.js';
import type { Inference } from './init/inference.js';
import { PERSONAL_KINDS } from './init/personal-fields.js';
import {
  type InferredSourceMapping,
  orderKinds,
  toSourceMappings,
} from './init/source-mappings.js';

export { DEFAULT_POLICY_NAME, describeDefaultPolicy } from './init/default-notice.js';

/** The purpose the default policy declares. */
export const DEFAULT_PURPOSE = 'model-training';

/** Category ids of the default policy start with this, so every finding shows its source was inferred. */
export const INFERRED_CATEGORY_PREFIX = 'inferred-';

/** The tier of the default policy when the code names no plans. */
const EVERY_USER_TIER = 'all';

/**
 * The policy `check` runs on when a project has none: one training purpose on legitimate
 * interests with a free opt-out for every tier (the tiers the code names, else one tier for all
 * users), and the personal-data sources inferred from the code; the SDK's markers and the
 * built-in catalogue of training APIs apply as always.
 */
export function createDefaultPolicy(inference: Inference): ConsentryPolicy {
  const sources = toSourceMappings(inference, { categoryPrefix: INFERRED_CATEGORY_PREFIX });
  const kinds = orderKinds([
    ...sources.map((mapping) => mapping.kind),
    ...inference.routes.flatMap((route) => route.personalFields.map((field) => field.kind)),
  ]);
  const categories: ConsentryPolicy['categories'] = {};
  for (const kind of kinds) {
    categories[`${INFERRED_CATEGORY_PREFIX}${kind}`] = {
      name: `${PERSONAL_KINDS[kind].name} (inferred)`,
      description: `${PERSONAL_KINDS[kind].description} Inferred from field names in the code.`,
    };
  }
  if (kinds.length === 0) {
    categories[`${INFERRED_CATEGORY_PREFIX}personal-data`] = {
      name: 'Personal data (inferred)',
      description: 'Whatever personal data the code marks with the SDK; nothing was inferred.',
    };
  }

  const tierIds =
    inference.tiers.length > 0 ? inference.tiers.map((tier) => tier.id) : [EVERY_USER_TIER];
  const tiers: ConsentryPolicy['tiers'] = {};
  const guarantees: Record<string, Guarantee> = {};
  for (const id of tierIds) {
    const inferred = inference.tiers.find((tier) => tier.id === id);
    tiers[id] = { name: inferred === undefined ? 'All users' : displayName(inferred.value) };
    guarantees[id] = {
      control: 'opt-out',
      mechanism: 'settings-page',
      default: 'included',
      freeOfCharge: true,
      reasonsRequired: false,
    };
  }

  return {
    version: 1,
    controller: { name: 'The controller (no policy file; Consentry default policy)' },
    tiers,
    subjects: { users: { name: 'Users' } },
    categories,
    purposes: {
      [DEFAULT_PURPOSE]: {
        name: 'Model training',
        description:
          'Training or fine-tuning models on user data, assumed by the default policy: allowed on legitimate interests until the user objects, with a free opt-out on every tier.',
        kind: 'training',
        legalBasis: 'legitimate-interests',
        categories: Object.keys(categories),
        subjects: ['users'],
        tiers: guarantees,
      },
    },
    ...(sources.length === 0
      ? {}
      : { code: { sources: sources.map((mapping) => mapping.source) } }),
  };
}

/** The default policy of a project, loaded as if from a file, with what it was inferred from. */
export interface DefaultPolicy {
  /** The policy, named `DEFAULT_POLICY_NAME` in the project root (relative mappings resolve there). */
  readonly loaded: LoadedPolicy;
  readonly inference: Inference;
  /** The policy's `code.sources`, each with its evidence and the `inferred` label. */
  readonly sources: readonly InferredSourceMapping[];
}

/** Infers a project's sources and loads its default policy, for `check` on a project without a policy file. */
export async function loadDefaultPolicy(root: string): Promise<DefaultPolicy> {
  // Loaded only without a policy file: inferring scans the code with the TypeScript compiler.
  const { inferProject } = await import('./init/inference.js');
  const inference = await inferProject(root);
  const policy = createDefaultPolicy(inference);
  return {
    loaded: parsePolicy(stringify(policy), join(root, DEFAULT_POLICY_NAME)),
    inference,
    sources: toSourceMappings(inference, { categoryPrefix: INFERRED_CATEGORY_PREFIX }),
  };
}

/** At most this many inferred sources are named in one flow step. */
const NAMED_SOURCES = 3;

/**
 * Labels the flow steps of findings where inferred personal data enters: the step's note names
 * the inferred sources of its category and where each was inferred from, so a reader can tell
 * them from declared ones.
 */
export function labelInferredSources(
  findings: readonly Finding[],
  sources: readonly InferredSourceMapping[],
): Finding[] {
  const byCategory = new Map<string, InferredSourceMapping[]>();
  for (const mapping of sources) {
    const list = byCategory.get(mapping.source.category) ?? [];
    list.push(mapping);
    byCategory.set(mapping.source.category, list);
  }
  const label = (step: FlowStep): FlowStep => {
    const match = /(?:holds|returns) personal data \(([a-z0-9-]+)\)/.exec(step.note);
    const category = match?.[1];
    if (category === undefined || !category.startsWith(INFERRED_CATEGORY_PREFIX)) return step;
    const inferred = byCategory.get(category) ?? [];
    const named = inferred
      .slice(0, NAMED_SOURCES)
      .map(
        (mapping) => `${mapping.source.export} (${mapping.evidence.file}:${mapping.evidence.line})`,
      );
    const more = inferred.length - named.length;
    const list = named.length === 0 ? 'a field name' : named.join(', ');
    return {
      ...step,
      note: `${step.note}; inferred source, not declared in a policy: ${list}${more > 0 ? ` and ${more} more` : ''}`,
    };
  };
  return findings.map((finding) =>
    finding.flow === undefined ? finding : { ...finding, flow: finding.flow.map(label) },
  );
}

/** `free` → `Free`, `TEAM_PLUS` → `Team plus`. */
export function displayName(value: string): string {
  const words = value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
  const text = words.join(' ');
  return text === '' ? value : `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

/** A project's policy: the file given or found in `root`, else the default policy with what it was inferred from. */
export async function loadPolicyOrDefault(
  root: string,
  explicit?: string,
): Promise<{ readonly loaded: LoadedPolicy; readonly defaults?: DefaultPolicy }> {
  const hasPolicyFile = POLICY_FILE_NAMES.some((name) => isFile(join(root, name)));
  if (explicit !== undefined || hasPolicyFile) {
    return { loaded: loadProjectPolicy(root, explicit) };
  }
  const defaults = await loadDefaultPolicy(root);
  return { loaded: defaults.loaded, defaults };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
