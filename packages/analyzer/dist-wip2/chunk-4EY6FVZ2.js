// src/init/source-mappings.ts
import { compareText, loadProjectPolicy, POLICY_FILE_NAMES, parsePolicy } from '@consentry/policy';
// src/default-policy.ts
import { statSync } from 'fs';
import { join } from 'path';
import { stringify } from 'yaml';
import { chatMessageSdks } from './chunk-DZXWLWQC.js';
import { DEFAULT_POLICY_NAME } from './chunk-K23UVRSF.js';
import { PERSONAL_KINDS } from './chunk-RLRRM5WI.js';

var KIND_ORDER = ['conversation-content', 'contact-details', 'names'];
function toSourceMappings(inference, options = {}) {
  const prefix = options.categoryPrefix ?? '';
  const mappings = [];
  for (const model of inference.models) {
    for (const field of model.fields) {
      mappings.push({
        source: {
          module: model.module,
          export: `${model.name}.${field.name}`,
          category: `${prefix}${field.kind}`,
        },
        inferred: true,
        kind: field.kind,
        evidence: field.evidence,
      });
    }
  }
  for (const route of inference.routes) {
    if (route.bodyExport === void 0 || (!route.chat && route.personalFields.length === 0)) {
      continue;
    }
    const kind =
      firstKind(route.personalFields.map((field) => field.kind)) ?? 'conversation-content';
    mappings.push({
      source: { ...route.bodyExport, category: `${prefix}${kind}` },
      inferred: true,
      kind,
      evidence: route.evidence,
    });
  }
  for (const sdk of inference.chatSdks) {
    for (const row of chatMessageSdks.filter((entry) => entry.module === sdk.module)) {
      for (const type of row.types) {
        mappings.push({
          source: {
            module: row.module,
            export: type.export,
            category: `${prefix}conversation-content`,
            optional: true,
          },
          inferred: true,
          kind: 'conversation-content',
          evidence: {
            ...sdk.evidence,
            reason: `${row.sdk} chat message type ${type.export}: its ${type.content.map((field) => `\`${field}\``).join(' and ')} ${type.content.length > 1 ? 'are' : 'is'} what was said`,
          },
        });
      }
    }
  }
  const seen = /* @__PURE__ */ new Set();
  return mappings
    .filter((mapping) => {
      const key = `${mapping.source.module}\0${mapping.source.export}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(
      (a, b) =>
        compareText(a.source.module, b.source.module) ||
        compareText(a.source.export, b.source.export),
    );
}
function orderKinds(kinds) {
  const present = new Set(kinds);
  return KIND_ORDER.filter((kind) => present.has(kind));
}
function firstKind(kinds) {
  return orderKinds(kinds)[0];
}

// src/default-policy.ts
var DEFAULT_PURPOSE = 'model-training';
var INFERRED_CATEGORY_PREFIX = 'inferred-';
var EVERY_USER_TIER = 'all';
function createDefaultPolicy(inference) {
  const sources = toSourceMappings(inference, { categoryPrefix: INFERRED_CATEGORY_PREFIX });
  const kinds = orderKinds([
    ...sources.map((mapping) => mapping.kind),
    ...inference.routes.flatMap((route) => route.personalFields.map((field) => field.kind)),
  ]);
  const categories = {};
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
  const tiers = {};
  const guarantees = {};
  for (const id of tierIds) {
    const inferred = inference.tiers.find((tier) => tier.id === id);
    tiers[id] = { name: inferred === void 0 ? 'All users' : displayName(inferred.value) };
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
async function loadDefaultPolicy(root) {
  const { inferProject } = await import('./inference-RHQPKNZV.js');
  const inference = await inferProject(root);
  const policy = createDefaultPolicy(inference);
  return {
    loaded: parsePolicy(stringify(policy), join(root, DEFAULT_POLICY_NAME)),
    inference,
    sources: toSourceMappings(inference, { categoryPrefix: INFERRED_CATEGORY_PREFIX }),
  };
}
var NAMED_SOURCES = 3;
function labelInferredSources(findings, sources) {
  const byCategory = /* @__PURE__ */ new Map();
  for (const mapping of sources) {
    const list = byCategory.get(mapping.source.category) ?? [];
    list.push(mapping);
    byCategory.set(mapping.source.category, list);
  }
  const label = (step) => {
    const match = /(?:holds|returns) personal data \(([a-z0-9-]+)\)/.exec(step.note);
    const category = match?.[1];
    if (category === void 0 || !category.startsWith(INFERRED_CATEGORY_PREFIX)) return step;
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
    finding.flow === void 0 ? finding : { ...finding, flow: finding.flow.map(label) },
  );
}
function displayName(value) {
  const words = value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
  const text = words.join(' ');
  return text === '' ? value : `${text[0].toUpperCase()}${text.slice(1)}`;
}
async function loadPolicyOrDefault(root, explicit) {
  const hasPolicyFile = POLICY_FILE_NAMES.some((name) => isFile(join(root, name)));
  if (explicit !== void 0 || hasPolicyFile) {
    return { loaded: loadProjectPolicy(root, explicit) };
  }
  const defaults = await loadDefaultPolicy(root);
  return { loaded: defaults.loaded, defaults };
}
function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export { displayName, labelInferredSources, loadPolicyOrDefault, orderKinds, toSourceMappings };
//# sourceMappingURL=chunk-4EY6FVZ2.js.map
