import { existsSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ConsentryPolicy } from '@consentry/sdk';
import { ts } from 'ts-morph';
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
  /** Mappings whose module or export could not be found, for diagnostics. */
  readonly unresolved: readonly string[];
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

  const unresolved: string[] = [];
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

  const resolveExport = (module: string, exportPath: string, label: string) => {
    const file = resolveModuleFile(module);
    const [first = '', ...rest] = exportPath.split('.');
    const declarations = file ? (oracle.exportsOf(file).get(first) ?? []) : [];
    if (declarations.length === 0) {
      unresolved.push(`${label}: ${module} ${exportPath}`);
      return { declarations: [] as ts.Node[], rest };
    }
    // Walk members as far as declarations allow; what remains is a field path (field guards).
    let current: ts.Node[] = [...declarations];
    const remaining = [...rest];
    while (remaining.length > 0) {
      const next = membersNamed(current, remaining[0]!);
      if (next.length === 0) break;
      current = next;
      remaining.shift();
    }
    return { declarations: current, rest: remaining };
  };

  const index = <R extends EntryRole>(
    entries: readonly PolicyEntry<R>[],
    label: string,
    keepFieldPath: boolean,
  ) => {
    const result = new Map<ts.Node, ResolvedEntry<R>[]>();
    entries.forEach((entry, position) => {
      const { module, export: exportPath } = entry.at;
      const { declarations, rest } = resolveExport(module, exportPath, label);
      if (declarations.length > 0 && rest.length > 0 && !keepFieldPath) {
        unresolved.push(`${label}: ${module} ${exportPath}`);
        return;
      }
      for (const declaration of declarations) {
        const list = result.get(declaration) ?? [];
        list.push({ entry, index: position, fieldPath: rest });
        result.set(declaration, list);
      }
    });
    return result;
  };

  const entries = policyEntries(policy.code);
  const sources = index(entries.sources, 'code.sources', false);
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
    guarantees,
    sources,
    tables: tablesOf(sources),
    sinks: index(entries.sinks, 'code.sinks', false),
    guards: index(entries.guards, 'code.guards', true),
    sanitizers: index(entries.sanitizers, 'code.sanitizers', false),
    catalogue: trainingSinks,
    unresolved,
  };
}

/** Members called `name` of classes, interfaces, type literals and object literals. */
function membersNamed(declarations: readonly ts.Node[], name: string): ts.Node[] {
  const found: ts.Node[] = [];
  for (const declaration of declarations) {
    let members: readonly ts.Node[] = [];
    if (ts.isClassDeclaration(declaration) || ts.isInterfaceDeclaration(declaration)) {
      members = declaration.members;
    } else if (ts.isTypeAliasDeclaration(declaration) && ts.isTypeLiteralNode(declaration.type)) {
      members = declaration.type.members;
    } else if (
      (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) &&
      declaration.type &&
      ts.isTypeLiteralNode(declaration.type)
    ) {
      members = declaration.type.members;
    } else if (
      ts.isVariableDeclaration(declaration) &&
      declaration.initializer &&
      ts.isObjectLiteralExpression(declaration.initializer)
    ) {
      members = declaration.initializer.properties;
    }
    for (const member of members) {
      const memberName = (member as { name?: ts.Node }).name;
      if (
        memberName &&
        (ts.isIdentifier(memberName) || ts.isStringLiteral(memberName)) &&
        memberName.text === name
      ) {
        found.push(member);
      }
    }
  }
  return found;
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
