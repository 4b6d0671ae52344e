// src/code/analyze-code.ts
import {
  existsSync as existsSync2,
  readdirSync as readdirSync2,
  realpathSync as realpathSync2,
  statSync,
} from 'fs';
import { dirname as dirname4, join as join2, resolve as resolve2 } from 'path';
import {
  bindingInvokerNames,
  callingInvokerNames,
  catalogueNames,
  cataloguePackages,
  catalogueSinkApiModules,
  collectionWriters,
  defaultCategory,
  defaultContinuation,
  elementMethod,
  elementMethods,
  elementTypes,
  enforceSubjectOption,
  entityTail,
  environmentObjects,
  eventEmitter,
  fileApiOf,
  filesThatMayReach,
  frameworkOfPackage,
  functionInvoker,
  idName,
  implementedTypeOf,
  inertMethods,
  localFunctionOf,
  membershipMethods,
  moduleCollectionKey,
  objectAssign,
  objectStorageApis,
  ownerFields,
  prismaClientModule,
  promiseCombinator,
  promiseContinuation,
  promiseTypeName,
  queryBuilders,
  recordIdFields,
  registrationOf,
  scopeSharingFramework,
  sdkDecision,
  sdkEntry,
  sdkPackage,
  tableFactories,
  tableValues,
  tierFields,
  walk,
  webFrameworks,
  withoutAssertions,
} from './chunk-2TQ4CBJ4.js';
import { policyEntries } from './chunk-6XMXK3ZX.js';
import {
  compareDiagnostics,
  dependenciesMissing,
  describeUnresolvedImport,
  isExistingAsset,
} from './chunk-A225JWGS.js';
import { trainingSinks } from './chunk-DZXWLWQC.js';
import { getLibFiles, libFolderInMemoryPath, ts } from './chunk-ENMR6OK3.js';
import {
  bodyOf,
  importsFramework,
  isAsyncFunction,
  pluginMethods,
  unitsOf,
} from './chunk-H74XAY4A.js';
import { accessChain, prismaClientProperty, readPrismaProject } from './chunk-IPARGZ6Q.js';
import { sourceFilePattern } from './chunk-LLBBEWGM.js';
import {
  AnalysisLimitError,
  DEFAULT_LIMITS,
  EvaluationBudget,
  parseWithinDepth,
} from './chunk-OKVXSYHK.js';
import { compareFindings } from './chunk-TAJRGIDQ.js';
import { codeRules, describeCategories, describeReport, relativePath } from './chunk-UAIMILBV.js';

// src/code/constants.ts
function constantInitializer(declaration) {
  return ts.isVariableDeclaration(declaration) &&
    ts.isVariableDeclarationList(declaration.parent) &&
    (declaration.parent.flags & ts.NodeFlags.Const) !== 0
    ? declaration.initializer
    : void 0;
}
function isConstantObject(object) {
  let node = object;
  while (
    ts.isParenthesizedExpression(node.parent) ||
    ts.isAsExpression(node.parent) ||
    ts.isSatisfiesExpression(node.parent)
  ) {
    node = node.parent;
  }
  const initializer = constantInitializer(node.parent);
  return initializer !== void 0 && withoutAssertions(initializer) === object;
}

import { ConfigError, didYouMean } from '@consentry/policy';
// src/code/model.ts
import { existsSync, realpathSync } from 'fs';
import { dirname, resolve } from 'path';

function tableKey(kind, name) {
  return `${kind}:${name}`;
}
var UnresolvedMappingError = class extends ConfigError {
  name = 'UnresolvedMappingError';
};
var trainingFamily = ['training', 'fine-tuning'];
function createCodeModel(policy, policyFile, oracle, compilerOptions) {
  const tiers = Object.keys(policy.tiers ?? {});
  const effectiveTiers = tiers.length > 0 ? tiers : ['*'];
  const allTiers = (1 << Math.min(effectiveTiers.length, 30)) - 1;
  const tierMask = (tier) => {
    const index2 = effectiveTiers.indexOf(tier);
    return index2 < 0 || index2 >= 30 ? 0 : 1 << index2;
  };
  const purposeIds = Object.keys(policy.purposes ?? {}).sort();
  const needsCache = /* @__PURE__ */ new Map();
  const needsCheck = (purposeId) => {
    const cached = needsCache.get(purposeId);
    if (cached !== void 0) return cached;
    const purpose = policy.purposes?.[purposeId];
    let mask = 0;
    if (purpose === void 0) {
      mask = allTiers;
    } else {
      const basisNeedsChoice =
        purpose.legalBasis === 'consent' || purpose.legalBasis === 'legitimate-interests';
      effectiveTiers.forEach((tier, index2) => {
        const guarantee = purpose.tiers?.[tier];
        const needs =
          guarantee === void 0
            ? basisNeedsChoice
            : guarantee.control !== 'none' || guarantee.default === 'excluded';
        if (needs && index2 < 30) mask |= 1 << index2;
      });
    }
    needsCache.set(purposeId, mask);
    return mask;
  };
  const purposesOfKind = (kind) => {
    const exact = purposeIds.filter((id) => policy.purposes?.[id]?.kind === kind);
    if (exact.length > 0) return exact;
    const family = purposeIds.filter((id) =>
      trainingFamily.includes(policy.purposes?.[id]?.kind ?? ''),
    );
    return family.length > 0 ? family : [kind];
  };
  const tierNames = (mask) =>
    tiers.length === 0 ? [] : effectiveTiers.filter((_, index2) => (mask & (1 << index2)) !== 0);
  const guarantees = (purposeId, mask) =>
    tierNames(mask).map((tier) => {
      const guarantee = policy.purposes?.[purposeId]?.tiers?.[tier];
      const basis = policy.purposes?.[purposeId]?.legalBasis ?? 'unknown';
      const summary =
        guarantee === void 0
          ? `a choice, as the legal basis is ${basis}`
          : `${guarantee.control === 'none' ? 'no choice' : `an ${guarantee.control}`} by ${guarantee.mechanism}, default ${guarantee.default}${guarantee.freeOfCharge ? ', free of charge' : ''}`;
      return {
        tier,
        pointer: `/purposes/${purposeId}/tiers/${tier}`,
        summary,
        excluded: guarantee?.default === 'excluded',
      };
    });
  const unresolved = [];
  const policyDir = dirname(policyFile);
  const resolveModuleFile = (module) => {
    const files = policyModuleCandidates(module, policyFile, compilerOptions);
    if (module.startsWith('.') || module.startsWith('/')) return files[0];
    return files.find((file) => oracle.exportsOf(file).size > 0) ?? files[0];
  };
  const resolveMapping = (module, exportPath, pointer, optional, fieldPointer) => {
    const file = resolveModuleFile(module);
    if (file === void 0) {
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
    let current = [...declarations];
    let path = first;
    for (const [position, segment] of rest.entries()) {
      const next = membersNamed(current, segment, oracle);
      if (next.length === 0) {
        const inField = fieldPointer !== void 0 && position >= rest.length - fieldPointer.segments;
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
  const index = (entries2, section, fieldOf, quiet = /* @__PURE__ */ new Set()) => {
    const result = /* @__PURE__ */ new Map();
    entries2.forEach((entry, position) => {
      const pointer = `/code/${section}/${position}`;
      const field = fieldOf?.(position);
      const reported = unresolved.length;
      const declarations = resolveMapping(
        entry.at.module,
        entry.at.export,
        pointer,
        policy.code?.[section]?.[position]?.optional === true,
        field === void 0
          ? void 0
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
  const sources = index(entries.sources, 'sources', void 0, prisma.positions);
  const tables = tablesOf(sources, oracle);
  prisma.resolve(sources, tables, unresolved);
  return {
    tiers,
    allTiers,
    purposeIds,
    needsCheck,
    purposesOfKind,
    sinkPurposes: (sink) =>
      sink.purpose !== void 0 ? [sink.purpose] : purposesOfKind(sink.purposeKind ?? ''),
    tierNames,
    tierMask,
    tierFields: /* @__PURE__ */ new Set([
      ...tierFields,
      ...(policy.tierField ? [policy.tierField] : []),
    ]),
    guarantees,
    sources,
    tables,
    sinks: index(entries.sinks, 'sinks'),
    // A field guard's entry names `export.field`: its trailing segments are the policy's `field`.
    guards: index(entries.guards, 'guards', (position) => {
      const guard = policy.code?.guards?.[position];
      return guard?.kind === 'field' && guard.field ? guard.field : void 0;
    }),
    sanitizers: index(entries.sanitizers, 'sanitizers'),
    catalogue: trainingSinks,
    unresolved,
  };
}
function membersOf(declaration, oracle, depth = 0) {
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
function tableFactoryColumns(declaration, oracle) {
  const call = declaration.initializer;
  if (!call || !ts.isCallExpression(call)) return void 0;
  const callee = call.expression;
  const name = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : void 0;
  const factory = tableFactories.find((entry) => entry.function === name);
  if (factory === void 0) return void 0;
  const declared = oracle
    .declarationsOf(call)
    .some((found) => oracle.packageOf(found.getSourceFile().fileName) === factory.package);
  if (!declared) return void 0;
  let columns = call.arguments[factory.columns];
  if (columns && (ts.isArrowFunction(columns) || ts.isFunctionExpression(columns))) {
    const body = columns.body;
    columns = ts.isBlock(body) ? body.statements.find(ts.isReturnStatement)?.expression : body;
  }
  while (columns && ts.isParenthesizedExpression(columns)) columns = columns.expression;
  return columns && ts.isObjectLiteralExpression(columns) ? columns : void 0;
}
function membersOfType(type, oracle, depth) {
  if (ts.isTypeLiteralNode(type)) return type.members;
  if (ts.isArrayTypeNode(type)) return membersOfType(type.elementType, oracle, depth);
  if (ts.isParenthesizedTypeNode(type)) return membersOfType(type.type, oracle, depth);
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) {
    return type.types.flatMap((part) => membersOfType(part, oracle, depth));
  }
  if (ts.isTypeReferenceNode(type)) {
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
function isParameterPropertyModifier(modifier) {
  return (
    modifier.kind === ts.SyntaxKind.ReadonlyKeyword ||
    modifier.kind === ts.SyntaxKind.PublicKeyword ||
    modifier.kind === ts.SyntaxKind.PrivateKeyword ||
    modifier.kind === ts.SyntaxKind.ProtectedKeyword
  );
}
function memberName(member) {
  const name = member.name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : void 0;
}
function membersNamed(declarations, name, oracle) {
  return declarations.flatMap((declaration) =>
    membersOf(declaration, oracle).filter((member) => memberName(member) === name),
  );
}
function memberNames(declarations, oracle) {
  const names = declarations.flatMap((declaration) =>
    membersOf(declaration, oracle).flatMap((member) => memberName(member) ?? []),
  );
  return [...new Set(names)].sort();
}
function tablesOf(sources, oracle) {
  const tables = /* @__PURE__ */ new Map();
  const add = (key, mappings, column) => {
    const table = tables.get(key) ?? { columns: [], relations: /* @__PURE__ */ new Map() };
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
      const column2 = memberName(declaration);
      const table = tableObjectOf(declaration, oracle);
      if (column2 !== void 0 && table !== void 0) add(tableKey('object', table), mappings, column2);
      continue;
    }
    if (!ts.isPropertySignature(declaration)) continue;
    const owner = declaration.parent;
    if (!ts.isInterfaceDeclaration(owner)) continue;
    const name = declaration.name;
    const type = declaration.type;
    if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
      if (
        (ts.isIdentifier(name) || ts.isStringLiteral(name)) &&
        declaresInterface(owner, type.typeName.text)
      ) {
        add(tableKey('table', name.text), mappings, '*');
        continue;
      }
    }
    const column = memberName(declaration);
    if (column === void 0) continue;
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
function tableObjectOf(column, oracle) {
  let node = column.parent;
  while (node && !ts.isVariableDeclaration(node) && !ts.isSourceFile(node)) node = node.parent;
  if (!node || !ts.isVariableDeclaration(node) || !ts.isIdentifier(node.name)) return void 0;
  return tableFactoryColumns(node, oracle) === column.parent ? node.name.text : void 0;
}
function declaresInterface(near, name) {
  return near
    .getSourceFile()
    .statements.some(
      (statement) => ts.isInterfaceDeclaration(statement) && statement.name.text === name,
    );
}
function prismaSources(sources, policyDir, resolveModuleFile, oracle, isOptional) {
  let project;
  let read = false;
  const readProject = () => {
    if (!read) project = readPrismaProject(policyDir);
    read = true;
    return project;
  };
  const positions = /* @__PURE__ */ new Set();
  const isGenerated = (module) => {
    const file = resolveModuleFile(module);
    if (file === void 0) return false;
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
  const isClientModule = (module) => {
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
      const byTypes = /* @__PURE__ */ new Set();
      for (const mappings of resolved.values())
        for (const mapping of mappings) byTypes.add(mapping.index);
      const models = new Map((project?.models ?? []).map((model) => [model.name, model]));
      const tableOf = (model) => {
        const key = tableKey('model', prismaClientProperty(model));
        const existing = tables.get(key);
        if (existing) return existing;
        const relations = /* @__PURE__ */ new Map();
        for (const field of models.get(model)?.fields ?? []) {
          if (models.has(field.type))
            relations.set(field.name, tableKey('model', prismaClientProperty(field.type)));
        }
        const table = { columns: [], relations };
        tables.set(key, table);
        return table;
      };
      for (const model of models.keys()) tableOf(model);
      for (const position of [...positions].sort((a, b) => a - b)) {
        const entry = sources[position];
        const [modelName = '', fieldName, ...deeper] = entry.at.export.split('.');
        const model = models.get(modelName);
        const field =
          fieldName === void 0
            ? void 0
            : model?.fields.find((candidate) => candidate.name === fieldName);
        if (model && (fieldName === void 0 || field)) {
          const key = tableKey('model', prismaClientProperty(model.name));
          const table = tableOf(model.name);
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
        let reason;
        if (project === void 0) {
          reason = `${client} and no Prisma schema was found (package.json's \`prisma.schema\`, prisma/schema.prisma or schema.prisma)`;
        } else if (model === void 0) {
          reason = `${client} and ${schemaFiles} has no model \`${modelName}\`${didYouMean(modelName, [...models.keys()])}`;
        } else {
          reason = `${client === 'the Prisma client is not generated' ? client : `\`${module}\` has no \`${modelName}.${fieldName}\``} and model \`${modelName}\` of ${schemaFiles} has no field \`${fieldName}\`${didYouMean(
            fieldName ?? '',
            model.fields.map((candidate) => candidate.name),
          )}`;
        }
        unresolved.push({
          pointer: `/code/sources/${position}/${project === void 0 && !generated ? 'module' : 'export'}`,
          reason: `${reason}${generated ? '' : '; run `prisma generate`'}.`,
          optional: isOptional(position),
        });
      }
    },
  };
}
function policyModuleCandidates(module, policyFile, compilerOptions) {
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
      void 0,
      void 0,
      mode,
    ).resolvedModule;
    return resolved === void 0 ? [] : [resolved.resolvedFileName];
  });
}
function policyModuleFiles(code, policyFile, compilerOptions) {
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

// src/code/classify.ts
function isSdkFactory(name) {
  const role = sdkEntry(name)?.role;
  return role === 'factory' || role === 'marker-factory';
}
function isMarker(name) {
  const role = sdkEntry(name)?.role;
  return role === 'personal-marker' || role === 'processes-marker';
}
function isSdkCheck(name) {
  const role = sdkEntry(name)?.role;
  return (
    role === 'check' || role === 'decision' || role === 'assertion' || role === 'consent-filter'
  );
}
var scopeSharingNames = new Set(
  webFrameworks.flatMap((framework) =>
    (framework.plugins?.sharedScope ?? []).map((wrapper) => wrapper.function),
  ),
);
var requestContextReaders = webFrameworks.flatMap(
  (framework) => framework.fileMiddleware?.requestContext ?? [],
);
var middlewareWrappers = webFrameworks.flatMap(
  (framework) => framework.fileMiddleware?.wrappers ?? [],
);
function declaredName(declaration) {
  const name = declaration.name;
  return name !== void 0 && ts.isIdentifier(name) ? name.text : void 0;
}
function awaited(expression) {
  let inner = expression;
  while (ts.isAwaitExpression(inner) || ts.isParenthesizedExpression(inner)) {
    inner = inner.expression;
  }
  return inner;
}
var maxCalleeHops = 3;
var CallClassifier = class {
  constructor(oracle, model, unitsByNode, implementers, handOffs2 = []) {
    this.oracle = oracle;
    this.model = model;
    this.unitsByNode = unitsByNode;
    this.implementers = implementers;
    this.handOffs = handOffs2;
  }
  #cache = /* @__PURE__ */ new Map();
  #sdkNames = /* @__PURE__ */ new Map();
  #tableColumns = /* @__PURE__ */ new Map();
  #implIndex;
  #passedIndex;
  #inPlace = /* @__PURE__ */ new Map();
  #handOffSet;
  #indexing = false;
  /** `functionsNamed`, once per expression: read at every call that lifts a precondition. */
  #named = /* @__PURE__ */ new Map();
  #sdkMissing;
  /** Whether a declaration lives in the SDK package. */
  isSdkDeclaration(declaration) {
    return this.oracle.packageOf(declaration.getSourceFile().fileName) === sdkPackage;
  }
  /** The web framework whose API a call's callee is declared in, and what the call registers. */
  frameworkCall(call) {
    for (const declaration of this.oracle.declarationsOf(call)) {
      const framework = frameworkOfPackage(
        webFrameworks,
        this.oracle.packageOf(declaration.getSourceFile().fileName),
      );
      if (!framework) continue;
      const chain = accessChain(call.expression);
      const owner = declaration.parent;
      const ownerName =
        owner && (ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner))
          ? owner.name?.text
          : void 0;
      const registers = registrationOf(framework, ownerName, chain[chain.length - 1] ?? '');
      return { framework, ...(registers ? { registers } : {}) };
    }
    return void 0;
  }
  /**
   * The framework whose plugins a call wraps to share their parent's scope (`fp(plugin)` of
   * `fastify-plugin`), by the declaration of its callee; undefined for any other call.
   */
  scopeSharingCall(call) {
    for (const declaration of this.oracle.declarationsOf(call)) {
      const name = declaredName(declaration);
      if (name === void 0 || !scopeSharingNames.has(name)) continue;
      const owner = this.oracle.packageOf(declaration.getSourceFile().fileName);
      const framework = scopeSharingFramework(webFrameworks, owner, name);
      if (framework) return framework;
    }
    return void 0;
  }
  /**
   * Whether a call reads the request being handled from the framework's context
   * (`cookies()` of `next/headers`), by the declaration of its callee.
   */
  readsRequestContext(call) {
    return this.callsPackageFunction(call, requestContextReaders);
  }
  /**
   * Whether a call makes a file middleware out of the function it is given (`auth((request) =>
   * …)` of NextAuth v5), by the declaration of its callee.
   */
  wrapsFileMiddleware(call) {
    return this.callsPackageFunction(call, middlewareWrappers);
  }
  /** Whether a call's callee is one of `functions`, a package's own or the app's name for a member of a package's result. */
  callsPackageFunction(call, functions) {
    if (functions.length === 0) return false;
    return this.oracle.declarationsOf(call).some((declaration) => {
      const owner = this.oracle.packageOf(declaration.getSourceFile().fileName);
      const name = declaredName(declaration);
      if (
        functions.some(
          (reader) =>
            reader.returnedBy === void 0 && reader.package === owner && reader.name === name,
        )
      ) {
        return true;
      }
      const kept = this.keptMember(declaration);
      return (
        kept !== void 0 &&
        functions.some(
          (reader) =>
            reader.returnedBy !== void 0 &&
            reader.name === kept.member &&
            this.oracle
              .declarationsOf(kept.result)
              .some(
                (factory) =>
                  declaredName(factory) === reader.returnedBy &&
                  this.oracle.packageOf(factory.getSourceFile().fileName) === reader.package,
              ),
        )
      );
    });
  }
  /**
   * Whether a declaration's type is a web framework's own (Hono's `Context`, Express's `Request`,
   * or a project interface that extends one): a request or its context, not a person's record.
   */
  isFrameworkType(declaration) {
    const type = this.oracle.typeOf(declaration);
    if (!type) return false;
    const declared = (decl) =>
      frameworkOfPackage(webFrameworks, this.oracle.packageOf(decl.getSourceFile().fileName)) !==
      void 0;
    return this.oracle
      .declarationsOfType(type)
      .some(
        (decl) =>
          declared(decl) ||
          ((ts.isInterfaceDeclaration(decl) || ts.isClassDeclaration(decl)) &&
            (decl.heritageClauses ?? []).some((clause) =>
              clause.types.some((base) =>
                this.oracle.declarationsOf(base.expression).some(declared),
              ),
            )),
      );
  }
  /**
   * The member of a call's result a declaration keeps, and that call: `const { auth } = f()`,
   * `const { auth: session } = f()`, `const auth = f().auth`, or `const auth = result.auth` of a
   * `const result = f()`.
   */
  keptMember(declaration) {
    const callOf = (expression) => {
      let value = expression && awaited(expression);
      if (value && ts.isIdentifier(value)) {
        const holder = this.oracle.declarationsOf(value).find(ts.isVariableDeclaration);
        value = holder?.initializer && awaited(holder.initializer);
      }
      return value && ts.isCallExpression(value) ? value : void 0;
    };
    if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent)) {
      const holder = declaration.parent.parent;
      const key = declaration.propertyName ?? declaration.name;
      const result = ts.isVariableDeclaration(holder) ? callOf(holder.initializer) : void 0;
      return result && ts.isIdentifier(key) ? { member: key.text, result } : void 0;
    }
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const value = awaited(declaration.initializer);
      if (!ts.isPropertyAccessExpression(value)) return void 0;
      const result = callOf(value.expression);
      return result ? { member: value.name.text, result } : void 0;
    }
    return void 0;
  }
  /**
   * The plugin functions a declaration holds wrapped to share their parent's scope
   * (`const consentHooks = fp(async (app) => …)`, `export default fp(async function …)`,
   * `export default fp(exportRoutes)` of a function declared beside it).
   */
  scopeSharedUnits(declaration) {
    let value = ts.isVariableDeclaration(declaration)
      ? declaration.initializer
      : ts.isExportAssignment(declaration)
        ? declaration.expression
        : void 0;
    while (value && (ts.isParenthesizedExpression(value) || ts.isAsExpression(value))) {
      value = value.expression;
    }
    if (!value || !ts.isCallExpression(value) || !this.scopeSharingCall(value)) return [];
    return value.arguments.flatMap((argument) => {
      const unit = this.unitsByNode.get(argument);
      if (unit) return [unit];
      if (!ts.isIdentifier(argument)) return [];
      return this.oracle.declarationsOf(argument).flatMap((declaration2) => {
        const named =
          this.unitsByNode.get(declaration2) ??
          (ts.isVariableDeclaration(declaration2) && declaration2.initializer
            ? this.unitsByNode.get(declaration2.initializer)
            : void 0);
        return named ? [named] : [];
      });
    });
  }
  /**
   * Whether an expression is a framework's value that lets a request go on past a file
   * middleware (`NextResponse.next()`), by the declaration of its callee.
   */
  isContinuationValue(expression) {
    let node = expression;
    while (ts.isParenthesizedExpression(node) || ts.isAwaitExpression(node)) node = node.expression;
    if (!ts.isCallExpression(node)) return false;
    const continueWith = this.frameworkCall(node)?.framework.fileMiddleware?.continueWith;
    if (!continueWith) return false;
    const chain = accessChain(node.expression);
    if (chain[chain.length - 1] !== continueWith.method) return false;
    return this.oracle.declarationsOf(node).some((declaration) => {
      const owner = declaration.parent;
      return (
        owner !== void 0 &&
        (ts.isClassDeclaration(owner) || ts.isInterfaceDeclaration(owner)) &&
        owner.name?.text === continueWith.owner
      );
    });
  }
  /** The catalogue role of the SDK export or member an expression refers to. */
  sdkRoleOf(expression) {
    const name = this.sdkNameOf(expression);
    return name === void 0 ? void 0 : sdkEntry(name)?.role;
  }
  /** The SDK export or member an expression refers to (`allows`, `processes`…), by declaration. */
  sdkNameOf(expression) {
    if (this.#sdkNames.has(expression)) return this.#sdkNames.get(expression);
    let name;
    for (const declaration of this.oracle.declarationsOf(expression)) {
      if (this.isSdkDeclaration(declaration)) {
        name = declarationName(declaration);
        break;
      }
      if (ts.isBindingElement(declaration)) {
        name = this.markerBinding(declaration);
        if (name !== void 0) break;
      }
    }
    if (
      name === void 0 &&
      (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression))
    ) {
      for (const declaration of this.oracle.typeDeclarationsOf(expression)) {
        if (this.isSdkDeclaration(declaration) && ts.isMethodSignature(declaration)) {
          name = declarationName(declaration);
          break;
        }
      }
    }
    if (name === void 0 && this.#sdkUnresolved()) name = this.#syntacticSdkName(expression, 0);
    this.#sdkNames.set(expression, name);
    return name;
  }
  /**
   * The marker a destructuring element takes from the SDK's markers
   * (`const { personal, processes } = createMarkers(policy)`), read from the declaration without
   * asking for the markers' type; undefined for any other element.
   */
  markerBinding(element) {
    const pattern = element.parent;
    const variable = pattern.parent;
    if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(variable)) return void 0;
    const initializer = variable.initializer && awaited(variable.initializer);
    if (!initializer || !ts.isCallExpression(initializer)) return void 0;
    const property = element.propertyName ?? element.name;
    if (!ts.isIdentifier(property) || !isMarker(property.text)) return void 0;
    const factory = this.oracle
      .declarationsOf(initializer)
      .find((declaration) => this.isSdkDeclaration(declaration));
    const factoryName = factory ? declarationName(factory) : void 0;
    return factoryName !== void 0 && sdkEntry(factoryName)?.role === 'marker-factory'
      ? property.text
      : void 0;
  }
  /**
   * The SDK name of an expression when the SDK package does not resolve (dependencies not
   * installed): read from the `import … from '@consentry/sdk'` declaration that binds its root,
   * directly (`allows`, `sdk.allows`) or through a project variable made by an SDK factory
   * (`consent.allows` with `consent = createConsent(…)`, `{ personal } = createMarkers(…)`).
   */
  /** Whether some analysed file imports the SDK without the import resolving, computed once. */
  #sdkUnresolved() {
    if (this.#sdkMissing === void 0) {
      const files = /* @__PURE__ */ new Set();
      for (const unit of this.unitsByNode.values()) files.add(unit.node.getSourceFile());
      this.#sdkMissing = [...files].some((file) =>
        file.statements.some(
          (statement) =>
            ts.isImportDeclaration(statement) &&
            ts.isStringLiteral(statement.moduleSpecifier) &&
            statement.moduleSpecifier.text === sdkPackage &&
            !this.oracle.resolvesModule(statement.moduleSpecifier),
        ),
      );
    }
    return this.#sdkMissing;
  }
  #syntacticSdkName(expression, depth) {
    if (depth > 3 || !(ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression)))
      return void 0;
    const chain = accessChain(expression);
    const [root, ...members] = chain;
    if (root === void 0 || root === '' || root === 'this' || members.length > 1) return void 0;
    let rootNode = expression;
    while (ts.isPropertyAccessExpression(rootNode)) rootNode = rootNode.expression;
    const imported = unresolvedSdkImport(rootNode, root, this.oracle);
    if (imported !== void 0) {
      if (imported === '*') return members[0];
      return members.length === 0 ? imported : members[0];
    }
    for (const declaration of this.oracle.declarationsOf(rootNode)) {
      if (ts.isBindingElement(declaration)) {
        const variable = declaration.parent.parent;
        if (
          members.length === 0 &&
          ts.isVariableDeclaration(variable) &&
          variable.initializer &&
          ts.isCallExpression(variable.initializer) &&
          this.#syntacticSdkName(variable.initializer.expression, depth + 1) !== void 0
        ) {
          const property = declaration.propertyName ?? declaration.name;
          return ts.isIdentifier(property) ? property.text : void 0;
        }
      } else if (
        ts.isVariableDeclaration(declaration) &&
        members.length === 1 &&
        declaration.initializer
      ) {
        const initializer = awaited(declaration.initializer);
        if (
          (ts.isCallExpression(initializer) || ts.isNewExpression(initializer)) &&
          this.#syntacticSdkName(initializer.expression, depth + 1) !== void 0
        ) {
          return members[0];
        }
      }
    }
    return void 0;
  }
  /** Classifies a call, `new` expression or decorator call. */
  classify(call) {
    const cached = this.#cache.get(call);
    if (cached) return cached;
    const kind = this.#classify(call);
    this.#cache.set(call, kind);
    return kind;
  }
  #classify(call) {
    const member = this.#clientMemberCall(call.expression);
    if (member !== void 0) return { kind: 'sdk', name: member };
    const table = this.#tableEntries(call.expression);
    if (table.length > 0) return { kind: 'project', units: table };
    return this.#classifyCallee(call, call.expression, this.oracle.declarationsOf(call), 0);
  }
  /**
   * A call of an entry of a constant table of functions (`handlers[destination](text)` with
   * `const handlers = { [Destination.Training]: upload, … }`, or an array of them), or of each
   * entry in turn (`for (const sink of sinks) sink(text)`, `sinks.forEach((sink) => sink(text))`,
   * `Object.values(handlers).map((handle) => handle(text))`): the entry is known only when the
   * program runs, so the call may run any of the table's functions; a literal key names one.
   */
  #tableEntries(callee) {
    const target = skipParentheses(callee);
    if (ts.isElementAccessExpression(target)) {
      const key = skipParentheses(target.argumentExpression);
      const literal = ts.isStringLiteralLike(key) || ts.isNumericLiteral(key) ? key.text : void 0;
      return this.#entriesOf(this.#tableOf(target.expression), literal);
    }
    if (!ts.isIdentifier(target)) return [];
    for (const declaration of this.oracle.declarationsOf(target)) {
      const list = declaration.parent;
      if (
        ts.isVariableDeclaration(declaration) &&
        ts.isVariableDeclarationList(list) &&
        ts.isForOfStatement(list.parent) &&
        list.parent.initializer === list
      ) {
        return this.#entriesOf(this.#tableOf(list.parent.expression), void 0);
      }
      const callback = declaration.parent;
      const call = callback?.parent;
      if (
        ts.isParameter(declaration) &&
        (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) &&
        callback.parameters[0] === declaration &&
        call !== void 0 &&
        ts.isCallExpression(call) &&
        call.arguments[0] === callback &&
        ts.isPropertyAccessExpression(call.expression)
      ) {
        const method = elementMethod(call.expression.name.text);
        if (method === void 0 || method.role === 'fold') continue;
        return this.#entriesOf(this.#tableOf(call.expression.expression), void 0);
      }
    }
    return [];
  }
  /**
   * The literal a table expression names: a constant initialised with an object or array
   * literal, or the values of one (`Object.values(handlers)`, the catalogue's `tableValues`).
   */
  #tableOf(expression) {
    let table = skipParentheses(expression);
    if (
      ts.isCallExpression(table) &&
      table.arguments.length === 1 &&
      accessChain(table.expression).join('.') === tableValues.path
    ) {
      table = skipParentheses(table.arguments[0]);
    }
    for (const declaration of this.oracle.declarationsOf(table)) {
      const initializer = constantInitializer(declaration);
      if (initializer !== void 0) {
        const literal = withoutAssertions(initializer);
        if (ts.isObjectLiteralExpression(literal) || ts.isArrayLiteralExpression(literal)) {
          return literal;
        }
      }
    }
    return void 0;
  }
  /** The project functions among a table's entries, or the entry a literal key names. */
  #entriesOf(table, literal) {
    const entries =
      table !== void 0 && ts.isObjectLiteralExpression(table)
        ? table.properties
            .filter((property) => {
              const name = propertyKeyText(property.name);
              return literal === void 0 || name === void 0 || name === literal;
            })
            .map((property) =>
              ts.isPropertyAssignment(property)
                ? property.initializer
                : ts.isShorthandPropertyAssignment(property)
                  ? property.name
                  : property,
            )
        : table !== void 0 && ts.isArrayLiteralExpression(table)
          ? table.elements.filter((_, index) => literal === void 0 || String(index) === literal)
          : [];
    const found = /* @__PURE__ */ new Set();
    for (const entry of entries) {
      const unit = this.unitsByNode.get(entry);
      if (unit) found.add(unit);
      else if (ts.isExpression(entry))
        for (const named of this.#functionsNamed(entry)) found.add(named);
    }
    return [...found].sort((a, b) => a.id - b.id);
  }
  /**
   * What calling `callee` at `call` is: `callee` is the call's own callee, or the function a
   * call reaches it through (`add` of `add.call(queue, row)`, `queue.add` of `const add = queue.add`).
   */
  #classifyCallee(call, callee, declarations, depth) {
    const chain = accessChain(callee);
    const name = chain[chain.length - 1] ?? '';
    const direct = callee === call.expression;
    if (declarations.length === 0) {
      const sdk = this.sdkNameOf(callee);
      if (sdk) return { kind: 'sdk', name: sdk };
      const untyped = direct ? this.#untypedQuery(call, name) : void 0;
      if (untyped) return untyped;
      const module = unresolvedImportOf(callee, this.oracle);
      return module === void 0
        ? { kind: 'unknown', name }
        : { kind: 'unknown', name, undeclaredModule: module };
    }
    for (const declaration of declarations) {
      if (this.isSdkDeclaration(declaration)) {
        return { kind: 'sdk', name: declarationName(declaration) ?? name };
      }
    }
    for (const declaration of declarations) {
      const guards = this.model.guards.get(declaration);
      if (guards) return { kind: 'guard', entries: guards };
      const sinks = this.model.sinks.get(declaration);
      if (sinks) return this.#policySink(sinks, name);
      const sanitizers = this.model.sanitizers.get(declaration);
      if (sanitizers) return { kind: 'sanitizer', entries: sanitizers };
      const sources = this.model.sources.get(declaration);
      if (sources && ts.isFunctionLike(declaration)) return { kind: 'source', entries: sources };
    }
    const catalogued =
      this.#catalogue(call, chain, declarations) ??
      (direct ? this.#query(call, name, declarations) : void 0);
    if (catalogued) return catalogued;
    for (const declaration of declarations) {
      const purposes = this.processesPurposes(declaration);
      if (purposes.length > 0) {
        const label = `\`${memberLabel(declaration)}\` (marked @processes)`;
        const self = this.#units([declaration]);
        if (self.length > 0 && this.#checksItsParameters(declaration, purposes)) {
          return { kind: 'project', units: self, processes: { label, purposes } };
        }
        return {
          kind: 'sink',
          label: `\`${memberLabel(declaration)}\` (marked @processes)`,
          purposes,
          data: [],
        };
      }
    }
    const units = this.#units(declarations);
    if (units.length > 0) return { kind: 'project', units };
    const passed = this.#passedFor(declarations);
    const parameter = declarations.find(ts.isParameter);
    if (passed.length > 0 && parameter && ts.isFunctionLike(parameter.parent)) {
      const param = parameter.parent.parameters.indexOf(parameter);
      return { kind: 'project', units: passed, passedAs: { owner: parameter.parent, param } };
    }
    const file = declarations[0].getSourceFile();
    if (this.oracle.isStandardLibrary(file.fileName)) {
      const module = ambientModuleOf(declarations[0]);
      const entry = module === void 0 ? void 0 : fileApiOf(module, name);
      if (entry) return { kind: 'file', entry };
      const invoked = this.#invoked(call, callee, declarations, depth);
      if (invoked) return invoked;
      return { kind: 'builtin', name };
    }
    const aliased = this.#aliased(call, declarations, depth);
    if (aliased) return aliased;
    const bodiless = declarations.every(
      (declaration) => ts.isFunctionDeclaration(declaration) && declaration.body === void 0,
    );
    return bodiless && this.oracle.packageOf(file.fileName) === void 0
      ? { kind: 'unknown', name, bodiless: true }
      : { kind: 'unknown', name };
  }
  /**
   * A call through a function invoker of the catalogue (`add.call(queue, row)`,
   * `add.apply(queue, [row])`, `add.bind(queue)`): what calling the function directly is.
   */
  #invoked(call, callee, declarations, depth) {
    const target = skipParentheses(callee);
    if (
      depth >= maxCalleeHops ||
      !ts.isCallExpression(call) ||
      !ts.isPropertyAccessExpression(target)
    )
      return void 0;
    for (const declaration of declarations) {
      const owner = declaration.parent;
      const invoker = functionInvoker(
        target.name.text,
        owner && ts.isInterfaceDeclaration(owner) ? owner.name.text : void 0,
      );
      if (!invoker) continue;
      const invokedFunction = skipParentheses(target.expression);
      const named =
        ts.isIdentifier(invokedFunction) || ts.isPropertyAccessExpression(invokedFunction);
      return {
        kind: 'invoke',
        invoker,
        target: named
          ? this.#classifyCallee(
              call,
              invokedFunction,
              this.oracle.declarationsOf(invokedFunction),
              depth + 1,
            )
          : { kind: 'unknown', name: target.name.text },
      };
    }
    return void 0;
  }
  /**
   * A call of a constant that holds another function (`const add = queue.add`, a readonly field
   * `enqueue = queue.add.bind(queue)`): what calling that function is.
   */
  #aliased(call, declarations, depth) {
    const [declaration] = declarations;
    if (depth >= maxCalleeHops || declarations.length !== 1 || !declaration) return void 0;
    const initializer =
      constantInitializer(declaration) ??
      (ts.isPropertyDeclaration(declaration) &&
      (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly) !== 0
        ? declaration.initializer
        : void 0);
    if (!initializer) return void 0;
    const value = skipParentheses(initializer);
    if (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) {
      const kind = this.#classifyCallee(call, value, this.oracle.declarationsOf(value), depth + 1);
      return kind.kind === 'unknown' || kind.kind === 'builtin' ? void 0 : kind;
    }
    if (ts.isCallExpression(value)) {
      const kind = this.classify(value);
      if (kind.kind === 'invoke' && kind.invoker.binds && !kind.invoker.asArray) {
        const leading = Math.max(0, value.arguments.length - kind.invoker.passesFrom);
        return { kind: 'bound', target: kind.target, leading };
      }
    }
    return void 0;
  }
  /**
   * A member of an object the SDK makes, called on a variable the project initialised with that
   * factory (`consent.allows(…)` after `const consent = createConsent(…)`, here or imported): known
   * from declarations alone. The checker would otherwise type the client, an instantiation of the
   * policy's generated types, at every first check in a function.
   */
  #clientMemberCall(callee) {
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) {
      return void 0;
    }
    const entry = sdkEntry(callee.name.text);
    if (entry?.madeBy === void 0) return void 0;
    for (const declaration of this.oracle.declarationsOf(callee.expression)) {
      if (!ts.isVariableDeclaration(declaration) || declaration.initializer === void 0) continue;
      const initializer = awaited(declaration.initializer);
      if (
        ts.isCallExpression(initializer) &&
        this.sdkNameOf(initializer.expression) === entry.madeBy
      ) {
        return entry.name;
      }
    }
    return void 0;
  }
  /**
   * Whether a method's body checks one of `purposes` with the SDK's checks or a policy guard, for
   * a subject or collection taken from its parameters (`consent.filter(conversations, …)`,
   * `consent.allows(conversation.user, …)`).
   */
  #checksItsParameters(declaration, purposes) {
    if (!ts.isMethodDeclaration(declaration) || !declaration.body) return false;
    const params = new Set(
      declaration.parameters.flatMap((parameter) =>
        ts.isIdentifier(parameter.name) ? [parameter.name.text] : [],
      ),
    );
    const fromParameter = (argument) => {
      const root = argument === void 0 ? void 0 : accessChain(argument)[0];
      return root !== void 0 && params.has(root);
    };
    let found = false;
    walk(declaration.body, void 0, (node) => {
      if (found) return false;
      if (!ts.isCallExpression(node)) return void 0;
      const kind = this.classify(node);
      if (kind.kind === 'sdk' && isSdkCheck(kind.name)) {
        const purpose = node.arguments[sdkEntry(kind.name)?.purposeArgument ?? 1];
        if (
          purpose !== void 0 &&
          ts.isStringLiteralLike(purpose) &&
          purposes.includes(purpose.text) &&
          fromParameter(node.arguments[0])
        ) {
          found = true;
        }
      } else if (kind.kind === 'guard') {
        const guard = kind.entries[0].entry;
        if (
          kind.entries.some((entry) => purposes.includes(entry.entry.purpose)) &&
          fromParameter(node.arguments[guard.subjectArgument ?? 0])
        ) {
          found = true;
        }
      }
      return void 0;
    });
    return found;
  }
  /** The purposes a method's `@processes(...)` markers name. */
  processesPurposes(declaration) {
    if (!ts.isMethodDeclaration(declaration) && !ts.isMethodSignature(declaration)) return [];
    const purposes = [];
    for (const decorator of ts.canHaveDecorators(declaration)
      ? (ts.getDecorators(declaration) ?? [])
      : []) {
      const expression = decorator.expression;
      if (
        ts.isCallExpression(expression) &&
        this.sdkRoleOf(expression.expression) === 'processes-marker'
      ) {
        const first = expression.arguments[0];
        if (first && ts.isStringLiteralLike(first)) purposes.push(first.text);
      }
    }
    return purposes;
  }
  #policySink(sinks, name) {
    const purposes = [...new Set(sinks.flatMap((sink) => this.model.sinkPurposes(sink.entry)))];
    const everyArgument = sinks.some((sink) => sink.entry.data.length === 0);
    return {
      kind: 'sink',
      label: `\`${sinks[0]?.entry.at.export ?? name}\` (a sink declared in the policy)`,
      purposes,
      data: everyArgument ? [] : sinks.flatMap((sink) => sink.entry.data),
    };
  }
  #catalogue(call, chain, declarations) {
    const packages = new Set(
      declarations.map((declaration) =>
        this.oracle.packageOf(declaration.getSourceFile().fileName),
      ),
    );
    for (const entry of this.model.catalogue) {
      const at = entry.at;
      if (at.call === 'construct' ? !ts.isNewExpression(call) : !ts.isCallExpression(call))
        continue;
      if (!packages.has(at.package)) continue;
      const path = at.path.split('.');
      if (chain.length < path.length) continue;
      const tail = chain.slice(chain.length - path.length);
      if (tail.join('.') !== at.path) continue;
      return {
        kind: 'sink',
        // The vendor's name says whose API it is; the package only when the catalogue has no name.
        label: entry.name
          ? `\`${at.path}\` (${entry.name})`
          : `\`${at.path}\` of \`${at.package}\``,
        purposes: this.model.sinkPurposes(entry),
        data: entry.data,
        ...(entry.when ? { when: entry.when } : {}),
        training: true,
      };
    }
    for (const entry of objectStorageApis) {
      const at = entry.at;
      if (at.call === 'construct' ? !ts.isNewExpression(call) : !ts.isCallExpression(call))
        continue;
      if (packages.has(at.package) && chain[chain.length - 1] === at.path)
        return { kind: 'object', entry };
    }
    return void 0;
  }
  /** Whether an expression reads a column of a table object a table factory declared (`messages.accountId`). */
  isTableColumn(expression) {
    const cached = this.#tableColumns.get(expression);
    if (cached !== void 0) return cached;
    const result = this.oracle
      .declarationsOf(expression.expression)
      .some(
        (declaration) =>
          ts.isVariableDeclaration(declaration) &&
          tableFactoryColumns(declaration, this.oracle) !== void 0,
      );
    this.#tableColumns.set(expression, result);
    return result;
  }
  /**
   * A query builder's read of a table the policy maps (`db.selectFrom('logged_requests')`,
   * `db.select().from(messages)`, `prisma.message.findMany({ select: { content: true } })`): its
   * rows, with the row fields that hold each mapped column.
   */
  #query(call, name, declarations) {
    if (this.model.tables.size === 0 || !ts.isCallExpression(call)) return void 0;
    for (const entry of queryBuilders) {
      if (entry.method !== name) continue;
      const key = this.#tableNamed(call, entry.table);
      const table = key === void 0 ? void 0 : this.model.tables.get(key);
      if (table === void 0) continue;
      const declared = declarations.some(
        (declaration) =>
          this.oracle.packageOf(declaration.getSourceFile().fileName) === entry.package,
      );
      if (!declared) continue;
      const columns = this.#selected(call, entry, table, 0);
      if (columns.size === 0) return void 0;
      return { kind: 'source', entries: [...columns.keys()], columns };
    }
    return void 0;
  }
  /**
   * A query call whose package has no declarations (a Prisma client not generated), recognised
   * by the client object it is called on: one made by `new PrismaClient()` from the package.
   */
  #untypedQuery(call, name) {
    if (this.model.tables.size === 0 || !ts.isCallExpression(call)) return void 0;
    for (const entry of queryBuilders) {
      if (entry.method !== name || entry.untyped === void 0) continue;
      const key = this.#tableNamed(call, entry.table);
      const table = key === void 0 ? void 0 : this.model.tables.get(key);
      if (table === void 0) continue;
      const callee = call.expression;
      const owner = skipParentheses(callee.expression);
      if (!this.#madeBy(skipParentheses(owner.expression), entry.untyped)) continue;
      const columns = this.#selected(call, entry, table, 0);
      if (columns.size === 0) return void 0;
      return { kind: 'source', entries: [...columns.keys()], columns };
    }
    return void 0;
  }
  /** Whether a variable was made by `new <construct>(…)` with `construct` imported from `module`. */
  #madeBy(expression, untyped) {
    if (!ts.isIdentifier(expression)) return false;
    const declaration = [
      ...this.oracle.declarationsOf(expression),
      ...localDeclarations(expression),
    ].find(ts.isVariableDeclaration);
    let made = declaration?.initializer;
    while (made && !ts.isNewExpression(made)) {
      if (ts.isBinaryExpression(made)) made = made.right;
      else if (ts.isParenthesizedExpression(made)) made = made.expression;
      else return false;
    }
    if (!made || !ts.isIdentifier(made.expression)) return false;
    const constructName = made.expression.text;
    return made
      .getSourceFile()
      .statements.some(
        (statement) =>
          ts.isImportDeclaration(statement) &&
          ts.isStringLiteral(statement.moduleSpecifier) &&
          statement.moduleSpecifier.text === untyped.module &&
          statement.importClause?.namedBindings !== void 0 &&
          ts.isNamedImports(statement.importClause.namedBindings) &&
          statement.importClause.namedBindings.elements.some(
            (element) =>
              element.name.text === constructName &&
              (element.propertyName ?? element.name).getText() === untyped.construct,
          ),
      );
  }
  /** The key of the table a query call reads, as its catalogue row says it names it. */
  #tableNamed(call, table) {
    if (table.by === 'argument') {
      const argument = call.arguments[table.argument];
      if (!argument || !ts.isStringLiteralLike(argument)) return void 0;
      return tableKey('table', argument.text.split(/\s+as\s+/)[0].trim());
    }
    if (table.by === 'object') {
      const argument = call.arguments[table.argument];
      if (!argument) return void 0;
      const object = this.#tableObjectName(argument);
      return object === void 0 ? void 0 : tableKey('object', object);
    }
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee)) return void 0;
    const owner = skipParentheses(callee.expression);
    if (!ts.isPropertyAccessExpression(owner)) return void 0;
    return tableKey(table.names, owner.name.text);
  }
  /** The declared name of the table object an expression refers to (`messages`, `schema.messages`). */
  #tableObjectName(expression) {
    const node = skipParentheses(expression);
    if (!ts.isIdentifier(node) && !ts.isPropertyAccessExpression(node)) return void 0;
    for (const declaration of this.oracle.declarationsOf(node)) {
      if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name))
        return declaration.name.text;
    }
    return ts.isIdentifier(node) ? node.text : node.name.text;
  }
  /**
   * The row fields that hold each mapped column of `table` (and of related tables a query
   * includes), narrowed by what the call selects.
   */
  #selected(call, entry, table, depth) {
    const selection = entry.selection;
    const result = /* @__PURE__ */ new Map();
    const add = (mapping, field) => {
      const fields = result.get(mapping) ?? [];
      if (!fields.includes(field)) fields.push(field);
      result.set(mapping, fields);
    };
    if (selection?.from === 'projection') {
      const projection = projectionOf(call, selection.method, selection.argument);
      if (projection !== void 0) {
        for (const property of projection.properties) {
          if (!ts.isPropertyAssignment(property)) continue;
          const field = propertyNameText(property.name);
          const value = skipParentheses(property.initializer);
          if (field === void 0 || !ts.isPropertyAccessExpression(value)) continue;
          const object = this.#tableObjectName(value.expression);
          const mapped =
            object === void 0 ? void 0 : this.model.tables.get(tableKey('object', object));
          for (const column of mapped?.columns ?? []) {
            if (column.column === '*' || column.column === value.name.text)
              add(column.mapping, field);
          }
        }
        return result;
      }
    }
    const options = selection?.from === 'flags' ? objectArgument(call, selection.argument) : void 0;
    return this.#flagged(options, selection, table, depth, add, result);
  }
  #flagged(options, selection, table, depth, add, result) {
    const flags =
      selection?.from === 'flags' && options
        ? selection.options.flatMap((option) => flagsOf(options, option) ?? [])
        : [];
    const omitted =
      selection?.from === 'flags' && selection.omit !== void 0 && options
        ? (flagsOf(options, selection.omit) ?? []).filter((flag) => flag.on)
        : [];
    const chosen = flags.filter((flag) => flag.on).map((flag) => flag.name);
    const dropped = /* @__PURE__ */ new Set([
      ...flags.filter((flag) => !flag.on).map((flag) => flag.name),
      ...omitted.map((flag) => flag.name),
    ]);
    for (const column of table.columns) {
      if (chosen.length > 0) {
        for (const field of chosen) {
          if ((column.column === '*' && !table.relations.has(field)) || column.column === field)
            add(column.mapping, field);
        }
      } else if (!dropped.has(column.column)) {
        add(column.mapping, column.column);
      }
    }
    if (selection?.from !== 'flags' || !options || depth >= 3) return result;
    for (const option of selection.relations ?? []) {
      for (const flag of flagsOf(options, option) ?? []) {
        const related = this.model.tables.get(table.relations.get(flag.name) ?? '');
        if (!flag.on || related === void 0) continue;
        const nested = /* @__PURE__ */ new Map();
        this.#flagged(
          flag.nested,
          selection,
          related,
          depth + 1,
          (mapping, field) => nested.set(mapping, [...(nested.get(mapping) ?? []), field]),
          nested,
        );
        for (const mapping of nested.keys()) add(mapping, flag.name);
      }
    }
    return result;
  }
  #units(declarations) {
    const found = /* @__PURE__ */ new Set();
    for (const candidate of declarations) {
      const declaration = ts.isClassLike(candidate)
        ? (candidate.members.find(ts.isConstructorDeclaration) ?? candidate)
        : candidate;
      const unit = this.unitsByNode.get(declaration);
      if (unit) {
        found.add(unit);
        if (ts.isMethodDeclaration(declaration)) this.#overrides(declaration, found);
        continue;
      }
      if (
        ts.isMethodSignature(declaration) ||
        ts.isPropertySignature(declaration) ||
        ts.isMethodDeclaration(declaration) ||
        ts.isPropertyDeclaration(declaration)
      ) {
        this.#overrides(declaration, found);
      }
    }
    return [...found].sort((a, b) => a.id - b.id);
  }
  #overrides(member, found) {
    const owner = member.parent;
    const memberName2 = declarationName(member);
    if (!owner || memberName2 === void 0) return;
    for (const implementation of this.implementationsOf(owner)) {
      const members = ts.isObjectLiteralExpression(implementation)
        ? implementation.properties
        : implementation.members;
      for (const candidate of members) {
        if (declarationName(candidate) !== memberName2) continue;
        const unit =
          this.unitsByNode.get(candidate) ??
          ((ts.isPropertyDeclaration(candidate) || ts.isPropertyAssignment(candidate)) &&
          candidate.initializer
            ? this.unitsByNode.get(candidate.initializer)
            : void 0);
        if (unit) {
          found.add(unit);
        } else if (
          ts.isShorthandPropertyAssignment(candidate) ||
          ts.isPropertyAssignment(candidate)
        ) {
          const local = localFunctionOf(candidate);
          const localUnit = local && this.unitsByNode.get(local);
          if (localUnit) {
            found.add(localUnit);
            continue;
          }
          const value = ts.isPropertyAssignment(candidate) ? candidate.initializer : candidate.name;
          for (const declaration of this.oracle.declarationsOf(value)) {
            const named = this.unitsByNode.get(declaration);
            if (named) found.add(named);
          }
        }
      }
    }
  }
  /**
   * The project functions callers hand to these parameters (`each(rows, upload)` hands `upload`
   * to `each`'s second parameter), wherever those calls are: a call of the parameter may run any
   * of them. Read once from the calls that pass a function (`handOffs`).
   */
  #passedFor(declarations) {
    if (!declarations.some(ts.isParameter)) return [];
    if (this.#indexing) return [];
    if (!this.#passedIndex) {
      this.#indexing = true;
      const index = /* @__PURE__ */ new Map();
      const handedOn = [];
      for (const call of this.handOffs) {
        const callees = this.#units(this.oracle.declarationsOf(call));
        if (callees.length === 0) continue;
        (call.arguments ?? []).forEach((argument, position) => {
          const given = this.#functionsNamed(argument);
          const from = given.length > 0 ? void 0 : this.#parameterNamed(argument);
          if (given.length === 0 && from === void 0) return;
          for (const callee of callees) {
            const param = callee.params[position];
            if (!param || param.dotDotDotToken || !this.calledInPlace(param)) continue;
            if (from) {
              handedOn.push([from, param]);
              continue;
            }
            const set = index.get(param) ?? /* @__PURE__ */ new Set();
            for (const unit of given) set.add(unit);
            index.set(param, set);
          }
        });
      }
      for (let changed = true; changed; ) {
        changed = false;
        for (const [from, to] of handedOn) {
          const given = index.get(from);
          if (!given) continue;
          const set = index.get(to) ?? /* @__PURE__ */ new Set();
          const before = set.size;
          for (const unit of given) set.add(unit);
          index.set(to, set);
          changed ||= set.size > before;
        }
      }
      this.#passedIndex = index;
      this.#indexing = false;
    }
    const found = /* @__PURE__ */ new Set();
    for (const declaration of declarations) {
      if (!ts.isParameter(declaration)) continue;
      for (const unit of this.#passedIndex.get(declaration) ?? []) found.add(unit);
      if (declaration.initializer && this.calledInPlace(declaration))
        for (const unit of this.#functionsNamed(declaration.initializer)) found.add(unit);
    }
    return [...found].sort((a, b) => a.id - b.id);
  }
  /**
   * Whether a function passed as this argument stays in the project's sight: the call hands it
   * to project functions that only ever call the parameter they take it as (`each(rows, upload)`
   * with `each` calling `fn(row)`, and doing nothing else with `fn`). Their calls of it are its
   * callers; it does not escape to code the analysis cannot see.
   */
  handedOff(argument) {
    const call = argument.parent;
    if (!call || (!ts.isCallExpression(call) && !ts.isNewExpression(call))) return false;
    const position = call.arguments?.indexOf(argument) ?? -1;
    if (position < 0) return false;
    const callees = this.#units(this.oracle.declarationsOf(call));
    return (
      callees.length > 0 &&
      callees.every((callee) => {
        const param = callee.params[position];
        return param !== void 0 && !param.dotDotDotToken && this.calledInPlace(param);
      })
    );
  }
  /**
   * Whether a function only calls this parameter in place (`readCalledInPlace`), where handing
   * it on to a project function that takes it as a parameter called in place counts as calling
   * it (`outer(rows, fn)` calling `inner(rows, fn)`, which calls `fn(row)`): a function passed
   * for it stays in the project's sight. A parameter handed on in a cycle is not, unless the
   * cycle is the function calling itself (a tree walk handing `visit` down).
   */
  calledInPlace(param) {
    const known = this.#inPlace.get(param);
    if (known !== void 0) return known;
    this.#inPlace.set(param, false);
    const result = readCalledInPlace(param, (call, position) => {
      const callees = this.#units(this.oracle.declarationsOf(call));
      return (
        callees.length > 0 &&
        callees.every((callee) => {
          const next = callee.params[position];
          return (
            next !== void 0 && !next.dotDotDotToken && (next === param || this.calledInPlace(next))
          );
        })
      );
    });
    this.#inPlace.set(param, result);
    return result;
  }
  /**
   * Whether a function uses this options parameter only to read its members and to call its
   * member `member` in place (`options.onItem(item)`): it neither hands the object on, nor
   * stores, destructures or reads that member without calling it.
   */
  memberCalledInPlace(param, member) {
    return readCalledInPlace(param, void 0, member);
  }
  /**
   * The project functions a call's arguments hand over by another name than their own: a
   * property of a constant object (`destinations.training`), a bound method
   * (`this.share.bind(this)`), a branch of `?:`. Only the calls that may pass a function
   * (`handOffs`) are read.
   */
  functionsHandedBy(call) {
    this.#handOffSet ??= new Set(this.handOffs);
    if (!this.#handOffSet.has(call)) return [];
    const found = [];
    for (const argument of call.arguments ?? []) {
      if (
        ts.isIdentifier(argument) ||
        this.unitsByNode.has(argument) ||
        (ts.isPropertyAccessExpression(argument) &&
          argument.expression.kind === ts.SyntaxKind.ThisKeyword)
      )
        continue;
      const units = this.#functionsNamed(argument);
      if (units.length > 0) found.push([argument, units]);
    }
    return found;
  }
  /** The parameter an argument names (`fn` handed on by the function that takes it). */
  #parameterNamed(argument) {
    if (!ts.isIdentifier(argument)) return void 0;
    return this.oracle.declarationsOf(argument).find(ts.isParameter);
  }
  /** The project function an argument is or names (`upload`, `jobs.upload`, an inline unit). */
  /**
   * The project functions an expression names: a function, a name or member bound to one
   * (`uploadTrainingText`, `jobs.upload`), a property of a constant object
   * (`destinations.training`), a method bound with no argument (`this.share.bind(this)`), either
   * branch of `?:`.
   */
  functionsNamed(argument) {
    let named = this.#named.get(argument);
    if (!named) {
      named = this.#functionsNamed(argument);
      this.#named.set(argument, named);
    }
    return named;
  }
  #functionsNamed(argument, depth = 0) {
    const expression = skipParentheses(argument);
    const own = this.unitsByNode.get(expression);
    if (own) return [own];
    if (depth > maxCalleeHops) return [];
    if (ts.isConditionalExpression(expression)) {
      return [
        ...this.#functionsNamed(expression.whenTrue, depth + 1),
        ...this.#functionsNamed(expression.whenFalse, depth + 1),
      ];
    }
    if (ts.isCallExpression(expression)) {
      if (
        !ts.isPropertyAccessExpression(expression.expression) ||
        !bindingInvokerNames.has(expression.expression.name.text)
      )
        return [];
      const kind = this.classify(expression);
      return kind.kind === 'invoke' &&
        kind.invoker.binds &&
        expression.arguments.length <= kind.invoker.passesFrom &&
        kind.target.kind === 'project'
        ? [...kind.target.units]
        : [];
    }
    if (!ts.isIdentifier(expression) && !ts.isPropertyAccessExpression(expression)) return [];
    for (const declaration of this.oracle.declarationsOf(expression)) {
      const unit = this.unitsByNode.get(declaration);
      if (unit && !ts.isSourceFile(unit.node)) return [unit];
      if (
        ts.isPropertyAssignment(declaration) &&
        declaration.parent &&
        ts.isObjectLiteralExpression(declaration.parent) &&
        isConstantObject(declaration.parent)
      )
        return this.#functionsNamed(declaration.initializer, depth + 1);
    }
    return [];
  }
  /**
   * Classes that implement or extend a class or interface, directly or not, and object literals
   * written to implement one (`const hook: ExportHook = { … }`).
   */
  implementationsOf(owner) {
    if (!this.#implIndex) {
      const direct = /* @__PURE__ */ new Map();
      for (const implementer of this.implementers) {
        const supertypes = [];
        const seen = /* @__PURE__ */ new Set();
        const add = (name) => {
          for (const declaration of this.oracle.declarationsOf(name)) {
            if (seen.has(declaration)) continue;
            seen.add(declaration);
            supertypes.push(declaration);
            if (ts.isInterfaceDeclaration(declaration)) {
              addClauses(declaration.heritageClauses);
            } else if (
              // `type Hook = ExportHook`: what the alias names.
              ts.isTypeAliasDeclaration(declaration) &&
              ts.isTypeReferenceNode(declaration.type)
            ) {
              add(entityTail(declaration.type.typeName));
            }
          }
        };
        const addClauses = (clauses) => {
          for (const clause of clauses ?? []) {
            for (const type of clause.types) add(type.expression);
          }
        };
        if (ts.isObjectLiteralExpression(implementer)) {
          const type = implementedTypeOf(implementer);
          if (type) add(entityTail(type));
        } else {
          addClauses(implementer.heritageClauses);
        }
        for (const declaration of supertypes) {
          const list = direct.get(declaration) ?? [];
          list.push(implementer);
          direct.set(declaration, list);
        }
      }
      const closed = /* @__PURE__ */ new Map();
      const close = (node, seen) => {
        const result = [];
        for (const sub of direct.get(node) ?? []) {
          if (seen.has(sub)) continue;
          seen.add(sub);
          result.push(sub, ...close(sub, seen));
        }
        return result;
      };
      for (const key of direct.keys()) closed.set(key, close(key, /* @__PURE__ */ new Set()));
      this.#implIndex = closed;
    }
    return this.#implIndex.get(owner) ?? [];
  }
};
function readCalledInPlace(param, handedOn, member) {
  const owner = param.parent;
  if (!ts.isIdentifier(param.name) || !ts.isFunctionLike(owner)) return false;
  const body = owner.body;
  if (body === void 0) return false;
  const name = param.name.text;
  const inPlace = (call) => {
    for (let node = call.parent; node !== owner; node = node.parent) {
      if (!ts.isFunctionLike(node)) continue;
      let handed = node;
      while (ts.isParenthesizedExpression(handed.parent)) handed = handed.parent;
      const parent = handed.parent;
      const isArgument =
        (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
        parent.arguments?.includes(handed) === true;
      if (!isArgument) return false;
    }
    return true;
  };
  let only = true;
  walk(body, void 0, (node) => {
    if (!only) return false;
    if (ts.isIdentifier(node) && node.text === name) {
      let use = node;
      while (ts.isParenthesizedExpression(use.parent)) use = use.parent;
      const parent = use.parent;
      if (ts.isPropertyAccessExpression(parent) && parent.name === node) return void 0;
      const invoked = parent.parent;
      if (member !== void 0) {
        let access = parent;
        if (!ts.isPropertyAccessExpression(access) || access.expression !== use) only = false;
        else if (access.name.text === member) {
          while (ts.isParenthesizedExpression(access.parent)) access = access.parent;
          const call = access.parent;
          only = ts.isCallExpression(call) && call.expression === access && inPlace(call);
        }
        return void 0;
      }
      if (ts.isCallExpression(parent) && parent.expression === use) {
        only = inPlace(parent);
      } else if (
        // `fn.call(undefined, row)`, `fn.apply(undefined, [row])`: a call of it, in place.
        ts.isPropertyAccessExpression(parent) &&
        parent.expression === use &&
        callingInvokerNames.has(parent.name.text) &&
        invoked !== void 0 &&
        ts.isCallExpression(invoked) &&
        invoked.expression === parent
      ) {
        only = inPlace(invoked);
      } else if (
        handedOn &&
        (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
        parent.expression !== use
      ) {
        const position = parent.arguments?.indexOf(use) ?? -1;
        only = position >= 0 && inPlace(parent) && handedOn(parent, position);
      } else {
        only = false;
      }
    }
    return void 0;
  });
  return only;
}
function propertyKeyText(name) {
  if (name === void 0) return void 0;
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) {
    return name.text;
  }
  if (ts.isComputedPropertyName(name)) {
    const inner = skipParentheses(name.expression);
    if (ts.isStringLiteralLike(inner) || ts.isNumericLiteral(inner)) return inner.text;
  }
  return void 0;
}
function declarationName(declaration) {
  const name = declaration.name;
  if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name))) {
    return name.text;
  }
  if (
    ts.isBindingElement(declaration) &&
    declaration.propertyName &&
    ts.isIdentifier(declaration.propertyName)
  ) {
    return declaration.propertyName.text;
  }
  return void 0;
}
function memberLabel(declaration) {
  const name = declarationName(declaration) ?? '(anonymous)';
  const owner = declaration.parent;
  const ownerName = owner ? declarationName(owner) : void 0;
  return ownerName ? `${ownerName}.${name}` : name;
}
function unresolvedSdkImport(node, localName, oracle) {
  for (const statement of node.getSourceFile().statements) {
    if (
      !ts.isImportDeclaration(statement) ||
      !ts.isStringLiteral(statement.moduleSpecifier) ||
      statement.moduleSpecifier.text !== sdkPackage ||
      statement.importClause?.isTypeOnly ||
      oracle.resolvesModule(statement.moduleSpecifier)
    ) {
      continue;
    }
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings) && bindings.name.text === localName) return '*';
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if (element.name.text === localName && !element.isTypeOnly)
          return (element.propertyName ?? element.name).text;
      }
    }
  }
  return void 0;
}
function ambientModuleOf(declaration) {
  let module;
  for (let node = declaration.parent; node; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) module = node.name.text;
  }
  return module;
}
function skipParentheses(expression) {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) node = node.expression;
  return node;
}
function propertyNameText(name) {
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : void 0;
}
function objectArgument(call, index) {
  const argument = call.arguments[index];
  const node = argument === void 0 ? void 0 : skipParentheses(argument);
  return node && ts.isObjectLiteralExpression(node) ? node : void 0;
}
function projectionOf(call, method, index) {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return void 0;
  const previous = skipParentheses(callee.expression);
  if (!ts.isCallExpression(previous)) return void 0;
  const previousCallee = previous.expression;
  if (!ts.isPropertyAccessExpression(previousCallee) || previousCallee.name.text !== method)
    return void 0;
  return objectArgument(previous, index);
}
function flagsOf(options, option) {
  for (const property of options.properties) {
    if (!ts.isPropertyAssignment(property) || propertyNameText(property.name) !== option) continue;
    const value = skipParentheses(property.initializer);
    if (!ts.isObjectLiteralExpression(value)) return void 0;
    return value.properties.flatMap((flag) => {
      if (!ts.isPropertyAssignment(flag)) return [];
      const name = propertyNameText(flag.name);
      if (name === void 0) return [];
      const initializer = skipParentheses(flag.initializer);
      if (initializer.kind === ts.SyntaxKind.FalseKeyword) return [{ name, on: false }];
      return [
        {
          name,
          on: true,
          ...(ts.isObjectLiteralExpression(initializer) ? { nested: initializer } : {}),
        },
      ];
    });
  }
  return void 0;
}
function localDeclarations(identifier) {
  return identifier
    .getSourceFile()
    .statements.filter(ts.isVariableStatement)
    .flatMap((statement) => statement.declarationList.declarations)
    .filter(
      (declaration) =>
        ts.isIdentifier(declaration.name) && declaration.name.text === identifier.text,
    );
}
function unresolvedImportOf(expression, oracle) {
  let root = expression;
  while (ts.isPropertyAccessExpression(root) || ts.isCallExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root)) return void 0;
  for (const statement of root.getSourceFile().statements) {
    if (
      !ts.isImportDeclaration(statement) ||
      !ts.isStringLiteral(statement.moduleSpecifier) ||
      statement.importClause?.isTypeOnly
    ) {
      continue;
    }
    const clause = statement.importClause;
    const bindings = clause?.namedBindings;
    const binds =
      clause?.name?.text === root.text ||
      (bindings !== void 0 && ts.isNamespaceImport(bindings) && bindings.name.text === root.text) ||
      (bindings !== void 0 &&
        ts.isNamedImports(bindings) &&
        bindings.elements.some((element) => element.name.text === root.text));
    if (!binds) continue;
    return oracle.resolvesModule(statement.moduleSpecifier)
      ? void 0
      : statement.moduleSpecifier.text;
  }
  return void 0;
}

// src/code/incomplete.ts
function incompleteFile(file, reason, limit) {
  return {
    location: { file, line: 1, column: 1 },
    part: 'This file',
    reason,
    ...(limit === void 0 ? {} : { limit }),
  };
}
function incompleteCut(file, relativeName, cut) {
  const position = file.getLineAndCharacterOfPosition(Math.min(cut.start, file.text.length));
  return {
    location: { file: relativeName, line: position.line + 1, column: position.character + 1 },
    part:
      cut.parts === 1
        ? 'The code from here to the end of its expression'
        : `The code from here to the end of its expression, and ${cut.parts - 1} more part${cut.parts === 2 ? '' : 's'} of the same function,`,
    reason: cut.reason,
    limit: { name: cut.limit, value: cut.value },
  };
}
function incompleteUnit(unit, error, relative) {
  const stoppedAt = error instanceof AnalysisLimitError ? error.node : void 0;
  const { location, part } = unitPlace(unit, stoppedAt, relative);
  if (error instanceof AnalysisLimitError) {
    return {
      location,
      part,
      reason: error.reason,
      limit: { name: error.limit, value: error.value },
    };
  }
  if (error instanceof RangeError) {
    return {
      location,
      part,
      reason:
        "the analysis ran out of Node's stack (the code nests too deeply; lower --limit depth)",
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    location,
    part,
    reason: `the analysis failed (${message.split('\n')[0]}); this is a bug in Consentry, please report it`,
  };
}
function unsettledUnit(unit, rounds, relative) {
  return {
    ...unitPlace(unit, void 0, relative),
    reason: `its summary was still changing when the analysis stopped after ${rounds} rounds of evaluation (a chain of functions that feed each other through files, fields or events, longer than the rounds allow)`,
    limit: { name: 'rounds', value: rounds },
  };
}
function unitPlace(unit, stoppedAt, relative) {
  const file = stoppedAt?.getSourceFile() ?? unit.file;
  const at =
    stoppedAt !== void 0
      ? stoppedAt.getStart(file)
      : ts.isSourceFile(unit.node)
        ? 0
        : unit.node.getStart(file);
  const position = file.getLineAndCharacterOfPosition(at);
  return {
    location: {
      file: relative(file.fileName),
      line: position.line + 1,
      column: position.character + 1,
    },
    part: ts.isSourceFile(unit.node) ? 'The top level of this module' : `\`${unit.name}\``,
  };
}

// src/code/lattice.ts
function unknownFacts(all) {
  return { possible: all, allowed: /* @__PURE__ */ new Map() };
}
function joinFacts(a, b) {
  const possible = a.possible | b.possible;
  const allowed = /* @__PURE__ */ new Map();
  for (const purpose of /* @__PURE__ */ new Set([...a.allowed.keys(), ...b.allowed.keys()])) {
    const left = (a.allowed.get(purpose) ?? 0) | ~a.possible;
    const right = (b.allowed.get(purpose) ?? 0) | ~b.possible;
    const mask = left & right & possible;
    if (mask !== 0) allowed.set(purpose, mask);
  }
  return { possible, allowed };
}
function meetFacts(a, b) {
  const possible = a.possible & b.possible;
  const allowed = /* @__PURE__ */ new Map();
  for (const purpose of /* @__PURE__ */ new Set([...a.allowed.keys(), ...b.allowed.keys()])) {
    const mask = ((a.allowed.get(purpose) ?? 0) | (b.allowed.get(purpose) ?? 0)) & possible;
    if (mask !== 0) allowed.set(purpose, mask);
  }
  return { possible, allowed };
}
function allowFacts(facts, purposes, mask) {
  const allowed = new Map(facts.allowed);
  for (const purpose of purposes) {
    allowed.set(purpose, ((allowed.get(purpose) ?? 0) | mask) & facts.possible);
  }
  return { possible: facts.possible, allowed };
}
function restrictFacts(facts, mask) {
  const possible = facts.possible & mask;
  const allowed = /* @__PURE__ */ new Map();
  for (const [purpose, tiers] of facts.allowed) {
    if ((tiers & possible) !== 0) allowed.set(purpose, tiers & possible);
  }
  return { possible, allowed };
}
function sameFacts(a, b) {
  if (a.possible !== b.possible || a.allowed.size !== b.allowed.size) return false;
  for (const [purpose, mask] of a.allowed) if (b.allowed.get(purpose) !== mask) return false;
  return true;
}
function allowedFor(facts, purposes) {
  let mask = 0;
  for (const purpose of purposes) mask |= facts.allowed.get(purpose) ?? 0;
  return mask & facts.possible;
}

// src/code/values.ts
var paramFilePrefix = 'param-file:';
function paramFileKey(unit, path) {
  return `${paramFilePrefix}${unit}|${path}`;
}
function paramFileOf(taint) {
  if (!taint.key.startsWith(paramFilePrefix)) return void 0;
  return taint.key.slice(taint.key.indexOf('|') + 1);
}
var emptyValue = { taints: [] };
var maxTaints = 24;
var maxTrail = 16;
function extendTrail(trail, step) {
  const last = trail[trail.length - 1];
  if (last && last.file === step.file && last.line === step.line && last.note === step.note) {
    return [...trail];
  }
  const next = [...trail, step];
  if (next.length <= maxTrail) return next;
  return [...next.slice(0, 3), ...next.slice(next.length - (maxTrail - 3))];
}
function unionTaints(...lists) {
  const byKey = /* @__PURE__ */ new Map();
  for (const list of lists) {
    for (const taint of list) {
      const key = `${taint.key}\0${taint.subject}`;
      const existing = byKey.get(key);
      if (existing === void 0) {
        byKey.set(key, taint);
        continue;
      }
      const categories = unionCategories(existing.categories, taint.categories);
      const via = unionCategories(existing.via, taint.via);
      const fields = unionCategories(existing.fields, taint.fields);
      if (
        !sameFacts(existing.facts, taint.facts) ||
        categories !== existing.categories ||
        via !== existing.via ||
        fields !== existing.fields
      ) {
        const { categories: _categories, via: _via, fields: _fields, ...rest } = existing;
        byKey.set(key, {
          ...rest,
          facts: joinFacts(existing.facts, taint.facts),
          ...(categories === void 0 ? {} : { categories }),
          ...(via === void 0 ? {} : { via }),
          ...(fields === void 0 ? {} : { fields }),
        });
      }
    }
  }
  const merged = [...byKey.values()];
  return merged.length > maxTaints ? merged.slice(0, maxTaints) : merged;
}
function unionCategories(a, b) {
  if (a === void 0 || b === void 0) return void 0;
  if (b.every((category) => a.includes(category))) return a;
  return [.../* @__PURE__ */ new Set([...a, ...b])].sort();
}
function narrowTaint(taint, to) {
  if (to === void 0 || to.length === 0) return taint;
  const kept = taint.categories?.filter((category) => to.includes(category));
  if (kept !== void 0 && kept.length === taint.categories?.length) return taint;
  return { ...taint, categories: kept !== void 0 && kept.length > 0 ? kept : [...to] };
}
function joinValues(a, b) {
  if (a === b) return a;
  const taints = unionTaints(a.taints, b.taints);
  const result = { taints };
  if (a.identity !== void 0 && a.identity === b.identity) {
    result.identity = a.identity;
    if (a.linked && b.linked) result.linked = true;
  }
  if (a.check && b.check && sameCheck(a.check, b.check)) result.check = a.check;
  if (a.check && !a.check.negated && b.bool === false && !b.check) result.check = a.check;
  if (b.check && !b.check.negated && a.bool === false && !a.check) result.check = b.check;
  if (a.decision && b.decision && sameCheck(a.decision, b.decision)) result.decision = a.decision;
  if (a.tierOf !== void 0 && a.tierOf === b.tierOf) result.tierOf = a.tierOf;
  if (a.path !== void 0 && a.path === b.path) {
    result.path = a.path;
    if (a.writes && b.writes) result.writes = true;
  }
  if (a.personalContent || b.personalContent) result.personalContent = true;
  const untraced = a.untraced ?? b.untraced;
  if (untraced !== void 0) result.untraced = untraced;
  const environment = a.environment ?? b.environment;
  if (environment !== void 0) result.environment = environment;
  if (a.tierTest && b.tierTest && a.tierTest.subject === b.tierTest.subject) {
    result.tierTest = { subject: a.tierTest.subject, mask: a.tierTest.mask | b.tierTest.mask };
  }
  if (a.closure && a.closure === b.closure) result.closure = a.closure;
  if (a.operators && a.operators === b.operators) result.operators = a.operators;
  if (a.bound && a.bound === b.bound) result.bound = a.bound;
  if (a.truthy && a.truthy === b.truthy) result.truthy = a.truthy;
  if (a.falsy && a.falsy === b.falsy) result.falsy = a.falsy;
  if (a.instances || b.instances)
    result.instances = [...(a.instances ?? []), ...(b.instances ?? [])];
  if (a.functions || b.functions)
    result.functions = [...(a.functions ?? []), ...(b.functions ?? [])];
  if (a.literals && b.literals)
    result.literals = [.../* @__PURE__ */ new Set([...a.literals, ...b.literals])];
  if (a.element && b.element) result.element = joinValues(a.element, b.element);
  else if (a.element && b.taints.length === 0 && !b.fields) result.element = a.element;
  else if (b.element && a.taints.length === 0 && !a.fields) result.element = b.element;
  if (a.fields && b.fields) {
    const fields = /* @__PURE__ */ new Map();
    for (const [name, value] of a.fields) {
      const other = b.fields.get(name);
      fields.set(name, other ? joinValues(value, other) : value);
    }
    for (const [name, value] of b.fields) if (!fields.has(name)) fields.set(name, value);
    result.fields = fields;
  }
  return result;
}
function sameCheck(a, b) {
  return (
    a.subject === b.subject &&
    a.negated === b.negated &&
    a.pending === b.pending &&
    a.mask === b.mask &&
    a.purposes.join() === b.purposes.join()
  );
}
function mergeTaints(values) {
  const taints = unionTaints(...values.map((value) => value.taints));
  const untraced = values.find((value) => value.untraced !== void 0)?.untraced;
  return untraced === void 0 ? { taints } : { taints, untraced };
}
function optionOf(value, path) {
  if (value === void 0 || path === void 0) return value;
  let current = value;
  for (const name of path.split('.')) {
    if (!current.fields) return current;
    const next = current.fields.get(name);
    if (next === void 0) return void 0;
    current = next;
  }
  return current;
}
function mapValueTaints(value, map) {
  const result = {
    ...value,
    taints: map(value.taints),
  };
  if (value.fields) {
    result.fields = new Map(
      [...value.fields].map(([name, field]) => [name, mapValueTaints(field, map)]),
    );
  }
  if (value.element) result.element = mapValueTaints(value.element, map);
  return result;
}
function shapeCovers(element, taints) {
  const keys = /* @__PURE__ */ new Set();
  const collect = (value) => {
    for (const taint of value.taints) keys.add(taint.key);
    for (const field of value.fields?.values() ?? []) collect(field);
  };
  collect(element);
  return taints.every((taint) => keys.has(taint.key));
}

// src/code/interpreter/purpose-params.ts
var prefix = '\0param:';
function purposeParam(index) {
  return `${prefix}${index}`;
}
function purposeParamIndex(purpose) {
  return purpose.startsWith(prefix) ? Number(purpose.slice(prefix.length)) : void 0;
}
function policyPurposes(purposes) {
  return purposes.filter((purpose) => !purpose.startsWith(prefix));
}

// src/code/interpreter/syntax.ts
function skipParens(node) {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isSatisfiesExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}
function eventChannelKey(node, callee, oracle) {
  if (callee.name.text !== eventEmitter.emit && !eventEmitter.listen.has(callee.name.text))
    return void 0;
  const event = node.arguments?.[0];
  if (!event || !ts.isStringLiteralLike(event)) return void 0;
  const emitter = oracle.declarationsOf(callee.expression)[0];
  if (!emitter) return void 0;
  const file = emitter.getSourceFile();
  return `${file.fileName}:${emitter.getStart(file)}:${event.text}`;
}
function isIdLike(node) {
  const inner = skipParens(node);
  const name = ts.isPropertyAccessExpression(inner)
    ? inner.name.text
    : ts.isIdentifier(inner)
      ? inner.text
      : '';
  return idName.test(name);
}
function boolLiteral(node) {
  const inner = skipParens(node);
  if (inner.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (inner.kind === ts.SyntaxKind.FalseKeyword) return false;
  return void 0;
}
function literalText(node) {
  return node && ts.isStringLiteralLike(node) ? node.text : void 0;
}
function propertyKey(name) {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name))
    return name.text;
  return void 0;
}
function restFields(pattern, value) {
  if (!value.fields || value.fields.size === 0) return void 0;
  const taken = /* @__PURE__ */ new Set();
  for (const element of pattern.elements) {
    if (element.dotDotDotToken) continue;
    const key =
      element.propertyName !== void 0
        ? propertyKey(element.propertyName)
        : ts.isIdentifier(element.name)
          ? element.name.text
          : void 0;
    if (key === void 0) return void 0;
    taken.add(key);
  }
  const fields = new Map([...value.fields].filter(([key]) => !taken.has(key)));
  return { ...mergeTaints([...fields.values()]), fields };
}
function isFalsyLiteral(expression) {
  const node = skipParens(expression);
  if (ts.isIdentifier(node)) return node.text === 'undefined';
  if (ts.isVoidExpression(node)) return true;
  if (ts.isNumericLiteral(node)) return Number(node.text) === 0;
  if (ts.isStringLiteralLike(node)) return node.text === '';
  return node.kind === ts.SyntaxKind.NullKeyword || node.kind === ts.SyntaxKind.FalseKeyword;
}
function comparisonOf(operator) {
  if (
    operator === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    operator === ts.SyntaxKind.EqualsEqualsToken
  )
    return 'equal';
  if (
    operator === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    operator === ts.SyntaxKind.ExclamationEqualsToken
  )
    return 'unequal';
  return void 0;
}
function isStructuralCondition(node) {
  if (ts.isPrefixUnaryExpression(node)) return node.operator === ts.SyntaxKind.ExclamationToken;
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    return (
      operator === ts.SyntaxKind.AmpersandAmpersandToken ||
      operator === ts.SyntaxKind.BarBarToken ||
      comparisonOf(operator) !== void 0
    );
  }
  return (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    membershipMethods.has(node.expression.name.text)
  );
}
function declarationNameIs(declaration, name) {
  const own = declaration.name;
  return own !== void 0 && ts.isIdentifier(own) && own.text === name;
}
function subjectParamIndex(selector) {
  const body = selector.body;
  let expression = ts.isBlock(body) ? body.statements.find(ts.isReturnStatement)?.expression : body;
  while (
    expression &&
    (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression))
  ) {
    if (
      ts.isElementAccessExpression(expression) &&
      ts.isNumericLiteral(expression.argumentExpression)
    ) {
      return Number(expression.argumentExpression.text);
    }
    expression = expression.expression;
  }
  if (expression && ts.isIdentifier(expression)) {
    const index = selector.parameters.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === expression.text,
    );
    if (index >= 0) return index;
  }
  return 0;
}
function enclosingFunctionBody(node) {
  let current = node.parent;
  while (current && !ts.isFunctionLike(current) && !ts.isSourceFile(current))
    current = current.parent;
  return current;
}
function shorten(text) {
  const single = text.replace(/\s+/g, ' ');
  return single.length > 80 ? `${single.slice(0, 77)}...` : single;
}

// src/code/interpreter/core.ts
var InterpreterCore = class {
  constructor(host, unit, report, personalTypes) {
    this.host = host;
    this.unit = unit;
    this.report = report;
    this.all = host.model.allTiers;
    this.personalTypes = personalTypes;
    this.budget = new EvaluationBudget(host.limits);
  }
  /** Steps and nesting of this evaluation, against the limits (`--limit steps`, `depth`). */
  budget;
  preconditions = /* @__PURE__ */ new Map();
  /**
   * While the summary of a function this unit's caller passed in is applied (`handle(row)`),
   * or one this unit passes on: which, for the preconditions it lifts to the parameters.
   */
  through;
  fieldWrites = /* @__PURE__ */ new Map();
  /** Data written to files named by parameters or locals, by path key, for the summary. */
  fileWrites = /* @__PURE__ */ new Map();
  external = [];
  /**
   * Calls of a parameter with no argument (`next()`, a continuation), by parameter index: the
   * purposes the first parameter's subject allowed for every tier at all of them.
   */
  continuations = /* @__PURE__ */ new Map();
  /**
   * Calls of a function parameter made here (`fn(row)`), by parameter index: per argument
   * position, the guard facts of what is handed there, joined over the calls (`callsParams`).
   */
  paramCalls = /* @__PURE__ */ new Map();
  /**
   * Calls of a function an options parameter holds (`options.onItem(item)`), by
   * `index.member`: as `paramCalls` (`callsParamMembers`).
   */
  memberCalls = /* @__PURE__ */ new Map();
  /**
   * While the function a wrapper returns is evaluated: its parameters' names, and the calls of
   * the wrapper's parameters seen, by parameter index, with what each argument is allowed for.
   */
  wrapped;
  /** The categories of personal data each type holds, shared by every unit's evaluation. */
  personalTypes;
  /** Closures being evaluated, to cut recursion. */
  active = /* @__PURE__ */ new Set();
  all;
  /** Adds facts known to hold on a path (from a stored condition's value) to the state. */
  meetAll(state, facts) {
    for (const [subject, known] of facts) {
      const key = state.aliases.get(subject) ?? subject;
      state.subjects.set(key, meetFacts(this.facts(state, subject), known));
    }
  }
  /** The subjects whose facts differ in `after` from `before`, with their facts in `after`. */
  changedFacts(before, after) {
    if (!after.reachable) return void 0;
    const changed = /* @__PURE__ */ new Map();
    for (const [subject, facts] of after.subjects) {
      if (!sameFacts(facts, before.get(subject) ?? unknownFacts(this.all)))
        changed.set(subject, facts);
    }
    return changed.size > 0 ? changed : void 0;
  }
  tierMask(tiers) {
    return tiers.reduce((all, tier) => all | this.host.model.tierMask(tier), 0);
  }
  restrict(state, subject, mask) {
    const key = state.aliases.get(subject) ?? subject;
    state.subjects.set(key, restrictFacts(this.facts(state, subject), mask));
  }
  allow(state, subject, purposes, mask) {
    const key = state.aliases.get(subject) ?? subject;
    state.subjects.set(key, allowFacts(this.facts(state, subject), purposes, mask));
  }
  /** The index of the parameter whose name roots a subject key, or -1. */
  paramOfSubject(subject) {
    const root = subject.split('.')[0] ?? '';
    if (root === '') return -1;
    return this.unit.params.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === root,
    );
  }
  recordGuard(at, guard, purposes, tiers) {
    this.host.recordGuard({
      file: at.file,
      line: at.line,
      column: at.column,
      symbol: this.unit.name,
      guard,
      purposes: policyPurposes(purposes).sort(),
      tiers: this.host.model.tierNames(tiers),
    });
  }
  /** Two subjects compared equal by id are one person from here on. */
  alias(state, left, right) {
    const a = state.aliases.get(left) ?? left;
    const b = state.aliases.get(right) ?? right;
    if (a === b) return;
    state.subjects.set(b, meetFacts(this.facts(state, a), this.facts(state, b)));
    for (const [key, target] of [...state.aliases]) if (target === a) state.aliases.set(key, b);
    state.aliases.set(a, b);
  }
  allowCheck(state, check) {
    if (check.site) {
      const tiers = this.facts(state, check.subject).possible & check.mask;
      this.recordGuard(check.site, check.label, check.purposes, tiers);
    }
    this.allow(state, check.subject, check.purposes, check.mask);
    if (check.site)
      state.checkSites.set(state.aliases.get(check.subject) ?? check.subject, check.site);
  }
  /** Guard facts of a subject on a path; `a.b` falls back to `a` (a guard on a record covers its parts). */
  facts(state, subject) {
    let key = subject;
    for (;;) {
      const facts = state.subjects.get(state.aliases.get(key) ?? key);
      if (facts) return facts;
      const dot = key.lastIndexOf('.');
      if (dot < 0) return unknownFacts(this.all);
      key = key.slice(0, dot);
    }
  }
  replace(target, source) {
    target.reachable = source.reachable || target.reachable;
    target.env = source.env;
    target.subjects = source.subjects;
    target.guards = source.guards;
  }
  /** Taints with the guard facts of the current path recorded on them (they travel with the data). */
  /** A value produced on one branch of a condition, with that branch's guard facts on its data. */
  stampBranch(value, state) {
    if (value.taints.length === 0 && !value.fields && !value.element) return value;
    return mapValueTaints(value, (taints) => this.stamp(taints, state));
  }
  stamp(taints, state) {
    return taints.map((taint) => ({
      ...taint,
      facts: meetFacts(taint.facts, this.facts(state, taint.subject)),
    }));
  }
  /** Whether a unit is the constructor of this unit's class (its parameters fill the fields). */
  constructorOfClass(unit) {
    return (
      this.unit.classNode !== void 0 &&
      unit.classNode === this.unit.classNode &&
      ts.isConstructorDeclaration(unit.node)
    );
  }
  stampValue(value, state) {
    if (value.taints.length === 0) return value;
    const taints = this.stamp(value.taints, state).filter(
      (taint) =>
        !taint.param ||
        taint.param.unit.id === this.unit.id ||
        this.constructorOfClass(taint.param.unit),
    );
    return { ...value, taints };
  }
  emitCheck(node, problem, purposes) {
    if (!this.report) return;
    this.host.emitCheck({
      location: this.location(node),
      problem,
      check: shorten(node.getText()),
      purposes: policyPurposes(purposes),
    });
  }
  location(node) {
    const file = node.getSourceFile();
    const start = file.getLineAndCharacterOfPosition(node.getStart(file));
    const end = file.getLineAndCharacterOfPosition(node.getEnd());
    return {
      file: relativePath(this.host.root, file.fileName),
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
    };
  }
  step(node, note) {
    const { file, line, column } = this.location(node);
    return { file, line, column, note };
  }
  locKey(node) {
    return `${node.getSourceFile().fileName}:${node.getStart()}`;
  }
};

// src/code/interpreter/personal-types.ts
var countFields = /* @__PURE__ */ new Set(['length', 'size', 'byteLength']);
function isCountField(name) {
  return countFields.has(name);
}
var PersonalTypes = class extends InterpreterCore {
  /** The categories of personal data a parameter's declared type holds (none: not personal). */
  personalCategoriesOf(name) {
    const type = this.host.oracle.typeOf(name);
    return type ? this.personalCategories(type) : [];
  }
  /** A value read from code we do not see is personal when its type holds personal data. */
  sourceByType(at, value, node) {
    const type = this.host.oracle.typeOf(at);
    if (!type) return value;
    const categories = this.personalCategories(type);
    if (categories.length === 0) return value;
    const text = ts.isIdentifier(at) ? at.text : shorten(node.getText());
    return {
      ...value,
      taints: unionTaints(value.taints, [
        {
          key: `source:${this.locKey(node)}`,
          subject:
            ts.isParameter(node) && ts.isIdentifier(node.name)
              ? node.name.text
              : (value.identity ?? ''),
          categories,
          facts: unknownFacts(this.all),
          trail: [
            this.step(node, `\`${text}\` holds personal data (${describeCategories(categories)})`),
          ],
        },
      ]),
    };
  }
  /**
   * The categories of what an expression's type holds, when the type says (a projection keeps
   * only those); undefined when it says nothing (`any`, `unknown`, a type parameter, no type).
   */
  projectedCategories(node) {
    const type = this.host.oracle.typeOf(node);
    if (!type || this.host.oracle.isOpaque(type)) return void 0;
    return this.personalCategories(type);
  }
  /** Whether an expression's type holds personal data, or says nothing about it. */
  typeIsPersonalOrUnknown(node) {
    const categories = this.projectedCategories(node);
    return categories === void 0 || categories.length > 0;
  }
  /**
   * What a read of a field (`conversation.messages`, `{ email } = user`) keeps of the data read:
   * nothing for a count or a boolean derived from it (`messages.length`, `text.length > 40`);
   * the field's category when it is marked personal; inside a personal field, the data as is;
   * otherwise the categories the field's type holds (none: not personal), or all when its type
   * says nothing.
   */
  projected(taints, node, field, personal, content) {
    if (taints.length === 0) return taints;
    if (!personal && this.isDerived(node, field)) return [];
    if (personal) return taints.map((taint) => narrowTaint(taint, [personal]));
    if (content) return taints;
    const categories = this.projectedCategories(node);
    if (categories === void 0) return taints;
    if (categories.length === 0) return [];
    return taints.map((taint) => narrowTaint(taint, categories));
  }
  /** Whether a field read is a count or a boolean: derived from data, not the data. */
  isDerived(node, field) {
    return (field !== void 0 && countFields.has(field)) || this.isBooleanValue(node);
  }
  /** Whether an expression's value is a boolean: an answer about data, not the data. */
  isBooleanValue(node) {
    const type = this.host.oracle.typeOf(node);
    return type !== void 0 && this.host.oracle.isBoolean(type);
  }
  /**
   * The categories of personal data a type holds, sorted: those of the policy's sources it is,
   * or of every field marked or declared personal in it, nested ones included (three levels).
   */
  personalCategories(type) {
    const cached = this.personalTypes.get(type.key);
    if (cached !== void 0) return cached;
    const found = /* @__PURE__ */ new Set();
    this.collectCategories(type, 3, found, /* @__PURE__ */ new Set());
    const categories = [...found].sort();
    this.personalTypes.set(type.key, categories);
    return categories;
  }
  collectCategories(type, depth, found, exploring) {
    if (depth <= 0 || exploring.has(type.key)) return;
    exploring.add(type.key);
    try {
      const declarations = this.host.oracle.declarationsOfType(type);
      let source = false;
      for (const declaration of declarations) {
        for (const mapping of this.host.model.sources.get(declaration) ?? []) {
          found.add(mapping.entry.category);
          source = true;
        }
      }
      if (source) return;
      const projectType = declarations.every(
        (declaration) =>
          this.host.oracle.packageOf(declaration.getSourceFile().fileName) === void 0 &&
          !declaration.getSourceFile().isDeclarationFile,
      );
      if (projectType) {
        for (const member of this.host.oracle.membersOf(type)) {
          const marked = this.personalDeclarations(member.declarations);
          if (marked) found.add(marked);
          else if (member.type) this.collectCategories(member.type, depth - 1, found, exploring);
        }
      }
      for (const part of this.host.oracle.partsOf(type)) {
        this.collectCategories(part, depth, found, exploring);
      }
    } finally {
      exploring.delete(type.key);
    }
  }
  /** The category a member is marked with (`@personal`) or declared as (`code.sources`). */
  personalDeclarations(declarations) {
    for (const declaration of declarations) {
      const owner = declaration.parent;
      const sources =
        this.host.model.sources.get(declaration) ??
        this.host.model.sources.get(owner) ??
        (owner && ts.isTypeLiteralNode(owner) && ts.isTypeAliasDeclaration(owner.parent)
          ? this.host.model.sources.get(owner.parent)
          : void 0);
      if (sources?.[0]) return sources[0].entry.category;
      if (!ts.canHaveDecorators(declaration)) continue;
      for (const decorator of ts.getDecorators(declaration) ?? []) {
        const call = decorator.expression;
        if (
          ts.isCallExpression(call) &&
          this.host.classifier.sdkRoleOf(call.expression) === 'personal-marker'
        ) {
          return literalText(call.arguments[0]) ?? defaultCategory;
        }
      }
    }
    return void 0;
  }
  personalProperty(node) {
    if (!this.host.personalMemberNames.has(node.name.text)) return void 0;
    return this.personalDeclarations(this.host.oracle.declarationsOf(node));
  }
  personalBinding(element) {
    if (this.host.classifier.markerBinding(element) !== void 0) return void 0;
    return this.personalDeclarations(this.host.oracle.bindingPropertyDeclarationsOf(element));
  }
};

// src/code/interpreter/state.ts
var State = class _State {
  constructor(reachable, env, subjects) {
    this.reachable = reachable;
    this.env = env;
    this.subjects = subjects;
  }
  /** Subjects known to be the same person (`conversation.userId === user.id`), to a canonical key. */
  aliases = /* @__PURE__ */ new Map();
  /** Where each subject was last checked, to show in the flow of a partly guarded finding. */
  checkSites = /* @__PURE__ */ new Map();
  /** Route guards registered on every path to here (by key): one registered on some paths only does not guard. */
  guards = /* @__PURE__ */ new Set();
  clone() {
    const copy = new _State(this.reachable, new Map(this.env), new Map(this.subjects));
    copy.aliases = new Map(this.aliases);
    copy.checkSites = new Map(this.checkSites);
    copy.guards = new Set(this.guards);
    return copy;
  }
  static unreachable() {
    return new _State(false, /* @__PURE__ */ new Map(), /* @__PURE__ */ new Map());
  }
};
function joinStates(states) {
  const live = states.filter((state) => state.reachable);
  if (live.length === 0) return State.unreachable();
  if (live.length === 1) return live[0].clone();
  const [first, ...rest] = live;
  const result = first.clone();
  for (const other of rest) {
    for (const [name, value] of other.env) {
      const mine = result.env.get(name);
      result.env.set(name, mine ? joinValues(mine, value) : value);
    }
    const keys = /* @__PURE__ */ new Set([...result.subjects.keys(), ...other.subjects.keys()]);
    const subjects = /* @__PURE__ */ new Map();
    for (const key of keys) {
      const a = result.subjects.get(key);
      const b = other.subjects.get(key);
      if (a && b) subjects.set(key, joinFacts(a, b));
      else {
        const known = a ?? b;
        const joined = joinFacts(known, {
          possible: known.possible,
          allowed: /* @__PURE__ */ new Map(),
        });
        if (joined.allowed.size > 0 || joined.possible !== known.possible)
          subjects.set(key, joined);
      }
    }
    result.subjects = subjects;
    for (const [key, site] of other.checkSites) {
      if (!result.checkSites.has(key)) result.checkSites.set(key, site);
    }
    for (const key of [...result.guards]) {
      if (!other.guards.has(key)) result.guards.delete(key);
    }
    for (const [key, target] of [...result.aliases]) {
      if (other.aliases.get(key) !== target) result.aliases.delete(key);
    }
  }
  return result;
}
function guardsAtEnd(end, frame) {
  return joinStates([end, ...frame.returns.map((entry) => entry.state)]).guards;
}

// src/code/interpreter/subject-name.ts
function subjectAsWritten(subject, state, site, reads, request) {
  if (subject === '' || subject.startsWith('#') || subject.startsWith('@')) return subject;
  if (request !== void 0 && (subject === request || subject.startsWith(`${request}.`))) {
    const holders = [...state.env].filter(
      ([name, value]) => name !== subject && value.identity === subject && value.taints.length > 0,
    );
    const given = holders.filter(([, value]) => value.linked !== true);
    if (subject !== request && given.length === 1) return given[0][0];
    const loaded = holders.find(([, value]) => value.linked === true);
    if (loaded) return loaded[0];
    const read = recordRead(site, request, reads);
    if (read !== void 0) return read;
    return (
      heldFrom(
        site,
        state,
        (taint) => taint === request || taint.startsWith(`${request}.`),
        reads,
      ) ?? subject
    );
  }
  const id = /^(?:id|ID|([A-Za-z_$][\w$]*?)(?:Id|ID|_id))$/.exec(subject);
  if (id) {
    const canonical = (key2) => state.aliases.get(key2) ?? key2;
    const key = canonical(subject);
    const loaded = [...state.env].filter(
      ([name, value]) =>
        name !== subject &&
        value.linked === true &&
        value.identity !== void 0 &&
        canonical(value.identity) === key &&
        value.taints.length > 0,
    );
    const named = loaded.filter(([name]) => id[1] === void 0 || name === id[1]);
    if (named.length === 1) return named[0][0];
    const people = loaded.flatMap(([name]) => {
      const person = recordRead(site, name, reads);
      return person !== void 0 && person !== name ? [person] : [];
    });
    return people.length === 1 ? people[0] : subject;
  }
  const chains = readChains(site, subject.split('.')[0], reads);
  if (chains.length === 0) return subject;
  const common = chains.reduce(commonPrefix);
  return common.length > subject.length && common.startsWith(`${subject}.`) ? common : subject;
}
function recordRead(site, root, reads) {
  const chains = readChains(site, root, reads);
  if (chains.length === 0) return void 0;
  const common = chains.reduce(commonPrefix);
  return common.startsWith(`${root}.`) ? common : void 0;
}
function heldFrom(site, state, matches, reads) {
  if (!ts.isCallExpression(site) && !ts.isNewExpression(site)) return void 0;
  const holders = /* @__PURE__ */ new Set();
  const visit = (node) => {
    if (ts.isIdentifier(node) && !isMemberName(node)) {
      const value = state.env.get(node.text);
      if (value?.taints.some((taint) => matches(taint.subject))) {
        holders.add(recordRead(site, node.text, reads) ?? node.text);
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const argument of site.arguments ?? []) visit(argument);
  return holders.size === 1 ? [...holders][0] : void 0;
}
function readChains(site, root, reads) {
  if (!ts.isCallExpression(site) && !ts.isNewExpression(site)) return [];
  const chains = [];
  const visit = (node) => {
    if (ts.isIdentifier(node) && node.text === root && !isMemberName(node)) {
      const names = [node.text];
      let top = node;
      while (
        ts.isPropertyAccessExpression(top.parent) &&
        top.parent.expression === top &&
        !isCallee(top.parent)
      ) {
        top = top.parent;
        names.push(top.name.text);
      }
      if (ts.isPropertyAccessExpression(top) && reads.carriesData(top)) {
        chains.push((reads.isRecord(top) ? names : names.slice(0, -1)).join('.'));
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const argument of site.arguments ?? []) visit(argument);
  return chains;
}
function commonPrefix(a, b) {
  const left = a.split('.');
  const right = b.split('.');
  let length = 0;
  while (length < left.length && left[length] === right[length]) length += 1;
  return left.slice(0, length).join('.');
}
function isMemberName(node) {
  const parent = node.parent;
  return (
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node)
  );
}
function isCallee(node) {
  return ts.isCallExpression(node.parent) && node.parent.expression === node;
}

// src/code/interpreter/sinks.ts
var Sinks = class extends PersonalTypes {
  /**
   * Why the route whose handlers are being evaluated runs without guards registered on other
   * paths only (set by a framework registration): the flow of what they report shows it.
   */
  routeNote;
  /** Data reaches a sink: each fact is either guarded, a precondition on a parameter, or a finding. */
  sink(kind, node, args, state) {
    if (kind.when) {
      const option = args[kind.when.argument]?.fields?.get(kind.when.option);
      if (option?.literals && !option.literals.includes(kind.when.equals)) return emptyValue;
    }
    const data = [];
    if (kind.data.length === 0) data.push(...args);
    for (const entry of kind.data) {
      const argument = args[entry.argument];
      if (!argument) continue;
      const value = optionOf(argument, entry.option);
      if (value === void 0) continue;
      data.push(value);
      if (entry.reads) data.push(this.readNamed(value, node, entry.option));
      if (entry.fileId) {
        const untraced = handUploaded(value);
        if (untraced !== void 0) data.push({ taints: [], untraced });
      }
    }
    this.host.recordSink(this.location(node), {
      symbol: this.unit.name,
      sink: kind.label,
      purposes: [...kind.purposes].sort(),
    });
    const sinkStep = this.step(node, `reaches ${kind.label} for ${kind.purposes.join(', ')}`);
    const merged = mergeTaints(data);
    const reaching = merged.taints;
    if (kind.training && reaching.length === 0 && merged.untraced !== void 0) {
      this.host.emitUntraced({
        location: this.location(node),
        sink: kind.label,
        purposes: [...kind.purposes].sort(),
        reason: merged.untraced,
      });
      this.host.recordSink(this.location(node), { untraced: merged.untraced });
    }
    const fromParamsOnly =
      kind.training === true &&
      reaching.every(
        (taint) =>
          taint.param?.unit.id === this.unit.id && this.ownParameterCategories(taint) === void 0,
      );
    for (const taint of reaching) {
      this.reach(
        taint,
        state,
        node,
        kind.purposes,
        kind.label,
        [sinkStep],
        unknownFacts(this.all),
        fromParamsOnly,
      );
    }
    return {
      taints: this.stamp(reaching, state).map((taint) => ({
        ...taint,
        fields: ['*'],
        trail: extendTrail(taint.trail, sinkStep),
      })),
    };
  }
  /**
   * The categories of this function's own parameter, by its declared type: data a guard inside
   * the function (an `@enforce`d method) lets through never becomes a caller's precondition, so
   * the record of processing learns its categories here.
   */
  ownParameterCategories(taint) {
    if (taint.param?.unit.id !== this.unit.id) return void 0;
    const parameter = this.unit.params[taint.param.index];
    const categories = parameter === void 0 ? [] : this.personalCategoriesOf(parameter.name);
    return categories.length > 0 ? categories : void 0;
  }
  /**
   * `name` when it is a parameter, of a function around `site`, typed by a web framework (a
   * request, or Hono's context `c`): data of its subject is read from it, and named by what reads it.
   */
  requestParameter(name, site) {
    for (let node = site; node; node = node.parent) {
      if (!ts.isFunctionLike(node)) continue;
      const parameter = node.parameters.find(
        (param) => ts.isIdentifier(param.name) && param.name.text === name,
      );
      if (parameter) return this.host.classifier.isFrameworkType(parameter.name) ? name : void 0;
    }
    return void 0;
  }
  /** Decides what one fact reaching a sink (directly or through a callee) means. */
  reach(taint, state, site, purposes, label, suffix, calleeFacts, training = false) {
    if (paramFileOf(taint) !== void 0) return;
    const facts = meetFacts(meetFacts(taint.facts, this.facts(state, taint.subject)), calleeFacts);
    const sinkAt = suffix[suffix.length - 1];
    const categories =
      taint.param && (taint.via !== void 0 || taint.stored !== void 0)
        ? void 0
        : (taint.categories ?? this.ownParameterCategories(taint));
    if (sinkAt && categories !== void 0) this.host.recordSink(sinkAt, { categories });
    let need = 0;
    for (const purpose of purposes) need |= this.host.model.needsCheck(purpose);
    need &= facts.possible;
    if (need === 0) return;
    const unguarded = need & ~allowedFor(facts, purposes);
    if (unguarded === 0) return;
    let trail = [...taint.trail];
    const checkSite = state.checkSites.get(state.aliases.get(taint.subject) ?? taint.subject);
    if (checkSite && (need & ~unguarded) !== 0) {
      const covered = this.host.model.tierNames(need & ~unguarded).join(', ');
      trail = extendTrail(trail, {
        ...checkSite,
        note: `${checkSite.note}, on the paths of tiers ${covered} only`,
      });
    }
    if (this.routeNote) trail = extendTrail(trail, this.routeNote);
    for (const step of suffix) trail = extendTrail(trail, step);
    const subjectParam = taint.param ? -1 : this.paramOfSubject(taint.subject);
    const subjectName = () =>
      subjectAsWritten(
        taint.subject,
        state,
        site,
        {
          carriesData: (read) =>
            this.personalProperty(read) !== void 0 ||
            (this.projectedCategories(read)?.length ?? 1) > 0,
          isRecord: (read) => {
            const type = this.host.oracle.typeOf(read);
            return type !== void 0 && this.host.oracle.isRecord(type);
          },
        },
        this.host.requestParam(this.unit) ??
          this.requestParameter(taint.subject.split('.')[0], site),
      );
    if (subjectParam >= 0) {
      const key = `subject:${subjectParam}:${purposes.join()}:${this.locKey(site)}`;
      const previous = this.preconditions.get(key);
      this.preconditions.set(key, {
        param: subjectParam,
        purposes,
        facts: previous ? joinFacts(previous.facts, facts) : facts,
        trail,
        sink: label,
        site: this.location(site),
        subjectOf: taint.categories !== void 0 ? { categories: taint.categories } : {},
        subjectName: subjectName(),
      });
      return;
    }
    if (taint.param) {
      const precondition = {
        param: taint.param.index,
        purposes,
        facts,
        trail,
        ...(taint.via ? { via: taint.via } : {}),
        sink: label,
        site: this.location(site),
        ...(taint.categories === void 0 ? {} : { categories: taint.categories }),
        ...(training ? { training: true } : {}),
        ...(taint.stored ? { stored: taint.stored } : {}),
        ...(this.through ? { through: this.through } : {}),
      };
      const stored = taint.stored
        ? `:stored:${taint.stored.constructorId}:${taint.stored.index}:${taint.stored.via?.join() ?? ''}`
        : '';
      const through = this.through ? `:through:${this.through.param}:${this.through.unit}` : '';
      const key = `${taint.param.index}:${purposes.join()}:${this.locKey(site)}${stored}${through}`;
      if (taint.param.unit.id === this.unit.id) {
        const previous = this.preconditions.get(key);
        this.preconditions.set(
          key,
          previous
            ? { ...previous, facts: joinFacts(previous.facts, facts) }
            : { ...precondition, subjectName: subjectName() },
        );
      } else {
        const handoff = [...taint.trail]
          .reverse()
          .find((step) => step.note.startsWith('stored in') || step.note.startsWith('emitted as'));
        const unit = this.host.unitOf(taint.param.unit.node);
        if (unit) {
          this.external.push({
            unit,
            precondition: handoff
              ? {
                  ...precondition,
                  site: { file: handoff.file, line: handoff.line, column: handoff.column },
                }
              : precondition,
          });
        }
      }
      return;
    }
    if (sinkAt)
      this.host.recordSink(sinkAt, { unguardedTiers: this.host.model.tierNames(unguarded) });
    if (!this.report) return;
    const model = this.host.model;
    const mismatched = policyPurposes(
      [...facts.allowed.entries()]
        .filter(([purpose, mask]) => !purposes.includes(purpose) && (mask & unguarded) !== 0)
        .map(([purpose]) => purpose),
    ).sort();
    const primary = purposes[0] ?? '';
    this.host.emitFlow({
      location: this.location(site),
      purpose: primary,
      purposes,
      sink: label,
      subject: subjectName() || '(unnamed)',
      categories: categories ?? [],
      unguardedTiers: model.tierNames(unguarded),
      guardedTiers: model.tierNames(need & ~unguarded),
      mismatchedPurposes: mismatched,
      guarantees: model.guarantees(primary, unguarded),
      flow: trail,
    });
  }
};
function handUploaded(value) {
  if (value.taints.length > 0) return void 0;
  const byHand = 'a file uploaded by hand, whose data is not visible to the analysis';
  if (value.environment !== void 0)
    return `the file id comes from the environment (\`${value.environment}\`): ${byHand}`;
  const literal = value.literals?.[0];
  if (literal !== void 0) return `the file id is a literal (\`${literal}\`): ${byHand}`;
  return void 0;
}

// src/code/interpreter/statements.ts
var Statements = class extends Sinks {
  body(node, state, frame) {
    const body = bodyOf(node);
    if (!body) return state;
    if (ts.isBlock(body)) return this.block(body.statements, state, frame);
    const value = this.expression(body, state, frame);
    frame.returns.push({ value, state: state.clone(), expression: body });
    return State.unreachable();
  }
  block(statements, state, frame) {
    let current = state;
    for (const statement of statements) {
      if (
        ts.isFunctionDeclaration(statement) &&
        statement.name &&
        !ts.isSourceFile(statement.parent)
      ) {
        current.env.set(statement.name.text, {
          taints: [],
          closure: this.closure(statement, current),
        });
      }
    }
    for (const statement of statements) {
      if (!current.reachable) break;
      current = this.statement(statement, current, frame);
    }
    return current;
  }
  statement(node, state, frame) {
    this.budget.enter(node);
    const after = this.execute(node, state, frame);
    this.budget.leave();
    return after;
  }
  execute(node, state, frame) {
    if (ts.isBlock(node)) return this.block(node.statements, state, frame);
    if (ts.isExpressionStatement(node)) {
      this.expressionStatement(node.expression, state, frame);
      return state;
    }
    if (ts.isExportAssignment(node) && ts.isCallExpression(node.expression)) {
      this.expressionStatement(node.expression, state, frame);
      return state;
    }
    if (ts.isVariableStatement(node)) {
      for (const declaration of node.declarationList.declarations) {
        this.declare(declaration, state, frame);
      }
      return state;
    }
    if (ts.isReturnStatement(node)) {
      let value = node.expression ? this.expression(node.expression, state, frame) : emptyValue;
      if (!this.unit.isAsync || !value.check) value = this.stampValue(value, state);
      frame.returns.push({
        value,
        state: state.clone(),
        ...(node.expression ? { expression: node.expression } : {}),
      });
      return State.unreachable();
    }
    if (ts.isThrowStatement(node)) {
      this.expression(node.expression, state, frame);
      frame.throws[frame.throws.length - 1]?.push(state.clone());
      return State.unreachable();
    }
    if (ts.isIfStatement(node)) {
      const [whenTrue, whenFalse] = this.cond(node.expression, state, frame);
      const afterThen = this.statement(node.thenStatement, whenTrue, frame);
      const afterElse = node.elseStatement
        ? this.statement(node.elseStatement, whenFalse, frame)
        : whenFalse;
      return joinStates([afterThen, afterElse]);
    }
    if (ts.isSwitchStatement(node)) return this.switchStatement(node, state, frame);
    if (ts.isTryStatement(node)) return this.tryStatement(node, state, frame);
    if (
      ts.isForOfStatement(node) ||
      ts.isForInStatement(node) ||
      ts.isForStatement(node) ||
      ts.isWhileStatement(node) ||
      ts.isDoStatement(node)
    ) {
      return this.loop(node, state, frame);
    }
    if (ts.isBreakStatement(node)) {
      frame.breaks[frame.breaks.length - 1]?.push(state.clone());
      return State.unreachable();
    }
    if (ts.isContinueStatement(node)) {
      frame.continues[frame.continues.length - 1]?.push(state.clone());
      return State.unreachable();
    }
    if (ts.isLabeledStatement(node)) return this.statement(node.statement, state, frame);
    if (ts.isFunctionDeclaration(node)) {
      if (node.name && !ts.isSourceFile(node.parent)) {
        state.env.set(node.name.text, { taints: [], closure: this.closure(node, state) });
      }
      return state;
    }
    return state;
  }
  expressionStatement(expression, state, frame) {
    const value = this.expression(expression, state, frame);
    const inner = skipParens(expression);
    const awaited2 = ts.isAwaitExpression(inner);
    const call = awaited2 ? skipParens(inner.expression) : inner;
    if (!ts.isCallExpression(call)) return;
    const check = value.check ?? value.decision;
    if (check && !check.negated) {
      this.emitCheck(call, 'result-unused', check.purposes);
    } else if (value.assertion?.pending) {
      this.emitCheck(call, 'not-awaited', value.assertion.purposes);
    }
  }
  declare(declaration, state, frame) {
    const value = declaration.initializer
      ? this.expression(declaration.initializer, state, frame)
      : emptyValue;
    if (ts.isIdentifier(declaration.name)) {
      this.assignName(declaration.name.text, value, state, declaration.name);
    } else {
      this.bindPattern(declaration.name, value, state, declaration);
    }
  }
  switchStatement(node, state, frame) {
    const discriminant = this.expression(node.expression, state, frame);
    frame.breaks.push([]);
    let fallthrough = State.unreachable();
    const named = [];
    let after = State.unreachable();
    let hasDefault = false;
    for (const clause of node.caseBlock.clauses) {
      let entry;
      if (ts.isCaseClause(clause)) {
        const label = this.expression(clause.expression, state.clone(), frame);
        entry = state.clone();
        const literal = label.literals?.[0];
        if (literal !== void 0 && discriminant.tierOf !== void 0) {
          const mask = this.host.model.tierMask(literal);
          named.push(mask);
          this.restrict(entry, discriminant.tierOf, mask);
        } else if (literal !== void 0 && discriminant.reasonOf) {
          if (sdkDecision.allowingReasons.has(literal))
            this.allowCheck(entry, discriminant.reasonOf);
        } else if (label.bool === true && discriminant.check) {
          this.allowCheck(entry, discriminant.check);
        }
      } else {
        hasDefault = true;
        entry = state.clone();
        if (discriminant.tierOf !== void 0) {
          const mask = named.reduce((all, one) => all | one, 0);
          this.restrict(entry, discriminant.tierOf, this.all & ~mask);
        }
      }
      const start = joinStates([entry, fallthrough]);
      fallthrough = this.block(clause.statements, start, frame);
    }
    after = joinStates([fallthrough, ...(frame.breaks.pop() ?? [])]);
    if (!hasDefault) {
      const rest = state.clone();
      if (discriminant.tierOf !== void 0) {
        const mask = named.reduce((all, one) => all | one, 0);
        this.restrict(rest, discriminant.tierOf, this.all & ~mask);
      }
      after = joinStates([after, rest]);
    }
    return after;
  }
  tryStatement(node, state, frame) {
    const entry = state.clone();
    frame.throws.push([]);
    const afterTry = this.block(node.tryBlock.statements, state, frame);
    const thrown = frame.throws.pop() ?? [];
    let afterCatch = State.unreachable();
    if (node.catchClause) {
      const catchEntry = joinStates([entry, ...thrown]);
      if (
        node.catchClause.variableDeclaration &&
        ts.isIdentifier(node.catchClause.variableDeclaration.name)
      ) {
        catchEntry.env.set(node.catchClause.variableDeclaration.name.text, emptyValue);
      }
      afterCatch = this.block(node.catchClause.block.statements, catchEntry, frame);
    } else {
      frame.throws[frame.throws.length - 1]?.push(...thrown);
    }
    const after = joinStates([afterTry, afterCatch]);
    if (node.finallyBlock) {
      if (!after.reachable) {
        this.block(node.finallyBlock.statements, joinStates([entry, ...thrown]), frame);
        return after;
      }
      return this.block(node.finallyBlock.statements, after, frame);
    }
    return after;
  }
  loop(node, state, frame) {
    let iterable;
    if (ts.isForOfStatement(node) || ts.isForInStatement(node)) {
      iterable = this.expression(node.expression, state, frame);
    } else if (ts.isForStatement(node) && node.initializer) {
      if (ts.isVariableDeclarationList(node.initializer)) {
        for (const declaration of node.initializer.declarations)
          this.declare(declaration, state, frame);
      } else {
        this.expression(node.initializer, state, frame);
      }
    }
    let head = state;
    let exits = [];
    const passes2 = frame.continues.length < 3 ? 2 : 1;
    for (let pass = 0; pass < passes2; pass++) {
      let bodyEntry = head.clone();
      let exitState = head.clone();
      if (ts.isWhileStatement(node) || (ts.isForStatement(node) && node.condition)) {
        const condition = ts.isWhileStatement(node) ? node.expression : node.condition;
        [bodyEntry, exitState] = this.cond(condition, head.clone(), frame);
      }
      if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && iterable) {
        const element = ts.isForInStatement(node) ? emptyValue : iterable;
        const initializer = node.initializer;
        if (ts.isVariableDeclarationList(initializer)) {
          const declaration = initializer.declarations[0];
          if (declaration) {
            if (ts.isIdentifier(declaration.name)) {
              this.assignName(
                declaration.name.text,
                this.element(element, declaration.name.text),
                bodyEntry,
                declaration.name,
              );
            } else {
              this.bindPattern(
                declaration.name,
                this.element(element, void 0),
                bodyEntry,
                declaration,
              );
            }
          }
        } else if (ts.isIdentifier(initializer)) {
          this.assignName(
            initializer.text,
            this.element(element, initializer.text),
            bodyEntry,
            initializer,
          );
        }
      }
      frame.breaks.push([]);
      frame.continues.push([]);
      let end = this.statement(node.statement, bodyEntry, frame);
      const breaks = frame.breaks.pop() ?? [];
      const continues = frame.continues.pop() ?? [];
      end = joinStates([end, ...continues]);
      if (ts.isForStatement(node) && node.incrementor && end.reachable)
        this.expression(node.incrementor, end, frame);
      if (ts.isDoStatement(node) && end.reachable) {
        const [again, out] = this.cond(node.expression, end, frame);
        exits = [out, ...breaks];
        head = joinStates([head, again]);
        continue;
      }
      exits = [exitState, end, ...breaks];
      head = joinStates([state, end]);
    }
    return joinStates(exits);
  }
};

// src/code/interpreter/conditions.ts
var Conditions = class extends Statements {
  /** Splits a state by a condition: the state where it is true and where it is false. */
  cond(expression, state, frame) {
    const node = skipParens(expression);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      const [whenTrue, whenFalse] = this.cond(node.operand, state, frame);
      return [whenFalse, whenTrue];
    }
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken) {
        const [leftTrue, leftFalse] = this.cond(node.left, state, frame);
        const [bothTrue, rightFalse] = this.cond(node.right, leftTrue, frame);
        return [bothTrue, joinStates([leftFalse, rightFalse])];
      }
      if (operator === ts.SyntaxKind.BarBarToken) {
        const [leftTrue, leftFalse] = this.cond(node.left, state, frame);
        const [rightTrue, bothFalse] = this.cond(node.right, leftFalse, frame);
        return [joinStates([leftTrue, rightTrue]), bothFalse];
      }
      const comparison = comparisonOf(operator);
      if (comparison !== void 0) {
        const equality = comparison === 'equal';
        const boolSide = boolLiteral(node.right) ?? boolLiteral(node.left);
        if (boolSide !== void 0) {
          const other = boolLiteral(node.right) !== void 0 ? node.left : node.right;
          const [whenTrue, whenFalse] = this.cond(other, state, frame);
          const same = boolSide === equality;
          return same ? [whenTrue, whenFalse] : [whenFalse, whenTrue];
        }
        const left = this.expression(node.left, state, frame);
        const right = this.expression(node.right, state, frame);
        const whenEqual = state.clone();
        const whenDifferent = state.clone();
        const tierSide = left.tierOf !== void 0 ? left : right.tierOf !== void 0 ? right : void 0;
        const literalSide = tierSide === left ? right : left;
        if (tierSide?.tierOf !== void 0 && literalSide.literals) {
          const mask = literalSide.literals.reduce(
            (all, tier) => all | this.host.model.tierMask(tier),
            0,
          );
          this.restrict(whenEqual, tierSide.tierOf, mask);
          this.restrict(whenDifferent, tierSide.tierOf, this.all & ~mask);
        }
        if (
          isIdLike(node.left) &&
          isIdLike(node.right) &&
          left.identity !== void 0 &&
          right.identity !== void 0
        ) {
          this.alias(whenEqual, left.identity, right.identity);
        }
        const reasonSide = left.reasonOf ? left : right.reasonOf ? right : void 0;
        const reasonLiteral = reasonSide === left ? right : left;
        if (
          reasonSide?.reasonOf &&
          reasonLiteral.literals?.every((reason) => sdkDecision.allowingReasons.has(reason))
        ) {
          this.allowCheck(whenEqual, reasonSide.reasonOf);
        }
        return equality ? [whenEqual, whenDifferent] : [whenDifferent, whenEqual];
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (membershipMethods.has(method) && node.arguments.length === 1) {
        const list = this.expression(node.expression.expression, state, frame);
        const item = this.expression(node.arguments[0], state, frame);
        if (item.tierOf !== void 0 && list.literals) {
          const mask = list.literals.reduce((all, tier) => all | this.host.model.tierMask(tier), 0);
          const whenTrue2 = state.clone();
          const whenFalse = state.clone();
          this.restrict(whenTrue2, item.tierOf, mask);
          this.restrict(whenFalse, item.tierOf, this.all & ~mask);
          return [whenTrue2, whenFalse];
        }
        const whenTrue = state.clone();
        if (item.identity !== void 0 && list.taints.length > 0) {
          const [first, ...rest] = list.taints.map((taint) => taint.facts);
          const common = rest.reduce(joinFacts, first);
          for (const [purpose, mask] of common.allowed) {
            if ((mask & common.possible) === common.possible) {
              this.allow(whenTrue, item.identity, [purpose], this.all);
            }
          }
        }
        return [whenTrue, state.clone()];
      }
    }
    return this.split(node, this.expression(node, state, frame), state);
  }
  /** A condition's outcome and, for plain expressions, its value, evaluating it once. */
  condValue(expression, state, frame) {
    const node = skipParens(expression);
    if (isStructuralCondition(node)) {
      const [whenTrue2, whenFalse2] = this.cond(node, state, frame);
      return [whenTrue2, whenFalse2, emptyValue];
    }
    const value = this.expression(node, state, frame);
    const [whenTrue, whenFalse] = this.split(node, value, state);
    return [whenTrue, whenFalse, value];
  }
  split(node, value, state, quiet = false) {
    const whenTrue = state.clone();
    const whenFalse = state.clone();
    if (value.truthy) this.meetAll(whenTrue, value.truthy);
    if (value.falsy) this.meetAll(whenFalse, value.falsy);
    if (value.tierTest) {
      this.restrict(whenTrue, value.tierTest.subject, value.tierTest.mask);
      this.restrict(whenFalse, value.tierTest.subject, this.all & ~value.tierTest.mask);
    }
    if (value.check) {
      if (value.check.pending) {
        if (!quiet) this.emitCheck(node, 'promise-as-condition', value.check.purposes);
      } else if (value.check.negated) {
        this.allowCheck(whenFalse, value.check);
      } else {
        this.allowCheck(whenTrue, value.check);
      }
    }
    return [whenTrue, whenFalse];
  }
};

// src/code/interpreter/path-keys.ts
function joinPathKeys(parts) {
  const joined = parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
  return parts[0]?.startsWith('/') ? `/${joined}` : joined;
}

// src/code/interpreter/expressions.ts
var uriScheme = /^[a-z][a-z0-9+.-]*:\/\//i;
var Expressions = class extends Conditions {
  expression(expression, state, frame) {
    this.budget.enter(expression);
    const value = this.evaluate(expression, state, frame);
    this.budget.leave();
    return value;
  }
  evaluate(expression, state, frame) {
    const node = expression;
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
      const value = this.expression(node.expression, state, frame);
      const inner = this.host.oracle.typeOf(node.expression);
      return inner !== void 0 &&
        this.host.oracle.isOpaque(inner) &&
        value.taints.every((taint) => taint.param !== void 0)
        ? this.sourceByType(node, value, node)
        : value;
    }
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isNonNullExpression(node) ||
      ts.isSatisfiesExpression(node)
    ) {
      return this.expression(node.expression, state, frame);
    }
    if (ts.isIdentifier(node)) return this.identifier(node, state);
    if (node.kind === ts.SyntaxKind.ThisKeyword)
      return state.env.get('this') ?? { taints: [], identity: 'this' };
    if (ts.isStringLiteralLike(node)) return { taints: [], literals: [node.text] };
    if (node.kind === ts.SyntaxKind.TrueKeyword) return { taints: [], bool: true };
    if (node.kind === ts.SyntaxKind.FalseKeyword) return { taints: [], bool: false };
    if (ts.isPropertyAccessExpression(node)) return this.property(node, state, frame);
    if (ts.isElementAccessExpression(node)) {
      const object = this.expression(node.expression, state, frame);
      const index = this.expression(node.argumentExpression, state, frame);
      const key = index.literals?.[0];
      if (key !== void 0 && object.fields?.has(key)) return object.fields.get(key);
      if (isEnvironment(node.expression))
        return { taints: [], environment: shorten(node.getText()) };
      const element = this.element(object, void 0);
      return object.check?.subject.startsWith('@element:')
        ? { ...element, check: object.check }
        : element;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const value = this.call(node, state, frame);
      return value.taints.length > 0 && this.isBooleanValue(node)
        ? { ...value, taints: [] }
        : value;
    }
    if (ts.isAwaitExpression(node))
      return this.awaited(this.expression(node.expression, state, frame), state);
    if (ts.isObjectLiteralExpression(node)) return this.objectLiteral(node, state, frame);
    if (ts.isArrayLiteralExpression(node)) {
      const values = node.elements.map((element) =>
        this.expression(ts.isSpreadElement(element) ? element.expression : element, state, frame),
      );
      const literals = values.every((value) => value.literals?.length === 1)
        ? values.map((value) => value.literals[0])
        : void 0;
      const positional = !node.elements.some(ts.isSpreadElement);
      return {
        ...mergeTaints(values),
        ...(literals ? { literals } : {}),
        ...(positional ? { items: values } : {}),
      };
    }
    if (ts.isTemplateExpression(node)) {
      const spans = node.templateSpans.map((span) =>
        this.expression(span.expression, state, frame),
      );
      const merged = mergeTaints(spans);
      if (uriScheme.test(node.head.text)) {
        const parts = spans.map((span) => this.objectPart(span));
        if (parts.every((part) => part !== void 0)) {
          let uri = node.head.text;
          node.templateSpans.forEach((span, index) => {
            uri += parts[index] + span.literal.text;
          });
          return { ...merged, path: joinPathKeys([uri]) };
        }
      }
      if (!spans.some((span) => span.path !== void 0)) {
        if (!spans.every((span) => span.literals?.length === 1)) return merged;
        let text2 = node.head.text;
        node.templateSpans.forEach((span, index) => {
          text2 += spans[index].literals[0] + span.literal.text;
        });
        return { ...merged, literals: [text2] };
      }
      let text = node.head.text;
      node.templateSpans.forEach((span, index) => {
        const part = spans[index];
        text +=
          (part.path ?? (part.literals?.length === 1 ? part.literals[0] : '*')) + span.literal.text;
      });
      return { ...merged, path: text };
    }
    if (ts.isTaggedTemplateExpression(node)) {
      return this.expression(node.template, state, frame);
    }
    if (ts.isPrefixUnaryExpression(node)) {
      const operand = this.expression(node.operand, state, frame);
      if (node.operator === ts.SyntaxKind.ExclamationToken && operand.tierTest) {
        const { subject, mask } = operand.tierTest;
        return { taints: [], tierTest: { subject, mask: this.all & ~mask } };
      }
      if (node.operator === ts.SyntaxKind.ExclamationToken && operand.check) {
        return { taints: [], check: { ...operand.check, negated: !operand.check.negated } };
      }
      if (node.operator === ts.SyntaxKind.ExclamationToken && (operand.truthy || operand.falsy)) {
        return {
          taints: [],
          ...(operand.falsy ? { truthy: operand.falsy } : {}),
          ...(operand.truthy ? { falsy: operand.truthy } : {}),
        };
      }
      return { taints: node.operator === ts.SyntaxKind.ExclamationToken ? [] : operand.taints };
    }
    if (ts.isPostfixUnaryExpression(node)) {
      this.expression(node.operand, state, frame);
      return emptyValue;
    }
    if (ts.isConditionalExpression(node)) {
      const before = new Map(state.subjects);
      const [whenTrue, whenFalse] = this.cond(node.condition, state, frame);
      const a = this.stampBranch(this.expression(node.whenTrue, whenTrue, frame), whenTrue);
      const b = this.stampBranch(this.expression(node.whenFalse, whenFalse, frame), whenFalse);
      this.replace(state, joinStates([whenTrue, whenFalse]));
      const joined = joinValues(a, b);
      const onlyWhen = isFalsyLiteral(node.whenFalse)
        ? isFalsyLiteral(node.whenTrue)
          ? void 0
          : whenTrue
        : isFalsyLiteral(node.whenTrue)
          ? whenFalse
          : void 0;
      const truthy = onlyWhen ? this.changedFacts(before, onlyWhen) : void 0;
      return truthy ? { ...joined, truthy } : joined;
    }
    if (ts.isBinaryExpression(node)) return this.binary(node, state, frame);
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      return { taints: [], closure: this.closure(node, state) };
    }
    if (ts.isSpreadElement(node)) return this.expression(node.expression, state, frame);
    if (ts.isYieldExpression(node)) {
      const yielded = node.expression ? this.expression(node.expression, state, frame) : emptyValue;
      frame.returns.push({ value: this.stampValue(yielded, state), state: state.clone() });
      return emptyValue;
    }
    if (ts.isVoidExpression(node) || ts.isTypeOfExpression(node) || ts.isDeleteExpression(node)) {
      this.expression(node.expression, state, frame);
      return emptyValue;
    }
    if (ts.isClassExpression(node)) return emptyValue;
    return emptyValue;
  }
  identifier(node, state) {
    const own = state.env.get(node.text);
    if (own) return own;
    if (node.text === 'undefined') return emptyValue;
    const collection = moduleCollectionKey(node, (name) => this.host.oracle.declarationsOf(name));
    if (collection !== void 0) {
      return { taints: this.host.file(collection, this.unit), identity: node.text };
    }
    const declarations = this.host.oracle.declarationsOf(node);
    const units = declarations
      .map((declaration) => this.host.unitOf(declaration))
      .filter((unit) => unit !== void 0);
    if (units.length > 0) return { taints: [], functions: units };
    const maker = this.capturedFrom(declarations);
    if (maker !== void 0) return { taints: [], identity: node.text, capturedFrom: maker };
    for (const declaration of declarations) {
      const initializer = constantInitializer(declaration);
      if (initializer) {
        const init = skipParens(initializer);
        if (ts.isStringLiteralLike(init)) return { taints: [], literals: [init.text] };
        if (ts.isCallExpression(init)) {
          const kind = this.host.classifier.classify(init);
          const purpose = literalText(init.arguments[0]);
          if (
            kind.kind === 'sdk' &&
            sdkEntry(kind.name)?.role === 'route-middleware' &&
            purpose !== void 0
          ) {
            return { taints: [], middleware: [purpose] };
          }
        }
        if (ts.isArrayLiteralExpression(init) && init.elements.every(ts.isStringLiteralLike)) {
          return {
            taints: [],
            literals: init.elements.map((element) => element.text),
          };
        }
      }
    }
    return { taints: [], identity: node.text };
  }
  /**
   * The function whose parameter or local a name is, when this unit is a method of an object
   * literal that function builds (`makeFlusher(exchange)` returning `{ flush() { … } }`), or a
   * function it declares for such an object (`{ upload }`).
   */
  capturedFrom(declarations) {
    const own = this.unit.node;
    if (ts.isSourceFile(own) || this.unit.classNode !== void 0) return void 0;
    let object = own;
    if (ts.isPropertyAssignment(object.parent)) object = object.parent;
    const declared =
      ts.isFunctionDeclaration(own) ||
      (ts.isVariableDeclaration(own.parent) && own.parent.initializer === own);
    if (!ts.isObjectLiteralExpression(object.parent) && !declared) return void 0;
    for (const declaration of declarations) {
      let maker = declaration.parent;
      while (maker && !ts.isFunctionLike(maker)) maker = maker.parent;
      if (!maker || maker === own) continue;
      if (
        own.pos >= maker.pos &&
        own.end <= maker.end &&
        own.getSourceFile() === maker.getSourceFile()
      ) {
        const name = maker.name;
        return name && ts.isIdentifier(name) ? name.text : 'the function that built it';
      }
    }
    return void 0;
  }
  property(node, state, frame) {
    const name = node.name.text;
    const object = this.expression(node.expression, state, frame);
    if (object.decision) {
      if (name === sdkDecision.allowedField) return { taints: [], check: object.decision };
      if (name === sdkDecision.reasonField) return { taints: [], reasonOf: object.decision };
    }
    if (object.fields?.has(name)) return object.fields.get(name);
    const identity = object.identity;
    const childIdentity =
      identity === void 0 ? void 0 : ownerFields.has(name) ? identity : `${identity}.${name}`;
    const linked = identity !== void 0 && ownerFields.has(name) ? true : object.linked;
    const base = { taints: [] };
    if (object.untraced !== void 0) base.untraced = object.untraced;
    if (object.capturedFrom !== void 0) base.capturedFrom = object.capturedFrom;
    if (isEnvironment(node.expression)) base.environment = shorten(node.getText());
    if (childIdentity !== void 0) base.identity = childIdentity;
    if (linked) base.linked = true;
    if (this.host.model.tierFields.has(name) && identity !== void 0) base.tierOf = identity;
    const guard = this.fieldGuard(node);
    if (guard && identity !== void 0) {
      base.check = {
        subject: identity.split('.')[0],
        purposes: guard,
        mask: this.all,
        pending: false,
        negated: false,
        label: node.getText(),
        site: this.step(node, `\`${shorten(node.getText())}\` checks \`${guard.join(', ')}\``),
      };
    }
    if (node.expression.kind === ts.SyntaxKind.ThisKeyword && this.unit.classNode) {
      const local = state.env.get(`this.${name}`);
      const stored = this.host.fieldStore(this.unit.classNode, name);
      const taints = unionTaints(local?.taints ?? [], stored);
      return { ...(local ?? {}), ...base, taints, identity: `this.${name}` };
    }
    const read =
      object.instances ||
      (this.host.getterNames.has(name) &&
        object.taints.some((taint) => taint.param?.unit.id === this.unit.id && !taint.stored))
        ? this.getterRead(node, object)
        : void 0;
    if (read && read.taints.length > 0 && object.instances) return { ...base, taints: read.taints };
    const value = this.fieldRead(node, name, object, base);
    return read && read.taints.length > 0
      ? { ...value, taints: unionTaints(value.taints, read.taints) }
      : value;
  }
  /** What reading field `name` of `object` gives, by the field's declaration and the object's data. */
  fieldRead(node, name, object, base) {
    const identity = object.identity;
    const personal = this.personalProperty(node);
    if (object.taints.length === 0) {
      if (!personal) return base;
      if (object.capturedFrom !== void 0) {
        return {
          ...base,
          untraced: `it is \`${shorten(node.getText())}\`, which this method reads from \`${object.capturedFrom}\`, the function that built its object, whose callers' checks the analysis does not follow here`,
        };
      }
      const subject = identity ?? '';
      return {
        ...base,
        personalContent: true,
        taints: [
          {
            key: `source:${this.locKey(node)}`,
            subject,
            categories: [personal],
            facts: unknownFacts(this.all),
            trail: [
              this.step(node, `\`${shorten(node.getText())}\` holds personal data (${personal})`),
            ],
          },
        ],
      };
    }
    const content = personal !== void 0 || object.personalContent === true;
    if (content || this.typeIsPersonalOrUnknown(node)) {
      const taints = this.projected(object.taints, node, name, personal, content);
      if (taints.length === 0) return base;
      return { ...base, taints, ...(content ? { personalContent: true } : {}) };
    }
    if (this.isDerived(node, name)) return base;
    const kept = this.fieldTaints(object.taints, name);
    return kept.length > 0 ? { ...base, taints: kept } : base;
  }
  /**
   * The data a field holds of a record whose data is known by field (a query's mapped
   * columns), and this function's parameters read through it (their callers know).
   */
  fieldTaints(taints, name) {
    return taints.flatMap((taint) => {
      if (taint.fields?.includes(name) || taint.fields?.includes('*'))
        return [{ ...taint, fields: ['*'] }];
      if (
        taint.param !== void 0 &&
        (taint.param.unit.id === this.unit.id || this.constructorOfClass(taint.param.unit)) &&
        !taint.fields
      )
        return [{ ...taint, via: taint.via ?? [name], categories: [] }];
      return [];
    });
  }
  fieldGuard(node) {
    if (this.host.model.guards.size === 0) return void 0;
    const purposes = [];
    for (const declaration of this.host.oracle.declarationsOf(node)) {
      for (const mapping of this.host.model.guards.get(declaration) ?? []) {
        if (mapping.entry.guard === 'field-check') purposes.push(mapping.entry.purpose);
      }
    }
    return purposes.length > 0 ? purposes : void 0;
  }
  binary(node, state, frame) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.EqualsToken) {
      const value = this.expression(node.right, state, frame);
      this.assign(node.left, value, state, frame);
      return value;
    }
    if (
      operator === ts.SyntaxKind.AmpersandAmpersandToken ||
      operator === ts.SyntaxKind.BarBarToken ||
      operator === ts.SyntaxKind.QuestionQuestionToken
    ) {
      const before = new Map(state.subjects);
      let [whenTrue, whenFalse, left2] =
        operator === ts.SyntaxKind.QuestionQuestionToken
          ? (() => {
              const value = this.expression(node.left, state, frame);
              return [state.clone(), state.clone(), value];
            })()
          : this.condValue(node.left, state, frame);
      const continueIn = operator === ts.SyntaxKind.AmpersandAmpersandToken ? whenTrue : whenFalse;
      const right2 = this.expression(node.right, continueIn, frame);
      let outcome = {};
      if (operator !== ts.SyntaxKind.QuestionQuestionToken) {
        const [rightTrue, rightFalse] = this.split(node.right, right2, continueIn, true);
        const and = operator === ts.SyntaxKind.AmpersandAmpersandToken;
        const truthy = this.changedFacts(
          before,
          and ? rightTrue : joinStates([whenTrue, rightTrue]),
        );
        const falsy = this.changedFacts(
          before,
          and ? joinStates([whenFalse, rightFalse]) : rightFalse,
        );
        outcome = { ...(truthy ? { truthy } : {}), ...(falsy ? { falsy } : {}) };
      }
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken) whenTrue = continueIn;
      else whenFalse = continueIn;
      this.replace(state, joinStates([whenTrue, whenFalse]));
      const { tierTest: _tierTest, ...untested } = joinValues(left2, right2);
      const joined = {
        ...(operator === ts.SyntaxKind.AmpersandAmpersandToken
          ? untested
          : joinValues(left2, right2)),
        ...outcome,
      };
      if (
        operator === ts.SyntaxKind.AmpersandAmpersandToken &&
        right2.check &&
        !right2.check.negated
      ) {
        return { ...joined, check: right2.check };
      }
      return joined;
    }
    if (
      operator === ts.SyntaxKind.PlusEqualsToken ||
      operator === ts.SyntaxKind.BarBarEqualsToken ||
      operator === ts.SyntaxKind.QuestionQuestionEqualsToken
    ) {
      const left2 = this.expression(node.left, state, frame);
      const right2 = this.expression(node.right, state, frame);
      const value = mergeTaints([left2, right2]);
      this.assign(node.left, value, state, frame);
      return value;
    }
    const left = this.expression(node.left, state, frame);
    const right = this.expression(node.right, state, frame);
    if (operator === ts.SyntaxKind.PlusToken) return mergeTaints([left, right]);
    const comparison = comparisonOf(operator);
    if (comparison !== void 0) {
      const equality = comparison === 'equal';
      const tierSide = left.tierOf !== void 0 ? left : right.tierOf !== void 0 ? right : void 0;
      const literalSide = tierSide === left ? right : left;
      if (tierSide?.tierOf !== void 0 && literalSide.literals) {
        const mask = this.tierMask(literalSide.literals);
        return {
          taints: [],
          tierTest: { subject: tierSide.tierOf, mask: equality ? mask : this.all & ~mask },
        };
      }
    }
    if (operator === ts.SyntaxKind.CommaToken) return right;
    return emptyValue;
  }
  assign(target, value, state, frame) {
    const node = skipParens(target);
    if (ts.isIdentifier(node)) {
      this.assignName(node.text, value, state, node);
      const collection = moduleCollectionKey(node, (name) => this.host.oracle.declarationsOf(name));
      if (collection !== void 0 && value.taints.length > 0) {
        this.host.writeFile(
          collection,
          this.stamp(value.taints, state).map((taint) => ({
            ...taint,
            trail: extendTrail(
              taint.trail,
              this.step(node, `stored in the module-level \`${node.text}\``),
            ),
          })),
        );
      }
      return;
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const object = skipParens(node.expression);
      const name = ts.isPropertyAccessExpression(node) ? node.name.text : void 0;
      if (object.kind === ts.SyntaxKind.ThisKeyword && name !== void 0) {
        this.writeField(name, value, state, node);
        return;
      }
      if (ts.isIdentifier(object)) {
        const current = state.env.get(object.text) ?? { taints: [], identity: object.text };
        const fields = new Map(current.fields ?? []);
        if (name !== void 0) fields.set(name, value);
        state.env.set(object.text, {
          ...current,
          taints: unionTaints(current.taints, this.stamp(value.taints, state)),
          ...(name !== void 0 ? { fields } : {}),
        });
        return;
      }
      this.expression(node.expression, state, frame);
      return;
    }
    if (ts.isObjectLiteralExpression(node) || ts.isArrayLiteralExpression(node)) {
      for (const element of ts.isObjectLiteralExpression(node) ? node.properties : node.elements) {
        if (ts.isShorthandPropertyAssignment(element))
          this.assignName(element.name.text, value, state, element.name);
        else if (ts.isPropertyAssignment(element))
          this.assign(element.initializer, value, state, frame);
        else if (ts.isSpreadAssignment(element) || ts.isSpreadElement(element))
          this.assign(element.expression, value, state, frame);
        else if (ts.isExpression(element)) this.assign(element, value, state, frame);
      }
    }
  }
  /** Binds a name to a value; a reassigned name's earlier guard facts no longer hold. */
  assignName(name, value, state, _at) {
    const identity = value.identity ?? name;
    const taints = value.taints.map((taint) =>
      taint.subject === '' ? { ...taint, subject: identity } : taint,
    );
    if (identity === name && state.env.has(name)) {
      for (const key of [...state.subjects.keys()]) {
        if (key === name || key.startsWith(`${name}.`)) state.subjects.delete(key);
      }
    }
    state.env.set(name, { ...value, taints, identity });
  }
  writeField(name, value, state, at) {
    const stamped = this.stamp(value.taints, state).map((taint) => ({
      ...taint,
      trail: extendTrail(taint.trail, this.step(at, `stored in \`this.${name}\``)),
    }));
    const local = state.env.get(`this.${name}`);
    state.env.set(`this.${name}`, {
      ...value,
      taints: unionTaints(local?.taints ?? [], stamped),
      identity: `this.${name}`,
    });
    const classNode = this.unit.classNode;
    if (!classNode || stamped.length === 0) return;
    const byField = this.fieldWrites.get(classNode) ?? /* @__PURE__ */ new Map();
    byField.set(name, unionTaints(byField.get(name) ?? [], stamped));
    this.fieldWrites.set(classNode, byField);
  }
  bindPattern(pattern, value, state, at) {
    if (ts.isIdentifier(pattern)) {
      this.assignName(pattern.text, value, state, pattern);
      return;
    }
    if (ts.isObjectBindingPattern(pattern)) {
      for (const element of pattern.elements) {
        if (element.dotDotDotToken) {
          const keeps =
            value.taints.length > 0 &&
            (value.personalContent === true || this.typeIsPersonalOrUnknown(element.name));
          const remaining = restFields(pattern, value);
          const named = pattern.elements
            .filter((other) => !other.dotDotDotToken)
            .map((other) => (other.propertyName ?? other.name).getText());
          const byField = value.taints.filter(
            (taint) =>
              taint.fields?.includes('*') || taint.fields?.some((field) => !named.includes(field)),
          );
          if (!keeps && byField.length > 0 && !value.fields) {
            this.bindPattern(element.name, { taints: byField }, state, element);
            continue;
          }
          if (!keeps && remaining && remaining.taints.length > 0) {
            this.bindPattern(element.name, remaining, state, element);
            continue;
          }
          this.bindPattern(element.name, keeps ? value : { taints: [] }, state, element);
          continue;
        }
        const key =
          element.propertyName && ts.isIdentifier(element.propertyName)
            ? element.propertyName.text
            : ts.isIdentifier(element.name)
              ? element.name.text
              : void 0;
        let member = value.fields?.get(key ?? '') ?? emptyValue;
        if (
          value.decision &&
          (key === sdkDecision.allowedField || key === sdkDecision.reasonField)
        ) {
          member =
            key === sdkDecision.allowedField
              ? { taints: [], check: value.decision }
              : { taints: [], reasonOf: value.decision };
        } else if (!value.fields?.has(key ?? '')) {
          const personal = this.personalBinding(element);
          const identity = value.identity;
          member = {
            taints: this.projected(
              value.taints,
              element.name,
              key,
              personal,
              value.personalContent === true,
            ),
            ...(identity !== void 0 && key !== void 0
              ? { identity: ownerFields.has(key) ? identity : `${identity}.${key}` }
              : {}),
            ...(key !== void 0 && this.host.model.tierFields.has(key) && identity !== void 0
              ? { tierOf: identity }
              : {}),
          };
          if (member.taints.length === 0 && personal && value.taints.length === 0) {
            member = {
              ...member,
              taints: [
                {
                  key: `source:${this.locKey(element)}`,
                  subject: value.identity ?? '',
                  categories: [personal],
                  facts: unknownFacts(this.all),
                  trail: [this.step(element, `\`${key}\` holds personal data (${personal})`)],
                },
              ],
            };
          }
        }
        this.bindPattern(element.name, member, state, element);
      }
      return;
    }
    for (const element of pattern.elements) {
      if (ts.isOmittedExpression(element)) continue;
      this.bindPattern(element.name, this.element(value, void 0), state, at);
    }
  }
  objectLiteral(node, state, frame) {
    const fields = /* @__PURE__ */ new Map();
    const parts = [];
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property)) {
        const value = this.expression(property.initializer, state, frame);
        const key = propertyKey(property.name);
        if (key !== void 0) fields.set(key, value);
        parts.push(value);
      } else if (ts.isShorthandPropertyAssignment(property)) {
        const value = this.identifier(property.name, state);
        fields.set(property.name.text, value);
        parts.push(value);
      } else if (ts.isSpreadAssignment(property)) {
        const value = this.expression(property.expression, state, frame);
        for (const [key, field] of value.fields ?? []) fields.set(key, field);
        parts.push(value);
      } else if (
        ts.isMethodDeclaration(property) &&
        property.body &&
        this.host.unitOf(property) === void 0
      ) {
        const key = propertyKey(property.name);
        if (key !== void 0) fields.set(key, { taints: [], closure: this.closure(property, state) });
      }
    }
    const idField = recordIdFields
      .map((field) => fields.get(field))
      .find((field) => field !== void 0);
    return {
      ...mergeTaints(parts),
      fields,
      ...(idField?.identity !== void 0 ? { identity: idField.identity, linked: true } : {}),
    };
  }
  closure(node, state) {
    const unstable = /* @__PURE__ */ new Set();
    const container = enclosingFunctionBody(node);
    if (container) {
      walk(container, void 0, (child) => {
        if (
          ts.isBinaryExpression(child) &&
          child.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isIdentifier(child.left) &&
          (child.getStart() > node.getEnd() || (child.pos >= node.pos && child.end <= node.end))
        ) {
          unstable.add(child.left.text);
        }
        return void 0;
      });
    }
    return { node, env: new Map(state.env), subjects: new Map(state.subjects), unstable };
  }
  awaited(value, state) {
    let result = value;
    if (value.check?.pending) result = { ...result, check: { ...value.check, pending: false } };
    if (value.decision?.pending)
      result = { ...result, decision: { ...value.decision, pending: false } };
    if (value.assertion?.pending) {
      this.allowCheck(state, value.assertion);
      const { assertion: _assertion, ...rest } = result;
      result = rest;
    }
    return result;
  }
};
var environmentNames = new Set([...environmentObjects].map((path) => path.split('.').pop()));
function isEnvironment(node) {
  const inner = skipParens(node);
  return (
    ts.isPropertyAccessExpression(inner) &&
    environmentNames.has(inner.name.text) &&
    environmentObjects.has(inner.getText())
  );
}

// src/code/interpreter/calls.ts
function handedData(args) {
  return mergeTaints(args.filter((arg) => !arg.closure && !arg.functions && !arg.bound));
}
var handSites = /* @__PURE__ */ new WeakSet();
var Calls = class extends Expressions {
  /** The route guards the function body evaluated last registered on every path to its end. */
  bodyGuards = /* @__PURE__ */ new Set();
  call(node, state, frame) {
    const callee = skipParens(node.expression);
    let receiver;
    let calleeValue;
    if (ts.isPropertyAccessExpression(callee)) {
      receiver = this.expression(callee.expression, state, frame);
    } else if (ts.isIdentifier(callee)) {
      calleeValue = state.env.get(callee.text);
    } else if (callee.kind !== ts.SyntaxKind.SuperKeyword) {
      calleeValue = this.expression(callee, state, frame);
    }
    const args = (node.arguments ?? []).map((argument) =>
      this.expression(ts.isSpreadElement(argument) ? argument.expression : argument, state, frame),
    );
    if (calleeValue?.closure) {
      const value = this.invoke(calleeValue.closure, args, state, frame);
      for (const key of this.bodyGuards) state.guards.add(key);
      return value;
    }
    if (calleeValue?.bound) return this.callBound(calleeValue.bound, node, args, state, frame);
    if (calleeValue?.operators && args[0])
      return this.applyOperators(args[0], calleeValue.operators, state, frame);
    if (callee.kind === ts.SyntaxKind.ImportKeyword) {
      return {
        taints: [],
        untraced: `it comes from a dynamic import (\`${shorten(node.getText())}\`)`,
      };
    }
    if (ts.isIdentifier(callee) && args.length === 0) this.continuation(callee.text, state);
    if (this.wrapped && ts.isIdentifier(callee)) this.handlerCall(callee.text, args, state);
    else if (ts.isIdentifier(callee)) this.paramCall(callee.text, node, args, state);
    else if (
      !this.wrapped &&
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression)
    )
      this.paramCall(callee.expression.text, node, args, state, callee.name.text);
    const kind = this.host.classifier.classify(node);
    const name = ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : ts.isIdentifier(callee)
        ? callee.text
        : '';
    return this.dispatch(kind, name, node, args, receiver, state, frame);
  }
  /** A call of what `kind` says the callee is, with these arguments and receiver. */
  dispatch(kind, name, node, args, receiver, state, frame) {
    switch (kind.kind) {
      case 'sdk':
        return this.sdkCall(kind.name, node, args, receiver, state, frame);
      case 'guard':
        return this.policyGuard(kind, node, args, state);
      case 'sanitizer':
        return emptyValue;
      case 'source': {
        const categories = [...new Set(kind.entries.map((entry) => entry.entry.category))];
        return {
          taints: (categories.length > 0 ? categories : [defaultCategory]).map(
            (category, index) => ({
              key: `source:${this.locKey(node)}${index === 0 ? '' : `:${index}`}`,
              subject: '',
              categories: [category],
              ...(kind.columns
                ? {
                    fields: kind.entries
                      .filter((entry) => entry.entry.category === category)
                      .flatMap((entry) => kind.columns?.get(entry) ?? ['*']),
                  }
                : {}),
              facts: unknownFacts(this.all),
              trail: [
                this.step(
                  node,
                  `\`${shorten(kind.columns ? node.getText().replace(/\s*\n\s*/g, '') : node.expression.getText())}\` returns personal data (${category})`,
                ),
              ],
            }),
          ),
          ...this.loaderIdentity(node, args),
        };
      }
      case 'sink':
        return this.sink(kind, node, args, state);
      case 'file':
        return this.fileCall(kind.entry, node, args, state);
      case 'object':
        return this.objectCall(kind.entry, node, args, receiver, state);
      case 'project':
        if (kind.processes) {
          this.host.recordSink(this.location(node), {
            symbol: this.unit.name,
            sink: kind.processes.label,
            purposes: [...kind.processes.purposes].sort(),
          });
        }
        return this.project(kind.units, node, args, receiver, state, frame, kind.passedAs);
      case 'invoke':
        return this.invokeThrough(kind, name, node, args, receiver, state, frame);
      case 'bound':
        return this.dispatch(
          kind.target,
          name,
          node,
          [...Array.from({ length: kind.leading }, () => emptyValue), ...args],
          void 0,
          state,
          frame,
        );
      default:
        return this.library(kind, name, node, args, receiver, state, frame);
    }
  }
  /**
   * A call through a function invoker (`add.call(queue, row)`, `add.apply(queue, [row])`): the
   * direct call, with `this` and the arguments the invoker passes on; `bind` returns the
   * function that makes that call later. Library code the function may be just gets the data.
   */
  invokeThrough(kind, name, node, args, receiver, state, frame) {
    const { invoker, target } = kind;
    const self = args[invoker.thisArgument];
    const given = invoker.asArray
      ? spreadArguments(args[invoker.passesFrom])
      : args.slice(invoker.passesFrom);
    const callee = skipParens(node.expression);
    if (
      !invoker.binds &&
      !this.wrapped &&
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression)
    )
      this.paramCall(callee.expression.text, node, given, state);
    if (target.kind === 'builtin' || target.kind === 'unknown' || target.kind === 'invoke') {
      return this.library(target, name, node, args, receiver, state, frame);
    }
    if (invoker.binds) {
      return { taints: [], bound: { target, args: given, ...(self ? { receiver: self } : {}) } };
    }
    return this.dispatch(target, name, node, given, self, state, frame);
  }
  /**
   * A function written inline and handed to a project function (`withRetry(() =>
   * upload(row))`, `each(rows, (row) => upload(row.prompt))`) runs there, at some point: its
   * body runs here, behind the guards on this path, each parameter given what its declared type
   * holds and whatever data the call hands over (the project function may pass it on). A guard
   * wrapper's handler (`withConsent(async (user) => …)`) is left to `wrappedHandlers`, which
   * runs it behind the wrapper's check.
   */
  handedClosures(units, args, state, frame) {
    const handed = [];
    const own = (value) =>
      value?.closure !== void 0 && this.host.unitOf(value.closure.node) === void 0;
    for (const [index, arg] of args.entries()) {
      if (units.some((unit) => unit.summary.callsHandler?.param === index)) continue;
      if (own(arg)) handed.push([index, arg.closure, void 0]);
      else
        for (const [member, value] of arg.fields ?? [])
          if (own(value)) handed.push([index, value.closure, member]);
    }
    if (handed.length === 0) return;
    const data = handedData(args);
    for (let [position, closure, member] of handed) {
      const { facts, sites } = this.handedTo(units, position, args, state, member);
      const params = closure.node.parameters.map((parameter, index) => {
        const at = facts?.[index];
        if (at && at.allowed.size > 0 && ts.isIdentifier(parameter.name)) {
          const subjects = new Map(closure.subjects);
          subjects.set(parameter.name.text, at);
          closure = { ...closure, subjects };
        }
        return this.handedValue(parameter, this.asParameter(parameter, data, state), at, sites);
      });
      this.invoke(closure, params, state, frame);
    }
  }
  /**
   * The data a call hands over, as what an inline function's parameter holds there: with the
   * guard facts of this path on it, and about the parameter's subject, so a check of the
   * parameter in the function (`if (!(await consent.allows(row, …))) return;`) covers it.
   */
  asParameter(parameter, data, state) {
    if (!ts.isIdentifier(parameter.name) || data.taints.length === 0) return data;
    const subject = parameter.name.text;
    return mapValueTaints(data, (taints) =>
      this.stamp(taints, state).map((taint) => ({ ...taint, subject })),
    );
  }
  /**
   * What the project functions a function is handed to establish at their calls of it, per
   * argument (`callsParams`, when they call it in place), and where they run it: a change there
   * changes what it is handed, so the flows of what it is handed go through there.
   */
  handedTo(units, position, args, state, member) {
    const calls = this.callsOfParam(units, position, member);
    return {
      facts: calls ? this.factsAtCall(calls, args, state) : void 0,
      sites:
        calls?.sites ??
        units.map((unit) =>
          this.handSite(unit.node, `\`${unit.name}\` runs the function it is handed`),
        ),
    };
  }
  /**
   * A parameter of a function handed to project functions, as they may call it: what its type
   * holds and the data the call hands over, through the sites that run it, with what they
   * checked.
   */
  handedValue(parameter, data, facts, sites) {
    return mapValueTaints(
      joinValues(this.sourceByType(parameter.name, emptyValue, parameter), data),
      (taints) =>
        taints.map((taint) => ({
          ...taint,
          trail: [...taint.trail, ...sites],
          ...(facts && facts.allowed.size > 0 ? { facts: meetFacts(taint.facts, facts) } : {}),
        })),
    );
  }
  /**
   * The guard facts, per argument, at every call the callees make of their parameter `index`
   * (`callsParams`), when each callee calls it only in place (it neither stores nor hands it on)
   * and calls it at all; joined over the callees.
   */
  callsOfParam(units, index, member) {
    let joined;
    for (const unit of units) {
      const param = unit.params[index];
      const calls =
        member === void 0
          ? unit.summary.callsParams?.get(index)
          : unit.summary.callsParamMembers?.get(`${index}.${member}`);
      const inPlace =
        param !== void 0 &&
        (member === void 0
          ? this.host.classifier.calledInPlace(param)
          : this.host.classifier.memberCalledInPlace(param, member));
      if (!calls || !inPlace) return void 0;
      joined = joined ? this.joinCalls(joined, calls) : calls;
    }
    return joined;
  }
  /**
   * A project function bound with arguments and handed to a project function
   * (`forEachExchange(rows, this.shareWithTag.bind(this, tag))`) runs at the call, as an inline
   * function does: with what it was bound to, then for each other parameter what its type holds
   * and the data the call hands over.
   */
  boundHandOffs(units, node, args, state, frame) {
    let data;
    for (const [position, arg] of args.entries()) {
      const bound = arg.bound;
      if (!bound || bound.args.length === 0 || bound.target.kind !== 'project') continue;
      const [first] = bound.target.units;
      if (!first) continue;
      const { facts, sites } = this.handedTo(units, position, args, state);
      data ??= handedData(args);
      const handed = data;
      const rest = first.params
        .slice(bound.args.length)
        .map((parameter, index) => this.handedValue(parameter, handed, facts?.[index], sites));
      this.callBound(bound, node, rest, state, frame);
    }
  }
  /** A call of a function an invoker bound (`enqueue(row)`, or a callback a method runs). */
  callBound(bound, node, args, state, frame) {
    return this.dispatch(
      bound.target,
      '',
      node,
      [...bound.args, ...args],
      bound.receiver,
      state,
      frame,
    );
  }
  sdkCall(name, node, args, receiver, state, frame) {
    const purposeArg = (index) => {
      const argument = node.arguments?.[index];
      const param = this.wrapped ? this.parameterPurpose(args[index]) : void 0;
      if (param !== void 0) return [param];
      const purposes = args[index]?.literals ?? [];
      if (argument)
        for (const purpose of purposes) this.host.emitPurpose(this.location(argument), purpose);
      return purposes;
    };
    const fact = (subjectIndex2, purposeIndex2, pending) => ({
      subject: args[subjectIndex2]?.identity ?? `#unknown:${this.locKey(node)}`,
      purposes: purposeArg(purposeIndex2),
      mask: this.all,
      pending,
      negated: false,
      label: shorten(node.getText()),
      site: this.step(
        node,
        `\`${shorten(node.getText())}\` checks \`${(args[purposeIndex2]?.literals ?? []).join(', ')}\``,
      ),
    });
    const entry = sdkEntry(name);
    const subjectIndex = entry?.subjectArgument ?? 0;
    const purposeIndex = entry?.purposeArgument ?? 0;
    switch (entry?.role) {
      case 'check':
        return { taints: [], check: fact(subjectIndex, purposeIndex, entry.async === true) };
      case 'decision':
        return { taints: [], decision: fact(subjectIndex, purposeIndex, entry.async === true) };
      case 'assertion': {
        if (entry.async) return { taints: [], assertion: fact(subjectIndex, purposeIndex, true) };
        this.allowCheck(state, fact(subjectIndex, purposeIndex, false));
        return emptyValue;
      }
      case 'consent-filter': {
        const purposes = purposeArg(purposeIndex);
        const items = args[subjectIndex] ?? emptyValue;
        this.recordGuard(this.step(node, ''), shorten(node.getText()), purposes, this.all);
        const keep = (list) =>
          list.map((taint) => ({
            ...taint,
            facts: allowFacts(
              meetFacts(taint.facts, this.facts(state, taint.subject)),
              purposes,
              this.all,
            ),
            trail: extendTrail(
              taint.trail,
              this.step(node, `kept by the consent filter for ${purposes.join(', ')}`),
            ),
          }));
        return {
          taints: keep(items.taints),
          ...(items.element ? { element: mapValueTaints(items.element, keep) } : {}),
        };
      }
      case 'route-middleware': {
        const purposes = purposeArg(purposeIndex);
        this.recordGuard(this.step(node, ''), shorten(node.getText()), purposes, this.all);
        return { taints: [], middleware: purposes };
      }
      case 'pass-through':
        return args[subjectIndex] ?? emptyValue;
      case 'sanitizer':
        return emptyValue;
      case 'purpose-reference':
      case 'enforce-decorator':
      case 'processes-marker':
        purposeArg(purposeIndex);
        return emptyValue;
      default:
        return this.library(
          isSdkFactory(name) ? { kind: 'sdk', name } : { kind: 'unknown', name },
          name,
          node,
          args,
          receiver,
          state,
          frame,
        );
    }
  }
  policyGuard(kind, node, args, state) {
    const guard = kind.entries[0].entry;
    const purposes = [...new Set(kind.entries.map((resolved) => resolved.entry.purpose))];
    const subjectIndex = guard.subjectArgument ?? 0;
    const isAsync = this.returnsPromise(node);
    const fact = {
      subject: args[subjectIndex]?.identity ?? `#unknown:${this.locKey(node)}`,
      purposes,
      mask: this.all,
      pending: isAsync,
      negated: false,
      label: shorten(node.getText()),
      site: this.step(node, `\`${shorten(node.getText())}\` checks \`${purposes.join(', ')}\``),
    };
    switch (guard.guard) {
      case 'assertion':
        if (isAsync) return { taints: [], assertion: fact };
        this.allowCheck(state, fact);
        return emptyValue;
      case 'consent-filter': {
        const items = args[subjectIndex] ?? emptyValue;
        return {
          taints: items.taints.map((taint) => ({
            ...taint,
            facts: allowFacts(taint.facts, purposes, this.all),
          })),
        };
      }
      case 'route-middleware':
        return { taints: [], middleware: purposes };
      case 'check':
      case 'field-check':
        return { taints: [], check: fact };
    }
  }
  /**
   * In the function a guard wrapper returns, a purpose that is one of the wrapper's parameters
   * (`consent.allows(user, purpose)`): the purpose that stands for what its callers pass there.
   */
  parameterPurpose(value) {
    if (!value || value.literals || value.identity === void 0) return void 0;
    const index = this.unit.params.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === value.identity,
    );
    const own = value.taints.some(
      (taint) => taint.param?.unit === this.unit && taint.param.index === index,
    );
    return index >= 0 && own ? purposeParam(index) : void 0;
  }
  returnsPromise(node) {
    const type = this.host.oracle.typeOf(node);
    if (!type) return false;
    return this.host.oracle
      .declarationsOfType(type)
      .some((declaration) => declarationNameIs(declaration, promiseTypeName));
  }
  project(units, node, args, receiver, state, frame, passedAs) {
    let result;
    const outer = this.through;
    for (const unit of units) {
      if (passedAs?.owner === this.unit.node)
        this.through = { param: passedAs.param, unit: unit.id };
      let one;
      try {
        one = this.applySummary(unit, node, args, state);
      } finally {
        this.through = outer;
      }
      if (ts.isNewExpression(node) && ts.isConstructorDeclaration(unit.node)) {
        one = { ...one, instances: [{ constructorId: unit.id, args }] };
      } else {
        one = this.withStored(one, unit, node, receiver);
      }
      result = result ? joinValues(result, one) : one;
    }
    this.handedClosures(units, args, state, frame);
    this.boundHandOffs(units, node, args, state, frame);
    this.handedParams(units, node, args, state);
    this.wrappedHandlers(units, args, state, frame);
    this.handApps(units, node, state);
    let value = result ?? emptyValue;
    const marked = this.personalDeclarations(this.host.oracle.declarationsOf(node));
    if (marked && value.taints.every((taint) => taint.param !== void 0)) {
      value = {
        ...value,
        personalContent: true,
        taints: unionTaints(value.taints, [
          {
            key: `source:${this.locKey(node)}`,
            subject: receiver?.identity ?? '',
            categories: [marked],
            facts: unknownFacts(this.all),
            trail: [
              this.step(node, `\`${shorten(node.getText())}\` returns personal data (${marked})`),
            ],
          },
        ]),
      };
    }
    if (value.taints.every((taint) => taint.param !== void 0)) {
      value = this.sourceByType(node, value, node);
    }
    return value;
  }
  /**
   * A call of a parameter with no argument (`next()`): records what the first parameter's
   * subject (the request, or what it holds: `req.user`) is allowed for every tier there.
   */
  continuation(name, state) {
    const index = this.unit.params.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name,
    );
    if (index <= 0 || !state.reachable) return;
    const allowed = this.allowedForRequest(state);
    if (!allowed) return;
    const previous = this.continuations.get(index);
    this.continuations.set(
      index,
      (previous ?? [...allowed]).filter((purpose) => allowed.has(purpose)).sort(),
    );
  }
  /**
   * A handler given to a guard wrapper (`withConsent(async (user, conversation) => …)`) runs when
   * the function the wrapper returns calls it: with the arguments the wrapper checked allowed.
   */
  wrappedHandlers(units, args, state, frame) {
    const wrappers = units.map((unit) => unit.summary.callsHandler);
    const first = wrappers[0];
    if (!first || wrappers.some((wrapper) => wrapper?.param !== first.param)) return;
    const handler = args[first.param];
    const bound = (purposes) =>
      purposes.flatMap((purpose) => {
        const param = purposeParamIndex(purpose);
        return param === void 0 ? [purpose] : (args[param]?.literals ?? []);
      });
    const allowed = (index) =>
      wrappers
        .map((wrapper) => bound(wrapper.allowed[index] ?? []))
        .reduce((kept, next) => kept.filter((purpose) => next.includes(purpose)));
    if (handler?.closure) {
      let closure = handler.closure;
      closure.node.parameters.forEach((parameter, index) => {
        const purposes = allowed(index);
        if (purposes.length > 0 && ts.isIdentifier(parameter.name))
          closure = this.withAllowed(closure, parameter.name.text, purposes);
      });
      const params = closure.node.parameters.map((parameter) =>
        this.sourceByType(parameter.name, emptyValue, parameter),
      );
      this.invoke(closure, params, state, frame);
    }
    for (const unit of handler?.functions ?? []) {
      unit.params.forEach((_parameter, index) => {
        const purposes = allowed(index);
        if (purposes.length > 0) this.host.guardEntry(unit, index, purposes);
      });
    }
  }
  /**
   * A call of the wrapper's parameter from the function it returns (`handler(user, conversation)`):
   * each argument from that function's parameters, or a subject checked there, is allowed for the
   * purposes allowed for every tier there; kept only where every call agrees.
   */
  handlerCall(name, args, state) {
    const wrapped = this.wrapped;
    const index = this.unit.params.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name,
    );
    if (!wrapped || index < 0 || !state.reachable) return;
    const allowed = /* @__PURE__ */ new Set();
    const checked = /* @__PURE__ */ new Set();
    for (const [subject, facts] of state.subjects) {
      for (const [purpose, mask] of facts.allowed) {
        if ((mask & facts.possible) === facts.possible && facts.possible !== 0) {
          allowed.add(purpose);
          checked.add(subject);
        }
      }
    }
    const here = args.map((arg) => {
      const identity = arg.identity;
      if (identity === void 0) return [];
      const root = identity.split('.')[0];
      return wrapped.params.has(root) || checked.has(identity) ? [...allowed].sort() : [];
    });
    const previous = wrapped.calls.get(index);
    wrapped.calls.set(
      index,
      previous
        ? here.map((purposes, at) => purposes.filter((p) => previous[at]?.includes(p)))
        : here,
    );
  }
  /**
   * A call of one of this function's parameters (`fn(row)`), or of a function an options
   * parameter holds (`options.onItem(item)`, under `index.member`): records, per argument, the
   * guard facts of what it hands there on this path (`row` checked for `model-training`), joined
   * with those of the other calls of the same parameter.
   */
  paramCall(name, node, args, state, member) {
    const index = this.paramOfSubject(name);
    if (!state.reachable || index < 0) return;
    const here = this.callHere(node, args, state);
    if (member === void 0) {
      this.joinParamCall(index, here);
      return;
    }
    const key = `${index}.${member}`;
    const previous = this.memberCalls.get(key);
    this.memberCalls.set(key, previous ? this.joinCalls(previous, here) : here);
  }
  /** What a call of a function this function is handed hands over, and where it is made. */
  callHere(node, args, state) {
    const sites = [this.handSite(node, `\`${this.unit.name}\` calls the function it is handed`)];
    for (const arg of args)
      for (const taint of arg.taints)
        for (const step of taint.trail) if (handSites.has(step)) sites.push(step);
    return {
      facts: args.map((arg) =>
        arg.identity === void 0 ? unknownFacts(this.all) : this.facts(state, arg.identity),
      ),
      params: args.map((arg) => this.ownParameter(arg)),
      sites,
    };
  }
  /**
   * The index of this function's parameter a value is, as it was handed in (`exchange`): its
   * name, and nothing but what the caller handed there (not a value assigned to it since).
   */
  ownParameter(value) {
    const identity = value?.identity;
    if (identity === void 0 || identity.includes('.')) return void 0;
    const index = this.paramOfSubject(identity);
    const own =
      value.taints.length > 0 &&
      value.taints.every(
        (taint) => taint.param?.unit.id === this.unit.id && taint.param.index === index,
      );
    return index >= 0 && own ? index : void 0;
  }
  /**
   * What holds, per argument position, at the calls `calls` records, given what this call
   * hands the callee: an argument that is the callee's own parameter also has what holds here
   * for the value this call passes for that parameter.
   */
  factsAtCall(calls, args, state) {
    return calls.facts.map((facts, position) => {
      const param = calls.params[position];
      const identity = param === void 0 ? void 0 : args[param]?.identity;
      return identity === void 0 ? facts : meetFacts(facts, this.facts(state, identity));
    });
  }
  /** A step of a flow where a project function runs or hands on a function it is handed. */
  handSite(node, note) {
    const step = this.step(node, note);
    handSites.add(step);
    return step;
  }
  /** Joins one more call of parameter `index` (or of what it is handed on to) into `paramCalls`. */
  joinParamCall(index, here) {
    if (index < 0) return;
    const previous = this.paramCalls.get(index);
    this.paramCalls.set(index, previous ? this.joinCalls(previous, here) : here);
  }
  /** What holds at the calls of two records, and where both were made. */
  joinCalls(a, b) {
    const sites = [...a.sites];
    for (const site of b.sites) {
      if (
        !sites.some(
          (known) =>
            known.file === site.file && known.line === site.line && known.column === site.column,
        )
      )
        sites.push(site);
    }
    const length = Math.max(a.params.length, b.params.length);
    const params = Array.from({ length }, (_, at) =>
      a.params[at] === b.params[at] ? a.params[at] : void 0,
    );
    return { facts: this.joinArguments(a.facts, b.facts), params, sites };
  }
  /** Facts per argument position that hold at two calls: joined position by position. */
  joinArguments(a, b) {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, at) =>
      joinFacts(a[at] ?? unknownFacts(this.all), b[at] ?? unknownFacts(this.all)),
    );
  }
  /**
   * This function's own parameters handed on to project functions that call them
   * (`inner(rows, fn)` in `outer(rows, fn)`): their calls of it are calls of it made here.
   */
  handedParams(units, node, args, state) {
    if (!state.reachable || this.wrapped) return;
    (node.arguments ?? []).forEach((argument, position) => {
      const name = skipParens(argument);
      if (!ts.isIdentifier(name)) return;
      const calls = this.callsOfParam(units, position);
      if (!calls) return;
      const handing = this.handSite(
        node,
        `\`${this.unit.name}\` hands on the function it is handed`,
      );
      this.joinParamCall(this.paramOfSubject(name.text), {
        facts: this.factsAtCall(calls, args, state),
        params: calls.params.map((param) =>
          param === void 0 ? void 0 : this.ownParameter(args[param]),
        ),
        sites: [handing, ...calls.sites],
      });
    });
  }
  /**
   * The purposes the first parameter's subject (the request, or what it holds: `req.user`) is
   * allowed for every tier in a state; undefined when the first parameter is not a plain name.
   */
  allowedForRequest(state) {
    const first = this.unit.params[0];
    if (!first || !ts.isIdentifier(first.name)) return void 0;
    const request = first.name.text;
    const allowed = /* @__PURE__ */ new Set();
    for (const [subject, facts] of state.subjects) {
      if (subject !== request && !subject.startsWith(`${request}.`)) continue;
      for (const [purpose, mask] of facts.allowed) {
        if ((mask & facts.possible) === facts.possible && facts.possible !== 0)
          allowed.add(purpose);
      }
    }
    return allowed;
  }
  applySummary(unit, node, args, state) {
    const summary = unit.summary;
    const callStep = this.step(node, `passed to \`${unit.name}\``);
    const preconditions = [...summary.preconditions, ...unit.external.values()];
    const outer = this.through;
    for (const precondition of preconditions) {
      const passed = this.passedThrough(precondition, node, args);
      if (passed === false) continue;
      this.through = passed ?? outer;
      try {
        this.meetPrecondition(precondition, callStep, node, args, state);
      } finally {
        this.through = outer;
      }
    }
    return this.afterPreconditions(unit, summary, node, args, state);
  }
  /**
   * For a precondition that holds only when a given function is passed (`through`): false when
   * this call passes other functions; the parameter of this unit it passes on, when it hands
   * its own parameter over; undefined when it holds here as it is.
   */
  passedThrough(precondition, node, args) {
    const through = precondition.through;
    if (!through) return void 0;
    const argument = node.arguments?.[through.param];
    const named = argument ? this.host.classifier.functionsNamed(argument) : [];
    const given = args[through.param];
    if (given?.bound && given.bound.args.length > 0 && given.bound.target.kind === 'project')
      return false;
    const value = this.functionsOf(given);
    const passed = value === void 0 && named.length === 0 ? void 0 : [...(value ?? []), ...named];
    if (passed !== void 0) return passed.some((unit) => unit.id === through.unit) ? void 0 : false;
    if (args[through.param]?.closure) return false;
    const handed = node.arguments?.[through.param];
    const name = handed && skipParens(handed);
    if (!name || !ts.isIdentifier(name)) return void 0;
    const param = this.unit.params.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name.text,
    );
    return param < 0 ? void 0 : { param, unit: through.unit };
  }
  /** Data an argument carries meets a callee's precondition here. */
  meetPrecondition(precondition, callStep, node, args, state) {
    const argument = args[precondition.param];
    if (precondition.subjectOf) {
      const subject = {
        key: `subject:${precondition.site.file}:${precondition.site.line}:${precondition.site.column}`,
        subject: argument?.identity ?? '',
        facts: unknownFacts(this.all),
        trail: [],
        ...(precondition.subjectOf.categories !== void 0
          ? { categories: precondition.subjectOf.categories }
          : {}),
      };
      this.reach(
        subject,
        state,
        node,
        precondition.purposes,
        precondition.sink,
        [callStep, ...precondition.trail],
        precondition.facts,
      );
      return;
    }
    if (!argument) return;
    if (precondition.training && argument.taints.length === 0 && argument.untraced !== void 0) {
      this.host.emitUntraced({
        location: this.location(node),
        sink: precondition.sink,
        purposes: [...precondition.purposes].sort(),
        reason: argument.untraced,
      });
      this.host.recordSink(this.location(node), { untraced: argument.untraced });
      return;
    }
    const given = precondition.stored
      ? this.storedArgument(argument, precondition.stored)
      : argument.taints;
    for (const taint of throughFields(given, precondition.via)) {
      this.reach(
        narrowTaint(taint, precondition.categories),
        state,
        node,
        precondition.purposes,
        precondition.sink,
        [callStep, ...precondition.trail.slice(1)],
        precondition.facts,
        precondition.training === true,
      );
    }
  }
  /** What a callee's summary does at a call besides its preconditions: writes, checks, the value. */
  afterPreconditions(unit, summary, node, args, state) {
    for (const write of summary.writesFiles ?? [])
      this.applyFileWrite(unit, write, node, args, state);
    for (const effect of summary.asserts) {
      const subject = args[effect.param]?.identity;
      if (subject === void 0) continue;
      const fact = {
        subject,
        purposes: effect.purposes,
        mask: effect.mask,
        pending: unit.isAsync,
        negated: false,
        label: unit.name,
      };
      if (!unit.isAsync) this.allowCheck(state, fact);
      else return { ...this.returned(unit, summary, node, args), assertion: fact };
    }
    const value = this.returned(unit, summary, node, args);
    const tierSubject = summary.returnsTier ? args[summary.returnsTier.param]?.identity : void 0;
    if (summary.returnsTier && tierSubject !== void 0 && !unit.isAsync) {
      return { ...value, tierTest: { subject: tierSubject, mask: summary.returnsTier.mask } };
    }
    if (summary.returnsCheck) {
      const subject = args[summary.returnsCheck.param]?.identity;
      if (subject !== void 0) {
        return {
          ...value,
          check: {
            subject,
            purposes: summary.returnsCheck.purposes,
            mask: summary.returnsCheck.mask,
            pending: unit.isAsync || summary.returnsCheck.pending === true,
            negated: false,
            label: shorten(node.getText()),
          },
        };
      }
    }
    return value;
  }
  /**
   * A getter or method of an instance the caller holds: what it returns from fields its
   * constructor filled from its parameters is what this instance's constructor was given.
   */
  withStored(value, unit, node, receiver) {
    const stored = unit.summary.returnsStored;
    if (!stored || !receiver) return value;
    const parts = [];
    const handed = receiver.taints.filter(
      (taint) => taint.param?.unit.id === this.unit.id && !taint.stored && !taint.fields,
    );
    for (const given of handed) {
      parts.push(
        stored.flatMap((taint) => {
          if (!taint.param) return [];
          const origin = {
            constructorId: taint.param.unit.id,
            index: taint.param.index,
            ...(taint.via ? { via: taint.via } : {}),
            inside: taint.trail.slice(1),
          };
          const { via: _via, ...whole } = given;
          return [
            {
              ...whole,
              key: `${given.key}|stored:${origin.constructorId}:${origin.index}`,
              facts: meetFacts(given.facts, taint.facts),
              ...(taint.categories === void 0 ? {} : { categories: taint.categories }),
              trail: extendTrail(given.trail, this.step(node, `returned by \`${unit.name}\``)),
              stored: origin,
            },
          ];
        }),
      );
    }
    for (const instance of receiver.instances ?? []) {
      for (const taint of stored) {
        if (taint.param?.unit.id !== instance.constructorId) continue;
        const argument = instance.args[taint.param.index];
        if (!argument) continue;
        const inside = taint.trail.slice(1);
        parts.push(
          throughFields(argument.taints, taint.via).map((given) => {
            let trail = given.trail;
            for (const step of inside) trail = extendTrail(trail, step);
            return {
              ...narrowTaint(given, taint.categories),
              facts: meetFacts(given.facts, taint.facts),
              trail: extendTrail(trail, this.step(node, `returned by \`${unit.name}\``)),
            };
          }),
        );
      }
    }
    return parts.length === 0 ? value : { ...value, taints: unionTaints(value.taints, ...parts) };
  }
  /**
   * What the constructor of the instance an argument holds stored from its argument
   * `stored.index`, with the constructor's part of the flow; an instance this function was
   * handed in turn stays its parameter's, for its own callers.
   */
  storedArgument(argument, stored) {
    const found = [];
    for (const instance of argument.instances ?? []) {
      if (instance.constructorId !== stored.constructorId) continue;
      const given = instance.args[stored.index];
      if (!given) continue;
      for (const taint of throughFields(given.taints, stored.via)) {
        let trail = taint.trail;
        for (const step of stored.inside) trail = extendTrail(trail, step);
        found.push({ ...taint, trail });
      }
    }
    for (const taint of argument.taints) {
      if (taint.param?.unit.id !== this.unit.id || taint.stored || taint.fields) continue;
      const { via: _via, ...whole } = taint;
      found.push({
        ...whole,
        key: `${taint.key}|stored:${stored.constructorId}:${stored.index}`,
        stored,
      });
    }
    return found;
  }
  /** A property read that runs a getter of a project class (`transcript.jsonl`). */
  getterRead(node, object) {
    for (const declaration of this.host.oracle.declarationsOf(node)) {
      if (!ts.isGetAccessorDeclaration(declaration)) continue;
      const unit = this.host.unitOf(declaration);
      if (!unit) continue;
      const value = this.returned(unit, unit.summary, node, []);
      return this.withStored(value, unit, node, object);
    }
    return void 0;
  }
  /**
   * The stand-in for what the file a parameter names holds (`@param:0`): it comes from that
   * parameter, for the callers to resolve against the path they pass.
   */
  paramFileTaint(key, facts, step) {
    const index = Number(/^@param:(\d+)/.exec(key)?.[1] ?? 0);
    return {
      key: paramFileKey(this.unit.id, key),
      subject: '',
      facts,
      trail: [step],
      param: { unit: this.unit, index },
    };
  }
  returned(unit, summary, node, args) {
    const parts = [];
    for (const [index, facts] of summary.returnsParams) {
      const argument = args[index];
      if (!argument) continue;
      const kept = summary.returnsParamCategories?.get(index);
      const via = summary.returnsParamFields?.get(index);
      parts.push(
        throughFields(argument.taints, via).map((taint) => ({
          ...narrowTaint(taint, kept),
          facts: meetFacts(taint.facts, facts),
          trail: extendTrail(taint.trail, this.step(node, `returned by \`${unit.name}\``)),
        })),
      );
    }
    for (const { param, stored, facts, trail: inside } of summary.returnsParamStored ?? []) {
      const argument = args[param];
      if (!argument) continue;
      parts.push(
        this.storedArgument(argument, stored).map((taint) => {
          let trail = taint.trail;
          for (const step of inside) trail = extendTrail(trail, step);
          return {
            ...taint,
            facts: meetFacts(taint.facts, facts),
            trail: extendTrail(trail, this.step(node, `returned by \`${unit.name}\``)),
          };
        }),
      );
    }
    for (const file of summary.returnsFiles ?? []) {
      const key = this.resolveFileKey(file.key, args);
      if (key === void 0) continue;
      const step = this.step(node, `read back by \`${unit.name}\``);
      if (key.startsWith('@param:')) {
        parts.push([this.paramFileTaint(key, file.facts, step)]);
        continue;
      }
      parts.push(
        this.host.file(key, this.unit).map((taint) => ({
          ...taint,
          facts: meetFacts(taint.facts, file.facts),
          trail: extendTrail(taint.trail, step),
        })),
      );
    }
    const identityIndex0 = summary.returnsIdentityOf;
    const owner = identityIndex0 === void 0 ? void 0 : args[identityIndex0]?.identity;
    const sources = summary.returnsSources.map((taint) => ({
      ...taint,
      // Data a loader returns about the subject an argument identifies is that subject's.
      subject: owner ?? '',
      trail: extendTrail(taint.trail, this.step(node, `returned by \`${unit.name}\``)),
    }));
    const identityIndex = summary.returnsIdentityOf;
    const identityArg = identityIndex === void 0 ? void 0 : args[identityIndex];
    const identity =
      identityArg?.identity !== void 0
        ? { identity: identityArg.identity, linked: true }
        : this.loaderIdentity(node, args);
    return {
      taints: unionTaints(sources, ...parts),
      ...identity,
      ...this.returnedPath(summary, node),
    };
  }
  /** A callee's path key at a call: each temporary folder the callee made is this call's own. */
  atCallSite(path, node) {
    const site = this.locKey(node).replaceAll('/', '|');
    return path.replace(/<mkdtemp ([^<>]*)>/g, `<mkdtemp $1 at ${site}>`);
  }
  /**
   * The path keys a function's result carries (`return { path }`), as a value's `path` and
   * fields. A temporary folder the callee made is a new one at each call site: two jobs that
   * use the same helper write different files.
   */
  returnedPath(summary, node) {
    const returned = summary.returnsPath;
    if (!returned) return {};
    const here = (path) => this.atCallSite(path, node);
    return {
      ...(returned.path !== void 0 ? { path: here(returned.path) } : {}),
      ...(returned.fields && returned.fields.length > 0
        ? {
            fields: new Map(
              returned.fields.map(([name, path]) => [name, { taints: [], path: here(path) }]),
            ),
          }
        : {}),
    };
  }
  /** A call given an id (`users.get(conversation.userId)`) returns that subject's record. */
  loaderIdentity(node, args) {
    const call = node;
    const request = this.host.requestParam(this.unit);
    if (
      request !== void 0 &&
      ((call.arguments ?? []).some((arg) => passes(arg, request)) || // `(await cookies()).get('session')`: the request being handled, read from the context.
        ((call.arguments ?? []).length === 0 && this.host.classifier.readsRequestContext(call)))
    ) {
      return { identity: request, linked: true };
    }
    for (const [index, argument] of (call.arguments ?? []).entries()) {
      const value = args[index];
      if (!value) continue;
      if (value.identity === void 0) {
        const named = fieldIdentity(value, 0);
        if (named !== void 0) return { identity: named, linked: true };
        continue;
      }
      const text = ts.isPropertyAccessExpression(argument)
        ? argument.name.text
        : ts.isIdentifier(argument)
          ? argument.text
          : '';
      if (ts.isPropertyAccessExpression(argument) && this.host.classifier.isTableColumn(argument)) {
        continue;
      }
      if (value.linked || idName.test(text)) return { identity: value.identity, linked: true };
    }
    return {};
  }
  invoke(closure, args, state, frame) {
    this.bodyGuards = /* @__PURE__ */ new Set();
    if (this.active.has(closure.node)) return mergeTaints(args);
    if (this.budget.closureTooDeep(frame.depth)) {
      this.host.emitIncomplete?.({
        location: this.location(closure.node),
        part: 'This call of the function',
        reason: `it is called inside ${frame.depth} functions already being evaluated at their calls`,
        limit: { name: 'closure-depth', value: this.budget.limits['closure-depth'] },
      });
      return mergeTaints(args);
    }
    this.active.add(closure.node);
    try {
      return this.invokeBody(closure, args, state, frame);
    } finally {
      this.active.delete(closure.node);
    }
  }
  invokeBody(closure, args, state, frame) {
    const inner = new State(true, new Map(closure.env), new Map(closure.subjects));
    inner.guards = new Set(state.guards);
    for (const [name, value2] of state.env) {
      if (closure.unstable.has(name) || !inner.env.has(name)) inner.env.set(name, value2);
    }
    for (const name of closure.unstable) {
      const value2 = inner.env.get(name);
      const subject = value2?.identity ?? name;
      for (const key of [...inner.subjects.keys()]) {
        if (key === subject || key.startsWith(`${subject}.`)) inner.subjects.delete(key);
      }
    }
    closure.node.parameters.forEach((parameter, index) => {
      const value2 = args[index] ?? emptyValue;
      if (ts.isIdentifier(parameter.name))
        this.assignName(parameter.name.text, value2, inner, parameter);
      else this.bindPattern(parameter.name, value2, inner, parameter);
    });
    const innerFrame = {
      returns: [],
      breaks: [],
      continues: [],
      throws: [],
      depth: frame.depth + 1,
    };
    const end = this.body(closure.node, inner, innerFrame);
    this.bodyGuards = guardsAtEnd(end, innerFrame);
    const results = innerFrame.returns.map((entry) => entry.value);
    if (results.length === 0) return emptyValue;
    let value = results[0];
    for (const other of results.slice(1)) value = joinValues(value, other);
    return value;
  }
  callValue(callback, args, state, frame, node) {
    if (callback.closure) return this.invoke(callback.closure, args, state, frame);
    if (callback.bound) return this.callBound(callback.bound, node, args, state, frame);
    let result;
    for (const unit of callback.functions ?? []) {
      const one = this.applySummary(unit, node, args, state);
      result = result ? joinValues(result, one) : one;
    }
    return result ?? emptyValue;
  }
  withAllowed(closure, subject, purposes) {
    const subjects = new Map(closure.subjects);
    subjects.set(subject, allowFacts(unknownFacts(this.all), purposes, this.all));
    return { ...closure, subjects, unstable: closure.unstable };
  }
  /** Calls a closure as a predicate and returns the state where it returned true. */
  predicate(callback, element, frame, collection) {
    const closure = callback.closure;
    if (closure && isAsyncFunction(closure.node)) {
      this.emitCheck(closure.node, 'promise-as-condition', []);
      return void 0;
    }
    if (closure) {
      const parameter = closure.node.parameters[0];
      const body = bodyOf(closure.node);
      if (!parameter || !ts.isIdentifier(parameter.name) || !body) return void 0;
      const inner = new State(true, new Map(closure.env), new Map(closure.subjects));
      const name = parameter.name.text;
      this.assignName(name, element, inner, parameter);
      const expression = ts.isBlock(body)
        ? body.statements.length === 1 && ts.isReturnStatement(body.statements[0])
          ? body.statements[0].expression
          : void 0
        : body;
      if (!expression) return void 0;
      const innerFrame = {
        returns: [],
        breaks: [],
        continues: [],
        throws: [],
        depth: frame.depth + 1,
      };
      const [whenTrue] = this.cond(expression, inner, innerFrame);
      const identity = inner.env.get(name)?.identity ?? name;
      const own = this.facts(whenTrue, identity);
      return collection === void 0
        ? own
        : meetFacts(own, this.facts(whenTrue, `@element:${collection}`));
    }
    const unit = callback.functions?.[0];
    const effect = unit?.summary.returnsCheck;
    if (effect && effect.param === 0 && !unit.isAsync) {
      return allowFacts(unknownFacts(this.all), effect.purposes, effect.mask);
    }
    return void 0;
  }
};
var spreadPositions = 8;
function spreadArguments(array) {
  if (!array) return [];
  if (array.items) return array.items;
  const element = { taints: array.taints };
  return Array.from({ length: spreadPositions }, () => element);
}
function throughFields(taints, via) {
  if (via === void 0) return [...taints];
  const kept = [];
  for (const taint of taints) {
    if (taint.fields?.includes('*') || via.some((field) => taint.fields?.includes(field))) {
      kept.push({ ...taint, fields: ['*'] });
    } else if (taint.param && !taint.fields) {
      kept.push({ ...taint, via: [.../* @__PURE__ */ new Set([...(taint.via ?? []), ...via])] });
    }
  }
  return kept;
}
function fieldIdentity(value, depth) {
  if (!value.fields || depth > 2) return void 0;
  for (const [key, field] of value.fields) {
    if (field.identity !== void 0 && (field.linked || idName.test(key))) return field.identity;
    const nested = fieldIdentity(field, depth + 1);
    if (nested !== void 0) return nested;
  }
  return void 0;
}
function passes(argument, name) {
  const node = skipParens(argument);
  if (ts.isIdentifier(node)) return node.text === name;
  if (!ts.isObjectLiteralExpression(node)) return false;
  return node.properties.some(
    (property) =>
      (ts.isShorthandPropertyAssignment(property) && property.name.text === name) ||
      (ts.isPropertyAssignment(property) &&
        ts.isIdentifier(skipParens(property.initializer)) &&
        skipParens(property.initializer).text === name),
  );
}

// src/code/interpreter/library-calls.ts
function guardPurposes(units, styles) {
  if (!units || units.length === 0) return void 0;
  let kept;
  for (const unit of units) {
    const summary = unit.summary;
    const own = /* @__PURE__ */ new Set();
    for (const style of styles) {
      const purposes =
        style === 'return' ? summary.returnsBareOnlyIf : summary.continuesOnlyIf?.purposes;
      for (const purpose of purposes ?? []) own.add(purpose);
    }
    kept = (kept ?? [...own]).filter((purpose) => own.has(purpose));
  }
  return kept && kept.length > 0 ? kept : void 0;
}
function pluginStarts(unit) {
  const places = /* @__PURE__ */ new Map();
  for (const scope of unit.pluginScopes.values()) {
    const list = places.get(scope.param) ?? [];
    list.push([{ purposes: scope.purposes }, ...(scope.mounted ?? [])]);
    places.set(scope.param, list);
  }
  const starts = /* @__PURE__ */ new Map();
  for (const [param, list] of places) {
    const guards = meetGuards(list);
    const purposes = guards.filter((guard) => guard.mount === void 0).flatMap((g) => g.purposes);
    starts.set(param, { purposes: [...new Set(purposes)], guards });
  }
  return starts;
}
function coveringPurposes(guards, path) {
  return guards.filter((guard) => mountCovers(guard.mount, path)).flatMap((g) => g.purposes);
}
function meetGuards(places) {
  const kept = /* @__PURE__ */ new Map();
  for (const [index, guards] of places.entries()) {
    for (const guard of guards) {
      let purposes = [...guard.purposes];
      for (const [other, others] of places.entries()) {
        if (other === index) continue;
        const covering = new Set(coveringPurposes(others, guard.mount));
        purposes = purposes.filter((purpose) => covering.has(purpose));
      }
      if (purposes.length === 0) continue;
      const key = guard.mount ?? '';
      const previous = kept.get(key)?.purposes ?? [];
      kept.set(key, {
        ...(guard.mount === void 0 ? {} : { mount: guard.mount }),
        purposes: [.../* @__PURE__ */ new Set([...previous, ...purposes])].sort(),
      });
    }
  }
  return [...kept.values()];
}
var unreadMount = '\0unread';
function mountCovers(mount, path) {
  if (mount === unreadMount) return false;
  const base = (mount ?? '').replace(/\*+$/, '').replace(/\/+$/, '');
  if (base === '') return true;
  if (path === void 0) return false;
  return path === base || path.startsWith(`${base}/`);
}
function onPath(guard, state) {
  return guard.key === void 0 || state.guards.has(guard.key);
}
function pathCondition(node) {
  let child = node;
  for (let outer = node.parent; outer && !ts.isSourceFile(outer); outer = outer.parent) {
    if (ts.isIfStatement(outer) || ts.isConditionalExpression(outer)) {
      const test = ts.isIfStatement(outer) ? outer.expression : outer.condition;
      if (child !== test) {
        const holds = child === (ts.isIfStatement(outer) ? outer.thenStatement : outer.whenTrue);
        return `only when \`${shorten(test.getText())}\` is ${holds ? 'true' : 'false'}`;
      }
    }
    if (ts.isBinaryExpression(outer) && child === outer.right) {
      const operator = outer.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken)
        return `only when \`${shorten(outer.left.getText())}\` is truthy`;
      if (operator === ts.SyntaxKind.BarBarToken)
        return `only when \`${shorten(outer.left.getText())}\` is falsy`;
      if (operator === ts.SyntaxKind.QuestionQuestionToken)
        return `only when \`${shorten(outer.left.getText())}\` is null or undefined`;
    }
    if (ts.isCaseClause(outer)) return `only for \`case ${shorten(outer.expression.getText())}\``;
    if (ts.isDefaultClause(outer)) return 'only in the `default` of a `switch`';
    if (ts.isIterationStatement(outer, false) && child === outer.statement)
      return 'inside a loop, which may run no time';
    if (ts.isTryStatement(outer) && child === outer.tryBlock)
      return 'inside a `try` block, whose `catch` goes on without it';
    if (ts.isFunctionLike(outer)) return 'inside a callback, which may not run';
    child = outer;
  }
  return 'on some paths only';
}
function isAwaited(node) {
  let outer = node.parent;
  while (outer && ts.isParenthesizedExpression(outer)) outer = outer.parent;
  return outer !== void 0 && ts.isAwaitExpression(outer);
}
var returnedByBody = /* @__PURE__ */ new WeakMap();
function returnedExpressions(body) {
  if (!ts.isBlock(body)) return [body];
  const cached = returnedByBody.get(body);
  if (cached) return cached;
  const returned = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  returnedByBody.set(body, returned);
  return returned;
}
var LibraryCalls = class extends Calls {
  /**
   * Guards registered on an app or router (by its expression, `router`), with the path they are
   * mounted at: routes registered after them on it run only when the request passed them.
   */
  #routeGuards = /* @__PURE__ */ new Map();
  /**
   * The plugin written inline that binds an instance name (by name), so an instance of a plugin
   * is told apart from its parent's of the same name: where the plugin starts.
   */
  #instanceScopes = /* @__PURE__ */ new Map();
  /**
   * Guards this evaluation registered on each instance itself, not those it started with (by
   * `#instanceKey`), whether each runs for every route of the instance whatever the order, and
   * the load of the instance's plugins it was added in.
   */
  #ownGuards = /* @__PURE__ */ new Map();
  /** The loads of its plugins each instance went through so far (by `#instanceKey`). */
  #loads = /* @__PURE__ */ new Map();
  /** The parameters this unit registers routes, middleware, hooks or plugins on, itself or through helpers. */
  #registersOn = /* @__PURE__ */ new Set();
  /** Notes a registration on `app`: when it names a parameter of the unit, callers hand the unit an app. */
  #registeringOn(app) {
    if (this.#instanceScopes.has(app)) return;
    const index = this.unit.params.findIndex(
      (parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === app,
    );
    if (index >= 0) this.#registersOn.add(index);
  }
  /** Keys of guards registered on every path of the body that owns their instance, to its end. */
  #sure = /* @__PURE__ */ new Set();
  /** An instance by its expression and the inline plugin that binds it, if any. */
  #instanceKey(app) {
    return `${this.#instanceScopes.get(app) ?? ''}|${app}`;
  }
  /**
   * The hooks added on an instance anywhere in the body that owns it, as its last evaluation
   * found them: on frameworks whose hooks run in any order, they guard all of its routes. With
   * `loaded`, those added before the load after it: the hooks a plugin registered now starts with.
   */
  #instanceHooks(app, loaded) {
    const key = this.#instanceKey(app);
    const byLoad = this.unit.instanceHooks.get(key) ?? [];
    return (loaded ? byLoad.slice(0, (this.#loads.get(key) ?? 0) + 1) : byLoad).flat();
  }
  /** The plugins registered on an instance so far load here (`await app.register(…)`, `await app.after()`). */
  #loadPlugins(app) {
    const key = this.#instanceKey(app);
    this.#loads.set(key, (this.#loads.get(key) ?? 0) + 1);
  }
  /**
   * Records guards registered on an instance by this evaluation, at `site`: on the current path,
   * by a key that the same guards registered on another branch share.
   */
  #addGuards(app, guard, anyOrder, state, site) {
    const instance = this.#instanceKey(app);
    const key = `${instance}|${guard.mount ?? ''}|${[...new Set(guard.purposes)].sort().join()}`;
    state.guards.add(key);
    const keyed = { ...guard, key, site };
    this.#routeGuards.set(app, [...(this.#routeGuards.get(app) ?? []), keyed]);
    const load = this.#loads.get(instance) ?? 0;
    this.#ownGuards.set(instance, [
      ...(this.#ownGuards.get(instance) ?? []),
      { ...keyed, anyOrder, load },
    ]);
  }
  /** Marks the guards registered on every path to the end of a body that owns instances. */
  guardsSure(keys) {
    for (const key of keys) this.#sure.add(key);
  }
  /** Whether an own guard was registered on every path of its body: a hook on some guards no route before it. */
  #sureGuard(guard) {
    return guard.key === void 0 || this.#sure.has(guard.key);
  }
  /** The purposes of the guards this evaluation registered on an instance itself, on every path, at no path. */
  #ownPurposes(app) {
    return (this.#ownGuards.get(this.#instanceKey(app)) ?? [])
      .filter((guard) => guard.mount === void 0 && this.#sureGuard(guard))
      .flatMap((guard) => guard.purposes);
  }
  /**
   * Evaluates a plugin written inline with its own instance: `name` (its instance parameter)
   * starts with `guards`, and names the plugin's instance, not the parent's, while it runs.
   */
  #withInstance(closure, name, guards, run) {
    if (name === void 0) {
      run();
      return;
    }
    const outerGuards = this.#routeGuards.get(name);
    const outerScope = this.#instanceScopes.get(name);
    this.#routeGuards.set(name, guards.length > 0 ? [{ purposes: guards }] : []);
    this.#instanceScopes.set(name, String(closure.getStart()));
    try {
      run();
    } finally {
      if (outerGuards === void 0) this.#routeGuards.delete(name);
      else this.#routeGuards.set(name, outerGuards);
      if (outerScope === void 0) this.#instanceScopes.delete(name);
      else this.#instanceScopes.set(name, outerScope);
    }
  }
  /** The hooks this evaluation added on the instances of its body that run in any order, by instance and load. */
  addedInstanceHooks() {
    const hooks = /* @__PURE__ */ new Map();
    for (const [key, guards] of this.#ownGuards) {
      const byLoad = [];
      for (const guard of guards) {
        if (!guard.anyOrder || guard.mount !== void 0 || !this.#sureGuard(guard)) continue;
        for (let load = byLoad.length; load <= guard.load; load++) byLoad.push([]);
        byLoad[guard.load] = [
          .../* @__PURE__ */ new Set([...byLoad[guard.load], ...guard.purposes]),
        ].sort();
      }
      if (byLoad.length > 0) hooks.set(key, byLoad);
    }
    return hooks;
  }
  /**
   * A plugin's registration (`app.register(plugin, { prefix })`): the plugin runs with a child
   * instance that starts with the guards of `app` covering its prefix: those added before it,
   * and, when the framework loads a plugin after its parent's body and the registration is not
   * awaited, those added after it too. What it registers on the child stays there, unless it
   * shares its parent's scope (`fp(plugin)`): then its guards are the parent's.
   */
  plugin(framework, node, args, state, frame) {
    const plugins = framework.plugins;
    const callee = skipParens(node.expression);
    if (!plugins || !ts.isPropertyAccessExpression(callee)) return;
    const app = callee.expression.getText();
    this.#registeringOn(app);
    const awaited2 = isAwaited(node);
    const options = node.arguments?.[plugins.pluginArgument + 1];
    const prefixOption =
      options && ts.isObjectLiteralExpression(options)
        ? options.properties.find(
            (property) =>
              ts.isPropertyAssignment(property) &&
              ts.isIdentifier(property.name) &&
              property.name.text === plugins.prefixOption,
          )
        : void 0;
    const prefix2 =
      prefixOption &&
      ts.isPropertyAssignment(prefixOption) &&
      ts.isStringLiteralLike(prefixOption.initializer)
        ? prefixOption.initializer.text
        : void 0;
    const inherited = [
      .../* @__PURE__ */ new Set([
        ...(this.#routeGuards.get(app) ?? [])
          .filter((guard) => mountCovers(guard.mount, prefix2) && onPath(guard, state))
          .flatMap((guard) => guard.purposes),
        ...(plugins.loadsAfterParent && !awaited2 ? this.#instanceHooks(app, true) : []),
      ]),
    ];
    const argument = node.arguments?.[plugins.pluginArgument];
    let plugin = args[plugins.pluginArgument];
    if (argument && ts.isIdentifier(argument) && !plugin?.closure && !plugin?.functions) {
      const functions = this.host.oracle
        .declarationsOf(argument)
        .flatMap((declaration) => this.host.classifier.scopeSharedUnits(declaration));
      if (functions.length > 0) plugin = { taints: [], functions, sharesScope: true };
    }
    const shared = [];
    const closure = plugin?.closure;
    if (closure) {
      const instance = closure.node.parameters[plugins.instanceParameter];
      const name = instance && ts.isIdentifier(instance.name) ? instance.name.text : void 0;
      this.#withInstance(closure.node, name, inherited, () => {
        const params = closure.node.parameters.map((parameter) =>
          this.sourceByType(parameter.name, emptyValue, parameter),
        );
        this.invoke(closure, params, state, frame);
        this.guardsSure(this.bodyGuards);
        if (name !== void 0 && plugin?.sharesScope) shared.push(...this.#ownPurposes(name));
      });
    }
    for (const unit of plugin?.functions ?? []) {
      const site = `${this.unit.id}:${node.getStart()}`;
      this.host.pluginEntry(unit, site, plugins.instanceParameter, inherited);
      const registers = unit.summary.registersGuards;
      if (plugin?.sharesScope && registers?.param === plugins.instanceParameter) {
        shared.push(...registers.purposes);
      }
    }
    if (shared.length > 0) {
      this.#addGuards(
        app,
        { purposes: [...new Set(shared)] },
        framework.hooks?.anyOrder === true,
        state,
        node,
      );
    }
    if (awaited2) this.#loadPlugins(app);
  }
  /**
   * A plugin (or a helper handed apps) evaluated on its own starts with the guards of the
   * instances it is registered on (handed), for each instance parameter those every place gives.
   */
  enterPluginScope() {
    for (const [param, start] of pluginStarts(this.unit)) {
      const instance = this.unit.params[param];
      if (!instance || !ts.isIdentifier(instance.name) || start.guards.length === 0) continue;
      this.#routeGuards.set(instance.name.text, [...start.guards]);
    }
  }
  /**
   * A call of project functions that register routes on an app or router they are handed
   * (`registerExportRoutes(app)`): each starts with the guards the app has here, those
   * registered on it before (under their mount paths), the hooks of its instance that run
   * whatever the order, and those of the places it is mounted; the same as a plugin registered here.
   */
  handApps(units, node, state) {
    for (const unit of units) {
      for (const index of unit.summary.registersOn ?? []) {
        const argument = node.arguments?.[index];
        const app =
          argument && !ts.isSpreadElement(argument) ? skipParens(argument).getText() : void 0;
        if (app !== void 0) this.#registeringOn(app);
        const guards =
          app === void 0
            ? []
            : (this.#routeGuards.get(app) ?? []).filter((guard) => onPath(guard, state));
        const purposes = guards
          .filter((guard) => guard.mount === void 0)
          .flatMap((guard) => guard.purposes);
        if (app !== void 0) purposes.push(...this.#instanceHooks(app));
        const groups = argument && !ts.isSpreadElement(argument) ? this.groupsOf(argument) : [];
        purposes.push(...this.#mountedGuards(groups));
        const mounted = guards
          .flatMap((guard) =>
            guard.mount === void 0
              ? []
              : [{ mount: guard.mount, purposes: [...new Set(guard.purposes)].sort() }],
          )
          .sort((a, b) => (a.mount < b.mount ? -1 : a.mount > b.mount ? 1 : 0));
        const site = `${this.unit.id}:${node.getStart()}:${index}`;
        this.host.pluginEntry(unit, site, index, purposes, mounted);
        const registers = unit.summary.registersGuards;
        if (app !== void 0 && registers?.param === index) {
          this.#addGuards(
            app,
            { purposes: registers.purposes },
            registers.anyOrder === true,
            state,
            node,
          );
        }
      }
    }
  }
  /** The parameters this evaluation registered routes, middleware, hooks or plugins on, for its summary. */
  registeredOn() {
    return this.#registersOn.size > 0 ? [...this.#registersOn].sort((a, b) => a - b) : void 0;
  }
  /**
   * The guards a unit registered on a parameter itself by its end (a plugin's hooks, not those
   * its instance started with), for its summary.
   */
  registeredGuards() {
    for (const [index, parameter] of this.unit.params.entries()) {
      if (!ts.isIdentifier(parameter.name)) continue;
      const purposes = this.#ownPurposes(parameter.name.text);
      if (purposes.length === 0) continue;
      const own = (this.#ownGuards.get(this.#instanceKey(parameter.name.text)) ?? []).filter(
        (guard) => guard.mount === void 0,
      );
      return {
        param: index,
        purposes: [...new Set(purposes)].sort(),
        ...(own.every((guard) => guard.anyOrder) ? { anyOrder: true } : {}),
      };
    }
    return void 0;
  }
  /** The functions a value may be: named functions, or a closure that is a unit of its own. */
  functionsOf(value) {
    if (value?.functions) return value.functions;
    if (value?.bound && value.bound.args.length === 0 && value.bound.target.kind === 'project')
      return value.bound.target.units;
    const unit = value?.closure ? this.host.unitOf(value.closure.node) : void 0;
    return unit ? [unit] : void 0;
  }
  /**
   * A framework's middleware, hook or route registration: records the guards middleware and hooks
   * register for later routes, and returns the purposes the request is allowed for when the
   * callbacks of this registration run.
   */
  registration(framework, registers, node, args, state, frame) {
    const callee = skipParens(node.expression);
    if (!ts.isPropertyAccessExpression(callee)) return void 0;
    const target = this.registrationTarget(callee.expression);
    const fresh = ts.isCallExpression(target) || ts.isNewExpression(target);
    const app = fresh ? `${target.getText()}@${target.getStart()}` : target.getText();
    this.#registeringOn(app);
    const first = node.arguments?.[0];
    const paths = this.#pathsOf(first, args[0]);
    const path = paths?.length === 1 ? paths[0] : void 0;
    const registered = this.#routeGuards.get(app) ?? [];
    const covering = registered.filter((guard) => mountCovers(guard.mount, path));
    const before = covering
      .filter((guard) => onPath(guard, state))
      .flatMap((guard) => guard.purposes);
    if (registers === 'endpoint' && framework.hooks?.anyOrder) {
      before.push(...this.#instanceHooks(app));
    }
    before.push(...this.#mountedGuards(fresh ? [this.chainGroup(node)] : this.groupsOf(target)));
    const missed = [...covering, ...registered.filter((guard) => guard.mount === unreadMount)].find(
      (guard) =>
        (!onPath(guard, state) || guard.mount === unreadMount) &&
        guard.purposes.some((p) => !before.includes(p)),
    );
    const why = (guard, site) =>
      onPath(guard, state)
        ? `is mounted at a path the analysis cannot read (\`${shorten(
            site.arguments?.[0]?.getText() ?? '',
          )}\`): the route may run without its guard`
        : `runs ${pathCondition(site)}: the route also runs without its guard`;
    this.routeNote =
      missed?.site === void 0
        ? void 0
        : this.step(
            missed.site,
            `\`${shorten(missed.site.getText())}\` ${why(missed, missed.site)}`,
          );
    if (registers === 'mount' || registers === 'group') {
      this.mountGroups(framework, node, args, before);
      if (registers === 'group') return void 0;
    }
    let handlers = args;
    if (registers === 'hook') {
      const hooks = framework.hooks;
      const event = hooks ? args[hooks.eventArgument]?.literals : void 0;
      if (!hooks || event?.length !== 1 || !hooks.beforeHandler.includes(event[0])) return void 0;
      handlers = args.slice(hooks.eventArgument + 1);
    } else if (registers === 'endpoint') {
      for (const options of node.arguments ?? []) {
        if (!ts.isObjectLiteralExpression(options)) continue;
        for (const property of options.properties) {
          if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property))
            continue;
          if (!ts.isIdentifier(property.name)) continue;
          if (!framework.routeOptions?.includes(property.name.text)) continue;
          const value = ts.isPropertyAssignment(property) ? property.initializer : property.name;
          const guards = ts.isArrayLiteralExpression(value) ? value.elements : [value];
          for (const guard of guards) {
            if (!ts.isIdentifier(guard) && !ts.isPropertyAccessExpression(guard)) continue;
            const purposes2 = guardPurposes(
              this.functionsOf(this.expression(guard, state, frame)),
              framework.continuation,
            );
            if (purposes2) before.push(...purposes2);
          }
        }
      }
      return before.length > 0 ? [...new Set(before)] : void 0;
    }
    const purposes = handlers.flatMap(
      (handler) => guardPurposes(this.functionsOf(handler), framework.continuation) ?? [],
    );
    const mounts =
      registers !== 'mount' || paths === void 0
        ? [void 0]
        : paths.length > 0
          ? paths
          : [unreadMount];
    if (purposes.length > 0) {
      for (const mount of mounts) {
        this.#addGuards(
          app,
          { ...(mount === void 0 ? {} : { mount }), purposes },
          registers === 'hook' && framework.hooks?.anyOrder === true,
          state,
          node,
        );
      }
    }
    return before.length > 0 ? [...new Set(before)] : void 0;
  }
  /**
   * The purposes guarding every place any of `groups` (the routers an expression may be) is
   * mounted. Every router is asked, so each mount of any of them evaluates the caller again.
   */
  #mountedGuards(groups) {
    if (groups.length === 0) return [];
    const mounts = groups.map((group) => this.host.groupGuards(group, this.unit) ?? []);
    return mounts.reduce((kept, each) => kept.filter((purpose) => each.includes(purpose)));
  }
  /**
   * The paths a registration's first argument names: a literal, a list of literals, or a value
   * known to be one of some literals; no path (an empty list) for a path the analysis cannot
   * read; undefined when the first argument is not a path but a handler or nothing.
   */
  #pathsOf(first, value) {
    if (!first) return void 0;
    if (ts.isStringLiteralLike(first)) return [first.text];
    if (value?.functions || value?.closure || value?.middleware) return void 0;
    if (ts.isArrayLiteralExpression(first)) {
      const texts = first.elements.flatMap((element) =>
        ts.isStringLiteralLike(element) ? [element.text] : [],
      );
      if (texts.length === first.elements.length) return texts;
    }
    const type = this.host.oracle.typeOf(first);
    if (!type || !this.host.oracle.isText(type)) return void 0;
    return value?.literals && value.literals.length > 0 ? value.literals : [];
  }
  /**
   * Routers and sub-apps a mount passes (`app.use('/exports', requireConsent, exportsRouter)`,
   * `app.route('/exports', exportsApi)`): each runs behind the guards before it, those of the app
   * covering the path and those listed before it in the call.
   */
  mountGroups(framework, node, args, before) {
    const running = [...before];
    for (const [index, argument] of (node.arguments ?? []).entries()) {
      const value = args[index];
      if (value?.middleware) running.push(...value.middleware);
      if (value?.functions || value?.closure || value?.middleware) {
        running.push(...(guardPurposes(this.functionsOf(value), framework.continuation) ?? []));
        continue;
      }
      for (const group of this.groupsOf(argument)) {
        this.host.mountGroup(group, `${this.unit.id}:${argument.getStart()}`, [
          ...new Set(running),
        ]);
      }
    }
  }
  /**
   * The declarations of the routers or apps an expression may be: the one a name refers to
   * (`const exportsRouter = Router()`), or those a project function returns when the name holds
   * its result or the expression calls it (`makeExportsRouter()`, `const r = makeExportsRouter()`).
   */
  groupsOf(expression, seen = /* @__PURE__ */ new Set()) {
    const node = skipParens(expression);
    if (ts.isCallExpression(node) && this.isRegistration(node)) return [node];
    if (ts.isCallExpression(node)) return this.factoryGroups(node, seen);
    if (!ts.isIdentifier(node)) return [];
    const declaration = this.host.oracle
      .declarationsOf(node)
      .find(
        (candidate) =>
          ts.isVariableDeclaration(candidate) &&
          candidate.initializer !== void 0 &&
          ts.isIdentifier(candidate.name),
      );
    if (!declaration?.initializer) return [];
    const initializer = skipParens(declaration.initializer);
    if (ts.isCallExpression(initializer)) {
      const built = this.factoryGroups(initializer, seen);
      if (built.length > 0) return built;
    }
    return [declaration];
  }
  /**
   * The routers a project function called here builds and returns (`function makeExportsRouter()
   * { const router = Router(); …; return router; }`); none for a library's function or a return
   * the analysis cannot name.
   */
  factoryGroups(call, seen) {
    const groups = [];
    for (const declaration of this.host.oracle.declarationsOf(call)) {
      const factory = ts.isVariableDeclaration(declaration)
        ? declaration.initializer && skipParens(declaration.initializer)
        : declaration;
      if (
        !factory ||
        seen.has(factory) ||
        !(
          ts.isFunctionDeclaration(factory) ||
          ts.isArrowFunction(factory) ||
          ts.isFunctionExpression(factory)
        ) ||
        !factory.body
      ) {
        continue;
      }
      seen.add(factory);
      const returned = returnedExpressions(factory.body);
      const built = returned.map((expression) => this.groupsOf(expression, seen));
      seen.delete(factory);
      if (returned.length === 0 || built.some((list) => list.length === 0)) continue;
      groups.push(...built.flat());
    }
    return [...new Set(groups)];
  }
  /** Whether a call registers middleware, a hook, a route or a group on a framework's app. */
  isRegistration(call) {
    return (
      ts.isPropertyAccessExpression(skipParens(call.expression)) &&
      this.host.classifier.frameworkCall(call)?.registers !== void 0
    );
  }
  /** The app a chain of registrations starts on (`new Hono().use(guard)` → `new Hono()`). */
  registrationTarget(expression) {
    let node = skipParens(expression);
    while (ts.isCallExpression(node) && this.isRegistration(node)) {
      node = skipParens(skipParens(node.expression).expression);
    }
    return node;
  }
  /**
   * The app a registration chained on a new app registers on, named as its mounts name it: the
   * variable the whole chain initialises, or else the chain itself (returned by a factory,
   * passed to a mount).
   */
  chainGroup(registration) {
    let top = registration;
    for (;;) {
      const access = top.parent;
      const call = access?.parent;
      if (
        !access ||
        !call ||
        !ts.isPropertyAccessExpression(access) ||
        access.expression !== top ||
        !ts.isCallExpression(call) ||
        call.expression !== access ||
        !this.isRegistration(call)
      ) {
        break;
      }
      top = call;
    }
    let holder = top.parent;
    while (
      holder &&
      (ts.isParenthesizedExpression(holder) ||
        ts.isAsExpression(holder) ||
        ts.isSatisfiesExpression(holder))
    ) {
      holder = holder.parent;
    }
    return holder && ts.isVariableDeclaration(holder) ? holder : top;
  }
  /** Calls of library and unknown code: data flows from receiver and arguments to the result. */
  library(kind, name, node, args, receiver, state, frame) {
    const callee = skipParens(node.expression);
    const callback = args[0];
    if (membershipMethods.has(name) && receiver?.literals && args[0]?.tierOf !== void 0) {
      return {
        taints: [],
        tierTest: { subject: args[0].tierOf, mask: this.tierMask(receiver.literals) },
      };
    }
    const sharing =
      ts.isCallExpression(node) && (callback?.closure || callback?.functions)
        ? this.host.classifier.scopeSharingCall(node)
        : void 0;
    if (callback && sharing) {
      const closure = callback.closure;
      if (closure) {
        const unit = this.host.unitOf(closure.node);
        const param = sharing.plugins?.instanceParameter ?? 0;
        const start = unit ? pluginStarts(unit).get(param) : void 0;
        const instance = closure.node.parameters[param];
        const name2 = instance && ts.isIdentifier(instance.name) ? instance.name.text : void 0;
        this.#withInstance(closure.node, name2, start?.purposes ?? [], () => {
          const params = closure.node.parameters.map((parameter) =>
            this.sourceByType(parameter.name, emptyValue, parameter),
          );
          this.invoke(closure, params, state, frame);
          this.guardsSure(this.bodyGuards);
        });
      }
      const functions = this.functionsOf(callback);
      return {
        taints: [],
        ...(functions ? { functions } : callback.closure ? { closure: callback.closure } : {}),
        sharesScope: true,
      };
    }
    if (kind.kind === 'unknown' && ts.isCallExpression(node)) {
      const piped = this.iterableOperators(node, args, receiver, state, frame);
      if (piped) return piped;
    }
    const method = elementMethod(name);
    if (
      receiver &&
      ts.isCallExpression(node) &&
      method &&
      callback &&
      (callback.closure || callback.functions || callback.bound)
    ) {
      return this.elementCall(method, node, receiver, args, state, frame);
    }
    const channel = ts.isPropertyAccessExpression(callee) ? this.channelKey(node, callee) : void 0;
    if (channel !== void 0 && name === eventEmitter.emit) {
      const event = args[0]?.literals?.[0] ?? '';
      this.host.writeChannel(
        channel,
        this.stamp(mergeTaints(args.slice(1)).taints, state).map((taint) => ({
          ...taint,
          trail: extendTrail(taint.trail, this.step(node, `emitted as event \`${event}\``)),
        })),
      );
      return emptyValue;
    }
    const listener = args[1];
    if (channel !== void 0 && listener && (listener.closure || listener.functions)) {
      this.callValue(listener, [{ taints: this.host.channel(channel) }], state, frame, node);
      return emptyValue;
    }
    if (receiver?.writes && receiver.path !== void 0 && ts.isPropertyAccessExpression(callee)) {
      this.writeToFile(
        receiver.path,
        args,
        node,
        state,
        `the file of \`${shorten(callee.expression.getText())}\``,
      );
      return receiver;
    }
    if (
      receiver &&
      name === promiseContinuation &&
      callback &&
      (callback.closure || callback.functions)
    ) {
      const resolved = this.awaited(receiver, state);
      return this.callValue(callback, [resolved], state, frame, node);
    }
    if (receiver && collectionWriters.has(name) && ts.isPropertyAccessExpression(callee)) {
      const written = mergeTaints(args);
      if (written.taints.length > 0) {
        const record = args.length === 1 && args[0]?.fields ? args[0] : void 0;
        const shape =
          record === void 0
            ? void 0
            : mapValueTaints(record, (taints) => this.stamp(taints, state));
        const element =
          shape === void 0
            ? void 0
            : receiver.element
              ? joinValues(receiver.element, shape)
              : receiver.taints.length === 0
                ? shape
                : void 0;
        const { element: _previous, ...rest } = receiver;
        this.assign(
          callee.expression,
          {
            ...rest,
            taints: unionTaints(receiver.taints, this.stamp(written.taints, state)),
            ...(element === void 0 ? {} : { element }),
          },
          state,
          frame,
        );
      }
      return receiver;
    }
    if (
      name === objectAssign.name &&
      ts.isPropertyAccessExpression(callee) &&
      accessChain(callee).join('.') === objectAssign.path
    ) {
      const [target, ...sources] = node.arguments ?? [];
      const value2 = mergeTaints(args);
      if (target && sources.length > 0)
        this.assign(target, { ...(args[0] ?? emptyValue), taints: value2.taints }, state, frame);
      return value2;
    }
    const framework = this.host.classifier.frameworkCall(node);
    if (framework?.registers === 'plugin') {
      this.plugin(framework.framework, node, args, state, frame);
      return emptyValue;
    }
    if (
      framework &&
      ts.isPropertyAccessExpression(callee) &&
      framework.framework.plugins?.loadPending?.includes(name) &&
      isAwaited(node)
    ) {
      this.#loadPlugins(callee.expression.getText());
    }
    const outerNote = this.routeNote;
    let middleware = framework?.registers
      ? this.registration(framework.framework, framework.registers, node, args, state, frame)
      : void 0;
    for (const argument of args) {
      if (argument.middleware) middleware = argument.middleware;
      const guards = guardPurposes(
        this.functionsOf(argument),
        framework?.framework.continuation ?? defaultContinuation,
      );
      if (guards && !argument.closure) {
        middleware = [.../* @__PURE__ */ new Set([...(middleware ?? []), ...guards])];
        continue;
      }
      if (argument.closure) {
        const closure = argument.closure;
        const params = closure.node.parameters.map((parameter) =>
          this.sourceByType(parameter.name, emptyValue, parameter),
        );
        const inner =
          middleware &&
          closure.node.parameters[0] &&
          ts.isIdentifier(closure.node.parameters[0].name)
            ? this.withAllowed(closure, closure.node.parameters[0].name.text, middleware)
            : closure;
        this.invoke(inner, params, state, frame);
        if (guards) middleware = [.../* @__PURE__ */ new Set([...(middleware ?? []), ...guards])];
      } else if (argument.functions) {
        for (const unit of argument.functions) {
          if (middleware) {
            this.host.guardEntry(unit, 0, middleware);
            continue;
          }
          this.applySummary(
            unit,
            node,
            unit.params.map(() => emptyValue),
            state,
          );
        }
      }
    }
    this.routeNote = outerNote;
    const data = [...args.filter((argument) => !argument.closure && !argument.functions)];
    if (receiver) {
      data.push({
        taints: receiver.taints.filter(
          (taint) =>
            taint.param === void 0 ||
            taint.param.unit.id === this.unit.id ||
            kind.kind === 'builtin',
        ),
        ...(receiver.untraced === void 0 ? {} : { untraced: receiver.untraced }),
      });
    }
    const value = mergeTaints(data);
    let identity = this.loaderIdentity(node, args);
    if (identity.identity === void 0 && receiver?.linked && receiver.identity !== void 0) {
      identity = { identity: receiver.identity, linked: true };
    }
    if (
      identity.identity === void 0 &&
      framework &&
      !framework.registers &&
      receiver?.identity !== void 0
    ) {
      const root = receiver.identity.split('.')[0];
      const first = node.arguments?.[0];
      identity = {
        identity:
          node.arguments?.length === 1 && first && ts.isStringLiteralLike(first)
            ? `${root}.${first.text}`
            : root,
      };
    }
    if (kind.kind === 'builtin' && name === promiseCombinator && args[0]?.check) {
      return { taints: [], check: args[0].check };
    }
    if (kind.kind === 'builtin') {
      const carried = data.filter((entry) => entry.taints.length > 0);
      const only =
        carried.length === 1 ? args.find((arg) => arg.taints === carried[0]?.taints) : void 0;
      if (only?.identity !== void 0 && identity.identity === void 0) {
        return { ...value, identity: only.identity, ...(only.linked ? { linked: true } : {}) };
      }
      return { ...value, ...identity };
    }
    if (kind.kind === 'unknown' && kind.undeclaredModule !== void 0 && value.taints.length === 0) {
      return {
        ...value,
        ...identity,
        untraced: `it comes from \`${shorten(node.expression.getText())}\` of \`${kind.undeclaredModule}\`, a module without type declarations`,
      };
    }
    if (
      value.taints.every((taint) => taint.param !== void 0) &&
      !(kind.kind === 'sdk' && isSdkFactory(kind.name))
    ) {
      const typed = this.sourceByType(node, { ...value, ...identity }, node);
      if (kind.kind === 'unknown' && kind.bodiless && typed.taints.length === 0) {
        return {
          ...typed,
          untraced: `it comes from \`${shorten(node.expression.getText())}\`, which has no body and no catalogue row`,
        };
      }
      return typed;
    }
    return { ...value, ...identity };
  }
  /** The key of an event channel: the emitter's declaration and the event name, for emit and listener calls. */
  channelKey(node, callee) {
    return eventChannelKey(node, callee, this.host.oracle);
  }
  /**
   * Operators over iterables, known by their signatures: `map(fn)` makes one; a call given
   * operators (`pipe(rows, map(fn))`, `from(rows).pipe(map(fn))`) runs them on its data in order,
   * and one given only operators (`pipe(map(f), filter(g))`) composes them.
   */
  iterableOperators(node, args, receiver, state, frame) {
    const operators = args.flatMap((argument) => argument.operators ?? []);
    if (operators.length > 0) {
      const sources = args.filter((argument) => !argument.operators);
      if (sources.length === 0 && receiver === void 0) return { taints: [], operators };
      const source =
        sources.length === 0 ? receiver : sources.length === 1 ? sources[0] : mergeTaints(sources);
      return this.applyOperators(source, operators, state, frame);
    }
    if (!args.some((argument) => argument.closure || argument.functions)) return void 0;
    const made = this.host.oracle.iterableOperator(node);
    const callback = made === void 0 ? void 0 : args[made.callback];
    if (!made || !callback || !(callback.closure || callback.functions)) return void 0;
    return { taints: [], operators: [{ selects: made.selects, callback, node }] };
  }
  /** Runs operators over iterables on a source, each like the array method of its role. */
  applyOperators(source, operators, state, frame) {
    let current = source;
    for (const operator of operators) {
      const method = operator.selects ? selectElements : transformElements;
      const result = this.elementCall(
        method,
        operator.node,
        current,
        [operator.callback],
        state,
        frame,
      );
      const step = this.step(
        operator.node,
        `each element goes through \`${shorten(operator.node.expression.getText())}\``,
      );
      current = mapValueTaints(result, (taints) =>
        taints.map((taint) => ({ ...taint, trail: extendTrail(taint.trail, step) })),
      );
    }
    return current;
  }
  elementCall(method, node, receiver, args, state, frame) {
    const callback = args[0];
    const closureParam = (callback.closure?.node.parameters ?? callback.functions?.[0]?.params)?.[
      method.role === 'fold' ? 1 : 0
    ];
    const paramName =
      closureParam && ts.isIdentifier(closureParam.name) ? closureParam.name.text : void 0;
    const element = this.element(receiver, paramName);
    if (method.role === 'select') {
      const facts = this.predicate(callback, element, frame, receiver.identity);
      if (!facts) return receiver;
      return {
        ...receiver,
        taints: receiver.taints.map((taint) => ({
          ...taint,
          facts: meetFacts(taint.facts, { possible: facts.possible, allowed: facts.allowed }),
        })),
      };
    }
    if (method.role === 'fold') {
      const initial = args[1] ?? emptyValue;
      const result2 = this.callValue(callback, [initial, element], state, frame, node);
      return mergeTaints([initial, result2]);
    }
    const result = this.callValue(callback, [element], state, frame, node);
    if (method.role === 'transform') {
      const subject = receiver.identity;
      const taints =
        paramName === void 0
          ? result.taints
          : result.taints.map((taint) =>
              taint.subject === paramName ? { ...taint, subject: subject ?? '' } : taint,
            );
      return {
        taints,
        ...(receiver.identity !== void 0 ? { identity: receiver.identity } : {}),
        ...(receiver.linked ? { linked: true } : {}),
        ...(result.check
          ? {
              check:
                result.check.subject === paramName && receiver.identity !== void 0
                  ? { ...result.check, subject: `@element:${receiver.identity}` }
                  : result.check,
            }
          : {}),
      };
    }
    if (method.role === 'reorder') return receiver;
    return emptyValue;
  }
  /** An element of a collection: a fresh subject per element unless the collection belongs to one subject. */
  element(collection, name) {
    const content = collection.personalContent ? { personalContent: true } : {};
    const shape =
      collection.element?.fields && shapeCovers(collection.element, collection.taints)
        ? collection.element.fields
        : void 0;
    if (collection.linked && collection.identity !== void 0) {
      return {
        taints: collection.taints,
        identity: collection.identity,
        linked: true,
        ...content,
        ...(shape ? { fields: shape } : {}),
      };
    }
    const subject = collection.identity;
    const rename = (list) =>
      list.map((taint) =>
        subject !== void 0 && taint.subject === subject ? { ...taint, subject: name ?? '' } : taint,
      );
    const fields =
      shape === void 0
        ? void 0
        : new Map([...shape].map(([key, field]) => [key, mapValueTaints(field, rename)]));
    return {
      taints: rename(collection.taints),
      ...(name !== void 0 ? { identity: name } : {}),
      ...content,
      ...(fields ? { fields } : {}),
    };
  }
  /** A catalogued file, folder or path API: files carry what was written to them, by path key. */
  fileCall(entry, node, args, state) {
    switch (entry.role) {
      case 'temp-dir':
        return { taints: [], path: '<tmpdir>' };
      case 'temp-dir-create': {
        const prefix2 = this.fileKey(args[0]) ?? '*';
        return {
          taints: [],
          path: `${prefix2}<mkdtemp ${this.locKey(node).replaceAll('/', '|')}>`,
        };
      }
      case 'path-join': {
        const parts = args.map((arg) => this.fileKey(arg) ?? '*');
        if (parts.every((part) => part === '*')) return mergeTaints(args);
        return { ...mergeTaints(args), path: joinPathKeys(parts) };
      }
      case 'file-write': {
        const key = this.fileKey(args[entry.path ?? 0]);
        if (key !== void 0) {
          this.writeToFile(
            key,
            (entry.data ?? []).map((index) => args[index] ?? emptyValue),
            node,
            state,
            this.pathShown(node, entry.path ?? 0),
          );
        }
        return emptyValue;
      }
      case 'file-write-handle': {
        const key = this.fileKey(args[entry.path ?? 0]);
        return key === void 0 ? emptyValue : { taints: [], path: key, writes: true };
      }
      case 'file-copy': {
        const from = this.fileKey(args[entry.from ?? 0]);
        const to = this.fileKey(args[entry.path ?? 1]);
        if (from !== void 0 && to !== void 0 && !from.startsWith('@param:')) {
          this.writeToFile(
            to,
            [{ taints: this.host.file(from, this.unit) }],
            node,
            state,
            this.pathShown(node, entry.path ?? 1),
          );
        }
        return emptyValue;
      }
      case 'stream-pipeline': {
        const destination = args.findLastIndex((arg) => arg.writes === true && arg.path !== void 0);
        const key = args[destination]?.path;
        if (key !== void 0) {
          this.writeToFile(
            key,
            args.filter((arg, index) => index !== destination && !arg.closure && !arg.functions),
            node,
            state,
            this.pathShown(node, destination),
          );
        }
        return emptyValue;
      }
      case 'file-read': {
        const key = this.fileKey(args[entry.path ?? 0]);
        if (key === void 0) {
          const argument = node.arguments?.[entry.path ?? 0];
          return {
            taints: [],
            untraced: `it reads the file \`${shorten(argument?.getText() ?? '')}\`, a path the analysis cannot resolve`,
          };
        }
        const step = this.step(node, `\`${shorten(node.getText())}\` reads the file back`);
        if (key.startsWith('@param:')) {
          return { taints: [this.paramFileTaint(key, unknownFacts(this.all), step)] };
        }
        const written = this.host.file(key, this.unit);
        if (written.length === 0 && key.startsWith('@local:')) {
          const argument = node.arguments?.[entry.path ?? 0];
          return {
            taints: [],
            untraced: `it reads the file \`${shorten(argument?.getText() ?? '')}\`, a path the analysis cannot resolve`,
          };
        }
        return {
          taints: written.map((taint) => ({ ...taint, trail: extendTrail(taint.trail, step) })),
        };
      }
    }
  }
  /** A catalogued object storage API: stored objects carry what was written to them, by URI key. */
  objectCall(entry, node, args, receiver, state) {
    const scheme = `${entry.scheme}:`;
    const within = (base, name) =>
      base === void 0 || name === void 0 ? void 0 : joinPathKeys([base, name]);
    switch (entry.role) {
      case 'object-write': {
        const options = args[0];
        const bucket = this.objectPart(optionOf(options, entry.bucket));
        const key = within(
          bucket === void 0 ? void 0 : joinPathKeys([scheme, bucket]),
          this.objectPart(optionOf(options, entry.key)),
        );
        const data = optionOf(options, entry.data) ?? emptyValue;
        if (key !== void 0)
          this.writeToFile(key, [data], node, state, `the object \`${uriShown(key)}\``);
        return emptyValue;
      }
      case 'object-bucket': {
        const bucket = this.objectPart(args[0]);
        return bucket === void 0
          ? emptyValue
          : { taints: [], path: joinPathKeys([scheme, bucket]) };
      }
      case 'object-file': {
        const key = within(receiver?.path, this.objectPart(args[0]));
        return key === void 0 ? emptyValue : { taints: [], path: key };
      }
      case 'object-save': {
        const key = receiver?.path;
        if (key !== void 0)
          this.writeToFile(
            key,
            [args[0] ?? emptyValue],
            node,
            state,
            `the object \`${uriShown(key)}\``,
          );
        return emptyValue;
      }
      case 'object-upload': {
        const from = this.fileKey(args[0]);
        const named = this.objectPart(optionOf(args[1], entry.destination));
        const key = within(
          receiver?.path,
          named ?? (from === void 0 ? void 0 : from.split('/').pop()),
        );
        if (from !== void 0 && key !== void 0 && !from.startsWith('@param:')) {
          const argument = node.arguments?.[0];
          const read = this.step(
            node,
            `\`${shorten(argument?.getText() ?? '')}\` is read for the upload`,
          );
          this.writeToFile(
            key,
            [
              {
                taints: this.host
                  .file(from, this.unit)
                  .map((taint) => ({ ...taint, trail: extendTrail(taint.trail, read) })),
              },
            ],
            node,
            state,
            `the object \`${uriShown(key)}\``,
          );
        }
        return emptyValue;
      }
    }
  }
  /**
   * A part of an object's URI (bucket, key) as a path key: a constant, or a variable of this
   * function (the same variable names the same object here, and nothing elsewhere).
   */
  objectPart(value) {
    const key = this.fileKey(value);
    if (key === void 0) return void 0;
    return key.startsWith('@param:') ? `@local:${this.unit.id}:${key}` : key;
  }
  /** The file or stored object a value names, and what it holds: for a sink that reads it. */
  readNamed(value, node, option) {
    const key = this.fileKey(value);
    const what = option === void 0 ? 'the path it is given' : `its \`${option}\``;
    if (key === void 0 || (key.startsWith('@param:') && this.unit.callers.size === 0)) {
      return {
        taints: [],
        untraced: `${what} names a file or object the analysis cannot resolve`,
      };
    }
    if (key.startsWith('@param:')) return { taints: [] };
    const written = this.host.file(key, this.unit);
    if (written.length === 0 && key.startsWith('@local:')) {
      return {
        taints: [],
        untraced: `${what} names a file or object the analysis cannot resolve`,
      };
    }
    const step = this.step(
      node,
      /^[a-z][a-z0-9+.-]*:\//i.test(key)
        ? `${what} names \`${uriShown(key)}\`, which it reads`
        : `\`${shorten(node.getText())}\` reads the file back`,
    );
    return {
      taints: written.map((taint) => ({ ...taint, trail: extendTrail(taint.trail, step) })),
    };
  }
  /** Data written to the file a path key names: to the shared store, or to the summary when the key is a parameter's. */
  writeToFile(key, data, node, state, where) {
    const callee = skipParens(node.expression);
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText();
    const step = this.step(node, `written to ${where} by \`${shorten(name)}\``);
    const taints = this.stamp(mergeTaints(data).taints, state).map((taint) => ({
      ...taint,
      trail: extendTrail(taint.trail, step),
    }));
    if (taints.length === 0) return;
    this.recordFileWrite(key, taints);
    if (!key.startsWith('@param:')) {
      const own = taints.filter((taint) => taint.param?.unit.id !== this.unit.id);
      if (own.length > 0) this.host.writeFile(key, own);
    }
  }
  /**
   * Keeps a write for the summary when callers must see it: the file is named by a parameter,
   * the data comes from one, or the file is in a temporary folder each call makes anew.
   */
  recordFileWrite(key, taints) {
    if (key.startsWith('@local:')) return;
    const fromParams = taints.some((taint) => taint.param?.unit.id === this.unit.id);
    if (!key.startsWith('@param:') && !fromParams && !key.includes('<mkdtemp ')) return;
    this.fileWrites.set(key, unionTaints(this.fileWrites.get(key) ?? [], taints));
  }
  /** How a flow names the file a call's path argument gives. */
  pathShown(node, index) {
    const argument = node.arguments?.[index];
    return argument ? `the file \`${shorten(argument.getText())}\`` : 'a file';
  }
  /** A callee's write to a file, with its parameters' data replaced by the arguments at this call. */
  applyFileWrite(unit, write, node, args, state) {
    const key = write.key.startsWith('@param:')
      ? this.resolveFileKey(write.key, args)
      : this.atCallSite(write.key, node);
    if (key === void 0) return;
    const call = this.step(node, `passed to \`${unit.name}\``);
    const taints = [];
    for (const taint of write.taints) {
      if (taint.param?.unit.id === unit.id) {
        const argument = args[taint.param.index];
        const inner = taint.trail.slice(1);
        for (const passed of throughFields(argument?.taints ?? [], taint.via)) {
          let trail = extendTrail(passed.trail, call);
          for (const step of inner) trail = extendTrail(trail, step);
          taints.push({ ...passed, facts: meetFacts(passed.facts, taint.facts), trail });
        }
      } else if (!taint.param) {
        taints.push(taint);
      }
    }
    if (taints.length > 0) {
      const stamped = this.stamp(taints, state);
      this.recordFileWrite(key, stamped);
      if (!key.startsWith('@param:')) {
        const own = stamped.filter((taint) => taint.param?.unit.id !== this.unit.id);
        if (own.length > 0) this.host.writeFile(key, own);
      }
    }
  }
  /** A callee's path key at a call: `@param:0.path` becomes the key of the first argument's `path`. */
  resolveFileKey(key, args) {
    const match = /^@param:(\d+)((?:\.[^.]+)*)$/.exec(key);
    if (!match) return key.startsWith('@local:') ? void 0 : key;
    let value = args[Number(match[1])];
    let suffix = '';
    for (const name of (match[2] ?? '').split('.').filter((part) => part !== '')) {
      const field = suffix === '' ? value?.fields?.get(name) : void 0;
      if (field) value = field;
      else suffix += `.${name}`;
    }
    const base = this.fileKey(value);
    return base === void 0 ? void 0 : `${base}${suffix}`;
  }
  /**
   * The key of the file a value names: its path (literals, temporary folders, joins), a
   * parameter's path (`@param:0.path`, resolved by callers), or a local variable's.
   */
  fileKey(value) {
    if (!value) return void 0;
    if (value.path !== void 0) return value.path;
    if (value.literals?.length === 1) return joinPathKeys([value.literals[0]]);
    const identity = value.identity;
    if (identity === void 0 || identity.startsWith('#') || identity.startsWith('@')) return void 0;
    const root = identity.split('.')[0] ?? '';
    const param = this.paramOfSubject(identity);
    if (param >= 0) return `@param:${param}${identity.slice(root.length)}`;
    return `@local:${this.unit.id}:${identity}`;
  }
};
function uriShown(key) {
  return key
    .replace(/^([a-z][a-z0-9+.-]*):\/(?!\/)/i, '$1://')
    .replace(/@local:\d+:([^/]+)/g, (_, name) => `\${${name}}`);
}
var selectElements = {
  name: 'selecting operator',
  role: 'select',
  linksCallee: false,
};
var transformElements = {
  name: 'transforming operator',
  role: 'transform',
  linksCallee: false,
};

// src/code/interpreter/unit-interpreter.ts
function callsOneOf(node, names) {
  let found = false;
  const visit = (child) => {
    if (found || (child !== node && ts.isFunctionLike(child))) return;
    const callee = ts.isCallExpression(child) ? skipParens(child.expression) : void 0;
    if (callee && ts.isIdentifier(callee) && names.has(callee.text)) found = true;
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}
var UnitInterpreter = class extends LibraryCalls {
  run() {
    const node = this.unit.node;
    const state = new State(true, /* @__PURE__ */ new Map(), /* @__PURE__ */ new Map());
    const frame = { returns: [], breaks: [], continues: [], throws: [], depth: 0 };
    let end;
    if (ts.isSourceFile(node)) {
      end = this.block(node.statements, state, frame);
    } else {
      this.bindParams(node, state);
      this.applyEnforce(node, state);
      this.enterPluginScope();
      end = this.body(node, state, frame);
    }
    this.guardsSure(guardsAtEnd(end, frame));
    const callsHandler = this.wrapperSummary(frame);
    const registersGuards = this.registeredGuards();
    const registersOn = this.registeredOn();
    this.host.instanceHooks(this.unit, this.addedInstanceHooks());
    const summary = this.summarise(end, frame);
    return {
      summary: {
        ...summary,
        ...(callsHandler ? { callsHandler } : {}),
        ...(registersGuards ? { registersGuards } : {}),
        ...(registersOn ? { registersOn } : {}),
      },
      fieldWrites: this.fieldWrites,
      external: this.external,
    };
  }
  /** Reports a precondition of a function no analysed code calls: its personal parameter reaches the sink unguarded. */
  reportPrecondition(precondition, categories) {
    const model = this.host.model;
    let need = 0;
    for (const purpose of precondition.purposes) need |= model.needsCheck(purpose);
    need &= precondition.facts.possible;
    const unguarded = need & ~allowedFor(precondition.facts, precondition.purposes);
    if (unguarded === 0) return;
    const parameter = this.unit.params[precondition.param];
    const name =
      parameter && ts.isIdentifier(parameter.name) ? parameter.name.text : `#${precondition.param}`;
    const primary = precondition.purposes[0] ?? '';
    const sinkAt = precondition.trail[precondition.trail.length - 1];
    if (sinkAt) {
      this.host.recordSink(sinkAt, {
        categories,
        unguardedTiers: model.tierNames(unguarded),
      });
    }
    const [first, ...rest] = precondition.trail;
    const flow = first
      ? [
          {
            ...first,
            note: precondition.subjectOf
              ? `${first.note}; no caller in the project checks \`${name}\``
              : `${first.note} holds personal data (${describeCategories(categories)}); no caller in the project checks it`,
          },
          ...rest,
        ]
      : [];
    this.host.emitFlow({
      location: precondition.site,
      purpose: primary,
      purposes: precondition.purposes,
      sink: precondition.sink,
      subject: precondition.subjectName || name,
      categories,
      unguardedTiers: model.tierNames(unguarded),
      guardedTiers: model.tierNames(need & ~unguarded),
      mismatchedPurposes: policyPurposes(
        [...precondition.facts.allowed.entries()]
          .filter(
            ([purpose, mask]) =>
              !precondition.purposes.includes(purpose) && (mask & unguarded) !== 0,
          )
          .map(([purpose]) => purpose),
      ).sort(),
      guarantees: model.guarantees(primary, unguarded),
      flow,
    });
  }
  bindParams(node, state) {
    node.parameters.forEach((parameter, index) => {
      const name = ts.isIdentifier(parameter.name) ? parameter.name.text : `#${index}`;
      const taint = {
        key: `param:${this.unit.id}:${index}`,
        subject: name,
        facts: unknownFacts(this.all),
        trail: [this.step(parameter, `parameter \`${name}\` of \`${this.unit.name}\``)],
        param: { unit: this.unit, index },
      };
      const value = { taints: [taint], identity: name };
      if (ts.isIdentifier(parameter.name)) {
        state.env.set(name, value);
        if (ts.isParameterPropertyDeclaration(parameter, parameter.parent)) {
          this.writeField(name, value, state, parameter);
        }
      } else {
        this.bindPattern(parameter.name, value, state, parameter);
      }
    });
  }
  /** `@consent.enforce(purpose, { subject: (x) => x })` makes the method start with the subject allowed. */
  applyEnforce(node, state) {
    if (!ts.isMethodDeclaration(node)) return;
    for (const decorator of ts.getDecorators(node) ?? []) {
      const call = decorator.expression;
      if (!ts.isCallExpression(call)) continue;
      const name = this.host.classifier.sdkNameOf(call.expression);
      const entry = name === void 0 ? void 0 : sdkEntry(name);
      const purposeArgument = call.arguments[entry?.purposeArgument ?? 0];
      if (entry?.role === 'processes-marker') {
        const purpose2 = literalText(purposeArgument);
        if (purpose2 !== void 0) this.host.emitPurpose(this.location(purposeArgument), purpose2);
      }
      if (entry?.role !== 'enforce-decorator') continue;
      const purpose = literalText(purposeArgument);
      if (purpose === void 0) continue;
      this.host.emitPurpose(this.location(purposeArgument), purpose);
      let index = 0;
      const options = call.arguments[1];
      if (options && ts.isObjectLiteralExpression(options)) {
        for (const property of options.properties) {
          if (
            ts.isPropertyAssignment(property) &&
            ts.isIdentifier(property.name) &&
            property.name.text === enforceSubjectOption &&
            (ts.isArrowFunction(property.initializer) ||
              ts.isFunctionExpression(property.initializer))
          ) {
            index = subjectParamIndex(property.initializer);
          }
        }
      }
      const parameter = node.parameters[index];
      if (parameter && ts.isIdentifier(parameter.name)) {
        this.allow(state, parameter.name.text, [purpose], this.all);
        this.recordGuard(
          this.step(decorator, ''),
          shorten(decorator.getText()),
          [purpose],
          this.all,
        );
      }
    }
  }
  /**
   * A guard wrapper: the function it returns calls one of its parameters (the handler). Evaluates
   * that function to learn what the handler is handed allowed, at every call of it.
   */
  wrapperSummary(frame) {
    if (ts.isSourceFile(this.unit.node)) return void 0;
    const names = new Set(
      this.unit.params.flatMap((parameter) =>
        ts.isIdentifier(parameter.name) ? [parameter.name.text] : [],
      ),
    );
    let result;
    for (const { value, state } of frame.returns) {
      const closure = value.closure;
      if (!closure || !state.reachable || !callsOneOf(closure.node, names)) continue;
      const params = closure.node.parameters.map((parameter) =>
        this.sourceByType(parameter.name, emptyValue, parameter),
      );
      this.wrapped = {
        params: new Set(
          closure.node.parameters.flatMap((parameter) =>
            ts.isIdentifier(parameter.name) ? [parameter.name.text] : [],
          ),
        ),
        calls: /* @__PURE__ */ new Map(),
      };
      try {
        this.invoke(closure, params, state.clone(), {
          returns: [],
          breaks: [],
          continues: [],
          throws: [],
          depth: 0,
        });
        const [first] = [...this.wrapped.calls];
        if (first && this.wrapped.calls.size === 1) {
          result = { param: first[0], allowed: first[1] };
        }
      } finally {
        this.wrapped = void 0;
      }
    }
    return result;
  }
  /**
   * The purposes the request is allowed for every tier on each of the reachable exits, when
   * there is one; undefined when none is reachable or none is allowed.
   */
  returnsOnlyIf(exits) {
    const live = exits.filter((state) => state.reachable);
    if (live.length === 0 || ts.isSourceFile(this.unit.node)) return void 0;
    let kept;
    for (const state of live) {
      const allowed = this.allowedForRequest(state);
      if (!allowed) return void 0;
      kept = (kept ?? [...allowed]).filter((purpose) => allowed.has(purpose));
    }
    return kept && kept.length > 0 ? kept.sort() : void 0;
  }
  summarise(end, frame) {
    const exits = [...frame.returns.map((entry) => entry.state), end].filter((s) => s.reachable);
    const exit = joinStates(exits);
    const names = this.unit.params.map((parameter) =>
      ts.isIdentifier(parameter.name) ? parameter.name.text : void 0,
    );
    const asserts = [];
    const returnsParams = /* @__PURE__ */ new Map();
    let returnsSources = [];
    let returnsStored = [];
    const returnsParamStored = [];
    const returnsFiles = /* @__PURE__ */ new Map();
    let returnsCheck;
    let returnsIdentityOf;
    if (exit.reachable) {
      names.forEach((name, index) => {
        if (name === void 0) return;
        const facts = exit.subjects.get(name);
        if (!facts) return;
        for (const [purpose, mask] of facts.allowed) {
          if (mask !== 0) asserts.push({ param: index, purposes: [purpose], mask });
        }
      });
    }
    const candidates = frame.returns.filter(
      (entry) => entry.state.reachable && entry.value.bool !== false,
    );
    if (candidates.length > 0) {
      let effect;
      let ok = true;
      for (const { value, state } of candidates) {
        let here;
        if (value.check && !value.check.negated) {
          const index = names.indexOf(value.check.subject);
          if (index >= 0) {
            here = {
              param: index,
              purposes: value.check.purposes,
              mask: value.check.mask,
              ...(value.check.pending ? { pending: true } : {}),
            };
          }
        } else if (value.bool === true) {
          names.forEach((name, index) => {
            const facts = name === void 0 ? void 0 : state.subjects.get(name);
            if (!here && facts) {
              for (const [purpose, mask] of facts.allowed) {
                here = { param: index, purposes: [purpose], mask };
                break;
              }
            }
          });
        }
        if (
          !here ||
          (effect &&
            (effect.param !== here.param || effect.purposes.join() !== here.purposes.join()))
        ) {
          ok = false;
          break;
        }
        effect = effect ? { ...effect, mask: effect.mask & here.mask } : here;
      }
      if (ok && effect) returnsCheck = effect;
    }
    let returnsTier;
    if (candidates.length > 0) {
      let mask = 0;
      let param;
      for (const { value, state } of candidates) {
        let here;
        if (value.tierTest) {
          const index = names.indexOf(value.tierTest.subject);
          if (index >= 0) here = { param: index, mask: value.tierTest.mask };
        } else if (value.truthy) {
          names.forEach((name, index) => {
            const facts = name === void 0 ? void 0 : value.truthy?.get(name);
            if (!here && facts && facts.possible !== this.all)
              here = { param: index, mask: facts.possible };
          });
        } else if (value.bool === true) {
          names.forEach((name, index) => {
            const facts = name === void 0 ? void 0 : state.subjects.get(name);
            if (!here && facts && facts.possible !== this.all)
              here = { param: index, mask: facts.possible };
          });
        }
        if (!here || (param !== void 0 && param !== here.param)) {
          param = void 0;
          mask = -1;
          break;
        }
        param = here.param;
        mask |= here.mask;
      }
      if (param !== void 0 && mask >= 0) returnsTier = { param, mask };
    }
    const returnsParamCategories = /* @__PURE__ */ new Map();
    const returnsParamFields = /* @__PURE__ */ new Map();
    for (const { value } of frame.returns) {
      for (const taint of value.taints) {
        const file = paramFileOf(taint);
        if (file !== void 0) {
          const previous = returnsFiles.get(file);
          returnsFiles.set(file, previous ? joinFacts(previous, taint.facts) : taint.facts);
        } else if (taint.param?.unit === this.unit && taint.stored) {
          const { index } = taint.param;
          const stored = taint.stored;
          const same = returnsParamStored.findIndex(
            (entry) =>
              entry.param === index &&
              entry.stored.constructorId === stored.constructorId &&
              entry.stored.index === stored.index &&
              entry.stored.via?.join() === stored.via?.join(),
          );
          if (same < 0)
            returnsParamStored.push({
              param: index,
              stored,
              facts: taint.facts,
              trail: taint.trail.slice(1),
            });
          else {
            const previous = returnsParamStored[same];
            returnsParamStored[same] = {
              ...previous,
              facts: joinFacts(previous.facts, taint.facts),
            };
          }
        } else if (taint.param?.unit === this.unit) {
          const kept = returnsParamCategories.get(taint.param.index);
          returnsParamCategories.set(
            taint.param.index,
            kept === null || taint.categories === void 0
              ? null
              : [.../* @__PURE__ */ new Set([...(kept ?? []), ...taint.categories])].sort(),
          );
          const previous = returnsParams.get(taint.param.index);
          returnsParams.set(
            taint.param.index,
            previous ? joinFacts(previous, taint.facts) : taint.facts,
          );
          const fields = returnsParamFields.get(taint.param.index);
          returnsParamFields.set(
            taint.param.index,
            fields === null || taint.via === void 0
              ? null
              : [.../* @__PURE__ */ new Set([...(fields ?? []), ...taint.via])],
          );
        } else if (!taint.param) {
          returnsSources = unionTaints(returnsSources, [taint]);
        } else if (this.constructorOfClass(taint.param.unit)) {
          returnsStored = unionTaints(returnsStored, [taint]);
        }
      }
      if (value.identity !== void 0 && value.linked) {
        const root = value.identity.split('.')[0];
        const index = names.indexOf(root);
        if (index >= 0) returnsIdentityOf = index;
      }
    }
    const narrowed = /* @__PURE__ */ new Map();
    for (const [index, categories] of returnsParamCategories) {
      if (categories !== null) narrowed.set(index, categories);
    }
    let continuesOnlyIf;
    for (const [param, purposes] of this.continuations) {
      if (purposes.length > 0) continuesOnlyIf = { param, purposes };
    }
    const returnsBareOnlyIf = this.returnsOnlyIf([
      ...frame.returns.filter((entry) => entry.expression === void 0).map((entry) => entry.state),
      end,
    ]);
    const continuing = frame.returns.filter(
      (entry) =>
        entry.expression === void 0 || this.host.classifier.isContinuationValue(entry.expression),
    );
    const continuesByReturnOnlyIf =
      continuing.length < frame.returns.length
        ? this.returnsOnlyIf([...continuing.map((entry) => entry.state), end])
        : void 0;
    let returnsPath;
    for (const { value } of frame.returns) {
      const fields = [...(value.fields ?? [])]
        .filter(([, field]) => field.path !== void 0)
        .map(([name, field]) => [name, field.path]);
      if (value.path === void 0 && fields.length === 0) continue;
      returnsPath = {
        ...(value.path !== void 0 ? { path: value.path } : {}),
        ...(fields.length > 0 ? { fields } : {}),
      };
      break;
    }
    const writesFiles = [...this.fileWrites].map(([key, taints]) => ({ key, taints }));
    return {
      ...(this.paramCalls.size > 0 ? { callsParams: new Map(this.paramCalls) } : {}),
      ...(this.memberCalls.size > 0 ? { callsParamMembers: new Map(this.memberCalls) } : {}),
      ...(continuesOnlyIf ? { continuesOnlyIf } : {}),
      ...(returnsBareOnlyIf ? { returnsBareOnlyIf } : {}),
      ...(continuesByReturnOnlyIf ? { continuesByReturnOnlyIf } : {}),
      preconditions: [...this.preconditions.values()],
      ...(returnsPath ? { returnsPath } : {}),
      ...(writesFiles.length > 0 ? { writesFiles } : {}),
      ...(returnsCheck ? { returnsCheck } : {}),
      ...(returnsTier ? { returnsTier } : {}),
      asserts,
      returnsParams,
      ...(narrowed.size > 0 ? { returnsParamCategories: narrowed } : {}),
      ...([...returnsParamFields.values()].some((fields) => fields !== null)
        ? {
            returnsParamFields: new Map(
              [...returnsParamFields].filter((entry) => entry[1] !== null),
            ),
          }
        : {}),
      returnsSources,
      ...(returnsStored.length > 0 ? { returnsStored } : {}),
      ...(returnsParamStored.length > 0 ? { returnsParamStored } : {}),
      ...(returnsFiles.size > 0
        ? { returnsFiles: [...returnsFiles].map(([key, facts]) => ({ key, facts })) }
        : {}),
      ...(returnsIdentityOf !== void 0 ? { returnsIdentityOf } : {}),
    };
  }
};

// src/code/listed-files.ts
import { accessSync, constants, readdirSync } from 'fs';

function listedFileQueries(fallback, caseSensitive, canEnter = searchable) {
  if (!caseSensitive) return fallback;
  const listings = /* @__PURE__ */ new Map();
  const listing = (directory) => {
    if (listings.has(directory)) return listings.get(directory);
    let found;
    try {
      const entries = new Map(
        readdirSync(directory, { withFileTypes: true }).map((entry) => [
          entry.name,
          entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other',
        ]),
      );
      if (!canEnter(directory)) {
        listings.set(directory, void 0);
        return void 0;
      }
      const names = [...entries.keys()];
      found = {
        entries,
        lowerCase: names.every(isAscii) ? new Set(names.map((name) => name.toLowerCase())) : void 0,
      };
    } catch (error) {
      const code = error.code;
      found =
        code === 'ENOENT' || code === 'ENOTDIR'
          ? { entries: /* @__PURE__ */ new Map(), lowerCase: /* @__PURE__ */ new Set() }
          : void 0;
    }
    listings.set(directory, found);
    return found;
  };
  const directories = /* @__PURE__ */ new Map();
  const kindOf = (path) => {
    const slash = path.lastIndexOf('/');
    const name = path.slice(slash + 1);
    if (slash <= 0 || name === '' || name === '.' || name === '..') return void 0;
    const found = listing(path.slice(0, slash));
    if (found === void 0) return void 0;
    const kind = found.entries.get(name);
    if (kind !== void 0) return kind;
    const surelyMissing =
      found.lowerCase !== void 0 &&
      isAscii(name) &&
      !found.lowerCase.has(name.toLowerCase()) &&
      !/~|[. ]$/.test(name);
    return surelyMissing ? 'missing' : void 0;
  };
  return {
    fileExists(path) {
      const kind = kindOf(path);
      if (kind === 'file') return true;
      if (kind === 'missing' || kind === 'directory') return false;
      return fallback.fileExists(path);
    },
    directoryExists(path) {
      const known = directories.get(path);
      if (known !== void 0) return known;
      const kind = kindOf(path);
      const exists =
        kind === 'directory'
          ? true
          : kind === 'missing' || kind === 'file'
            ? false
            : fallback.directoryExists(path);
      directories.set(path, exists);
      return exists;
    },
  };
}
function isAscii(name) {
  return /^[\x20-\x7e]*$/.test(name);
}
function searchable(directory) {
  try {
    accessSync(directory, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

import { ConfigError as ConfigError2 } from '@consentry/policy';
// src/code/project-config.ts
import { readFileSync } from 'fs';
import { dirname as dirname2 } from 'path';

var TsconfigError = class extends ConfigError2 {
  name = 'TsconfigError';
};
var TOLERATED = /* @__PURE__ */ new Set([
  // No inputs were found in config file: the analysis then reads every TypeScript file.
  18003,
  // Option '{0}' is deprecated / has been removed, in several wordings.
  5101, 5102, 5107, 5108,
]);
function readProjectConfigFile(path, displayName) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = error.code;
    throw new TsconfigError([
      {
        file: displayName,
        line: 1,
        column: 1,
        message: `the tsconfig cannot be read (${typeof code === 'string' ? code : 'unreadable'})`,
      },
    ]);
  }
  const source = ts.parseJsonText(path, text);
  const syntax = source.parseDiagnostics ?? [];
  if (syntax.length > 0) {
    throw new TsconfigError(
      syntax.slice(0, 5).map((error) => toProblem(error, source, displayName)),
    );
  }
  const parsed = ts.parseJsonSourceFileConfigFileContent(
    source,
    ts.sys,
    dirname2(path),
    void 0,
    path,
  );
  const fatal = parsed.errors.filter(
    (error) => error.category === ts.DiagnosticCategory.Error && !TOLERATED.has(error.code),
  );
  if (fatal.length > 0) {
    throw new TsconfigError(
      fatal.slice(0, 5).map((error) => toProblem(error, source, displayName)),
    );
  }
  const warnings = parsed.errors
    .filter((error) => error.code !== 18003)
    .slice(0, 5)
    .map((error) => {
      const problem = toProblem(error, source, displayName);
      return `${problem.file}:${problem.line}:${problem.column}: ${problem.message}`;
    });
  return { options: parsed.options, fileNames: parsed.fileNames, warnings };
}
function toProblem(error, source, displayName) {
  const message = ts.flattenDiagnosticMessageText(error.messageText, ' ').replace(/\.$/, '');
  const inFile = error.file?.fileName === source.fileName && error.start !== void 0;
  const start = inFile ? error.start : extendsPosition(source);
  const position = ts.getLineAndCharacterOfPosition(source, start);
  return { file: displayName, line: position.line + 1, column: position.character + 1, message };
}
function extendsPosition(source) {
  const root = source.statements[0]?.expression;
  if (root && ts.isObjectLiteralExpression(root)) {
    for (const property of root.properties) {
      if (property.name && ts.isStringLiteral(property.name) && property.name.text === 'extends') {
        return property.getStart(source);
      }
    }
  }
  return 0;
}

// src/code/file-middleware.ts
function middlewareMatchers(file, config) {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement) || !isExported(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== config.export) continue;
      const options = declaration.initializer && unwrap(declaration.initializer);
      if (!options || !ts.isObjectLiteralExpression(options)) return null;
      const matcher = propertyValue(options, config.matcher);
      if (matcher === void 0) return void 0;
      const entries = ts.isArrayLiteralExpression(matcher) ? [...matcher.elements] : [matcher];
      const patterns = [];
      for (const entry of entries) {
        const value = unwrap(entry);
        const source = ts.isObjectLiteralExpression(value)
          ? propertyValue(value, config.source)
          : value;
        const pattern =
          source && ts.isStringLiteralLike(source) ? pathPattern(source.text) : void 0;
        if (!pattern) return null;
        patterns.push(pattern);
      }
      return patterns;
    }
  }
  return void 0;
}
function pathPattern(pattern) {
  if (!pattern.startsWith('/')) return void 0;
  let source = '';
  let at = 0;
  while (at < pattern.length) {
    const parameter = /^\/:\w+([*+?]?)/.exec(pattern.slice(at));
    if (parameter) {
      const segment = '/[^/]+';
      source +=
        parameter[1] === '*'
          ? `(?:${segment})*`
          : parameter[1] === '+'
            ? `(?:${segment})+`
            : parameter[1] === '?'
              ? `(?:${segment})?`
              : segment;
      at += parameter[0].length;
      continue;
    }
    if (pattern[at] === '(') {
      let depth = 0;
      let end = at;
      for (; end < pattern.length; end++) {
        if (pattern[end] === '\\') end++;
        else if (pattern[end] === '(') depth++;
        else if (pattern[end] === ')' && --depth === 0) break;
      }
      if (depth !== 0) return void 0;
      source += pattern.slice(at, end + 1);
      at = end + 1;
      continue;
    }
    source += pattern[at].replace(/[.*+?^${}|[\]\\]/g, '\\$&');
    at++;
  }
  try {
    return new RegExp(`^${source}/?$`);
  } catch {
    return void 0;
  }
}
function routePaths(relativeFile, routes) {
  const parts = relativeFile.split('/');
  const name = parts.pop() ?? '';
  if (!routes.files.includes(name)) return void 0;
  const root = routes.roots.find((folder) => relativeFile.startsWith(`${folder}/`));
  if (root === void 0) return void 0;
  let paths = [''];
  for (const part of parts.slice(root.split('/').length)) {
    if (/^\(.*\)$/.test(part) || part.startsWith('@')) continue;
    if (/^\[\[\.\.\..+\]\]$/.test(part)) {
      paths = [...paths, ...paths.map((path) => `${path}/segment`)];
    } else if (/^\[.+\]$/.test(part)) {
      paths = paths.map((path) => `${path}/segment`);
    } else {
      paths = paths.map((path) => `${path}/${part}`);
    }
  }
  return paths.map((path) => (path === '' ? '/' : path));
}
function guardFileMiddlewareRoutes(units, relative, wrapsMiddleware, guardEntry) {
  for (const framework of webFrameworks) {
    const middleware = framework.fileMiddleware;
    if (!middleware) continue;
    for (const unit of units) {
      const purposes = unit.summary.continuesByReturnOnlyIf;
      if (!purposes || !isMiddlewareUnit(unit, middleware, relative, wrapsMiddleware)) continue;
      const matchers = middlewareMatchers(unit.file, middleware.config);
      if (matchers === null) continue;
      for (const route of units) {
        if (!middleware.routes.exports.includes(route.name) || !isExportedUnit(route)) continue;
        const paths = routePaths(relative(route.file.fileName), middleware.routes);
        if (!paths) continue;
        const covered = paths.every(
          (path) => matchers === void 0 || matchers.some((matcher) => matcher.test(path)),
        );
        if (covered) guardEntry(route, 0, purposes);
      }
    }
  }
}
function fileRequestHandlers(units, relative, wrapsMiddleware) {
  const handlers = /* @__PURE__ */ new Map();
  for (const framework of webFrameworks) {
    const middleware = framework.fileMiddleware;
    if (!middleware) continue;
    for (const unit of units) {
      const file = relative(unit.file.fileName);
      const handles =
        isMiddlewareUnit(unit, middleware, relative, wrapsMiddleware) ||
        (isExportedUnit(unit) &&
          middleware.routes.exports.includes(unit.name) &&
          routePaths(file, middleware.routes) !== void 0);
      const request = unit.params[0]?.name;
      if (handles && request && ts.isIdentifier(request)) handlers.set(unit, request.text);
    }
  }
  return handlers;
}
function isMiddlewareUnit(unit, middleware, relative, wrapsMiddleware) {
  const file = relative(unit.file.fileName);
  const entry = middleware.entries.find((candidate) => candidate.files.includes(file));
  if (!entry) return false;
  if (unit.name === entry.export && isExportedUnit(unit)) return true;
  const node = unit.node;
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
  const call = node.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== node) return false;
  let holder = call.parent;
  while (holder && (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder))) {
    holder = holder.parent;
  }
  const statement = holder?.parent?.parent;
  const exported =
    (holder !== void 0 && ts.isExportAssignment(holder) && !holder.isExportEquals) ||
    (holder !== void 0 &&
      ts.isVariableDeclaration(holder) &&
      ts.isIdentifier(holder.name) &&
      holder.name.text === entry.export &&
      statement !== void 0 &&
      ts.isVariableStatement(statement) &&
      isExported(statement));
  return exported && wrapsMiddleware(call);
}
function isExportedUnit(unit) {
  const node = unit.node;
  if (ts.isSourceFile(node) || unit.classNode || unit.inline) return false;
  if (ts.isFunctionDeclaration(node)) return isExported(node);
  const statement = node.parent?.parent?.parent;
  return (
    ts.isVariableDeclaration(node.parent) &&
    statement !== void 0 &&
    ts.isVariableStatement(statement) &&
    isExported(statement)
  );
}
function isExported(node) {
  return (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Export) !== 0;
}
function unwrap(node) {
  let inner = node;
  while (
    ts.isParenthesizedExpression(inner) ||
    ts.isAsExpression(inner) ||
    ts.isSatisfiesExpression(inner)
  ) {
    inner = inner.expression;
  }
  return inner;
}
function propertyValue(object, name) {
  for (const property of object.properties) {
    if (
      ts.isPropertyAssignment(property) &&
      (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) &&
      property.name.text === name
    ) {
      return unwrap(property.initializer);
    }
  }
  return void 0;
}

// src/code/summaries.ts
var maxSccIterations = 4;
var CHECKPOINT_EVERY = 25;
var maxStoredTaints = 32;
function evaluateProgram(context, linked, onEvent) {
  const state = createSummaryState(linked);
  const wrapsMiddleware = (call) => linked.classifier.wrapsFileMiddleware(call);
  const requestHandlers = fileRequestHandlers(linked.units, context.relative, wrapsMiddleware);
  const host = createHost(context, linked, state, requestHandlers);
  summarise(context, linked, state, host);
  guardFileMiddlewareRoutes(linked.units, context.relative, wrapsMiddleware, host.guardEntry);
  const entrySeen = reportUnits(context, linked, state, host, onEvent);
  return { seen: [...[...state.seenByUnit.values()].flat(), ...entrySeen] };
}
function createSummaryState(linked) {
  const unitsByClass = /* @__PURE__ */ new Map();
  for (const unit of linked.units) {
    if (!unit.classNode) continue;
    const list = unitsByClass.get(unit.classNode) ?? [];
    list.push(unit);
    unitsByClass.set(unit.classNode, list);
  }
  return {
    fieldStore: /* @__PURE__ */ new Map(),
    channels: /* @__PURE__ */ new Map(),
    files: /* @__PURE__ */ new Map(),
    fileReaders: /* @__PURE__ */ new Map(),
    groups: /* @__PURE__ */ new Map(),
    groupReaders: /* @__PURE__ */ new Map(),
    personalTypes: /* @__PURE__ */ new Map(),
    failed: /* @__PURE__ */ new Set(),
    stale: new Set(linked.units.filter((unit) => linked.relevant.has(unit))),
    unitsByClass,
    eventsByUnit: /* @__PURE__ */ new Map(),
    seenByUnit: /* @__PURE__ */ new Map(),
    events: [],
    seen: [],
    evaluations: 0,
  };
}
function addedTaints(previous, taints, keyOf) {
  const keys = new Set(previous.map(keyOf));
  return taints.filter((taint) => !keys.has(keyOf(taint)));
}
var bySubject = (taint) => `${taint.key}:${taint.subject}`;
var bySubjectAndFacts = (taint) => `${taint.key}:${taint.subject}:${factsKey(taint)}`;
function createHost(context, linked, state, requestHandlers) {
  const { model } = context;
  const emit = (event, payload) => {
    state.events.push({ event, payload });
  };
  const markStale = (units) => {
    for (const unit of units) if (linked.relevant.has(unit)) state.stale.add(unit);
  };
  return {
    oracle: context.oracle,
    model,
    classifier: linked.classifier,
    root: context.root,
    personalMemberNames: linked.personalMemberNames,
    getterNames: linked.getterNames,
    unitOf: (node) => linked.unitsByNode.get(node),
    fieldStore: (classNode, field) => state.fieldStore.get(classNode)?.get(field) ?? [],
    channel: (key) => state.channels.get(key) ?? [],
    writeChannel: (key, taints) => {
      const previous = state.channels.get(key) ?? [];
      const added = addedTaints(previous, taints, bySubject);
      if (added.length === 0) return;
      state.channels.set(key, [...previous, ...added].slice(0, maxStoredTaints));
      markStale(linked.listenersOf.get(key) ?? []);
    },
    file: (key, reader) => {
      const readers = state.fileReaders.get(key) ?? /* @__PURE__ */ new Set();
      readers.add(reader);
      state.fileReaders.set(key, readers);
      return state.files.get(key) ?? [];
    },
    writeFile: (key, taints) => {
      const previous = state.files.get(key) ?? [];
      const added = addedTaints(previous, taints, bySubjectAndFacts);
      if (added.length === 0) return;
      state.files.set(key, [...previous, ...added].slice(0, maxStoredTaints));
      markStale(state.fileReaders.get(key) ?? []);
    },
    emitFlow: (event) => emit('unguardedFlow', event),
    emitUntraced: (event) => emit('untracedTraining', event),
    emitIncomplete: (event) => emit('analysisIncomplete', event),
    limits: context.limits,
    emitCheck: (event) => emit('checkCall', event),
    recordSink: (at, seen) => {
      state.seen.push({ sink: { at, seen } });
    },
    recordGuard: (guard) => {
      state.seen.push({ guard });
    },
    requestParam: (unit) => requestHandlers.get(unit),
    groupGuards: (declaration, reader) => {
      const readers = state.groupReaders.get(declaration) ?? /* @__PURE__ */ new Set();
      readers.add(reader);
      state.groupReaders.set(declaration, readers);
      const mounts = [...(state.groups.get(declaration)?.values() ?? [])];
      if (mounts.length === 0) return void 0;
      return mounts.reduce((kept, purposes) => kept.filter((p) => purposes.includes(p)));
    },
    mountGroup: (declaration, site, purposes) => {
      const mounts = state.groups.get(declaration) ?? /* @__PURE__ */ new Map();
      const sorted = [...new Set(purposes)].sort();
      if (mounts.get(site)?.join() === sorted.join()) return;
      mounts.set(site, sorted);
      state.groups.set(declaration, mounts);
      markStale(state.groupReaders.get(declaration) ?? []);
    },
    guardEntry: (unit, param, purposes) => {
      const set = unit.entryGuards.get(param) ?? /* @__PURE__ */ new Set();
      for (const purpose of purposes) set.add(purpose);
      unit.entryGuards.set(param, set);
    },
    pluginEntry: (unit, site, param, purposes, mounted) => {
      const previous = unit.pluginScopes.get(site);
      const scope = {
        param,
        purposes: [...new Set(purposes)].sort(),
        ...(mounted && mounted.length > 0 ? { mounted } : {}),
      };
      if (previous && JSON.stringify(previous) === JSON.stringify(scope)) return;
      unit.pluginScopes.set(site, scope);
      markStale(unit.inline ? [unit, ...unit.callers] : [unit]);
    },
    instanceHooks: (unit, hooks) => {
      const key = (map) =>
        JSON.stringify([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      if (key(unit.instanceHooks) === key(hooks)) return;
      unit.instanceHooks = hooks;
      markStale([unit]);
    },
    emitPurpose: (location, purpose) => {
      emit('purposeReference', {
        location,
        purpose,
        declared: model.purposeIds.includes(purpose),
        known: model.purposeIds,
      });
    },
  };
}
function summarise(context, linked, state, host) {
  const { units, order } = linked;
  const rounds = context.limits.rounds;
  for (let round = 0; round < rounds && state.stale.size > 0; round++) {
    let done = 0;
    for (const component of order) {
      for (let iteration = 0; iteration < maxSccIterations; iteration++) {
        const pending = component.filter((unit) => state.stale.has(unit));
        if (pending.length === 0) break;
        for (const unit of pending) evaluateUnit(context, linked, state, host, unit);
        if (component.length === 1) break;
      }
      done += component.length;
      context.progress({ phase: `summaries (round ${round + 1})`, done, total: units.length });
    }
  }
  for (const unit of units) {
    if (state.stale.has(unit) && !state.failed.has(unit)) {
      context.incomplete.push(unsettledUnit(unit, rounds, context.relative));
    }
  }
}
function evaluateUnit(context, linked, state, host, unit) {
  state.stale.delete(unit);
  if (++state.evaluations % CHECKPOINT_EVERY === 0) {
    context.checkpoint(
      () =>
        `while summarising functions (${state.evaluations} evaluations of ${linked.units.length} functions, now in ${context.relative(unit.file.fileName)})`,
    );
  }
  if (state.failed.has(unit)) return;
  state.events = [];
  state.seen = [];
  const markCallers = (target) => {
    const readers = [...target.callers, ...target.referrers];
    for (let index = 0; index < readers.length; index++) {
      const reader = readers[index];
      if (linked.relevant.has(reader)) state.stale.add(reader);
      if (reader.inline) {
        for (const outer of reader.callers) if (!readers.includes(outer)) readers.push(outer);
      }
    }
  };
  try {
    const result = new UnitInterpreter(host, unit, true, state.personalTypes).run();
    if (!unit.inline) {
      state.eventsByUnit.set(unit, state.events);
      state.seenByUnit.set(unit, state.seen);
    }
    const before = summaryKey(unit);
    unit.summary = result.summary;
    if (before !== summaryKey(unit)) markCallers(unit);
    for (const [classNode, fields] of result.fieldWrites) {
      const byField = state.fieldStore.get(classNode) ?? /* @__PURE__ */ new Map();
      for (const [field, taints] of fields) {
        const previous = byField.get(field) ?? [];
        const added = addedTaints(previous, taints, bySubject);
        if (added.length === 0) continue;
        byField.set(field, [...previous, ...added].slice(0, maxStoredTaints));
        for (const member of state.unitsByClass.get(classNode) ?? []) {
          if (member !== unit && linked.relevant.has(member)) state.stale.add(member);
        }
      }
      state.fieldStore.set(classNode, byField);
    }
    for (const { unit: target, precondition } of result.external) {
      const key = `${precondition.param}:${precondition.purposes.join()}:${precondition.site.file}:${precondition.site.line}:${precondition.site.column}`;
      if (!target.external.has(key)) {
        target.external.set(key, precondition);
        markCallers(target);
      }
    }
  } catch (error) {
    state.failed.add(unit);
    context.incomplete.push(incompleteUnit(unit, error, context.relative));
  }
}
function reportUnits(context, linked, state, host, onEvent) {
  const { units } = linked;
  let done = 0;
  const sent = /* @__PURE__ */ new Set();
  const entrySeen = [];
  const reported = [];
  for (const unit of units) {
    state.events = [];
    state.seen = entrySeen;
    if ((unit.callers.size === 0 || unit.escapes) && !state.failed.has(unit)) {
      try {
        reportEntry(unit, host, state.personalTypes);
      } catch (error) {
        context.incomplete.push(incompleteUnit(unit, error, context.relative));
      }
    }
    for (const { event, payload } of [...(state.eventsByUnit.get(unit) ?? []), ...state.events]) {
      const key = `${event}:${JSON.stringify(payload)}`;
      if (sent.has(key)) continue;
      sent.add(key);
      reported.push({ event, payload });
    }
    context.progress({ phase: 'report', done: ++done, total: units.length });
  }
  const superseded = supersededFlows(reported);
  for (const { event, payload } of reported) {
    if (!superseded.has(payload)) onEvent(event, payload);
  }
  return entrySeen;
}
function supersededFlows(events) {
  const flows = events
    .filter((entry) => entry.event === 'unguardedFlow')
    .map((entry) => entry.payload);
  const stepKey = (step) => `${step.file}:${step.line}:${step.column}:${step.note}`;
  const hops = /* @__PURE__ */ new Map();
  for (const flow of flows) {
    for (const step of flow.flow.slice(0, -1)) {
      const list = hops.get(stepKey(step)) ?? [];
      list.push(flow);
      hops.set(stepKey(step), list);
    }
  }
  const superseded = /* @__PURE__ */ new Set();
  for (const flow of flows) {
    const end = flow.flow[flow.flow.length - 1];
    if (end === void 0) continue;
    const later = hops.get(stepKey(end)) ?? [];
    if (
      later.some(
        (other) =>
          other !== flow &&
          flow.purposes.every((purpose) => other.purposes.includes(purpose)) &&
          flow.unguardedTiers.every((tier) => other.unguardedTiers.includes(tier)),
      )
    ) {
      superseded.add(flow);
    }
  }
  return superseded;
}
function reportEntry(unit, host, personalTypes) {
  const preconditions = [...unit.summary.preconditions, ...unit.external.values()];
  if (preconditions.length === 0) return;
  const probe = new UnitInterpreter(host, unit, true, personalTypes);
  const untraced = /* @__PURE__ */ new Map();
  const reported = /* @__PURE__ */ new Set();
  const placeKey = (precondition) =>
    `${precondition.site.file}:${precondition.site.line}:${precondition.site.column}`;
  for (const precondition of preconditions) {
    const parameter = unit.params[precondition.param];
    if (!parameter) continue;
    const guarded = unit.entryGuards.get(precondition.param);
    if (guarded && precondition.purposes.some((purpose) => guarded.has(purpose))) continue;
    const personal = precondition.subjectOf
      ? [defaultCategory]
      : probe.personalCategoriesOf(parameter.name);
    if (
      precondition.training &&
      personal.length === 0 &&
      precondition.categories === void 0 &&
      unit.callers.size === 0
    ) {
      const found = untraced.get(placeKey(precondition)) ?? { precondition, names: [] };
      found.names.push(ts.isIdentifier(parameter.name) ? parameter.name.text : 'a parameter');
      untraced.set(placeKey(precondition), found);
      continue;
    }
    if ((precondition.via || precondition.stored) && !precondition.subjectOf) continue;
    const categories = precondition.subjectOf
      ? (precondition.subjectOf.categories ?? [defaultCategory])
      : narrowedTo(probe.personalCategoriesOf(parameter.name), precondition.categories);
    if (categories.length === 0) continue;
    reported.add(placeKey(precondition));
    probe.reportPrecondition(precondition, categories);
  }
  for (const [place, { precondition, names }] of untraced) {
    if (reported.has(place)) continue;
    const unique = [...new Set(names)];
    const listed = unique.map((name) => `\`${name}\``).join(', ');
    const one = unique.length === 1;
    const reason = `its data comes from ${listed}, ${one ? 'a parameter' : 'parameters'} of \`${unit.name}\`, which nothing in the project calls and whose ${one ? 'type declares' : 'types declare'} nothing personal`;
    host.emitUntraced({
      location: precondition.site,
      sink: precondition.sink,
      purposes: [...precondition.purposes].sort(),
      reason,
    });
    host.recordSink(precondition.site, { untraced: reason });
  }
}
function narrowedTo(categories, reaching) {
  if (categories.length === 0 || reaching === void 0) return categories;
  const kept = categories.filter((category) => reaching.includes(category));
  return kept.length > 0 ? kept : reaching;
}
function factsKey(taint) {
  return `${taint.facts.possible}:${[...taint.facts.allowed].join(',')}`;
}
function summaryKey(unit) {
  const summary = unit.summary;
  return JSON.stringify([
    summary.preconditions.map((p) => [
      p.param,
      p.purposes,
      p.facts.possible,
      [...p.facts.allowed],
      p.site.line,
      p.site.column,
      p.categories,
    ]),
    summary.returnsCheck,
    summary.returnsTier,
    summary.asserts,
    [...summary.returnsParams].map(([index, facts]) => [index, facts.possible, [...facts.allowed]]),
    [...(summary.returnsParamCategories ?? [])],
    summary.returnsSources.map((taint) => [
      taint.key,
      taint.facts.possible,
      [...taint.facts.allowed],
      taint.categories,
    ]),
    (summary.returnsStored ?? []).map((taint) => [
      taint.key,
      taint.facts.possible,
      [...taint.facts.allowed],
      taint.categories,
      taint.via,
    ]),
    (summary.returnsFiles ?? []).map((file) => [
      file.key,
      file.facts.possible,
      [...file.facts.allowed],
    ]),
    summary.returnsIdentityOf,
    summary.continuesOnlyIf,
    summary.returnsBareOnlyIf,
    summary.continuesByReturnOnlyIf,
    summary.registersGuards,
    summary.registersOn,
    summary.callsHandler,
    [...(summary.callsParams ?? []), ...(summary.callsParamMembers ?? [])].map(([param, calls]) => [
      param,
      calls.facts.map((fact) => [fact.possible, [...fact.allowed]]),
      calls.params,
      calls.sites.length,
    ]),
    summary.returnsPath,
    [...(summary.returnsParamFields ?? [])],
    summary.preconditions.map((p) => p.via),
    summary.preconditions.map((p) => p.stored && [p.stored.constructorId, p.stored.index]),
    (summary.returnsParamStored ?? []).map((entry) => [
      entry.param,
      entry.stored.constructorId,
      entry.stored.index,
      entry.stored.via,
      entry.facts.possible,
      [...entry.facts.allowed],
    ]),
    (summary.writesFiles ?? []).map((write) => [
      write.key,
      write.taints.map((taint) => [taint.key, taint.facts.possible, [...taint.facts.allowed]]),
    ]),
  ]);
}

// src/code/type-oracle.ts
import { dirname as dirname3, join } from 'path';

function createTypeScriptOracle(program, rootPackageDir, libraries) {
  const checker = program.getTypeChecker();
  const types = /* @__PURE__ */ new Map();
  const packageCache = /* @__PURE__ */ new Map();
  const declCache = /* @__PURE__ */ new Map();
  const typeCache = /* @__PURE__ */ new Map();
  const booleanCache = /* @__PURE__ */ new Map();
  const membersCache = /* @__PURE__ */ new Map();
  const partsCache = /* @__PURE__ */ new Map();
  const handle = (type) => {
    if (type === void 0) return void 0;
    const key = type.id;
    types.set(key, type);
    return { key };
  };
  const unwrap2 = (type) => types.get(type.key);
  const symbolOf = (node) => {
    let target = node;
    if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isDecorator(node)) {
      target = node.expression;
    }
    while (ts.isParenthesizedExpression(target) || ts.isNonNullExpression(target)) {
      target = target.expression;
    }
    if (ts.isPropertyAccessExpression(target)) target = target.name;
    let symbol = checker.getSymbolAtLocation(target);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) {
      symbol = checker.getAliasedSymbol(symbol);
    }
    return symbol;
  };
  const rootNames = new Set(program.getRootFileNames());
  const isOutsideDeclaration = (fileName) =>
    /\.d\.[cm]?ts$/.test(fileName) && !rootNames.has(fileName);
  const packageOfDir = (dir) => {
    if (packageCache.has(dir)) return packageCache.get(dir);
    let result;
    if (dir === rootPackageDir) {
      result = void 0;
    } else {
      const text = ts.sys.readFile(join(dir, 'package.json'));
      let name;
      if (text !== void 0) {
        try {
          name = JSON.parse(text).name;
        } catch {
          name = void 0;
        }
      }
      if (typeof name === 'string') {
        result = name;
      } else {
        const parent = dirname3(dir);
        result = parent === dir || dir.endsWith('/node_modules') ? void 0 : packageOfDir(parent);
      }
    }
    packageCache.set(dir, result);
    return result;
  };
  return {
    declarationsOf(node) {
      const cached = declCache.get(node);
      if (cached) return cached;
      const declarations = symbolOf(node)?.declarations ?? [];
      declCache.set(node, declarations);
      return declarations;
    },
    typeDeclarationsOf(node) {
      let target = node;
      if (ts.isCallExpression(node) || ts.isDecorator(node)) target = node.expression;
      const type = checker.getTypeAtLocation(target);
      return type.getSymbol()?.declarations ?? [];
    },
    typeOf(node) {
      if (typeCache.has(node)) return typeCache.get(node);
      const type = handle(checker.getTypeAtLocation(node));
      typeCache.set(node, type);
      return type;
    },
    declarationsOfType(type) {
      const t = unwrap2(type);
      return (t.aliasSymbol?.declarations ?? []).concat(t.getSymbol()?.declarations ?? []);
    },
    membersOf(type) {
      const cached = membersCache.get(type.key);
      if (cached !== void 0) return cached;
      const t = unwrap2(type);
      if (!(t.flags & ts.TypeFlags.Object) && !t.isIntersection()) return [];
      const members = checker.getPropertiesOfType(t).map((property) => {
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        return {
          name: property.name,
          declarations: property.declarations ?? [],
          type: declaration
            ? handle(checker.getTypeOfSymbolAtLocation(property, declaration))
            : void 0,
        };
      });
      membersCache.set(type.key, members);
      return members;
    },
    bindingPropertyDeclarationsOf(element) {
      const key = element.propertyName ?? element.name;
      if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return [];
      const type = checker.getTypeAtLocation(element.parent);
      return type.getProperty(key.text)?.declarations ?? [];
    },
    isOpaque(type) {
      const t = unwrap2(type);
      return (
        (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) !== 0
      );
    },
    isBoolean(type) {
      const cached = booleanCache.get(type.key);
      if (cached !== void 0) return cached;
      const t = unwrap2(type);
      const awaited2 = checker.getAwaitedType(t) ?? t;
      const parts = awaited2.isUnion() ? awaited2.types : [awaited2];
      const boolean = parts.every((part) => (part.flags & ts.TypeFlags.BooleanLike) !== 0);
      booleanCache.set(type.key, boolean);
      return boolean;
    },
    isText(type) {
      const text = (t) =>
        t.isUnion()
          ? t.types.every(text)
          : (t.flags & ts.TypeFlags.StringLike) !== 0 ||
            ((checker.isArrayType(t) || checker.isTupleType(t)) &&
              checker.getTypeArguments(t).every(text));
      return text(unwrap2(type));
    },
    isRecord(type) {
      const t = checker.getNonNullableType(unwrap2(type));
      return (
        (t.flags & ts.TypeFlags.Object) !== 0 &&
        !checker.isArrayType(t) &&
        !checker.isTupleType(t) &&
        t.getCallSignatures().length === 0 &&
        t.getProperties().length > 0
      );
    },
    partsOf(type) {
      const cached = partsCache.get(type.key);
      if (cached !== void 0) return cached;
      const t = unwrap2(type);
      const parts = [];
      if (t.isUnion()) parts.push(...t.types);
      if (checker.isArrayType(t) || checker.isTupleType(t)) {
        parts.push(...checker.getTypeArguments(t));
      }
      const awaited2 = checker.getAwaitedType(t);
      if (awaited2 && awaited2 !== t) parts.push(awaited2);
      const symbolName = t.getSymbol()?.getName();
      if (symbolName !== void 0 && elementTypes.has(symbolName) && t.flags & ts.TypeFlags.Object) {
        parts.push(...checker.getTypeArguments(t));
      }
      const handles = parts.map((part) => handle(part));
      partsCache.set(type.key, handles);
      return handles;
    },
    packageOf(fileName) {
      const owner = packageOfDir(dirname3(fileName));
      if (
        owner === void 0 ||
        fileName.includes('/node_modules/') ||
        isOutsideDeclaration(fileName) ||
        libraries.has(owner)
      ) {
        return owner;
      }
      return void 0;
    },
    isStandardLibrary(fileName) {
      const file = program.getSourceFile(fileName);
      return (
        (file !== void 0 && program.isSourceFileDefaultLibrary(file)) ||
        /\/typescript\/lib\/lib\.[^/]*\.d\.ts$/.test(fileName) ||
        /\/@types\/node\//.test(fileName)
      );
    },
    iterableOperator(call) {
      const signature = checker.getResolvedSignature(call);
      if (!signature) return void 0;
      const operators = checker.getReturnTypeOfSignature(signature).getCallSignatures();
      const operator = operators[0];
      const source = operator?.getParameters()[0];
      if (operators.length !== 1 || operator?.getParameters().length !== 1 || !source) {
        return void 0;
      }
      if (!isIterable(checker.getTypeOfSymbolAtLocation(source, call))) return void 0;
      if (!isIterable(checker.getReturnTypeOfSignature(operator))) return void 0;
      const callbacks = call.arguments.flatMap((argument, index) => {
        const signatures = checker.getTypeAtLocation(argument).getCallSignatures();
        return signatures.length > 0 ? [{ index, signature: signatures[0] }] : [];
      });
      const [callback] = callbacks;
      if (callbacks.length !== 1 || !callback) return void 0;
      const returned = checker.getReturnTypeOfSignature(callback.signature);
      const awaited2 = checker.getAwaitedType(returned) ?? returned;
      const parts = awaited2.isUnion() ? awaited2.types : [awaited2];
      const selects = parts.every((part) => (part.flags & ts.TypeFlags.BooleanLike) !== 0);
      return { callback: callback.index, selects };
    },
    resolvesModule(specifier) {
      return checker.getSymbolAtLocation(specifier) !== void 0;
    },
    exportsOf(fileName) {
      const result = /* @__PURE__ */ new Map();
      const file = program.getSourceFile(fileName);
      const moduleSymbol = file ? checker.getSymbolAtLocation(file) : void 0;
      if (!moduleSymbol) return result;
      for (let symbol of checker.getExportsOfModule(moduleSymbol)) {
        const name = symbol.name;
        if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        result.set(name, [...(symbol.declarations ?? [])]);
      }
      return result;
    },
  };
}
function isIterable(type) {
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((part) =>
    part
      .getProperties()
      .some(
        (property) =>
          property.name.startsWith('__@iterator') || property.name.startsWith('__@asyncIterator'),
      ),
  );
}

// src/code/analyze-code.ts
var CHECKPOINT_EVERY2 = 25;
var ignoredDirectories = /* @__PURE__ */ new Set([
  'node_modules',
  'dist',
  'build',
  'coverage',
  '.git',
]);
var libraryFolder = libFolderInMemoryPath;
async function analyzeProgram(options, onEvent) {
  const root = resolve2(options.root);
  const diagnostics = [];
  const relative = (fileName) => relativePath(root, fileName);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const incomplete = [];
  const checkpoint = options.onCheckpoint ?? (() => {});
  options.onProgress?.({ phase: 'load', done: 0, total: 1 });
  let loaded = loadProgram(options, root, diagnostics, checkpoint, limits, incomplete);
  options.onProgress?.({ phase: 'load', done: 1, total: 1 });
  let bound;
  const standInMapped =
    loaded.standIns > 0 &&
    intersects(
      policyModuleFiles(
        options.policy.policy.code,
        resolve2(options.policy.file),
        loaded.config.compilerOptions,
      ),
      // The model names files by their real path; the program by the path it was given.
      new Set([...(options.standIns?.files.keys() ?? [])].map(realPath)),
    );
  if (!loaded.standInsUnsound && !standInMapped) {
    try {
      bound = bindProgram(options, loaded, root, diagnostics, checkpoint, incomplete);
    } catch (error) {
      if (loaded.standIns === 0 || !(error instanceof UnresolvedMappingError)) throw error;
    }
  }
  let standInFunctions = options.standIns?.functions ?? 0;
  if (bound === void 0) {
    diagnostics.length = 0;
    incomplete.length = 0;
    const { standIns: _, ...whole } = options;
    loaded = loadProgram(whole, root, diagnostics, checkpoint, limits, incomplete);
    bound = bindProgram(whole, loaded, root, diagnostics, checkpoint, incomplete);
    standInFunctions = 0;
  }
  const { oracle, model } = bound;
  if (options.onSourceFile) for (const file of loaded.sourceFiles) options.onSourceFile(file);
  const collected = collectProgramUnits(loaded.sourceFiles, relative, incomplete);
  const analysed = {
    files: loaded.sourceFiles.length + loaded.standIns,
    functions: countFunctions(collected.units) + standInFunctions,
  };
  let shown = '';
  const progress = (step) => {
    if (!options.onProgress) return;
    const at = `${step.phase}\0${step.total === 0 ? 100 : Math.floor((100 * step.done) / step.total)}`;
    if (at === shown) return;
    shown = at;
    options.onProgress({ ...step, analysed });
  };
  const context = {
    root,
    oracle,
    model,
    limits,
    relative,
    progress,
    checkpoint,
    incomplete,
  };
  const linked = linkProgram(context, collected, loaded, options.linkEveryFunction === true);
  const evaluated = evaluateProgram(context, linked, onEvent);
  for (const event of incomplete) onEvent('analysisIncomplete', event);
  const evidence = collectEvidence(evaluated.seen);
  onEvent('evidence', evidenceEvent(options, evidence, relative, analysed.files));
  diagnostics.sort(compareDiagnostics);
  return {
    diagnostics: dedupeDiagnostics(diagnostics),
    evidence,
    stats: analysed,
    externalFiles: externalFilesOf(loaded),
  };
}
function bindProgram(options, loaded, root, diagnostics, checkpoint, incomplete) {
  checkpoint(
    () =>
      loaded.standIns === 0
        ? `before binding the program of ${loaded.sourceFiles.length} files`
        : `before binding the program of ${loaded.sourceFiles.length} of ${loaded.sourceFiles.length + loaded.standIns} files (the others cannot reach a sink)`,
    'binding',
  );
  const oracle = createTypeScriptOracle(loaded.program, root, cataloguePackages());
  reportLoadProblems(loaded.program, loaded.sourceFiles, oracle, root, diagnostics, incomplete);
  const policyFile = resolve2(options.policy.file);
  const model = createCodeModel(
    options.policy.policy,
    policyFile,
    oracle,
    loaded.config.compilerOptions,
  );
  reportUnresolvedMappings(model.unresolved, options.policy, root, diagnostics);
  return { oracle, model };
}
function evidenceEvent(options, evidence, relative, sourceFiles) {
  const policyFile = relative(options.policy.file);
  return {
    evidence,
    policy: options.policy.policy,
    locate: (pointer) => ({
      ...(options.policy.locate(pointer) ?? { line: 1, column: 1 }),
      file: policyFile,
    }),
    wholeProject: options.files === void 0,
    sourceFiles,
    ...(options.shard === void 0 ? {} : { shard: options.shard }),
  };
}
function externalFilesOf(loaded) {
  const projectFiles = new Set(loaded.config.fileNames);
  return loaded.program
    .getSourceFiles()
    .filter((file) => !loaded.libraryFiles.has(file.fileName) && !projectFiles.has(file.fileName))
    .map((file) => file.fileName)
    .sort();
}
function loadProgram(options, root, diagnostics, checkpoint, limits, incomplete) {
  const relative = (fileName) => relativePath(root, fileName);
  const maxFileBytes = limits['file-bytes'];
  const config = readProjectConfig(root, options.tsconfig, diagnostics);
  const compilerOptions = config.compilerOptions;
  const only =
    options.files === void 0
      ? void 0
      : new Set(options.files.map((file) => resolve2(root, file).replace(/\\/g, '/')));
  const fileNames = only ? config.fileNames.filter((name) => only.has(name)) : config.fileNames;
  const skipReexports = new Map(
    [...(options.skipReexports ?? [])].map(([file, specifiers]) => [
      resolve2(root, file).replace(/\\/g, '/'),
      specifiers,
    ]),
  );
  const outside = only
    ? new Set(config.fileNames.filter((name) => !only.has(name)))
    : /* @__PURE__ */ new Set();
  const analysed = [];
  const sizes = /* @__PURE__ */ new Map();
  for (const fileName of fileNames) {
    try {
      const size = statSync(fileName).size;
      sizes.set(fileName, size);
      if (size > maxFileBytes) {
        incomplete.push(
          incompleteFile(relative(fileName), `it has ${size} bytes`, {
            name: 'file-bytes',
            value: maxFileBytes,
          }),
        );
        continue;
      }
      analysed.push(fileName);
    } catch {
      incomplete.push(incompleteFile(relative(fileName), 'it cannot be read'));
    }
  }
  const sourceFiles = [];
  const compilerHost = ts.createCompilerHost(compilerOptions, true);
  compilerHost.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeInfo;
  const libraryFiles = libraryTexts();
  compilerHost.getDefaultLibLocation = () => libraryFolder;
  compilerHost.getDefaultLibFileName = (options2) =>
    `${libraryFolder}/${ts.getDefaultLibFileName(options2)}`;
  const directoryExists = compilerHost.directoryExists?.bind(compilerHost);
  const queries = listedFileQueries(
    {
      fileExists: compilerHost.fileExists.bind(compilerHost),
      directoryExists: (path) => directoryExists?.(path) ?? ts.sys.directoryExists(path),
    },
    ts.sys.useCaseSensitiveFileNames,
  );
  const readFile = compilerHost.readFile.bind(compilerHost);
  compilerHost.fileExists = (fileName) =>
    libraryFiles.has(fileName) || queries.fileExists(fileName);
  compilerHost.directoryExists = (path) => queries.directoryExists(path);
  compilerHost.readFile = (fileName) => libraryFiles.get(fileName) ?? readFile(fileName);
  const readSourceFile = compilerHost.getSourceFile.bind(compilerHost);
  const skipped = /* @__PURE__ */ new Set();
  let parsed = 0;
  compilerHost.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (++parsed % CHECKPOINT_EVERY2 === 0) {
      checkpoint(() => `while parsing (${parsed} files read so far, now ${relative(fileName)})`);
    }
    if (libraryFiles.has(fileName)) return librarySourceFile(fileName, languageVersion);
    if (outside.has(fileName)) return ts.createSourceFile(fileName, '', languageVersion, true);
    const size = () => sizes.get(fileName) ?? ts.sys.getFileSize?.(fileName) ?? 0;
    const standIn = options.standIns?.files.get(fileName);
    if (standIn !== void 0 && size() <= maxFileBytes) {
      return ts.createSourceFile(fileName, standIn, languageVersion, false);
    }
    const skip = skipReexports.get(fileName);
    try {
      if (/\.d\.[cm]?ts$/.test(fileName) && !skip) {
        return readSourceFile(fileName, languageVersion, onError, shouldCreate);
      }
      if (size() > maxFileBytes) {
        return ts.createSourceFile(fileName, '', languageVersion, true);
      }
      const text = usableText(options.readText?.(fileName)) ?? ts.sys.readFile(fileName);
      if (text === void 0) return void 0;
      const limited = parseWithinDepth(
        fileName,
        skip ? blankReexports(text, skip) : text,
        languageVersion,
        limits.depth,
        // The checker's binder sets the parent links of every file it binds.
        false,
      );
      for (const cut of limited.cuts) {
        incomplete.push(incompleteCut(limited.file, relative(fileName), cut));
      }
      return limited.file;
    } catch (error) {
      if (!skipped.has(fileName)) {
        skipped.add(fileName);
        incomplete.push(
          incompleteFile(
            relative(fileName),
            error instanceof RangeError
              ? 'the TypeScript parser ran out of stack (the code nests too deeply; lower --limit depth)'
              : `it cannot be read (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)})`,
          ),
        );
      }
      return ts.createSourceFile(fileName, '', languageVersion, true);
    }
  };
  const program = ts.createProgram({
    rootNames: analysed,
    options: compilerOptions,
    host: compilerHost,
  });
  let standIns = 0;
  let standInsUnsound = false;
  const resolutionCache =
    options.standIns === void 0
      ? void 0
      : ts.createModuleResolutionCache(
          compilerHost.getCurrentDirectory(),
          (name) => compilerHost.getCanonicalFileName(name),
          compilerOptions,
        );
  const declarationFiles = [];
  for (const fileName of analysed) {
    const file = program.getSourceFile(fileName);
    if (file?.isDeclarationFile && !skipped.has(fileName)) declarationFiles.push(file);
    if (!file || file.isDeclarationFile || skipped.has(fileName)) continue;
    if (resolutionCache && options.standIns?.files.has(fileName)) {
      standIns += 1;
      standInsUnsound ||= !importsResolveToModules(program, file, compilerHost, resolutionCache);
    } else {
      sourceFiles.push(file);
    }
  }
  sourceFiles.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  return {
    config,
    program,
    sourceFiles,
    declarationFiles,
    libraryFiles,
    standIns,
    standInsUnsound,
  };
}
function importsResolveToModules(program, file, host, cache) {
  const options = program.getCompilerOptions();
  return loadedImports(file).every((specifier) => {
    const mode = ts.getModeForUsageLocation(file, specifier, options);
    const resolved = ts.resolveModuleName(
      specifier.text,
      file.fileName,
      options,
      host,
      cache,
      void 0,
      mode,
    ).resolvedModule;
    const target = resolved && program.getSourceFile(resolved.resolvedFileName);
    if (target) {
      return /\.(?:d\.)?[cm]?[jt]sx?$/.test(target.fileName) && ts.isExternalModule(target);
    }
    return isExistingAsset(
      specifier.text,
      dirname4(file.fileName),
      Object.keys(options.paths ?? {}),
    );
  });
}
function usableText(text) {
  if (text === void 0) return void 0;
  const first = text.charCodeAt(0);
  return first === 65279 || first === 65533 ? void 0 : text;
}
function intersects(a, b) {
  for (const item of a) if (b.has(item)) return true;
  return false;
}
function realPath(file) {
  try {
    return realpathSync2(file).replaceAll('\\', '/');
  } catch {
    return file;
  }
}
function loadedImports(file) {
  return file.statements.flatMap((statement) =>
    (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
    statement.moduleSpecifier &&
    ts.isStringLiteral(statement.moduleSpecifier)
      ? [statement.moduleSpecifier]
      : [],
  );
}
function reportLoadProblems(program, sourceFiles, oracle, root, diagnostics, incomplete) {
  const relative = (fileName) => relativePath(root, fileName);
  const missingPackages = /* @__PURE__ */ new Set();
  const sinkModules = catalogueSinkApiModules();
  const unseenSinks = /* @__PURE__ */ new Set();
  for (const file of sourceFiles) {
    for (const diagnostic of program.getSyntacticDiagnostics(file).slice(0, 5)) {
      const position = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      diagnostics.push({
        code: 'syntax-error',
        message: `syntax error: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/\.$/, '')}; the file is analysed as far as it parses`,
        file: relative(file.fileName),
        line: position.line + 1,
        column: position.character + 1,
      });
    }
    for (const specifier of loadedImports(file)) {
      if (!oracle.resolvesModule(specifier)) {
        const unresolved = describeUnresolvedImport(specifier.text, sdkPackage, {
          fromDir: dirname4(file.fileName),
          pathPatterns: Object.keys(program.getCompilerOptions().paths ?? {}),
          exists: existsSync2,
        });
        if (unresolved.kind === 'asset' && unresolved.exists) continue;
        const position = file.getLineAndCharacterOfPosition(specifier.getStart(file));
        const bare = specifier.text.replace(/^node:/, '');
        const sinkModule =
          unresolved.kind === 'builtin'
            ? sinkModules.has(bare) || sinkModules.has(bare.split('/')[0])
            : unresolved.kind === 'package' && sinkModules.has(unresolved.name);
        const key = unresolved.kind === 'package' ? unresolved.name : bare;
        if (sinkModule && !unseenSinks.has(key)) {
          unseenSinks.add(key);
          incomplete.push({
            location: {
              file: relative(file.fileName),
              line: position.line + 1,
              column: position.character + 1,
            },
            part: `The import of \`${specifier.text}\``,
            reason:
              unresolved.kind === 'builtin'
                ? "Node's type declarations are missing (install `@types/node` and allow it in the tsconfig's `types`) and the file APIs it names cannot be recognised"
                : `the package is not installed (run \`npm ci\`, or your package manager's install, before the analysis) and the training APIs and uploads it names cannot be recognised`,
          });
        }
        if (unresolved.kind === 'package') {
          if (missingPackages.has(unresolved.name)) continue;
          missingPackages.add(unresolved.name);
        }
        diagnostics.push({
          code: 'module-unresolved',
          message: unresolved.message,
          file: relative(file.fileName),
          line: position.line + 1,
          column: position.character + 1,
        });
      }
    }
  }
  if (missingPackages.size > 0) {
    diagnostics.push({
      code: 'dependencies-missing',
      message: dependenciesMissing(missingPackages, sdkPackage),
      ...(existsSync2(join2(root, 'package.json')) ? { file: 'package.json' } : {}),
    });
  }
}
function collectProgramUnits(sourceFiles, relative, incomplete) {
  let nextId = 0;
  const units = [];
  const unitsByNode = /* @__PURE__ */ new Map();
  const classes = [];
  const typedObjects = [];
  const passingCalls = [];
  const propertyAliases = /* @__PURE__ */ new Set();
  for (const file of sourceFiles) {
    let fileUnits;
    try {
      fileUnits = unitsOf(file, () => nextId++);
    } catch (error) {
      incomplete.push(
        incompleteFile(
          relative(file.fileName),
          `the analysis failed (${error instanceof Error ? error.message : String(error)}); this is a bug in Consentry, please report it`,
        ),
      );
      continue;
    }
    for (const unit of fileUnits) {
      units.push(unit);
      unitsByNode.set(unit.node, unit);
      const parent = unit.node.parent;
      if (
        parent &&
        (ts.isVariableDeclaration(parent) ||
          ts.isPropertyDeclaration(parent) ||
          ts.isPropertyAssignment(parent) ||
          ts.isExportAssignment(parent))
      ) {
        unitsByNode.set(parent, unit);
      }
    }
    walk(file, void 0, (node) => {
      if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) classes.push(node);
      else if (ts.isObjectLiteralExpression(node) && implementedTypeOf(node))
        typedObjects.push(node);
      else if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && mayPassFunction(node)) {
        passingCalls.push(node);
      } else if (
        ts.isPropertyAssignment(node) &&
        ts.isIdentifier(node.initializer) &&
        (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))
      ) {
        propertyAliases.add(node.name.text);
      }
      return void 0;
    });
  }
  return { units, unitsByNode, classes, typedObjects, passingCalls, propertyAliases };
}
function linkProgram(
  context,
  { units, unitsByNode, classes, typedObjects, passingCalls, propertyAliases },
  { sourceFiles, declarationFiles },
  linkEveryFunction,
) {
  const { oracle, model, relative, incomplete } = context;
  const referable = referableNames(unitsByNode, sourceFiles);
  const classifier = new CallClassifier(
    oracle,
    model,
    unitsByNode,
    [...classes, ...typedObjects],
    handOffs(passingCalls, unitsByNode, referable, propertyAliases),
  );
  const unitNames = new Set(units.map((unit) => unit.name.split('.').pop() ?? ''));
  const getterNames = new Set(
    units
      .filter((unit) => ts.isGetAccessorDeclaration(unit.node))
      .map((unit) => unit.name.split('.').pop() ?? '')
      .filter((name) => !isCountField(name)),
  );
  const seeds = /* @__PURE__ */ new Set();
  const emitters = /* @__PURE__ */ new Map();
  const listenersOf = /* @__PURE__ */ new Map();
  const unlinked = unlinkedMethods(model, [...classes, ...typedObjects], [unitNames, referable]);
  const policyDeclarations = [...model.sinks.keys(), ...model.guards.keys()];
  const mayReach = linkEveryFunction
    ? void 0
    : filesThatMayReach(sourceFiles, {
        oracle,
        policyDeclarations,
        declarationFiles,
        sinkPackages: [
          ...model.catalogue.map((entry) => entry.at.package),
          ...policyDeclarations.flatMap(
            (declaration) => oracle.packageOf(declaration.getSourceFile().fileName) ?? [],
          ),
        ],
      });
  const done = /* @__PURE__ */ new Set();
  const link = (unit) => {
    if (done.has(unit)) return;
    done.add(unit);
    try {
      linkCalls(
        unit,
        classifier,
        oracle,
        unitsByNode,
        seeds,
        emitters,
        listenersOf,
        unitNames,
        getterNames,
        referable,
        unlinked,
      );
    } catch (error) {
      incomplete.push(incompleteUnit(unit, error, relative));
    }
  };
  const first = mayReach === void 0 ? units : units.filter((unit) => mayReach.has(unit.file));
  context.progress({ phase: 'call graph', done: 0, total: first.length });
  let linked = 0;
  for (const unit of first) {
    if (++linked % CHECKPOINT_EVERY2 === 0) {
      context.checkpoint(
        () =>
          `while resolving calls (${linked} of ${first.length} functions, now in ${relative(unit.file.fileName)})`,
      );
    }
    link(unit);
  }
  for (const [channel, senders] of emitters) {
    for (const sender of senders) {
      for (const receiver of listenersOf.get(channel) ?? []) {
        if (receiver === sender) continue;
        sender.callees.add(receiver);
        receiver.callers.add(sender);
      }
    }
  }
  const relevant = relevantUnits(units, seeds, classifier, link);
  return {
    units,
    unitsByNode,
    classifier,
    listenersOf,
    order: stronglyConnectedComponents(units),
    relevant,
    personalMemberNames: personalMemberNames(classes, model),
    getterNames,
  };
}
function collectEvidence(seen) {
  const sinks = /* @__PURE__ */ new Map();
  const guards = /* @__PURE__ */ new Map();
  for (const entry of seen) {
    if ('guard' in entry) {
      const guard = entry.guard;
      const key2 = `${guard.file}:${guard.line}:${guard.column}:${guard.purposes.join()}`;
      const previous = guards.get(key2);
      const tiers = [
        .../* @__PURE__ */ new Set([...(previous?.tiers ?? []), ...guard.tiers]),
      ].sort();
      guards.set(key2, { ...(previous ?? guard), tiers });
      continue;
    }
    const { at, seen: what } = entry.sink;
    const key = `${at.file}:${at.line}:${at.column}`;
    const sink = sinks.get(key) ?? {
      at,
      symbol: '',
      sink: '',
      purposes: /* @__PURE__ */ new Set(),
      categories: /* @__PURE__ */ new Set(),
      unguarded: /* @__PURE__ */ new Set(),
    };
    if (what.symbol !== void 0) sink.symbol = what.symbol;
    if (what.sink !== void 0) sink.sink = what.sink;
    for (const purpose of what.purposes ?? []) sink.purposes.add(purpose);
    for (const category of what.categories ?? []) sink.categories.add(category);
    for (const tier of what.unguardedTiers ?? []) sink.unguarded.add(tier);
    if (what.untraced !== void 0) sink.untraced ??= what.untraced;
    sinks.set(key, sink);
  }
  const byPlace = (a, b) =>
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;
  const sinkList = [...sinks.values()]
    .filter((sink) => sink.sink !== '')
    .map((sink) => ({
      file: sink.at.file,
      line: sink.at.line,
      column: sink.at.column,
      symbol: sink.symbol,
      // The record lists every training call: one whose data is not traced says so.
      sink:
        sink.untraced === void 0
          ? sink.sink
          : `${sink.sink}; its data is not traced: ${sink.untraced}`,
      purposes: [...sink.purposes].sort(),
      categories: [...sink.categories].sort(),
      unguardedTiers: [...sink.unguarded].sort(),
    }))
    .sort(byPlace);
  const guardList = [...guards.values()].sort(
    (a, b) => byPlace(a, b) || (a.purposes.join() < b.purposes.join() ? -1 : 1),
  );
  return { sinks: sinkList, guards: guardList };
}
var libraryTextCache;
function libraryTexts() {
  libraryTextCache ??= new Map(
    getLibFiles().map((file) => [`${libraryFolder}/${file.fileName}`, file.text]),
  );
  return libraryTextCache;
}
var librarySourceFiles = /* @__PURE__ */ new Map();
function librarySourceFile(fileName, languageVersion) {
  const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
  let file = librarySourceFiles.get(key);
  if (!file) {
    file = ts.createSourceFile(fileName, libraryTexts().get(fileName) ?? '', languageVersion, true);
    librarySourceFiles.set(key, file);
  }
  return file;
}
function dedupeDiagnostics(diagnostics) {
  const seen = /* @__PURE__ */ new Set();
  return diagnostics.filter((diagnostic) => {
    const key = JSON.stringify(diagnostic);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
var callsBack = /* @__PURE__ */ new Set([
  ...elementMethods.filter((method) => method.linksCallee).map((method) => method.name),
  promiseContinuation,
]);
function linkCalls(
  unit,
  classifier,
  oracle,
  unitsByNode,
  seeds,
  emitters,
  listeners,
  unitNames,
  getterNames,
  referable,
  unlinked,
) {
  const root = ts.isSourceFile(unit.node) ? unit.node : bodyOf(unit.node);
  if (!root) return;
  walk(root, void 0, (node) => {
    if (
      ts.isSourceFile(unit.node) &&
      node !== root &&
      (ts.isFunctionLike(node) || ts.isClassLike(node))
    ) {
      if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
      const inner = unitsByNode.get(node);
      if (inner?.inline) {
        unit.callees.add(inner);
        inner.callers.add(unit);
      }
      if (inner) return false;
    } else if (node !== root && (ts.isArrowFunction(node) || ts.isFunctionExpression(node))) {
      const inner = unitsByNode.get(node);
      if (inner?.inline) {
        unit.callees.add(inner);
        inner.callers.add(unit);
        return false;
      }
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      unlinked.has(node.expression.name.text)
    ) {
      if (writesModuleCollection(node, oracle)) seeds.add(unit);
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      let kind = classifier.classify(node);
      while (kind.kind === 'invoke' || kind.kind === 'bound') kind = kind.target;
      if (
        kind.kind === 'sink' ||
        kind.kind === 'sdk' ||
        (kind.kind === 'file' &&
          (kind.entry.role === 'file-write' ||
            kind.entry.role === 'file-write-handle' ||
            kind.entry.role === 'file-copy' ||
            kind.entry.role === 'stream-pipeline')) ||
        (kind.kind === 'builtin' && writesModuleCollection(node, oracle))
      )
        seeds.add(unit);
      const channel =
        ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)
          ? eventChannelKey(node, node.expression, oracle)
          : void 0;
      if (channel !== void 0) {
        const side = node.expression.getText().endsWith(`.${eventEmitter.emit}`)
          ? emitters
          : listeners;
        const set = side.get(channel) ?? /* @__PURE__ */ new Set();
        set.add(unit);
        side.set(channel, set);
      }
      if (kind.kind === 'project') {
        for (const callee of kind.units) {
          unit.callees.add(callee);
          callee.callers.add(unit);
        }
      }
      for (const [argument, targets] of classifier.functionsHandedBy(node)) {
        for (const target of targets) {
          if (target === unit) continue;
          if (!classifier.handedOff(argument)) target.escapes = true;
          target.referrers.add(unit);
        }
      }
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        pluginMethods.has(node.expression.name.text) &&
        importsFramework(unit.file)
      ) {
        for (const argument of node.arguments) {
          if (!ts.isIdentifier(argument)) continue;
          for (const declaration of oracle.declarationsOf(argument)) {
            for (const target of classifier.scopeSharedUnits(declaration)) {
              target.referrers.add(unit);
            }
          }
        }
      }
    } else if (
      ts.isPropertyAccessExpression(node) &&
      node.expression.kind !== ts.SyntaxKind.ThisKeyword &&
      getterNames.has(node.name.text) &&
      !(ts.isCallExpression(node.parent) && node.parent.expression === node)
    ) {
      for (const declaration of oracle.declarationsOf(node)) {
        const getter = ts.isGetAccessorDeclaration(declaration)
          ? unitsByNode.get(declaration)
          : void 0;
        if (!getter || getter === unit) continue;
        unit.callees.add(getter);
        getter.callers.add(unit);
      }
    } else if (
      (ts.isIdentifier(node) && unitNames.has(node.text)) ||
      (ts.isPropertyAccessExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ThisKeyword &&
        unitNames.has(node.name.text))
    ) {
      const parent = node.parent;
      const isCallee2 =
        parent &&
        (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
        parent.expression === node;
      const isName = parent && ts.isPropertyAccessExpression(parent) && parent.name === node;
      const text = ts.isIdentifier(node) ? node.text : node.name.text;
      if (
        referable.has(text) &&
        !isCallee2 &&
        !isName &&
        !isNotAValueUse(node) &&
        !(ts.isPropertyAccessExpression(parent) && parent.expression === node)
      ) {
        for (const declaration of oracle.declarationsOf(node)) {
          const target = unitsByNode.get(declaration);
          if (!target || target === unit) continue;
          const call = parent && ts.isCallExpression(parent) ? parent : void 0;
          const method =
            call && ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : '';
          if (call && callsBack.has(method)) {
            unit.callees.add(target);
            target.callers.add(unit);
          } else if (!ts.isExportSpecifier(parent) && !ts.isExportAssignment(parent)) {
            if (!classifier.handedOff(node)) target.escapes = true;
            target.referrers.add(unit);
          }
        }
      }
    }
    return void 0;
  });
}
function mayPassFunction(call) {
  return (call.arguments ?? []).some(
    (argument) =>
      ts.isIdentifier(argument) ||
      ts.isPropertyAccessExpression(argument) ||
      ts.isArrowFunction(argument) ||
      ts.isFunctionExpression(argument) ||
      ts.isConditionalExpression(argument) ||
      ts.isCallExpression(argument),
  );
}
function handOffs(calls, unitsByNode, referable, aliases) {
  const mayName = (argument) =>
    unitsByNode.has(argument) ||
    (ts.isIdentifier(argument) && (referable.has(argument.text) || namesParameter(argument))) ||
    (ts.isPropertyAccessExpression(argument) &&
      (referable.has(argument.name.text) || aliases.has(argument.name.text))) ||
    (ts.isConditionalExpression(argument) &&
      (mayName(argument.whenTrue) || mayName(argument.whenFalse))) ||
    bindsProjectMember(argument, referable);
  return calls.filter((call) => (call.arguments ?? []).some(mayName));
}
function bindsProjectMember(argument, referable) {
  if (!ts.isCallExpression(argument) || !ts.isPropertyAccessExpression(argument.expression))
    return false;
  const bound = argument.expression;
  if (!bindingInvokerNames.has(bound.name.text)) return false;
  const target = bound.expression;
  return (
    (ts.isIdentifier(target) && referable.has(target.text)) ||
    (ts.isPropertyAccessExpression(target) && referable.has(target.name.text))
  );
}
function namesParameter(name) {
  for (let node = name.parent; !ts.isSourceFile(node); node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    const parameter = node.parameters.find(
      (candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name.text,
    );
    if (parameter) return parameter.type === void 0 || mayBeFunctionType(parameter.type);
  }
  return false;
}
function mayBeFunctionType(type) {
  if (ts.isParenthesizedTypeNode(type)) return mayBeFunctionType(type.type);
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type))
    return type.types.some(mayBeFunctionType);
  return ts.isFunctionTypeNode(type) || ts.isTypeReferenceNode(type) || ts.isTypeQueryNode(type);
}
function referableNames(unitsByNode, files) {
  const names = /* @__PURE__ */ new Set();
  for (const node of unitsByNode.keys()) {
    const name = node.name;
    if (
      name &&
      (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name))
    ) {
      names.add(name.text);
    }
  }
  for (const file of files) {
    for (const statement of file.statements) {
      if (!ts.isImportDeclaration(statement) || !statement.importClause) continue;
      const clause = statement.importClause;
      if (clause.name) names.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) names.add(element.name.text);
      }
    }
  }
  return names;
}
function personalMemberNames(classes, model) {
  const names = /* @__PURE__ */ new Set();
  const add = (member) => {
    const name = member.name;
    if (
      name &&
      (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name))
    ) {
      names.add(name.text);
    }
  };
  for (const classNode of classes) {
    for (const member of classNode.members) {
      if (ts.canHaveDecorators(member) && (ts.getDecorators(member)?.length ?? 0) > 0) add(member);
    }
  }
  for (const declaration of model.sources.keys()) {
    add(declaration);
    if (ts.isClassLike(declaration) || ts.isInterfaceDeclaration(declaration)) {
      for (const member of declaration.members) add(member);
    } else if (ts.isTypeAliasDeclaration(declaration) && ts.isTypeLiteralNode(declaration.type)) {
      for (const member of declaration.type.members) add(member);
    }
  }
  return names;
}
function isNotAValueUse(node) {
  const parent = node.parent;
  if (!parent) return true;
  if (parent.name === node && !ts.isPropertyAccessExpression(parent)) return true;
  return (
    ts.isImportClause(parent) ||
    ts.isImportSpecifier(parent) ||
    ts.isNamespaceImport(parent) ||
    ts.isExportSpecifier(parent) ||
    ts.isExportAssignment(parent) ||
    ts.isTypeReferenceNode(parent) ||
    ts.isTypeQueryNode(parent) ||
    ts.isQualifiedName(parent) ||
    ts.isExpressionWithTypeArguments(parent)
  );
}
function relevantUnits(units, seeds, classifier, link) {
  const start = new Set(seeds);
  for (const unit of units) {
    if (ts.isSourceFile(unit.node) || !ts.canHaveDecorators(unit.node)) continue;
    const decorated = (ts.getDecorators(unit.node) ?? []).some((decorator) => {
      const call = decorator.expression;
      return ts.isCallExpression(call) && classifier.sdkNameOf(call.expression) !== void 0;
    });
    if (decorated) start.add(unit);
  }
  const sinkClasses = new Set(
    [...start].map((unit) => unit.classNode).filter((node) => node !== void 0),
  );
  for (const unit of units) if (unit.classNode && sinkClasses.has(unit.classNode)) start.add(unit);
  const reaching = /* @__PURE__ */ new Set();
  const up = [...start];
  while (up.length > 0) {
    const unit = up.pop();
    if (reaching.has(unit)) continue;
    reaching.add(unit);
    up.push(...unit.callers, ...unit.referrers);
  }
  const relevant = /* @__PURE__ */ new Set();
  const down = [...reaching];
  while (down.length > 0) {
    const unit = down.pop();
    if (relevant.has(unit)) continue;
    relevant.add(unit);
    link(unit);
    down.push(...unit.callees);
  }
  return relevant;
}
function stronglyConnectedComponents(units) {
  const index = /* @__PURE__ */ new Map();
  const low = /* @__PURE__ */ new Map();
  const onStack = /* @__PURE__ */ new Set();
  const stack = [];
  const result = [];
  let counter = 0;
  const connect = (start) => {
    const work = [];
    const open = (unit) => {
      index.set(unit, counter);
      low.set(unit, counter);
      counter++;
      stack.push(unit);
      onStack.add(unit);
      work.push({ unit, callees: [...unit.callees].sort((a, b) => a.id - b.id), next: 0 });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.next < frame.callees.length) {
        const callee = frame.callees[frame.next++];
        if (!index.has(callee)) open(callee);
        else if (onStack.has(callee))
          low.set(frame.unit, Math.min(low.get(frame.unit), index.get(callee)));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.unit, Math.min(low.get(parent.unit), low.get(frame.unit)));
      if (low.get(frame.unit) === index.get(frame.unit)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.unit);
        result.push(component.sort((a, b) => a.id - b.id));
      }
    }
  };
  for (const unit of units) if (!index.has(unit)) connect(unit);
  return result;
}
function readProjectConfig(root, tsconfig, diagnostics) {
  const fallbackOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    allowImportingTsExtensions: true,
  };
  const configPath = resolve2(root, tsconfig ?? 'tsconfig.json');
  const configName = relativePath(root, configPath);
  if (!existsSync2(configPath)) {
    diagnostics.push({
      code: 'tsconfig-missing',
      message: `${configName} not found; analysing every TypeScript file under the directory with default options`,
    });
    return { compilerOptions: fallbackOptions, fileNames: listSourceFiles(root) };
  }
  const parsed = readProjectConfigFile(configPath, configPath);
  for (const warning of parsed.warnings) {
    diagnostics.push({
      code: 'tsconfig-invalid',
      message: `${warning}; continuing with the options that parsed`,
      file: configName,
    });
  }
  const sources = sourceFilePattern(parsed.options);
  const fileNames = parsed.fileNames.filter((fileName) => sources.test(fileName));
  return {
    compilerOptions: { ...parsed.options, noEmit: true },
    fileNames: fileNames.length > 0 ? fileNames : listSourceFiles(root),
  };
}
function listSourceFiles(root) {
  const sources = sourceFilePattern({});
  const found = [];
  const walk2 = (dir, depth) => {
    if (depth > 20) return;
    let entries;
    try {
      entries = readdirSync2(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || ignoredDirectories.has(entry.name)) continue;
      const path = join2(dir, entry.name);
      if (entry.isDirectory()) walk2(path, depth + 1);
      else if (entry.isFile() && sources.test(entry.name)) found.push(path);
    }
  };
  walk2(root, 0);
  return found;
}
function blankReexports(text, specifiers) {
  const skipped = new Set(specifiers);
  return text.replace(
    /\bexport\s*(?:type\s+)?(?:\*(?:\s*as\s+[\p{L}_$][\p{L}\p{N}_$]*)?|\{[^}]*\})\s*from\s*(['"])([^'"\n]+)\1\s*;?/gu,
    (statement, _quote, specifier) =>
      skipped.has(specifier) ? statement.replace(/[^\n]/g, ' ') : statement,
  );
}
function countFunctions(units) {
  return units.filter((unit) => !ts.isSourceFile(unit.node)).length;
}
function reportUnresolvedMappings(unresolved, policy, root, diagnostics) {
  const required = unresolved.filter((mapping) => !mapping.optional);
  if (required.length > 0) {
    throw new UnresolvedMappingError(
      required.map((mapping) => {
        const at = policy.locate(mapping.pointer) ?? { line: 1, column: 1 };
        return {
          file: policy.file,
          line: at.line,
          column: at.column,
          pointer: mapping.pointer,
          message: `${mapping.pointer}: ${mapping.reason} The mapping names nothing in the project, so what it maps would go unchecked; correct it, or mark it \`optional: true\` if only some builds have that code.`,
        };
      }),
    );
  }
  for (const mapping of unresolved) {
    const at = policy.locate(mapping.pointer);
    diagnostics.push({
      code: 'policy-mapping-unresolved',
      message: `${mapping.pointer}: ${mapping.reason} The mapping is optional and names nothing in the project, so it is ignored.`,
      file: relativePath(root, resolve2(policy.file)),
      ...(at === void 0 ? {} : { line: at.line, column: at.column }),
    });
  }
}
function writesModuleCollection(call, oracle) {
  const callee = call.expression;
  return (
    ts.isPropertyAccessExpression(callee) &&
    collectionWriters.has(callee.name.text) &&
    ts.isIdentifier(callee.expression) &&
    moduleCollectionKey(callee.expression, (node) => oracle.declarationsOf(node)) !== void 0
  );
}
function unlinkedMethods(model, implementers, projectNames) {
  const named = new Set(catalogueNames());
  for (const names of projectNames) for (const name of names) named.add(name);
  for (const declaration of implementers) {
    const members = ts.isObjectLiteralExpression(declaration)
      ? declaration.properties
      : declaration.members;
    for (const member of members) {
      const name = member.name;
      if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) named.add(name.text);
    }
  }
  for (const mapped of [model.sinks, model.guards, model.sanitizers, model.sources]) {
    for (const declaration of mapped.keys()) {
      const name = declaration.name;
      if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) named.add(name.text);
    }
  }
  for (const entry of model.catalogue) {
    for (const word of entry.at.path.split('.')) named.add(word);
  }
  return new Set([...inertMethods].filter((name) => !named.has(name)));
}

// src/analyze-code.ts
function analyzeCode(options) {
  return runCodeAnalysis(options);
}
async function runCodeAnalysis(options) {
  const findings = /* @__PURE__ */ new Map();
  const listening = (options.rules ?? codeRules).map((rule) =>
    rule.create({
      report(descriptor) {
        const location = descriptor.location;
        if (!location) return;
        const { message, detail } = describeReport(rule, descriptor);
        const finding = {
          ruleId: rule.id,
          severity: descriptor.severity ?? rule.meta.severity,
          message,
          ...(detail === void 0 ? {} : { detail }),
          ...location,
          ...(descriptor.purpose !== void 0 ? { purpose: descriptor.purpose } : {}),
          ...(descriptor.tiers !== void 0 ? { tiers: descriptor.tiers } : {}),
          ...(descriptor.flow !== void 0 ? { flow: descriptor.flow } : {}),
          ...(descriptor.shardVote !== void 0 ? { shardVote: descriptor.shardVote } : {}),
          origin: 'code',
        };
        const key = `${rule.id}:${location.file}:${location.line}:${location.column}:${descriptor.purpose ?? ''}`;
        if (!findings.has(key)) findings.set(key, finding);
      },
    }),
  );
  const analysis = await analyzeProgram(options, (event, payload) => {
    for (const listeners of listening) {
      const listener = listeners[event];
      listener?.(payload);
    }
  });
  let result = [...findings.values()];
  if (options.onlyFiles) {
    const only = new Set(options.onlyFiles.map((file) => file.replace(/\\/g, '/')));
    result = result.filter(
      (finding) =>
        only.has(finding.file) || (finding.flow ?? []).some((step) => only.has(step.file)),
    );
  }
  result.sort(compareFindings);
  return { findings: result, ...analysis };
}

export { analyzeCode, runCodeAnalysis };
//# sourceMappingURL=chunk-P76B5KA3.js.map
