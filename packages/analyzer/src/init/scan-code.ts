import { ts } from 'ts-morph';
import { chatMessageSdksOfModule } from '../catalogue/chat-messages.js';
import { accessChain } from '../code/access-chain.js';
import { scriptKindOf } from '../code/source-files.js';
import type {
  Evidence,
  InferredCall,
  InferredField,
  InferredModel,
  InferredRoute,
} from './inferred.js';
import { classifyFieldName, splitWords } from './personal-fields.js';
import { KNOWN_APIS, type KnownApi, vendorOfModule } from './vendors.js';

/**
 * Where plan names may come from: a string union, an enum (TypeScript, Prisma, zod, or an
 * enum-like `as const` object), a `plan`/`tier` field's type, a map of plan entitlements, a map of
 * Stripe prices, or a plain constant list (which counts only when a plan type is derived from it).
 */
export type TierSource = 'union' | 'enum' | 'field' | 'entitlements' | 'prices' | 'constant';

/** A type, enum, field or map whose values may be plan names, before the name filter. */
export interface TierCandidate {
  readonly name: string;
  readonly source: TierSource;
  readonly values: readonly {
    readonly value: string;
    readonly evidence: Evidence;
    /** Whether users pay for the plan, when the billing code says (a price, or a price of 0). */
    readonly paid?: boolean;
  }[];
}

/** What one source file tells `init`, before the project-wide filters. */
export interface CodeScan {
  readonly vendorImports: readonly {
    readonly package: string;
    readonly vendor: string;
    readonly evidence: Evidence;
  }[];
  /** Imports of AI SDKs whose chat-message types the catalogue knows, by package. */
  readonly chatImports: readonly { readonly package: string; readonly evidence: Evidence }[];
  /** Calls that look like vendor API calls; they count when the project imports the package. */
  readonly calls: readonly { readonly package: string; readonly call: InferredCall }[];
  readonly drizzleTables: readonly InferredModel[];
  /** Tables of a Kysely `DB` interface (`interface DB { logged_requests: LoggedRequestTable }`). */
  readonly kyselyTables: readonly InferredModel[];
  readonly routes: readonly InferredRoute[];
  readonly tierCandidates: readonly TierCandidate[];
}

const DRIZZLE_TABLES = new Set(['pgTable', 'sqliteTable', 'mysqlTable']);
const DRIZZLE_STRING_COLUMNS = new Set([
  'text',
  'varchar',
  'char',
  'json',
  'jsonb',
  'tinytext',
  'mediumtext',
  'longtext',
  'citext',
]);
const NEXT_ROUTE = /(?:^|\/)app\/((?:.*\/)?)route\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const CHAT_WORDS = new Set([
  'chat',
  'chats',
  'message',
  'messages',
  'conversation',
  'conversations',
  'completion',
  'completions',
  'prompt',
  'prompts',
]);

/** Reads one source file's syntax (no type checker, nothing run) for what `init` infers. */
export function scanSourceFile(file: string, text: string): CodeScan {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
  const at = (node: ts.Node, reason: string): Evidence => ({
    file,
    line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
    reason,
  });

  const vendorImports: CodeScan['vendorImports'][number][] = [];
  const chatImports: CodeScan['chatImports'][number][] = [];
  /** Local names bound by imports, to the module they come from. */
  const importedNames = new Map<string, string>();
  let importsExpress = false;
  let importsDrizzle = false;
  let importsKysely = false;
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
      continue;
    }
    const specifier = statement.moduleSpecifier.text;
    if (specifier === 'express') importsExpress = true;
    if (specifier === 'drizzle-orm' || specifier.startsWith('drizzle-orm/')) importsDrizzle = true;
    if (specifier === 'kysely') importsKysely = true;
    const clause = statement.importClause;
    if (clause?.name) importedNames.set(clause.name.text, specifier);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings))
      importedNames.set(bindings.name.text, specifier);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        importedNames.set(element.name.text, specifier);
      }
    }
    const chatSdk = chatMessageSdksOfModule(specifier)[0];
    if (chatSdk) {
      chatImports.push({
        package: chatSdk.package,
        evidence: at(
          statement,
          `imports ${specifier}, whose chat messages are conversation content`,
        ),
      });
    }
    const sdk = vendorOfModule(specifier);
    if (sdk) {
      vendorImports.push({
        package: sdk.package,
        vendor: sdk.vendor,
        evidence: at(statement, `imports ${specifier} (${sdk.vendor}'s SDK)`),
      });
    }
  }
  const localPackages = new Set(vendorImports.map((use) => use.package));

  const calls: CodeScan['calls'][number][] = [];
  const drizzleTables: InferredModel[] = [];
  const routes: InferredRoute[] = [];
  const tierCandidates: TierCandidate[] = [];

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const match = matchApi(node, importedNames, localPackages);
      if (match) {
        calls.push({
          package: match.api.package,
          call: {
            package: match.api.package,
            api: match.api.path,
            kind: match.api.kind,
            ...(match.api.catalogueId === undefined ? {} : { catalogueId: match.api.catalogueId }),
            evidence: at(node, match.reason),
          },
        });
      }
      if (ts.isCallExpression(node) && importsExpress) {
        const route = expressRoute(node, at);
        if (route) routes.push(route);
      }
    }
    tierCandidates.push(...tierCandidatesOf(node, at));
    ts.forEachChild(node, visit);
  };
  visit(source);
  // A constant list counts as an enum when a plan type is derived from it (`typeof PLANS[number]`).
  const derived = derivedConstants(source);
  for (const [index, candidate] of tierCandidates.entries()) {
    if (candidate.source === 'constant' && derived.has(candidate.name)) {
      tierCandidates[index] = { ...candidate, source: 'enum' };
    }
  }

  if (importsDrizzle) {
    for (const statement of source.statements) {
      drizzleTables.push(...drizzleTablesOf(statement, file, at, importedNames));
    }
  }
  const kyselyTables = importsKysely ? kyselyTablesOf(source, file, at) : [];
  const nextRoute = NEXT_ROUTE.exec(file);
  if (nextRoute) {
    const route = nextPostRoute(source, routePath(nextRoute[1] ?? ''), at);
    if (route) routes.push(route);
  }
  return { vendorImports, chatImports, calls, drizzleTables, kyselyTables, routes, tierCandidates };
}

/** Matches a call or `new` against the known vendor APIs. */
function matchApi(
  node: ts.CallExpression | ts.NewExpression,
  importedNames: ReadonlyMap<string, string>,
  localPackages: ReadonlySet<string>,
): { api: KnownApi; reason: string } | undefined {
  const names = accessChain(node.expression);
  if (names.length === 0) return undefined;
  const written = names.join('.');
  const candidates: { api: KnownApi; reason: string }[] = [];
  for (const api of KNOWN_APIS) {
    if ((api.call === 'construct') !== ts.isNewExpression(node)) continue;
    const path = api.path.split('.');
    if (path.length > 1) {
      // A distinctive path (`fineTuning.jobs.create`) on any receiver.
      if (names.length <= path.length || !endsWith(names, path)) continue;
    } else {
      // A bare name (`commit`, `chat`) counts only when this file imports it or the package.
      const [only] = path;
      const direct =
        names.length === 1 && names[0] === only && importedFrom(importedNames, only!, api.package);
      const method =
        names.length > 1 && names[names.length - 1] === only && localPackages.has(api.package);
      if (!direct && !method) continue;
    }
    if (api.when !== undefined) {
      const literal = optionLiteral(node.arguments?.[api.when.argument], api.when.option);
      if (literal !== undefined && literal !== api.when.equals) continue;
      candidates.push({
        api,
        reason:
          literal === undefined
            ? `\`${written}(…)\` may be ${api.name}: its ${api.when.option} is not a literal`
            : `\`${written}({ ${api.when.option}: '${literal}' })\` is ${api.name}`,
      });
      continue;
    }
    candidates.push({
      api,
      reason: `\`${written}(…)\` is ${api.kind === 'training' ? api.name : `a model call (${api.name})`}`,
    });
  }
  // Two vendors with one path (OpenAI's and Together's `chat.completions.create`): the one imported here wins.
  return candidates.find((candidate) => localPackages.has(candidate.api.package)) ?? candidates[0];
}

function importedFrom(
  importedNames: ReadonlyMap<string, string>,
  name: string,
  pkg: string,
): boolean {
  const module = importedNames.get(name);
  return module !== undefined && (module === pkg || module.startsWith(`${pkg}/`));
}

function endsWith(names: readonly string[], path: readonly string[]): boolean {
  const offset = names.length - path.length;
  return path.every((segment, index) => names[offset + index] === segment);
}

/** The string literal of `option` in an object literal argument, if written as one. */
function optionLiteral(argument: ts.Expression | undefined, option: string): string | undefined {
  if (argument === undefined || !ts.isObjectLiteralExpression(argument)) return undefined;
  for (const property of argument.properties) {
    if (
      ts.isPropertyAssignment(property) &&
      propertyName(property.name) === option &&
      ts.isStringLiteralLike(property.initializer)
    ) {
      return property.initializer.text;
    }
  }
  return undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : undefined;
}

/** The string literals of a union of string literal types (`'free' | 'pro'`); empty otherwise. */
function stringUnion(type: ts.TypeNode): ts.StringLiteral[] {
  const members = ts.isUnionTypeNode(type) ? type.types : [type];
  const literals: ts.StringLiteral[] = [];
  for (const member of members) {
    if (!ts.isLiteralTypeNode(member) || !ts.isStringLiteral(member.literal)) return [];
    literals.push(member.literal);
  }
  return literals.length >= 2 ? literals : [];
}

/** The plan-name candidates a node declares, if any. */
function tierCandidatesOf(
  node: ts.Node,
  at: (node: ts.Node, reason: string) => Evidence,
): TierCandidate[] {
  const fromLiterals = (
    name: string,
    source: TierSource,
    literals: readonly ts.StringLiteralLike[],
    reason: string,
  ): TierCandidate => ({
    name,
    source,
    values: literals.map((literal) => ({ value: literal.text, evidence: at(literal, reason) })),
  });
  if (ts.isTypeAliasDeclaration(node)) {
    const values = stringUnion(node.type);
    return values.length === 0
      ? []
      : [
          fromLiterals(
            node.name.text,
            'union',
            values,
            `member of the union type ${node.name.text}`,
          ),
        ];
  }
  if (ts.isEnumDeclaration(node)) {
    return [
      {
        name: node.name.text,
        source: 'enum',
        values: node.members.flatMap((member) => {
          const value =
            member.initializer && ts.isStringLiteralLike(member.initializer)
              ? member.initializer.text
              : ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)
                ? member.name.text
                : undefined;
          return value === undefined
            ? []
            : [{ value, evidence: at(member, `member of the enum ${node.name.text}`) }];
        }),
      },
    ];
  }
  // A field of a plan type: `plan: 'free' | 'pro'` in an interface, class or type literal.
  if ((ts.isPropertySignature(node) || ts.isPropertyDeclaration(node)) && node.type) {
    const name = propertyName(node.name);
    const values = stringUnion(node.type);
    return name === undefined || values.length === 0
      ? []
      : [fromLiterals(name, 'field', values, `value of the field ${name}`)];
  }
  // A zod field: `plan: z.enum(['free', 'pro'])` in an object schema.
  if (ts.isPropertyAssignment(node)) {
    const name = propertyName(node.name);
    const values = zodEnumValues(node.initializer);
    return name === undefined || values === undefined
      ? []
      : [fromLiterals(name, 'field', values, `value of the field ${name}`)];
  }
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
    const name = node.name.text;
    const prices = stripePrices(node.initializer);
    if (prices !== undefined) {
      return [
        {
          name,
          source: 'prices',
          values: prices.map((key) => ({
            value: propertyName(key) ?? '',
            evidence: at(key, `has a Stripe price in ${name}`),
            paid: true,
          })),
        },
      ];
    }
    const entitlements = entitlementMap(node);
    if (entitlements !== undefined) {
      return [
        {
          name,
          source: 'entitlements',
          values: entitlements.map(({ key, price }) => ({
            value: propertyName(key) ?? '',
            evidence: at(key, `a plan of the entitlement map ${name}`),
            ...(price === undefined ? {} : { paid: price > 0 }),
          })),
        },
      ];
    }
    const zod = zodEnumValues(node.initializer);
    if (zod !== undefined) {
      return [
        fromLiterals(name.replace(/_?schema$/i, ''), 'enum', zod, `value of the enum ${name}`),
      ];
    }
    const values = constantValues(node.initializer);
    if (values !== undefined) {
      return [
        fromLiterals(
          name,
          values.enumLike ? 'enum' : 'constant',
          values.literals,
          `value of the constant ${name}`,
        ),
      ];
    }
  }
  return [];
}

/** Names of constants a type is derived from: `type Plan = (typeof PLANS)[number]`. */
function derivedConstants(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIndexedAccessTypeNode(node)) {
      let object = node.objectType;
      while (ts.isParenthesizedTypeNode(object)) object = object.type;
      if (ts.isTypeQueryNode(object) && ts.isIdentifier(object.exprName)) {
        names.add(object.exprName.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** The values of zod's `z.enum(['free', 'pro'])`; undefined for anything else. */
function zodEnumValues(expression: ts.Expression): ts.StringLiteralLike[] | undefined {
  if (
    !ts.isCallExpression(expression) ||
    !ts.isPropertyAccessExpression(expression.expression) ||
    expression.expression.name.text !== 'enum' ||
    expression.arguments.length !== 1
  ) {
    return undefined;
  }
  const [list] = expression.arguments;
  if (!list || !ts.isArrayLiteralExpression(list)) return undefined;
  const values = list.elements.filter(ts.isStringLiteralLike);
  return values.length >= 2 && values.length === list.elements.length ? values : undefined;
}

/**
 * The plan keys of a map of Stripe prices: every value is a price id (`'price_…'`) or an
 * environment variable named for a price (`process.env.STRIPE_PRO_PRICE_ID`).
 */
function stripePrices(initializer: ts.Expression): ts.PropertyName[] | undefined {
  const object = unwrap(initializer);
  if (!ts.isObjectLiteralExpression(object) || object.properties.length === 0) return undefined;
  const keys: ts.PropertyName[] = [];
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) || propertyName(property.name) === undefined) {
      return undefined;
    }
    const value = unwrap(property.initializer);
    const isPrice =
      (ts.isStringLiteralLike(value) && /^price_\w+$/.test(value.text)) ||
      (ts.isPropertyAccessExpression(value) &&
        /price/i.test(value.name.text) &&
        value.expression.getText() === 'process.env');
    if (!isPrice) return undefined;
    keys.push(property.name);
  }
  return keys;
}

/** Variable names of plan entitlement maps: `PLAN_LIMITS`, `tierFeatures`, `entitlements`. */
const ENTITLEMENT_WORDS = new Set([
  'limit',
  'limits',
  'entitlement',
  'entitlements',
  'feature',
  'features',
  'quota',
  'quotas',
  'pricing',
]);
const PRICE_FIELDS = new Set(['price', 'monthlyprice', 'pricemonthly', 'amount', 'monthly']);

/**
 * The plans of an entitlement map: an object with two or more plans as keys and, for each, an
 * object of limits or features (or one number), named for plans or entitlements, or typed
 * `Record<Plan, …>`; with each plan's price when the map says (`price: 0`).
 */
function entitlementMap(
  declaration: ts.VariableDeclaration,
): { key: ts.PropertyName; price?: number }[] | undefined {
  const object = unwrap(declaration.initializer!);
  if (!ts.isObjectLiteralExpression(object) || object.properties.length < 2) return undefined;
  const name = ts.isIdentifier(declaration.name) ? declaration.name.text : '';
  const words = splitWords(name);
  const last = words[words.length - 1] ?? '';
  const annotation = declaration.type;
  const keyedByPlan =
    annotation !== undefined &&
    ts.isTypeReferenceNode(annotation) &&
    annotation.typeName.getText() === 'Record' &&
    annotation.typeArguments?.[0] !== undefined &&
    ts.isTypeReferenceNode(annotation.typeArguments[0]) &&
    /(?:plan|tier|subscription)$/i.test(annotation.typeArguments[0].typeName.getText());
  const named = ENTITLEMENT_WORDS.has(last) || ['plan', 'plans', 'tier', 'tiers'].includes(last);
  if (!keyedByPlan && !named) return undefined;
  const plans: { key: ts.PropertyName; price?: number }[] = [];
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) || propertyName(property.name) === undefined) {
      return undefined;
    }
    const value = unwrap(property.initializer);
    if (ts.isNumericLiteral(value)) {
      plans.push({ key: property.name });
    } else if (ts.isObjectLiteralExpression(value)) {
      let price: number | undefined;
      for (const field of value.properties) {
        if (
          ts.isPropertyAssignment(field) &&
          PRICE_FIELDS.has((propertyName(field.name) ?? '').toLowerCase()) &&
          ts.isNumericLiteral(unwrap(field.initializer))
        ) {
          price = Number((unwrap(field.initializer) as ts.NumericLiteral).text);
        }
      }
      plans.push(price === undefined ? { key: property.name } : { key: property.name, price });
    } else {
      return undefined;
    }
  }
  return plans;
}

function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isParenthesizedExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/**
 * The string values of a constant that may list plans: a list (`['free', 'pro'] as const`), or
 * an enum-like object (`{ Free: 'free', Pro: 'pro' } as const`).
 */
function constantValues(
  initializer: ts.Expression,
): { readonly literals: ts.StringLiteralLike[]; readonly enumLike: boolean } | undefined {
  let current = initializer;
  let asConst = false;
  while (
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isParenthesizedExpression(current)
  ) {
    if (ts.isAsExpression(current) && current.type.getText() === 'const') asConst = true;
    current = current.expression;
  }
  const values: ts.StringLiteralLike[] = [];
  if (ts.isArrayLiteralExpression(current)) {
    for (const element of current.elements) {
      if (!ts.isStringLiteralLike(element)) return undefined;
      values.push(element);
    }
    return values.length >= 2 ? { literals: values, enumLike: false } : undefined;
  }
  if (ts.isObjectLiteralExpression(current) && asConst) {
    // Only the enum-like `{ Free: 'free' } as const`: a plain object of strings is usually a record.
    for (const property of current.properties) {
      if (!ts.isPropertyAssignment(property) || !ts.isStringLiteralLike(property.initializer)) {
        return undefined;
      }
      values.push(property.initializer);
    }
    return values.length >= 2 ? { literals: values, enumLike: true } : undefined;
  }
  return undefined;
}

/** `export const messages = pgTable('messages', { content: text('content') })`. */
function drizzleTablesOf(
  statement: ts.Statement,
  file: string,
  at: (node: ts.Node, reason: string) => Evidence,
  importedNames: ReadonlyMap<string, string>,
): InferredModel[] {
  if (!ts.isVariableStatement(statement)) return [];
  const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  if (!exported) return [];
  const tables: InferredModel[] = [];
  for (const declaration of statement.declarationList.declarations) {
    const call = declaration.initializer;
    if (!ts.isIdentifier(declaration.name) || !call || !ts.isCallExpression(call)) continue;
    const builder = call.expression;
    if (!ts.isIdentifier(builder) || !DRIZZLE_TABLES.has(builder.text)) continue;
    if (!importedFrom(importedNames, builder.text, 'drizzle-orm')) continue;
    const [nameArgument, columnsArgument] = call.arguments;
    const columns = objectOf(columnsArgument);
    if (!columns) continue;
    const fields: InferredField[] = [];
    for (const property of columns.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const name = propertyName(property.name);
      const column = columnBuilder(property.initializer);
      if (name === undefined || column === undefined || !DRIZZLE_STRING_COLUMNS.has(column))
        continue;
      const match = classifyFieldName(name);
      if (match === undefined) continue;
      fields.push({
        name,
        kind: match.kind,
        evidence: at(
          property,
          `Drizzle column ${declaration.name.text}.${name} (${column}): the name contains "${match.word}"`,
        ),
      });
    }
    if (fields.length === 0) continue;
    tables.push({
      orm: 'drizzle',
      name: declaration.name.text,
      table:
        nameArgument && ts.isStringLiteralLike(nameArgument)
          ? nameArgument.text
          : declaration.name.text,
      module: `./${file.replace(/\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/, '')}`,
      fields,
      evidence: at(
        declaration,
        `Drizzle table ${declaration.name.text} (${builder.text}) has columns that look personal`,
      ),
    });
  }
  return tables;
}

/**
 * The tables of a Kysely database interface, in a file that imports from `kysely`: an interface
 * each of whose members names another interface of the file (`interface DB { accounts:
 * AccountTable }`); each table's text columns whose names look personal.
 */
function kyselyTablesOf(
  source: ts.SourceFile,
  file: string,
  at: (node: ts.Node, reason: string) => Evidence,
): InferredModel[] {
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, statement);
  }
  const tables: InferredModel[] = [];
  for (const database of interfaces.values()) {
    const members = database.members.filter(ts.isPropertySignature);
    const tableOf = (member: ts.PropertySignature) =>
      member.type &&
      ts.isTypeReferenceNode(member.type) &&
      ts.isIdentifier(member.type.typeName) &&
      member.type.typeName.text !== database.name.text
        ? interfaces.get(member.type.typeName.text)
        : undefined;
    if (members.length === 0 || members.length !== database.members.length) continue;
    if (!members.every((member) => tableOf(member) !== undefined)) continue;
    for (const member of members) {
      const table = tableOf(member)!;
      const tableName = propertyName(member.name);
      if (tableName === undefined) continue;
      const fields: InferredField[] = [];
      for (const column of table.members) {
        if (!ts.isPropertySignature(column) || !column.type) continue;
        const name = propertyName(column.name);
        if (name === undefined || !/\b(?:string|Json|JSON)\b/.test(column.type.getText(source)))
          continue;
        const match = classifyFieldName(name);
        if (match === undefined) continue;
        fields.push({
          name,
          kind: match.kind,
          evidence: at(
            column,
            `Kysely column ${tableName}.${name} (${table.name.text}): the name contains "${match.word}"`,
          ),
        });
      }
      if (fields.length === 0) continue;
      tables.push({
        orm: 'kysely',
        name: table.name.text,
        table: tableName,
        module: `./${file.replace(/\.(?:[cm]?ts|tsx)$/, '')}`,
        fields,
        evidence: at(
          member,
          `Kysely table ${tableName} (${database.name.text}.${tableName}) has columns that look personal`,
        ),
      });
    }
  }
  return tables;
}

/** The columns object: written inline, or returned by a `(t) => ({ … })` callback. */
function objectOf(argument: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  let current = argument;
  if (current && ts.isArrowFunction(current)) {
    current = ts.isBlock(current.body) ? undefined : current.body;
  }
  while (current && ts.isParenthesizedExpression(current)) current = current.expression;
  return current && ts.isObjectLiteralExpression(current) ? current : undefined;
}

/** `text('content').notNull()` → `text`; `t.varchar({ length: 9 })` → `varchar`. */
function columnBuilder(expression: ts.Expression): string | undefined {
  let current: ts.Expression = expression;
  while (ts.isCallExpression(current) || ts.isPropertyAccessExpression(current)) {
    if (ts.isCallExpression(current)) {
      const callee = current.expression;
      if (ts.isIdentifier(callee)) return callee.text;
      if (ts.isPropertyAccessExpression(callee) && !ts.isCallExpression(callee.expression)) {
        return callee.name.text;
      }
      current = callee;
    } else {
      current = current.expression;
    }
  }
  return undefined;
}

/** `app/api/(chat)/chat/` → `/api/chat`: route groups in parentheses do not show in the URL. */
function routePath(directory: string): string {
  const segments = directory
    .split('/')
    .filter((segment) => segment !== '' && !/^\(.*\)$/.test(segment));
  return `/${segments.join('/')}`;
}

/** A Next.js `POST` route handler that reads `req.json()`. */
function nextPostRoute(
  source: ts.SourceFile,
  path: string,
  at: (node: ts.Node, reason: string) => Evidence,
): InferredRoute | undefined {
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement)
      ? ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    if (!exported) continue;
    let handler: ts.FunctionLikeDeclaration | undefined;
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === 'POST') handler = statement;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const initializer = declaration.initializer;
        if (
          ts.isIdentifier(declaration.name) &&
          declaration.name.text === 'POST' &&
          initializer &&
          (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))
        ) {
          handler = initializer;
        }
      }
    }
    const request = handler?.parameters[0]?.name;
    if (!handler?.body || !request || !ts.isIdentifier(request)) continue;
    const reads = bodyReads(
      handler.body,
      (node) =>
        ts.isCallExpression(node) &&
        node.arguments.length === 0 &&
        ts.isPropertyAccessExpression(node.expression) &&
        node.expression.name.text === 'json' &&
        ts.isIdentifier(node.expression.expression) &&
        node.expression.expression.text === request.text,
    );
    if (reads === undefined) continue;
    return toRoute(
      'nextjs',
      path,
      reads.fields,
      at(reads.node, `Next.js POST handler of ${path} reads \`${request.text}.json()\``),
      at,
    );
  }
  return undefined;
}

/** An Express `app.post('/path', …, (req, res) => …)` whose handler reads `req.body`. */
function expressRoute(
  call: ts.CallExpression,
  at: (node: ts.Node, reason: string) => Evidence,
): InferredRoute | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'post') return undefined;
  const [pathArgument] = call.arguments;
  const handler = call.arguments[call.arguments.length - 1];
  if (!pathArgument || !ts.isStringLiteralLike(pathArgument) || !handler) return undefined;
  if (!ts.isArrowFunction(handler) && !ts.isFunctionExpression(handler)) return undefined;
  const request = handler.parameters[0]?.name;
  if (!request || !ts.isIdentifier(request)) return undefined;
  const reads = bodyReads(
    handler.body,
    (node) =>
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'body' &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === request.text,
  );
  if (reads === undefined) return undefined;
  const path = pathArgument.text;
  return toRoute(
    'express',
    path,
    reads.fields,
    at(reads.node, `Express POST handler of ${path} reads \`${request.text}.body\``),
    at,
  );
}

/** Finds the first body read in a handler and the field names read from it. */
function bodyReads(
  body: ts.Node,
  isRead: (node: ts.Node) => boolean,
): { node: ts.Node; fields: { name: string; node: ts.Node }[] } | undefined {
  let first: ts.Node | undefined;
  const fields: { name: string; node: ts.Node }[] = [];
  const holders = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (isRead(node)) {
      first ??= node;
      const holder = holderOf(node);
      if (holder && ts.isObjectBindingPattern(holder)) {
        for (const element of holder.elements) {
          const name = element.propertyName ?? element.name;
          if (ts.isIdentifier(name)) fields.push({ name: name.text, node: element });
        }
      } else if (holder && ts.isIdentifier(holder)) {
        holders.add(holder.text);
      } else if (ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node) {
        fields.push({ name: node.parent.name.text, node: node.parent });
      }
    }
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      holders.has(node.expression.text)
    ) {
      fields.push({ name: node.name.text, node });
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return first === undefined ? undefined : { node: first, fields };
}

/** The variable a body read is assigned to, through `await`, parentheses and `as`. */
function holderOf(node: ts.Node): ts.BindingName | undefined {
  let current = node;
  while (
    ts.isAwaitExpression(current.parent) ||
    ts.isParenthesizedExpression(current.parent) ||
    ts.isAsExpression(current.parent) ||
    ts.isSatisfiesExpression(current.parent)
  ) {
    current = current.parent;
  }
  return ts.isVariableDeclaration(current.parent) && current.parent.initializer === current
    ? current.parent.name
    : undefined;
}

function toRoute(
  framework: 'nextjs' | 'express',
  path: string,
  read: readonly { name: string; node: ts.Node }[],
  evidence: Evidence,
  at: (node: ts.Node, reason: string) => Evidence,
): InferredRoute {
  const fields = [...new Set(read.map((field) => field.name))].sort();
  const personalFields: InferredField[] = [];
  const seen = new Set<string>();
  for (const field of read) {
    const match = classifyFieldName(field.name);
    if (match === undefined || seen.has(field.name)) continue;
    seen.add(field.name);
    personalFields.push({
      name: field.name,
      kind: match.kind,
      evidence: at(
        field.node,
        `request body field ${field.name}: the name contains "${match.word}"`,
      ),
    });
  }
  const chat =
    splitWords(path).some((word) => CHAT_WORDS.has(word)) ||
    personalFields.some((field) => field.kind === 'conversation-content');
  return { framework, method: 'POST', path, chat, fields, personalFields, evidence };
}
