import { displayName, orderKinds, toSourceMappings } from './chunk-4EY6FVZ2.js';
import { inferProject, VENDOR_SDKS } from './chunk-CZXRO47M.js';
import { parseCommandArgs, targetDirectory } from './chunk-QQ6D2AAV.js';
import { PERSONAL_KINDS } from './chunk-RLRRM5WI.js';
import './chunk-K23UVRSF.js';
import './chunk-Z4AZA2Z5.js';
import './chunk-IPARGZ6Q.js';
import { INFORMATION_URI } from './chunk-XG7IDEMH.js';
import './chunk-LLBBEWGM.js';
import { trainingApis } from './chunk-DZXWLWQC.js';
import { UsageError } from './chunk-F76QMANB.js';
import './chunk-ENMR6OK3.js';

// src/cli/init.ts
import { relative as relative2 } from 'path';

// src/init/questions.ts
var EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
var LEGAL_BASES = ['legitimate-interests', 'consent'];
var initQuestions = [
  {
    id: 'controller-name',
    text: 'Legal name of the controller (the company responsible for the data)',
    defaultAnswer: (draft) => draft.controller.name,
    check: (answer) => (answer.trim() === '' ? 'the name cannot be empty' : void 0),
  },
  {
    id: 'controller-email',
    text: 'Privacy contact email (empty to fill in later)',
    defaultAnswer: (draft) => draft.controller.email ?? '',
    check: (answer) =>
      answer.trim() === '' || EMAIL.test(answer.trim())
        ? void 0
        : 'expected an email address such as privacy@example.com',
  },
  {
    id: 'training-legal-basis',
    text: 'Legal basis for training on user data: legitimate-interests (users can opt out) or consent (users opt in)',
    defaultAnswer: (draft) => draft.training.legalBasis,
    check: (answer) =>
      LEGAL_BASES.includes(answer.trim()) ? void 0 : `expected one of ${LEGAL_BASES.join(', ')}`,
  },
  {
    id: 'opt-out-tiers',
    text: 'Tiers whose users may opt out of training, free of charge (comma-separated ids, all or none)',
    defaultAnswer: (draft) => describeTiers(draft),
    check: (answer, draft) => {
      const unknown = parseTierList(answer, draft).unknown;
      return unknown.length === 0
        ? void 0
        : `unknown tier ${unknown.join(', ')}; the tiers are ${draft.tiers.map((tier) => tier.id).join(', ')}`;
    },
    // Under consent every tier opts in; there is nothing to opt out of.
    when: (answers) => (answers['training-legal-basis'] ?? '').trim() !== 'consent',
  },
];
function applyAnswers(draft, answers) {
  const value = (id) => {
    const answer = answers[id]?.trim();
    return answer === void 0 || answer === '' ? void 0 : answer;
  };
  const name = value('controller-name');
  const email = value('controller-email');
  const basis = value('training-legal-basis');
  const tiers = value('opt-out-tiers');
  const optOut = tiers === void 0 ? void 0 : new Set(parseTierList(tiers, draft).ids);
  const { evidence, ...controller } = draft.controller;
  return {
    ...draft,
    controller:
      name === void 0 || name === draft.controller.name
        ? { ...draft.controller, ...(email === void 0 ? {} : { email }) }
        : { ...controller, name, ...(email === void 0 ? {} : { email }) },
    training:
      basis === void 0 || !LEGAL_BASES.includes(basis)
        ? draft.training
        : { ...draft.training, legalBasis: basis },
    tiers:
      optOut === void 0
        ? draft.tiers
        : draft.tiers.map((tier) => ({ ...tier, optOut: optOut.has(tier.id) })),
  };
}
async function askQuestions(draft, prompt) {
  const answers = {};
  for (const question of initQuestions) {
    if (question.when !== void 0 && !question.when(answers)) continue;
    const fallback = question.defaultAnswer(draft);
    let problem;
    for (let attempt = 0; ; attempt++) {
      const lead =
        problem === void 0
          ? ''
          : `  ${problem}
`;
      const reply = (await prompt(`${lead}${question.text} [${fallback}]: `)).trim();
      const answer = reply === '' ? fallback : reply;
      problem = question.check(answer, draft);
      if (problem === void 0) {
        answers[question.id] = answer;
        break;
      }
      if (attempt === 2) throw new InitAnswerError(question.id, problem);
    }
  }
  return answers;
}
var InitAnswerError = class extends Error {
  constructor(question, problem) {
    super(`no valid answer to "${question}": ${problem}`);
    this.question = question;
  }
  name = 'InitAnswerError';
};
function describeTiers(draft) {
  const optOut = draft.tiers.filter((tier) => tier.optOut);
  if (optOut.length === draft.tiers.length) return 'all';
  if (optOut.length === 0) return 'none';
  return optOut.map((tier) => tier.id).join(',');
}
function parseTierList(answer, draft) {
  const text = answer.trim().toLowerCase();
  const known = draft.tiers.map((tier) => tier.id);
  if (text === 'all' || text === '') return { ids: known, unknown: [] };
  if (text === 'none') return { ids: [], unknown: [] };
  const listed = text
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return {
    ids: listed.filter((id) => known.includes(id)),
    unknown: listed.filter((id) => !known.includes(id)),
  };
}

import { POLICY_FILE_NAMES, parsePolicy } from '@consentry/policy';
// src/init/draft.ts
import { existsSync } from 'fs';
// src/init/run-init.ts
import { readFile, stat } from 'fs/promises';
import { dirname, join, join as join3, relative, resolve } from 'path';
import { Document, isMap, isPair, isScalar, isSeq } from 'yaml';

var POLICY_SCHEMA_PATH = './node_modules/@consentry/policy/policy.schema.json';
var DRAFT_PURPOSES = { service: 'service-delivery', training: 'model-training' };
var EVERY_USER_TIER = 'all';
async function planInit(root) {
  const inference = await inferProject(root);
  const manifest = await readFile(join(root, 'package.json'), 'utf8').catch(() => void 0);
  return createDraft(inference, packageName(manifest), installedSchemaPath(root));
}
function installedSchemaPath(root) {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', '@consentry', 'policy', 'policy.schema.json');
    if (existsSync(file)) {
      const path = relative(resolve(root), file).replaceAll('\\', '/');
      return path.startsWith('.') ? path : `./${path}`;
    }
    if (dirname(dir) === dir) return POLICY_SCHEMA_PATH;
  }
}
function createDraft(inference, projectName, schema = POLICY_SCHEMA_PATH) {
  const sources = toSourceMappings(inference);
  const kindEvidence = /* @__PURE__ */ new Map();
  const note = (kind, evidence) => {
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
  const categories = (kinds.length > 0 ? kinds : ['conversation-content']).map((kind) => ({
    id: kind,
    name: PERSONAL_KINDS[kind].name,
    description: PERSONAL_KINDS[kind].description,
    evidence: kindEvidence.get(kind) ?? [],
  }));
  const tiers =
    inference.tiers.length > 0
      ? inference.tiers.map((tier) => ({
          id: tier.id,
          name: displayName(tier.value),
          ...(tier.paid !== void 0
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
      projectName === void 0
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
function recipientsOf(calls) {
  const recipients = /* @__PURE__ */ new Map();
  for (const call of calls) {
    if (recipients.has(call.package)) continue;
    const vendor = VENDOR_SDKS.find((sdk) => sdk.package === call.package)?.vendor ?? call.package;
    recipients.set(call.package, { vendor, package: call.package, evidence: call.evidence });
  }
  return [...recipients.values()];
}
function packageName(manifest) {
  if (manifest === void 0) return void 0;
  try {
    const name = JSON.parse(manifest).name;
    return typeof name === 'string' && name.trim() !== '' ? name.trim() : void 0;
  } catch {
    return void 0;
  }
}
function toPolicyValue(draft) {
  const categoryIds = draft.categories.map((category) => category.id);
  const consent = draft.training.legalBasis === 'consent';
  const guarantees = {};
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
  const recipients = (list) =>
    list.map((recipient) => ({ name: recipient.vendor, role: 'processor' }));
  const trainingCategories = categoryIds.includes('conversation-content')
    ? ['conversation-content']
    : categoryIds;
  return {
    $schema: draft.schema,
    version: 1,
    controller: {
      name: draft.controller.name,
      ...(draft.controller.email === void 0 ? {} : { email: draft.controller.email }),
    },
    tiers: Object.fromEntries(
      draft.tiers.map((tier) => [
        tier.id,
        { name: tier.name, ...(tier.paid === void 0 ? {} : { paid: tier.paid }) },
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
var HEADER = [
  ' Draft Consentry policy, written by `consentry init` from what it found in the code.',
  ' Each guess has a comment saying what it was based on (file:line). Check every one, fill in',
  ' what code cannot tell (retention, assessments, contacts), then run `consentry check`.',
  ` What each field means: ${INFORMATION_URI}/blob/main/docs/concepts/purposes-and-tiers.md`,
].join('\n');
function renderDraftPolicy(draft) {
  const doc = new Document(toPolicyValue(draft));
  const comment = (path, text, after = false) => {
    const parentPath = path.slice(0, -1);
    const last = path[path.length - 1];
    const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
    if (isMap(parent)) {
      const pair = parent.items.find(
        (item) => isPair(item) && isScalar(item.key) && item.key.value === last,
      );
      const target = after ? pair?.value : isScalar(pair?.key) ? pair.key : void 0;
      if (target === void 0) return;
      if (after) target.comment = text;
      else
        target.commentBefore = target.commentBefore
          ? `${target.commentBefore}
${text}`
          : text;
    } else if (isSeq(parent) && typeof last === 'number') {
      const item = parent.items[last];
      if (item)
        item.commentBefore = item.commentBefore
          ? `${item.commentBefore}
${text}`
          : text;
    }
  };
  const at = (evidence) => ` ${evidence.file}:${evidence.line}: ${evidence.reason}`;
  comment(['version'], HEADER);
  comment(
    ['controller', 'name'],
    draft.controller.evidence === void 0
      ? ' The legal name of the company responsible for the data (GDPR Art. 30(1)(a)).'
      : ` Guessed from${at(draft.controller.evidence)}; write the legal name of the company.`,
  );
  comment(
    ['tiers'],
    draft.tiers.some((tier) => tier.evidence !== void 0)
      ? ' Plans found in the billing and plan code. paid is set where the code shows a price (or for a plan called free); add paid: true to each other plan users pay for.'
      : ' The code names no plans (no plan or tier type, enum, field, entitlement map or Stripe price): one tier for everyone.',
  );
  for (const tier of draft.tiers) {
    if (tier.evidence) {
      const paid =
        tier.paidEvidence === void 0
          ? ''
          : `
 ${tier.paid ? 'Paid' : 'Free'}:${at(tier.paidEvidence)}`;
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
  const importsOf = (pkg) => {
    const imports = draft.inference.vendors.find((vendor) => vendor.package === pkg)?.imports ?? [];
    const places = imports.slice(0, 3).map((evidence) => `${evidence.file}:${evidence.line}`);
    const more = imports.length - places.length;
    return `${places.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  };
  for (const [purpose, recipients] of [
    [DRAFT_PURPOSES.service, draft.service.recipients],
    [DRAFT_PURPOSES.training, draft.training.recipients],
  ]) {
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
  const trailer = [];
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
    (route) => route.chat && route.bodyExport === void 0,
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

// src/init/write-policy.ts
import { randomBytes } from 'crypto';
import { link, rename, rm, writeFile } from 'fs/promises';
import { basename, dirname as dirname2, join as join2 } from 'path';

var PolicyFileExistsError = class extends Error {
  constructor(file) {
    super(`${file} already exists`);
    this.file = file;
  }
  name = 'PolicyFileExistsError';
};
async function writePolicyFile(path, text, options) {
  const temporary = join2(
    dirname2(path),
    `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    if (options.replace) {
      await rename(temporary, path);
      return;
    }
    try {
      await link(temporary, path);
    } catch (error) {
      if (error.code === 'EEXIST') throw new PolicyFileExistsError(path);
      throw error;
    }
  } finally {
    await rm(temporary, { force: true });
  }
}

// src/init/run-init.ts
var INIT_POLICY_FILE = 'consentry.yaml';
async function runInit(options) {
  const info = await stat(options.dir).catch(() => void 0);
  if (!info?.isDirectory()) throw new UsageError(`${options.dir}: no such directory`);
  const file = join3(options.dir, INIT_POLICY_FILE);
  const existing = [];
  for (const name of POLICY_FILE_NAMES) {
    if ((await stat(join3(options.dir, name)).catch(() => void 0))?.isFile()) existing.push(name);
  }
  if (existing.length > 0 && !options.force) {
    throw new UsageError(
      `${existing.join(' and ')} already ${existing.length === 1 ? 'exists' : 'exist'}; pass --force to replace ${INIT_POLICY_FILE} with a new draft`,
    );
  }
  const planned = await planInit(options.dir);
  const answers =
    options.prompt === void 0 || options.yes ? {} : await askQuestions(planned, options.prompt);
  const draft = applyAnswers(planned, answers);
  const text = renderDraftPolicy(draft);
  parsePolicy(text, file);
  const write = options.write ?? writePolicyFile;
  try {
    await write(file, text, { replace: options.force === true });
  } catch (error) {
    if (error instanceof PolicyFileExistsError) {
      throw new UsageError(`${INIT_POLICY_FILE} already exists; pass --force to replace it`);
    }
    throw error;
  }
  return { file, text, draft, answers, summary: summarize(draft, existing) };
}
function summarize(draft, replaced) {
  const value = toPolicyValue(draft);
  const count = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const trainingCalls = draft.training.calls.length;
  const lines = [
    `Wrote ${INIT_POLICY_FILE}: ${count(Object.keys(value.tiers).length, 'tier')}, ${count(Object.keys(value.categories).length, 'category', 'categories')}, ${count(draft.sources.length, 'personal-data source')}, ${count(trainingCalls, 'training call')} found in the code.`,
    'Each guess has a comment saying what it was based on; review them, then run `consentry check`.',
  ];
  for (const problem of draft.inference.problems) {
    lines.push(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}`);
  }
  const shadowed = replaced.filter((name) => name !== INIT_POLICY_FILE);
  if (shadowed.length > 0) {
    lines.push(
      `${INIT_POLICY_FILE} is read before ${shadowed.join(' and ')}; remove the old file.`,
    );
  }
  return `${lines.join('\n')}
`;
}

// src/cli/init.ts
var INIT_HELP = `Usage: consentry init [dir] [--yes] [--force]

Writes a draft consentry.yaml for the project in dir (default: .) from what its code shows:
AI vendor SDKs, training and model calls, database models that look personal, plan names.
On a terminal it asks the few things code cannot tell (controller, legal basis for training,
which tiers may opt out).

Options:
  -y, --yes     Take the defaults without asking (for scripts and CI)
  --force       Replace an existing consentry.yaml
  -h, --help    Show this help
`;
async function runInitCommand(args, io) {
  const { values, positionals } = parseCommandArgs('init', {
    args: [...args],
    allowPositionals: true,
    options: {
      yes: { type: 'boolean', short: 'y' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(INIT_HELP);
    return 0;
  }
  const dir = await targetDirectory(positionals, io);
  try {
    const result = await runInit({
      dir,
      force: values.force === true,
      yes: values.yes === true,
      ...(io.prompt === void 0 ? {} : { prompt: io.prompt }),
    });
    const shown = relative2(io.cwd, result.file) || result.file;
    io.stdout(result.summary.replace(/^Wrote consentry\.yaml/, `Wrote ${shown}`));
    return 0;
  } catch (error) {
    if (error instanceof InitAnswerError) throw new UsageError(error.message);
    throw error;
  }
}

export { INIT_HELP, runInitCommand };
//# sourceMappingURL=init-WOV5O44P.js.map
