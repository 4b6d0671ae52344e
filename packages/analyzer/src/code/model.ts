import { existsSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, didYouMean } from '@consentry/policy';
import type { ConsentryPolicy } from '@consentry/sdk';
import { ts } from 'ts-morph';
import { tierFields } from '../catalogue/builtins.js';
import {
  type EntryRole,
  type GuardEntry,
  type LibraryEntry,
  type PolicyEntry,
  policyEntries,
  type SanitizerEntry,
  type SinkEntry,
  type SourceEntry,
} from '../catalogue/entry.js';
import {
  type PrismaProject,
  prismaClientProperty,
  readPrismaProject,
} from '../catalogue/prisma-schema.js';
import { prismaClientModule, tableFactories } from '../catalogue/query-builders.js';
import { trainingSinks } from '../catalogue/training-apis.js';
import type { GuaranteeReference } from './events.js';
import type { TypeOracle } from './type-oracle.js';

/** A catalogue entry resolved to the declarations it names. */
export interface ResolvedEntry<R extends EntryRole> {
  readonly entry: PolicyEntry<R>;
  readonly index: number;
  /** For field guards and field sources: the property path below the export. */
  readonly fieldPath: readonly string[];
}

/** What the analysis knows from the policy: tiers, purposes and the `code` mappings. */
export interface CodeModel {
  readonly tiers: readonly string[];
  /** Mask of every tier. */
  readonly allTiers: number;
  readonly purposeIds: readonly string[];
  /** The tiers for which a purpose needs a consent or opt-out check (every tier for unknown purposes). */
  needsCheck(purpose: string): number;
  /** The purposes of the policy with a purpose kind, falling back to the training family. */
  purposesOfKind(kind: string): readonly string[];
  /** The purposes a sink serves: the one it names, or the policy's purposes of its kind. */
  sinkPurposes(sink: SinkEntry): readonly string[];
  tierNames(mask: number): string[];
  tierMask(tier: string): number;
  /** Property names that hold a subject's tier: the usual ones and the policy's `tierField`. */
  readonly tierFields: ReadonlySet<string>;
  guarantees(purpose: string, mask: number): GuaranteeReference[];
  readonly sources: Map<ts.Node, ResolvedEntry<SourceEntry>[]>;
  /**
   * Mapped tables by the key a query names them with (`tableKey`): the columns of a table
   * interface a database interface names (`interface DB { logged_requests: LoggedRequestTable }`),
   * of a table object a table factory declares, or of a Prisma model.
   */
  readonly tables: ReadonlyMap<string, MappedTable>;
  readonly sinks: Map<ts.Node, ResolvedEntry<SinkEntry>[]>;
  readonly guards: Map<ts.Node, ResolvedEntry<GuardEntry>[]>;
  readonly sanitizers: Map<ts.Node, ResolvedEntry<SanitizerEntry>[]>;
  /** The built-in sinks of libraries, matched by declaring package and access path. */
  readonly catalogue: readonly LibraryEntry<SinkEntry>[];
  /** Mappings whose module, export or field path could not be found, for diagnostics. */
  readonly unresolved: readonly UnresolvedMapping[];
}

/** A mapped column of a table, as a query's rows hold it. */
export interface TableColumn {
  readonly mapping: ResolvedEntry<SourceEntry>;
  /** The row field that holds it; `*` when the whole table is mapped. */
  readonly column: string;
}

/** A table's mapped columns and, for a model, its relation fields (to other tables' keys). */
export interface MappedTable {
  readonly columns: readonly TableColumn[];
  readonly relations: ReadonlyMap<string, string>;
}

/**
 * The key of a table in `CodeModel.tables`: by database table name (`table`), by the name of the
 * table object a factory declares (`object`), or by a model's client property (`model`).
 */
export function tableKey(kind: 'table' | 'object' | 'model', name: string): string {
  return `${kind}:${name}`;
}

/** A `code` mapping of the policy that names nothing in the project, and why. */
export interface UnresolvedMapping {
  /** JSON pointer to the mapping's value that does not resolve (`/code/guards/0/field`). */
  readonly pointer: string;
  /** What does not resolve and why, with a did-you-mean when a name is close. */
  readonly reason: string;
  /** The mapping is marked `optional: true`: reported and counted, without stopping the check. */
  readonly optional: boolean;
}

/**
 * A `code` mapping of the policy, not marked optional, names nothing in the project: what it maps
 * would go unchecked, so the run stops (exit code 2) with each such mapping at its place.
 */
export class UnresolvedMappingError extends ConfigError {
  override readonly name: string = 'UnresolvedMappingError';
}

const trainingFamily = ['training', 'fine-tuning'];

/** Builds the code model of a policy, resolving its `code` mappings through the oracle. */
export function createCodeModel(
  policy: ConsentryPolicy,
  policyFile: string,
  oracle: TypeOracle,
  compilerOptions: ts.CompilerOptions,
): CodeModel {
  const tiers = Object.keys(policy.tiers ?? {});
  const effectiveTiers = tiers.length > 0 ? tiers : ['*'];
  const allTiers = (1 << Math.min(effectiveTiers.length, 30)) - 1;
  const tierMask = (tier: string) => {
    const index = effectiveTiers.indexOf(tier);
    return index < 0 || index >= 30 ? 0 : 1 << index;
  };
  const purposeIds = Object.keys(policy.purposes ?? {}).sort();
  const needsCache = new Map<string, number>();

  const needsCheck = (purposeId: string): number => {
    const cached = needsCache.get(purposeId);
    if (cached !== undefined) return cached;
    const purpose = policy.purposes?.[purposeId];
    let mask = 0;
    if (purpose === undefined) {
      mask = allTiers;
    } else {
      const basisNeedsChoice =
        purpose.legalBasis === 'consent' || purpose.legalBasis === 'legitimate-interests';
      effectiveTiers.forEach((tier, index) => {
        const guarantee = purpose.tiers?.[tier];
        const needs =
          guarantee === undefined
            ? basisNeedsChoice
            : guarantee.control !== 'none' || guarantee.default === 'excluded';
        if (needs && index < 30) mask |= 1 << index;
      });
    }
    needsCache.set(purposeId, mask);
    return mask;
  };

  const purposesOfKind = (kind: string): readonly string[] => {
    const exact = purposeIds.filter((id) => policy.purposes?.[id]?.kind === kind);
    if (exact.length > 0) return exact;
    const family = purposeIds.filter((id) =>
      trainingFamily.includes(policy.purposes?.[id]?.kind ?? ''),
    );
    return family.length > 0 ? family : [kind];
  };

  const tierNames = (mask: number) =>
    tiers.length === 0 ? [] : effectiveTiers.filter((_, index) => (mask & (1 << index)) !== 0);

  const guarantees = (purposeId: string, mask: number): GuaranteeReference[] =>
    tierNames(mask).map((tier) => {
      const guarantee = policy.purposes?.[purposeId]?.tiers?.[tier];
      const basis = policy.purposes?.[purposeId]?.legalBasis ?? 'unknown';
      const summary =
        guarantee === undefined
          ? `a choice, as the legal basis is ${basis}`
          : `${guarantee.control === 'none' ? 'no choice' : `an ${guarantee.control}`} by ${guarantee.mechanism}, default ${guarantee.default}${
              guarantee.freeOfCharge ? ', free of charge' : ''
            }`;
      return {
        tier,
        pointer: `/purposes/${purposeId}/tiers/${tier}`,
        summary,
        excluded: guarantee?.default === 'excluded',
      };
    });

  const unresolved: UnresolvedMapping[] = [];
  const policyDir = dirname(policyFile);
  const resolveModuleFile = (module: string): string | undefined => {
    const files = policyModuleCandidates(module, policyFile, compilerOptions);
    if (module.startsWith('.') || module.startsWith('/')) return files[0];
    // A package with both formats declares each apart (`.d.mts`, `.d.ts`): take the one the
    // program loaded, as the project's imports resolved it.
    return files.find((file) => oracle.exportsOf(file).size > 0) ?? files[0];
  };

  /**
   * The declarations a mapping names: its export, then each segment of the member path
   * (`Account.settings.allowTraining`) through classes, interfaces, type aliases, constructor
   * parameter properties and the types of properties; a segment that resolves to nothing is
   * reported at `pointer` (the export's, or the field's for `fieldSegments` trailing segments).
   */
  const resolveMapping = (
    module: string,
    exportPath: string,
    pointer: string,
    optional: boolean,
    fieldPointer?: { pointer: string; segments: number },
  ): ts.Node[] => {
    const file = resolveModuleFile(module);
    if (file === undefined) {
      unresolved.push({
        pointer: `${pointer}/module`,
        reason: `module \`${module}\` does not resolve to a TypeScript file of the project.`,
        optional,
      });
      return [];
    }
    const exports = oracle.exportsOf(file);
    const [first = '', ...rest] = exportPath.split('.');
    const declarations = exports.get(first) ?? [];
    if (declarations.length === 0) {
      unresolved.push({
        pointer: `${pointer}/export`,
        reason: `\`${module}\` exports no \`${first}\`${didYouMean(first, [...exports.keys()])}.`,
        optional,
      });
      return [];
    }
    let current: ts.Node[] = [...declarations];
    let path = first;
    for (const [position, segment] of rest.entries()) {
      const next = membersNamed(current, segment, oracle);
      if (next.length === 0) {
        const inField =
          fieldPointer !== undefined && position >= rest.length - fieldPointer.segments;
        unresolved.push({
          pointer: inField ? fieldPointer.pointer : `${pointer}/export`,
          reason: `\`${path}\` has no member \`${segment}\`${didYouMean(segment, memberNames(current, oracle))}.`,
          optional,
        });
        return [];
      }
      current = next;
      path = `${path}.${segment}`;
    }
    return current;
  };

  const index = <R extends EntryRole>(
    entries: readonly PolicyEntry<R>[],
    section: 'sources' | 'sinks' | 'guards' | 'sanitizers',
    fieldOf?: (position: number) => string | undefined,
    quiet: ReadonlySet<number> = new Set(),
  ) => {
    const result = new Map<ts.Node, ResolvedEntry<R>[]>();
    entries.forEach((entry, position) => {
      const pointer = `/code/${section}/${position}`;
      const field = fieldOf?.(position);
      const reported = unresolved.length;
      const declarations = resolveMapping(
        entry.at.module,
        entry.at.export,
        pointer,
        policy.code?.[section]?.[position]?.optional === true,
        field === undefined
          ? undefined
          : { pointer: `${pointer}/field`, segments: field.split('.').length },
      );
      if (quiet.has(position)) unresolved.length = reported;
      for (const declaration of declarations) {
        const list = result.get(declaration) ?? [];
        list.push({ entry, index: position, fieldPath: [] });
        result.set(declaration, list);
      }
    });
    return result;
  };

  const entries = policyEntries(policy.code);
  const prisma = prismaSources(
    entries.sources,
    policyDir,
    resolveModuleFile,
    oracle,
    (position) => policy.code?.sources?.[position]?.optional === true,
  );
  // A Prisma mapping resolves through schema.prisma; the generated client's types, when they
  // resolve, add typed values of the model, and their absence is no error.
  const sources = index(entries.sources, 'sources', undefined, prisma.positions);
  const tables = tablesOf(sources, oracle);
  prisma.resolve(sources, tables, unresolved);
  return {
    tiers,
    allTiers,
    purposeIds,
    needsCheck,
    purposesOfKind,
    sinkPurposes: (sink) =>
      sink.purpose !== undefined ? [sink.purpose] : purposesOfKind(sink.purposeKind ?? ''),
    tierNames,
    tierMask,
    tierFields: new Set([...tierFields, ...(policy.tierField ? [policy.tierField] : [])]),
    guarantees,
    sources,
    tables,
    sinks: index(entries.sinks, 'sinks'),
    // A field guard's entry names `export.field`: its trailing segments are the policy's `field`.
    guards: index(entries.guards, 'guards', (position) => {
      const guard = policy.code?.guards?.[position];
      return guard?.kind === 'field' && guard.field ? guard.field : undefined;
    }),
    sanitizers: index(entries.sanitizers, 'sanitizers'),
    catalogue: trainingSinks,
    unresolved,
  };
}

/**
 * The members a declaration has: of classes (constructor parameter properties included),
 * interfaces, type literals, type aliases and object literals; for a property or parameter, the
 * members of its declared type (a named interface, class or alias, an array's elements).
 */
function membersOf(declaration: ts.Node, oracle: TypeOracle, depth = 0): readonly ts.Node[] {
  if (depth > 4) return [];
  if (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) {
    const parameters = declaration.members
      .filter(ts.isConstructorDeclaration)
      .flatMap((initialiser) => initialiser.parameters)
      .filter((parameter) => ts.getModifiers(parameter)?.some(isParameterPropertyModifier));
    return [...declaration.members, ...parameters];
  }
  if (ts.isInterfaceDeclaration(declaration)) return declaration.members;
  if (ts.isTypeAliasDeclaration(declaration)) return membersOfType(declaration.type, oracle, depth);
  if (
    (ts.isPropertySignature(declaration) ||
      ts.isPropertyDeclaration(declaration) ||
      ts.isParameter(declaration)) &&
    declaration.type
  ) {
    return membersOfType(declaration.type, oracle, depth);
  }
  if (
    ts.isVariableDeclaration(declaration) &&
    declaration.initializer &&
    ts.isObjectLiteralExpression(declaration.initializer)
  ) {
    return declaration.initializer.properties;
  }
  if (ts.isVariableDeclaration(declaration)) {
    return tableFactoryColumns(declaration, oracle)?.properties ?? [];
  }
  return [];
}

/**
 * The columns object of a table object a catalogued table factory declares
 * (`export const messages = pgTable('messages', { content: text('content') })`), written inline
 * or returned by a column callback (`pgTable('messages', (t) => ({ content: t.text() }))`).
 */
export function tableFactoryColumns(
  declaration: ts.VariableDeclaration,
  oracle: TypeOracle,
): ts.ObjectLiteralExpression | undefined {
  const call = declaration.initializer;
  if (!call || !ts.isCallExpression(call)) return undefined;
  const callee = call.expression;
  const name = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : undefined;
  const factory = tableFactories.find((entry) => entry.function === name);
  if (factory === undefined) return undefined;
  const declared = oracle
    .declarationsOf(call)
    .some((found) => oracle.packageOf(found.getSourceFile().fileName) === factory.package);
  if (!declared) return undefined;
  let columns: ts.Node | undefined = call.arguments[factory.columns];
  if (columns && (ts.isArrowFunction(columns) || ts.isFunctionExpression(columns))) {
    const body: ts.Node = columns.body;
    columns = ts.isBlock(body) ? body.statements.find(ts.isReturnStatement)?.expression : body;
  }
  while (columns && ts.isParenthesizedExpression(columns)) columns = columns.expression;
  return columns && ts.isObjectLiteralExpression(columns) ? columns : undefined;
}

function membersOfType(type: ts.TypeNode, oracle: TypeOracle, depth: number): readonly ts.Node[] {
  if (ts.isTypeLiteralNode(type)) return type.members;
  if (ts.isArrayTypeNode(type)) return membersOfType(type.elementType, oracle, depth);
  if (ts.isParenthesizedTypeNode(type)) return membersOfType(type.type, oracle, depth);
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) {
    return type.types.flatMap((part) => membersOfType(part, oracle, depth));
  }
  if (ts.isTypeReferenceNode(type)) {
    // `Readonly<Settings>`, `Settings[]` as `Array<Settings>`: the type argument's members too.
    const fromArguments = (type.typeArguments ?? []).flatMap((argument) =>
      membersOfType(argument, oracle, depth),
    );
    const named = oracle
      .declarationsOf(type.typeName)
      .flatMap((declaration) => membersOf(declaration, oracle, depth + 1));
    return [...named, ...fromArguments];
  }
  return [];
}

function isParameterPropertyModifier(modifier: ts.ModifierLike): boolean {
  return (
    modifier.kind === ts.SyntaxKind.ReadonlyKeyword ||
    modifier.kind === ts.SyntaxKind.PublicKeyword ||
    modifier.kind === ts.SyntaxKind.PrivateKeyword ||
    modifier.kind === ts.SyntaxKind.ProtectedKeyword
  );
}

function memberName(member: ts.Node): string | undefined {
  const name = (member as { name?: ts.Node }).name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
}

/** Members called `name` of the declarations (see `membersOf`). */
function membersNamed(
  declarations: readonly ts.Node[],
  name: string,
  oracle: TypeOracle,
): ts.Node[] {
  return declarations.flatMap((declaration) =>
    membersOf(declaration, oracle).filter((member) => memberName(member) === name),
  );
}

/** The names of the members of the declarations, sorted, for a did-you-mean. */
function memberNames(declarations: readonly ts.Node[], oracle: TypeOracle): string[] {
  const names = declarations.flatMap((declaration) =>
    membersOf(declaration, oracle).flatMap((member) => memberName(member) ?? []),
  );
  return [...new Set(names)].sort();
}

/**
 * Mapped tables by key (see `tableKey`):
 * - a mapped member of an interface (`LoggedRequestTable.prompt`) belongs to each table a
 *   database interface of the same file names with that interface; a mapped member of the
 *   database interface (`DB.logged_requests`) is the whole table;
 * - a mapped column of a table object a table factory declares (`messages.content`) belongs to
 *   that object; the object itself mapped (`messages`) is the whole table.
 */
function tablesOf(
  sources: ReadonlyMap<ts.Node, ResolvedEntry<SourceEntry>[]>,
  oracle: TypeOracle,
): Map<string, MappedTable> {
  const tables = new Map<string, MappedTable>();
  const add = (key: string, mappings: readonly ResolvedEntry<SourceEntry>[], column: string) => {
    const table = tables.get(key) ?? { columns: [], relations: new Map() };
    tables.set(key, {
      ...table,
      columns: [...table.columns, ...mappings.map((mapping) => ({ mapping, column }))],
    });
  };
  for (const [declaration, mappings] of sources) {
    if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
      if (tableFactoryColumns(declaration, oracle))
        add(tableKey('object', declaration.name.text), mappings, '*');
      continue;
    }
    if (ts.isPropertyAssignment(declaration) || ts.isShorthandPropertyAssignment(declaration)) {
      const column = memberName(declaration);
      const table = tableObjectOf(declaration, oracle);
      if (column !== undefined && table !== undefined)
        add(tableKey('object', table), mappings, column);
      continue;
    }
    if (!ts.isPropertySignature(declaration)) continue;
    const owner = declaration.parent;
    if (!ts.isInterfaceDeclaration(owner)) continue;
    const name = declaration.name;
    const type = declaration.type;
    if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
      // `DB.logged_requests` mapped: the member names a table interface.
      if (
        (ts.isIdentifier(name) || ts.isStringLiteral(name)) &&
        declaresInterface(owner, type.typeName.text)
      ) {
        add(tableKey('table', name.text), mappings, '*');
        continue;
      }
    }
    const column = memberName(declaration);
    if (column === undefined) continue;
    for (const statement of owner.getSourceFile().statements) {
      if (!ts.isInterfaceDeclaration(statement)) continue;
      for (const member of statement.members) {
        if (
          ts.isPropertySignature(member) &&
          member.type &&
          ts.isTypeReferenceNode(member.type) &&
          ts.isIdentifier(member.type.typeName) &&
          member.type.typeName.text === owner.name.text &&
          (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))
        ) {
          add(tableKey('table', member.name.text), mappings, column);
        }
      }
    }
  }
  return tables;
}

/** The name of the table object whose columns object holds a mapped column, if a factory declared it. */
function tableObjectOf(
  column: ts.PropertyAssignment | ts.ShorthandPropertyAssignment,
  oracle: TypeOracle,
): string | undefined {
  let node: ts.Node = column.parent;
  while (node && !ts.isVariableDeclaration(node) && !ts.isSourceFile(node)) node = node.parent;
  if (!node || !ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name)) return undefined;
  return tableFactoryColumns(node, oracle) === column.parent ? node.name.text : undefined;
}

/** Whether the file of `near` declares an interface called `name`. */
function declaresInterface(near: ts.Node, name: string): boolean {
  return near
    .getSourceFile()
    .statements.some(
      (statement) => ts.isInterfaceDeclaration(statement) && statement.name.text === name,
    );
}

/**
 * The policy's sources that name a Prisma model or field: those whose module is the generated
 * client's (`@prisma/client`, or a generator's `output`). They resolve through the project's
 * schema.prisma, whether or not the client was generated; one that does not resolve there nor
 * through the client's types is reported with the reason.
 */
function prismaSources(
  sources: readonly PolicyEntry<SourceEntry>[],
  policyDir: string,
  resolveModuleFile: (module: string) => string | undefined,
  oracle: TypeOracle,
  isOptional: (position: number) => boolean,
): {
  readonly positions: ReadonlySet<number>;
  resolve(
    resolved: ReadonlyMap<ts.Node, readonly ResolvedEntry<SourceEntry>[]>,
    tables: Map<string, MappedTable>,
    unresolved: UnresolvedMapping[],
  ): void;
} {
  let project: PrismaProject | undefined;
  let read = false;
  // The schema is read once, and only when a mapping may name a Prisma model.
  const readProject = (): PrismaProject | undefined => {
    if (!read) project = readPrismaProject(policyDir);
    read = true;
    return project;
  };
  const positions = new Set<number>();
  // Before `prisma generate`, the client module exports untyped placeholders only.
  const isGenerated = (module: string): boolean => {
    const file = resolveModuleFile(module);
    if (file === undefined) return false;
    return [...oracle.exportsOf(file).values()].some((declarations) =>
      declarations.some(
        (declaration) =>
          ts.isClassDeclaration(declaration) ||
          ts.isInterfaceDeclaration(declaration) ||
          ts.isTypeAliasDeclaration(declaration) ||
          ts.isModuleDeclaration(declaration),
      ),
    );
  };
  const isClientModule = (module: string): boolean => {
    if (module === prismaClientModule || module.startsWith(`${prismaClientModule}/`)) return true;
    if (!module.startsWith('.')) return false;
    readProject();
    const target = resolve(policyDir, module).replace(/(\/index)?\.(?:[cm]?[jt]s|tsx|d\.ts)$/, '');
    return (project?.outputs ?? []).some(
      (output) => output === target || resolve(output, 'index') === target,
    );
  };
  sources.forEach((source, position) => {
    if (isClientModule(source.at.module)) positions.add(position);
  });
  if (positions.size > 0) readProject();
  return {
    positions,
    resolve(resolved, tables, unresolved) {
      if (positions.size === 0) return;
      const byTypes = new Set<number>();
      for (const mappings of resolved.values())
        for (const mapping of mappings) byTypes.add(mapping.index);
      const models = new Map((project?.models ?? []).map((model) => [model.name, model]));
      const tableOf = (model: string): MappedTable => {
        const key = tableKey('model', prismaClientProperty(model));
        const existing = tables.get(key);
        if (existing) return existing;
        const relations = new Map<string, string>();
        for (const field of models.get(model)?.fields ?? []) {
          if (models.has(field.type))
            relations.set(field.name, tableKey('model', prismaClientProperty(field.type)));
        }
        const table = { columns: [], relations };
        tables.set(key, table);
        return table;
      };
      // Every model, so that a query of one that includes a mapped model's rows sees them.
      for (const model of models.keys()) tableOf(model);
      for (const position of [...positions].sort((a, b) => a - b)) {
        const entry = sources[position]!;
        const [modelName = '', fieldName, ...deeper] = entry.at.export.split('.');
        const model = models.get(modelName);
        const field =
          fieldName === undefined
            ? undefined
            : model?.fields.find((candidate) => candidate.name === fieldName);
        if (model && (fieldName === undefined || field)) {
          const key = tableKey('model', prismaClientProperty(model.name));
          const table = tableOf(model.name);
          // A relation field mapped is the related rows; a nested path is inside the field's value.
          tables.set(key, {
            ...table,
            columns: [
              ...table.columns,
              {
                mapping: { entry, index: position, fieldPath: deeper },
                column: fieldName ?? '*',
              },
            ],
          });
          continue;
        }
        if (byTypes.has(position)) continue;
        const module = entry.at.module;
        const generated = isGenerated(module);
        const client = generated
          ? `\`${module}\` exports no \`${modelName}\``
          : 'the Prisma client is not generated';
        const schemaFiles = project?.files.join(', ') ?? '';
        let reason: string;
        if (project === undefined) {
          reason = `${client} and no Prisma schema was found (package.json's \`prisma.schema\`, prisma/schema.prisma or schema.prisma)`;
        } else if (model === undefined) {
          reason = `${client} and ${schemaFiles} has no model \`${modelName}\`${didYouMean(modelName, [...models.keys()])}`;
        } else {
          reason = `${client === 'the Prisma client is not generated' ? client : `\`${module}\` has no \`${modelName}.${fieldName}\``} and model \`${modelName}\` of ${schemaFiles} has no field \`${fieldName}\`${didYouMean(
            fieldName ?? '',
            model.fields.map((candidate) => candidate.name),
          )}`;
        }
        unresolved.push({
          pointer: `/code/sources/${position}/${project === undefined && !generated ? 'module' : 'export'}`,
          reason: `${reason}${generated ? '' : '; run `prisma generate`'}.`,
          optional: isOptional(position),
        });
      }
    },
  };
}

/**
 * The files a policy mapping's module may name: for a path, the first TypeScript file found for
 * it (relative to the policy file); for a package or an alias, what it resolves to from the
 * policy file in each module format.
 */
function policyModuleCandidates(
  module: string,
  policyFile: string,
  compilerOptions: ts.CompilerOptions,
): string[] {
  if (module.startsWith('.') || module.startsWith('/')) {
    const base = resolve(dirname(policyFile), module).replace(/\.(js|mjs|cjs)$/, '');
    for (const candidate of [
      base,
      `${base}.ts`,
      `${base}.tsx`,
      `${base}.mts`,
      `${base}.d.ts`,
      `${base}/index.ts`,
    ]) {
      if (/\.(ts|tsx|mts)$/.test(candidate) && existsSync(candidate)) {
        return [realpathSync(candidate)];
      }
    }
    return [];
  }
  return [ts.ModuleKind.CommonJS, ts.ModuleKind.ESNext].flatMap((mode) => {
    const resolved = ts.resolveModuleName(
      module,
      policyFile,
      compilerOptions,
      ts.sys,
      undefined,
      undefined,
      mode as ts.ResolutionMode,
    ).resolvedModule;
    return resolved === undefined ? [] : [resolved.resolvedFileName];
  });
}

/** Every file a mapping of the policy's code section may name (absolute, forward slashes). */
export function policyModuleFiles(
  code: ConsentryPolicy['code'],
  policyFile: string,
  compilerOptions: ts.CompilerOptions,
): Set<string> {
  const entries = policyEntries(code);
  const modules = new Set(
    [...entries.sources, ...entries.sinks, ...entries.guards, ...entries.sanitizers].map(
      (entry) => entry.at.module,
    ),
  );
  return new Set(
    [...modules].flatMap((module) =>
      policyModuleCandidates(module, policyFile, compilerOptions).map((file) =>
        file.replaceAll('\\', '/'),
      ),
    ),
  );
}
