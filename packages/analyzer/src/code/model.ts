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
   * Source entries by database table name: the columns of a table interface a database
   * interface names (`interface DB { logged_requests: LoggedRequestTable }`), or the member itself.
   */
  readonly tables: ReadonlyMap<string, readonly ResolvedEntry<SourceEntry>[]>;
  readonly sinks: Map<ts.Node, ResolvedEntry<SinkEntry>[]>;
  readonly guards: Map<ts.Node, ResolvedEntry<GuardEntry>[]>;
  readonly sanitizers: Map<ts.Node, ResolvedEntry<SanitizerEntry>[]>;
  /** The built-in sinks of libraries, matched by declaring package and access path. */
  readonly catalogue: readonly LibraryEntry<SinkEntry>[];
  /** Mappings whose module, export or field path could not be found, for diagnostics. */
  readonly unresolved: readonly UnresolvedMapping[];
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
    if (module.startsWith('.') || module.startsWith('/')) {
      const base = resolve(policyDir, module).replace(/\.(js|mjs|cjs)$/, '');
      for (const candidate of [
        base,
        `${base}.ts`,
        `${base}.tsx`,
        `${base}.mts`,
        `${base}.d.ts`,
        `${base}/index.ts`,
      ]) {
        if (/\.(ts|tsx|mts)$/.test(candidate) && existsSync(candidate))
          return realpathSync(candidate);
      }
      return undefined;
    }
    const resolved = ts.resolveModuleName(
      module,
      policyFile,
      compilerOptions,
      ts.sys,
    ).resolvedModule;
    return resolved?.resolvedFileName;
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
  ) => {
    const result = new Map<ts.Node, ResolvedEntry<R>[]>();
    entries.forEach((entry, position) => {
      const pointer = `/code/${section}/${position}`;
      const field = fieldOf?.(position);
      const declarations = resolveMapping(
        entry.at.module,
        entry.at.export,
        pointer,
        policy.code?.[section]?.[position]?.optional === true,
        field === undefined
          ? undefined
          : { pointer: `${pointer}/field`, segments: field.split('.').length },
      );
      for (const declaration of declarations) {
        const list = result.get(declaration) ?? [];
        list.push({ entry, index: position, fieldPath: [] });
        result.set(declaration, list);
      }
    });
    return result;
  };

  const entries = policyEntries(policy.code);
  const sources = index(entries.sources, 'sources');
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
    tables: tablesOf(sources),
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
  return [];
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
 * Mapped columns by table name: a mapped member of an interface (`LoggedRequestTable.prompt`)
 * belongs to each table a database interface of the same file names with that interface; a
 * mapped member of the database interface (`DB.logged_requests`) is the whole table.
 */
function tablesOf(
  sources: ReadonlyMap<ts.Node, ResolvedEntry<SourceEntry>[]>,
): Map<string, ResolvedEntry<SourceEntry>[]> {
  const tables = new Map<string, ResolvedEntry<SourceEntry>[]>();
  const add = (table: string, mappings: readonly ResolvedEntry<SourceEntry>[]) => {
    tables.set(table, [...(tables.get(table) ?? []), ...mappings]);
  };
  for (const [declaration, mappings] of sources) {
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
        add(name.text, mappings);
        continue;
      }
    }
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
          add(member.name.text, mappings);
        }
      }
    }
  }
  return tables;
}

/** Whether the file of `near` declares an interface called `name`. */
function declaresInterface(near: ts.Node, name: string): boolean {
  return near
    .getSourceFile()
    .statements.some(
      (statement) => ts.isInterfaceDeclaration(statement) && statement.name.text === name,
    );
}
