import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { compareText } from '@consentry/policy';
import { ts } from 'ts-morph';
import { chatMessageSdks } from '../catalogue/chat-messages.js';
import {
  findPrismaSchemaFiles,
  type PrismaSchema,
  parsePrismaSchema,
} from '../catalogue/prisma-schema.js';
import { listProjectFiles } from '../project-files.js';
import type {
  Evidence,
  InferredCall,
  InferredChatSdk,
  InferredField,
  InferredModel,
  InferredRoute,
  InferredVendor,
} from './inferred.js';
import { classifyFieldName, splitWords, toPolicyId } from './personal-fields.js';
import { type CodeScan, scanSourceFile, type TierCandidate } from './scan-code.js';

export type {
  Evidence,
  InferredCall,
  InferredChatSdk,
  InferredField,
  InferredModel,
  InferredRoute,
  InferredVendor,
} from './inferred.js';

/** A plan or tier the code names. */
export interface InferredTier {
  /** The policy id (`free`, `team-plus`). */
  readonly id: string;
  /** The value as written in code. */
  readonly value: string;
  readonly evidence: Evidence;
  /** Whether users pay for it, when billing code says: a Stripe price, or the price in its entitlements. */
  readonly paid?: { readonly value: boolean; readonly evidence: Evidence };
}

/** A file `init` could not read completely; the rest of the inference stands. */
export interface InferenceProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Everything `init` and the default policy learn from a project's code, each item with its evidence. */
export interface Inference {
  readonly models: readonly InferredModel[];
  readonly routes: readonly InferredRoute[];
  readonly vendors: readonly InferredVendor[];
  /** AI SDKs imported and installed whose chat messages are conversation content. */
  readonly chatSdks: readonly InferredChatSdk[];
  readonly calls: readonly InferredCall[];
  readonly tiers: readonly InferredTier[];
  readonly problems: readonly InferenceProblem[];
}

/** Where Express declares `req.body` (its types package re-exports this interface). */
const EXPRESS_BODY = { module: 'express-serve-static-core', export: 'Request.body' } as const;
const PRISMA_STRING_TYPES = new Set(['String', 'Json']);
const TIER_NAME_WORDS = new Set([
  'plan',
  'plans',
  'tier',
  'tiers',
  'subscription',
  'subscriptions',
]);
const RESOLUTION: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};
/** Source files larger than this are generated code, not the app's. */
const MAX_FILE_BYTES = 1_000_000;

/**
 * Reads a project statically (it never runs its code) and infers its personal-data sources,
 * chat routes, AI vendor SDKs, training and inference calls and plan names.
 */
export async function inferProject(root: string): Promise<Inference> {
  const base = resolve(root);
  const problems: InferenceProblem[] = [];
  const models: InferredModel[] = [];
  const tierCandidates: TierCandidate[] = [];

  // A schema may be one file or, with Prisma's schema folders, several; the generator is in one.
  const schemas: { file: string; schema: PrismaSchema }[] = [];
  for (const file of findPrismaSchemaFiles(base)) {
    const text = await readFile(join(base, file), 'utf8').catch(() => undefined);
    if (text === undefined) {
      problems.push({
        file,
        line: 1,
        column: 1,
        message: 'the file cannot be read; it is skipped',
      });
      continue;
    }
    const schema = parsePrismaSchema(text);
    for (const problem of schema.problems) problems.push({ file, ...problem });
    schemas.push({ file, schema });
  }
  const generator = schemas
    .flatMap(({ file, schema }) => schema.generators.map((entry) => ({ file, entry })))
    .find(({ entry }) => entry.output !== undefined);
  const module =
    generator?.entry.output === undefined
      ? '@prisma/client'
      : toModulePath(
          relative(base, resolve(base, dirname(generator.file), generator.entry.output)),
        );
  for (const { file: schemaFile, schema } of schemas) {
    for (const model of schema.models) {
      const fields: InferredField[] = [];
      for (const field of model.fields) {
        if (!PRISMA_STRING_TYPES.has(field.type)) continue;
        const match = classifyFieldName(field.name);
        if (match === undefined) continue;
        fields.push({
          name: field.name,
          kind: match.kind,
          evidence: {
            file: schemaFile,
            line: field.line,
            reason: `Prisma field ${model.name}.${field.name} (${field.type}): the name contains "${match.word}"`,
          },
        });
      }
      if (fields.length === 0) continue;
      models.push({
        orm: 'prisma',
        name: model.name,
        table: model.table,
        module,
        fields,
        evidence: {
          file: schemaFile,
          line: model.line,
          reason: `Prisma model ${model.name} has fields that look personal`,
        },
      });
    }
    for (const prismaEnum of schema.enums) {
      tierCandidates.push({
        name: prismaEnum.name,
        source: 'enum',
        values: prismaEnum.values.map((value) => ({
          value: value.name,
          evidence: {
            file: schemaFile,
            line: value.line,
            reason: `value of Prisma enum ${prismaEnum.name}`,
          },
        })),
      });
    }
  }

  const scans: CodeScan[] = [];
  for (const file of await listProjectFiles(base)) {
    try {
      // Read synchronously: thousands of small files, much faster than asynchronous reads.
      const info = statSync(join(base, file));
      if (info.size > MAX_FILE_BYTES) continue;
      scans.push(scanSourceFile(file, readFileSync(join(base, file), 'utf8')));
    } catch {
      problems.push({
        file,
        line: 1,
        column: 1,
        message: 'the file cannot be read; it is skipped',
      });
    }
  }
  const hasExpressTypes = await isDirectory(
    join(base, 'node_modules', '@types', 'express-serve-static-core'),
  );

  const vendors = new Map<string, { vendor: string; imports: Evidence[] }>();
  for (const scan of scans) {
    for (const use of scan.vendorImports) {
      const entry = vendors.get(use.package) ?? { vendor: use.vendor, imports: [] };
      entry.imports.push(use.evidence);
      vendors.set(use.package, entry);
    }
  }
  const importedPackages = new Set(vendors.keys());
  // A chat SDK's types count only where their module resolves: without declarations no value has them.
  const chatImports = new Map<string, Evidence>();
  for (const use of scans
    .flatMap((scan) => scan.chatImports)
    .sort((a, b) => compareEvidence(a.evidence, b.evidence))) {
    if (!chatImports.has(use.package)) chatImports.set(use.package, use.evidence);
  }
  const chatSdks: InferredChatSdk[] = [];
  for (const [name, evidence] of chatImports) {
    for (const row of chatMessageSdks.filter((entry) => entry.package === name)) {
      if (resolvesInPackage(base, name, row.module))
        chatSdks.push({ package: name, module: row.module, evidence });
    }
  }
  const calls: InferredCall[] = [];
  for (const scan of scans) {
    for (const call of scan.calls) {
      // A client is often made in one file and used in another: a package imported anywhere counts.
      if (importedPackages.has(call.package)) calls.push(call.call);
    }
    models.push(...scan.drizzleTables, ...scan.kyselyTables);
    tierCandidates.push(...scan.tierCandidates);
  }

  return {
    models: models.sort((a, b) => compareEvidence(a.evidence, b.evidence)),
    routes: scans
      .flatMap((scan) => scan.routes)
      .map((route) =>
        route.framework === 'express' && hasExpressTypes
          ? { ...route, bodyExport: EXPRESS_BODY }
          : route,
      )
      .sort((a, b) => compareEvidence(a.evidence, b.evidence)),
    vendors: [...vendors.entries()]
      .map(([name, entry]) => ({
        package: name,
        vendor: entry.vendor,
        imports: entry.imports.sort(compareEvidence),
      }))
      .sort((a, b) => compareText(a.package, b.package)),
    chatSdks: chatSdks.sort(
      (a, b) => compareText(a.package, b.package) || compareText(a.module, b.module),
    ),
    calls: calls.sort((a, b) => compareEvidence(a.evidence, b.evidence)),
    tiers: chooseTiers(tierCandidates),
    problems: problems.sort(
      (a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column,
    ),
  };
}

/** Whether a type or enum name names plans: its last word is plan, tier or subscription. */
export function isTierTypeName(name: string): boolean {
  const words = splitWords(name);
  return words.length > 0 && TIER_NAME_WORDS.has(words[words.length - 1]!);
}

/**
 * The tiers, from plan code only: the values of plan-named unions, enums and `plan`/`tier` fields
 * with two or more values, and the plans of entitlement maps; from Stripe price maps when nothing
 * else names plans. A constant list of names (a support form's plan picker) does not count unless a
 * plan type is derived from it. Each id once, in file order; paid where a price says so.
 */
function chooseTiers(candidates: readonly TierCandidate[]): InferredTier[] {
  const named = (candidate: TierCandidate) =>
    candidate.values.length >= 2 &&
    (candidate.source === 'entitlements' ||
      ((candidate.source === 'union' ||
        candidate.source === 'enum' ||
        candidate.source === 'field') &&
        isTierTypeName(candidate.name)));
  const prices = candidates.filter((candidate) => candidate.source === 'prices');
  const chosen = candidates.some(named) ? candidates.filter(named) : prices;
  const tiers = new Map<string, InferredTier>();
  const ordered = chosen
    .flatMap((candidate) => candidate.values)
    .sort((a, b) => compareEvidence(a.evidence, b.evidence));
  for (const value of ordered) {
    const id = toPolicyId(value.value);
    if (id !== undefined && !tiers.has(id)) {
      tiers.set(id, { id, value: value.value, evidence: value.evidence });
    }
  }
  // What the billing code says about paying: a price for the plan (or a `pro-monthly` price of
  // `pro`), or the price in its entitlements; the first such evidence in file order wins.
  const paidEvidence = [...candidates]
    .filter((candidate) => candidate.source === 'prices' || candidate.source === 'entitlements')
    .flatMap((candidate) => candidate.values)
    .filter((value) => value.paid !== undefined)
    .sort((a, b) => compareEvidence(a.evidence, b.evidence));
  return [...tiers.values()].map((tier) => {
    const match = paidEvidence.find((value) => {
      const id = toPolicyId(value.value);
      return id === tier.id || id?.startsWith(`${tier.id}-`) === true;
    });
    return match === undefined
      ? tier
      : { ...tier, paid: { value: match.paid === true, evidence: match.evidence } };
  });
}

/**
 * Whether a module of a package resolves from the project root to declarations inside the copy of
 * the package the project uses: the nearest one (a nearer copy without the module hides an
 * ancestor's).
 */
function resolvesInPackage(root: string, name: string, module: string): boolean {
  const target = ts.resolveModuleName(module, join(root, 'package.json'), RESOLUTION, ts.sys)
    .resolvedModule?.resolvedFileName;
  if (target === undefined) return false;
  for (let dir = root; ; dir = dirname(dir)) {
    const installed = join(dir, 'node_modules', name);
    if (ts.sys.fileExists(join(installed, 'package.json'))) {
      return resolve(target).startsWith(`${installed}${sep}`);
    }
    if (dirname(dir) === dir) return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() === true;
}

/** A path relative to the project root as a module specifier relative to a policy file there. */
function toModulePath(path: string): string {
  const normal = path.replaceAll('\\', '/').replace(/\.(?:[cm]?ts|tsx)$/, '');
  return normal.startsWith('.') ? normal : `./${normal}`;
}

/** Orders evidence by file, then line. */
function compareEvidence(a: Evidence, b: Evidence): number {
  return compareText(a.file, b.file) || a.line - b.line || compareText(a.reason, b.reason);
}
