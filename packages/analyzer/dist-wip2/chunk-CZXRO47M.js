import { compareText } from '@consentry/policy';
// src/init/inference.ts
import { readFileSync, statSync } from 'fs';
import { readFile, stat } from 'fs/promises';
import { dirname, join, relative, resolve, sep } from 'path';
import {
  aiVendors,
  chatMessageSdks,
  chatMessageSdksOfModule,
  trainingApis,
} from './chunk-DZXWLWQC.js';
import { ts } from './chunk-ENMR6OK3.js';
import { accessChain, findPrismaSchemaFiles, parsePrismaSchema } from './chunk-IPARGZ6Q.js';
import { scriptKindOf } from './chunk-LLBBEWGM.js';
import { classifyFieldName, splitWords, toPolicyId } from './chunk-RLRRM5WI.js';
import { listProjectFiles } from './chunk-Z4AZA2Z5.js';

// src/init/vendors.ts
var VENDOR_SDKS = aiVendors.map((vendor) => ({
  package: vendor.package,
  vendor: vendor.vendor,
  inferenceApis: vendor.modelCalls,
}));
var KNOWN_APIS = [
  ...trainingApis.map((entry) => ({
    package: entry.package,
    path: entry.path,
    call: entry.call,
    kind: 'training',
    name: entry.name,
    catalogueId: entry.id,
    ...(entry.when === void 0 ? {} : { when: entry.when }),
  })),
  ...VENDOR_SDKS.flatMap((sdk) =>
    sdk.inferenceApis.map((path) => ({
      package: sdk.package,
      path,
      call: 'call',
      kind: 'inference',
      name: `${sdk.vendor} ${path}`,
    })),
  ),
];
function vendorOfModule(specifier) {
  return VENDOR_SDKS.find(
    (sdk) => specifier === sdk.package || specifier.startsWith(`${sdk.package}/`),
  );
}

// src/init/scan-code.ts
var DRIZZLE_TABLES = /* @__PURE__ */ new Set(['pgTable', 'sqliteTable', 'mysqlTable']);
var DRIZZLE_STRING_COLUMNS = /* @__PURE__ */ new Set([
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
var NEXT_ROUTE = /(?:^|\/)app\/((?:.*\/)?)route\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
var CHAT_WORDS = /* @__PURE__ */ new Set([
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
function scanSourceFile(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
  const at = (node, reason) => ({
    file,
    line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
    reason,
  });
  const vendorImports = [];
  const chatImports = [];
  const importedNames = /* @__PURE__ */ new Map();
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
  const calls = [];
  const drizzleTables = [];
  const routes = [];
  const tierCandidates = [];
  const visit = (node) => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const match = matchApi(node, importedNames, localPackages);
      if (match) {
        calls.push({
          package: match.api.package,
          call: {
            package: match.api.package,
            api: match.api.path,
            kind: match.api.kind,
            ...(match.api.catalogueId === void 0 ? {} : { catalogueId: match.api.catalogueId }),
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
function matchApi(node, importedNames, localPackages) {
  const names = accessChain(node.expression);
  if (names.length === 0) return void 0;
  const written = names.join('.');
  const candidates = [];
  for (const api of KNOWN_APIS) {
    if ((api.call === 'construct') !== ts.isNewExpression(node)) continue;
    const path = api.path.split('.');
    if (path.length > 1) {
      if (names.length <= path.length || !endsWith(names, path)) continue;
    } else {
      const [only] = path;
      const direct =
        names.length === 1 && names[0] === only && importedFrom(importedNames, only, api.package);
      const method =
        names.length > 1 && names[names.length - 1] === only && localPackages.has(api.package);
      if (!direct && !method) continue;
    }
    if (api.when !== void 0) {
      const literal = optionLiteral(node.arguments?.[api.when.argument], api.when.option);
      if (literal !== void 0 && literal !== api.when.equals) continue;
      candidates.push({
        api,
        reason:
          literal === void 0
            ? `\`${written}(\u2026)\` may be ${api.name}: its ${api.when.option} is not a literal`
            : `\`${written}({ ${api.when.option}: '${literal}' })\` is ${api.name}`,
      });
      continue;
    }
    candidates.push({
      api,
      reason: `\`${written}(\u2026)\` is ${api.kind === 'training' ? api.name : `a model call (${api.name})`}`,
    });
  }
  return candidates.find((candidate) => localPackages.has(candidate.api.package)) ?? candidates[0];
}
function importedFrom(importedNames, name, pkg) {
  const module = importedNames.get(name);
  return module !== void 0 && (module === pkg || module.startsWith(`${pkg}/`));
}
function endsWith(names, path) {
  const offset = names.length - path.length;
  return path.every((segment, index) => names[offset + index] === segment);
}
function optionLiteral(argument, option) {
  if (argument === void 0 || !ts.isObjectLiteralExpression(argument)) return void 0;
  for (const property of argument.properties) {
    if (
      ts.isPropertyAssignment(property) &&
      propertyName(property.name) === option &&
      ts.isStringLiteralLike(property.initializer)
    ) {
      return property.initializer.text;
    }
  }
  return void 0;
}
function propertyName(name) {
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : void 0;
}
function stringUnion(type) {
  const members = ts.isUnionTypeNode(type) ? type.types : [type];
  const literals = [];
  for (const member of members) {
    if (!ts.isLiteralTypeNode(member) || !ts.isStringLiteral(member.literal)) return [];
    literals.push(member.literal);
  }
  return literals.length >= 2 ? literals : [];
}
function tierCandidatesOf(node, at) {
  const fromLiterals = (name, source, literals, reason) => ({
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
                : void 0;
          return value === void 0
            ? []
            : [{ value, evidence: at(member, `member of the enum ${node.name.text}`) }];
        }),
      },
    ];
  }
  if ((ts.isPropertySignature(node) || ts.isPropertyDeclaration(node)) && node.type) {
    const name = propertyName(node.name);
    const values = stringUnion(node.type);
    return name === void 0 || values.length === 0
      ? []
      : [fromLiterals(name, 'field', values, `value of the field ${name}`)];
  }
  if (ts.isPropertyAssignment(node)) {
    const name = propertyName(node.name);
    const values = zodEnumValues(node.initializer);
    return name === void 0 || values === void 0
      ? []
      : [fromLiterals(name, 'field', values, `value of the field ${name}`)];
  }
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
    const name = node.name.text;
    const prices = stripePrices(node.initializer);
    if (prices !== void 0) {
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
    if (entitlements !== void 0) {
      return [
        {
          name,
          source: 'entitlements',
          values: entitlements.map(({ key, price }) => ({
            value: propertyName(key) ?? '',
            evidence: at(key, `a plan of the entitlement map ${name}`),
            ...(price === void 0 ? {} : { paid: price > 0 }),
          })),
        },
      ];
    }
    const zod = zodEnumValues(node.initializer);
    if (zod !== void 0) {
      return [
        fromLiterals(name.replace(/_?schema$/i, ''), 'enum', zod, `value of the enum ${name}`),
      ];
    }
    const values = constantValues(node.initializer);
    if (values !== void 0) {
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
function derivedConstants(source) {
  const names = /* @__PURE__ */ new Set();
  const visit = (node) => {
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
function zodEnumValues(expression) {
  if (
    !ts.isCallExpression(expression) ||
    !ts.isPropertyAccessExpression(expression.expression) ||
    expression.expression.name.text !== 'enum' ||
    expression.arguments.length !== 1
  ) {
    return void 0;
  }
  const [list] = expression.arguments;
  if (!list || !ts.isArrayLiteralExpression(list)) return void 0;
  const values = list.elements.filter(ts.isStringLiteralLike);
  return values.length >= 2 && values.length === list.elements.length ? values : void 0;
}
function stripePrices(initializer) {
  const object = unwrap(initializer);
  if (!ts.isObjectLiteralExpression(object) || object.properties.length === 0) return void 0;
  const keys = [];
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) || propertyName(property.name) === void 0) {
      return void 0;
    }
    const value = unwrap(property.initializer);
    const isPrice =
      (ts.isStringLiteralLike(value) && /^price_\w+$/.test(value.text)) ||
      (ts.isPropertyAccessExpression(value) &&
        /price/i.test(value.name.text) &&
        value.expression.getText() === 'process.env');
    if (!isPrice) return void 0;
    keys.push(property.name);
  }
  return keys;
}
var ENTITLEMENT_WORDS = /* @__PURE__ */ new Set([
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
var PRICE_FIELDS = /* @__PURE__ */ new Set([
  'price',
  'monthlyprice',
  'pricemonthly',
  'amount',
  'monthly',
]);
function entitlementMap(declaration) {
  const object = unwrap(declaration.initializer);
  if (!ts.isObjectLiteralExpression(object) || object.properties.length < 2) return void 0;
  const name = ts.isIdentifier(declaration.name) ? declaration.name.text : '';
  const words = splitWords(name);
  const last = words[words.length - 1] ?? '';
  const annotation = declaration.type;
  const keyedByPlan =
    annotation !== void 0 &&
    ts.isTypeReferenceNode(annotation) &&
    annotation.typeName.getText() === 'Record' &&
    annotation.typeArguments?.[0] !== void 0 &&
    ts.isTypeReferenceNode(annotation.typeArguments[0]) &&
    /(?:plan|tier|subscription)$/i.test(annotation.typeArguments[0].typeName.getText());
  const named = ENTITLEMENT_WORDS.has(last) || ['plan', 'plans', 'tier', 'tiers'].includes(last);
  if (!keyedByPlan && !named) return void 0;
  const plans = [];
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) || propertyName(property.name) === void 0) {
      return void 0;
    }
    const value = unwrap(property.initializer);
    if (ts.isNumericLiteral(value)) {
      plans.push({ key: property.name });
    } else if (ts.isObjectLiteralExpression(value)) {
      let price;
      for (const field of value.properties) {
        if (
          ts.isPropertyAssignment(field) &&
          PRICE_FIELDS.has((propertyName(field.name) ?? '').toLowerCase()) &&
          ts.isNumericLiteral(unwrap(field.initializer))
        ) {
          price = Number(unwrap(field.initializer).text);
        }
      }
      plans.push(price === void 0 ? { key: property.name } : { key: property.name, price });
    } else {
      return void 0;
    }
  }
  return plans;
}
function unwrap(expression) {
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
function constantValues(initializer) {
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
  const values = [];
  if (ts.isArrayLiteralExpression(current)) {
    for (const element of current.elements) {
      if (!ts.isStringLiteralLike(element)) return void 0;
      values.push(element);
    }
    return values.length >= 2 ? { literals: values, enumLike: false } : void 0;
  }
  if (ts.isObjectLiteralExpression(current) && asConst) {
    for (const property of current.properties) {
      if (!ts.isPropertyAssignment(property) || !ts.isStringLiteralLike(property.initializer)) {
        return void 0;
      }
      values.push(property.initializer);
    }
    return values.length >= 2 ? { literals: values, enumLike: true } : void 0;
  }
  return void 0;
}
function drizzleTablesOf(statement, file, at, importedNames) {
  if (!ts.isVariableStatement(statement)) return [];
  const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  if (!exported) return [];
  const tables = [];
  for (const declaration of statement.declarationList.declarations) {
    const call = declaration.initializer;
    if (!ts.isIdentifier(declaration.name) || !call || !ts.isCallExpression(call)) continue;
    const builder = call.expression;
    if (!ts.isIdentifier(builder) || !DRIZZLE_TABLES.has(builder.text)) continue;
    if (!importedFrom(importedNames, builder.text, 'drizzle-orm')) continue;
    const [nameArgument, columnsArgument] = call.arguments;
    const columns = objectOf(columnsArgument);
    if (!columns) continue;
    const fields = [];
    for (const property of columns.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const name = propertyName(property.name);
      const column = columnBuilder(property.initializer);
      if (name === void 0 || column === void 0 || !DRIZZLE_STRING_COLUMNS.has(column)) continue;
      const match = classifyFieldName(name);
      if (match === void 0) continue;
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
function kyselyTablesOf(source, file, at) {
  const interfaces = /* @__PURE__ */ new Map();
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, statement);
  }
  const tables = [];
  for (const database of interfaces.values()) {
    const members = database.members.filter(ts.isPropertySignature);
    const tableOf = (member) =>
      member.type &&
      ts.isTypeReferenceNode(member.type) &&
      ts.isIdentifier(member.type.typeName) &&
      member.type.typeName.text !== database.name.text
        ? interfaces.get(member.type.typeName.text)
        : void 0;
    if (members.length === 0 || members.length !== database.members.length) continue;
    if (!members.every((member) => tableOf(member) !== void 0)) continue;
    for (const member of members) {
      const table = tableOf(member);
      const tableName = propertyName(member.name);
      if (tableName === void 0) continue;
      const fields = [];
      for (const column of table.members) {
        if (!ts.isPropertySignature(column) || !column.type) continue;
        const name = propertyName(column.name);
        if (name === void 0 || !/\b(?:string|Json|JSON)\b/.test(column.type.getText(source)))
          continue;
        const match = classifyFieldName(name);
        if (match === void 0) continue;
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
function objectOf(argument) {
  let current = argument;
  if (current && ts.isArrowFunction(current)) {
    current = ts.isBlock(current.body) ? void 0 : current.body;
  }
  while (current && ts.isParenthesizedExpression(current)) current = current.expression;
  return current && ts.isObjectLiteralExpression(current) ? current : void 0;
}
function columnBuilder(expression) {
  let current = expression;
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
  return void 0;
}
function routePath(directory) {
  const segments = directory
    .split('/')
    .filter((segment) => segment !== '' && !/^\(.*\)$/.test(segment));
  return `/${segments.join('/')}`;
}
function nextPostRoute(source, path, at) {
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement)
      ? ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    if (!exported) continue;
    let handler;
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
    if (reads === void 0) continue;
    return toRoute(
      'nextjs',
      path,
      reads.fields,
      at(reads.node, `Next.js POST handler of ${path} reads \`${request.text}.json()\``),
      at,
    );
  }
  return void 0;
}
function expressRoute(call, at) {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'post') return void 0;
  const [pathArgument] = call.arguments;
  const handler = call.arguments[call.arguments.length - 1];
  if (!pathArgument || !ts.isStringLiteralLike(pathArgument) || !handler) return void 0;
  if (!ts.isArrowFunction(handler) && !ts.isFunctionExpression(handler)) return void 0;
  const request = handler.parameters[0]?.name;
  if (!request || !ts.isIdentifier(request)) return void 0;
  const reads = bodyReads(
    handler.body,
    (node) =>
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'body' &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === request.text,
  );
  if (reads === void 0) return void 0;
  const path = pathArgument.text;
  return toRoute(
    'express',
    path,
    reads.fields,
    at(reads.node, `Express POST handler of ${path} reads \`${request.text}.body\``),
    at,
  );
}
function bodyReads(body, isRead) {
  let first;
  const fields = [];
  const holders = /* @__PURE__ */ new Set();
  const visit = (node) => {
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
  return first === void 0 ? void 0 : { node: first, fields };
}
function holderOf(node) {
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
    : void 0;
}
function toRoute(framework, path, read, evidence, at) {
  const fields = [...new Set(read.map((field) => field.name))].sort();
  const personalFields = [];
  const seen = /* @__PURE__ */ new Set();
  for (const field of read) {
    const match = classifyFieldName(field.name);
    if (match === void 0 || seen.has(field.name)) continue;
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

// src/init/inference.ts
var EXPRESS_BODY = { module: 'express-serve-static-core', export: 'Request.body' };
var PRISMA_STRING_TYPES = /* @__PURE__ */ new Set(['String', 'Json']);
var TIER_NAME_WORDS = /* @__PURE__ */ new Set([
  'plan',
  'plans',
  'tier',
  'tiers',
  'subscription',
  'subscriptions',
]);
var RESOLUTION = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};
var MAX_FILE_BYTES = 1e6;
async function inferProject(root) {
  const base = resolve(root);
  const problems = [];
  const models = [];
  const tierCandidates = [];
  const schemas = [];
  for (const file of findPrismaSchemaFiles(base)) {
    const text = await readFile(join(base, file), 'utf8').catch(() => void 0);
    if (text === void 0) {
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
    .find(({ entry }) => entry.output !== void 0);
  const module =
    generator?.entry.output === void 0
      ? '@prisma/client'
      : toModulePath(
          relative(base, resolve(base, dirname(generator.file), generator.entry.output)),
        );
  for (const { file: schemaFile, schema } of schemas) {
    for (const model of schema.models) {
      const fields = [];
      for (const field of model.fields) {
        if (!PRISMA_STRING_TYPES.has(field.type)) continue;
        const match = classifyFieldName(field.name);
        if (match === void 0) continue;
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
  const scans = [];
  for (const file of await listProjectFiles(base)) {
    try {
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
  const vendors = /* @__PURE__ */ new Map();
  for (const scan of scans) {
    for (const use of scan.vendorImports) {
      const entry = vendors.get(use.package) ?? { vendor: use.vendor, imports: [] };
      entry.imports.push(use.evidence);
      vendors.set(use.package, entry);
    }
  }
  const importedPackages = new Set(vendors.keys());
  const chatImports = /* @__PURE__ */ new Map();
  for (const use of scans
    .flatMap((scan) => scan.chatImports)
    .sort((a, b) => compareEvidence(a.evidence, b.evidence))) {
    if (!chatImports.has(use.package)) chatImports.set(use.package, use.evidence);
  }
  const chatSdks = [];
  for (const [name, evidence] of chatImports) {
    for (const row of chatMessageSdks.filter((entry) => entry.package === name)) {
      if (resolvesInPackage(base, name, row.module))
        chatSdks.push({ package: name, module: row.module, evidence });
    }
  }
  const calls = [];
  for (const scan of scans) {
    for (const call of scan.calls) {
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
function isTierTypeName(name) {
  const words = splitWords(name);
  return words.length > 0 && TIER_NAME_WORDS.has(words[words.length - 1]);
}
function chooseTiers(candidates) {
  const named = (candidate) =>
    candidate.values.length >= 2 &&
    (candidate.source === 'entitlements' ||
      ((candidate.source === 'union' ||
        candidate.source === 'enum' ||
        candidate.source === 'field') &&
        isTierTypeName(candidate.name)));
  const prices = candidates.filter((candidate) => candidate.source === 'prices');
  const chosen = candidates.some(named) ? candidates.filter(named) : prices;
  const tiers = /* @__PURE__ */ new Map();
  const ordered = chosen
    .flatMap((candidate) => candidate.values)
    .sort((a, b) => compareEvidence(a.evidence, b.evidence));
  for (const value of ordered) {
    const id = toPolicyId(value.value);
    if (id !== void 0 && !tiers.has(id)) {
      tiers.set(id, { id, value: value.value, evidence: value.evidence });
    }
  }
  const paidEvidence = [...candidates]
    .filter((candidate) => candidate.source === 'prices' || candidate.source === 'entitlements')
    .flatMap((candidate) => candidate.values)
    .filter((value) => value.paid !== void 0)
    .sort((a, b) => compareEvidence(a.evidence, b.evidence));
  return [...tiers.values()].map((tier) => {
    const match = paidEvidence.find((value) => {
      const id = toPolicyId(value.value);
      return id === tier.id || id?.startsWith(`${tier.id}-`) === true;
    });
    return match === void 0
      ? tier
      : { ...tier, paid: { value: match.paid === true, evidence: match.evidence } };
  });
}
function resolvesInPackage(root, name, module) {
  const target = ts.resolveModuleName(module, join(root, 'package.json'), RESOLUTION, ts.sys)
    .resolvedModule?.resolvedFileName;
  if (target === void 0) return false;
  for (let dir = root; ; dir = dirname(dir)) {
    const installed = join(dir, 'node_modules', name);
    if (ts.sys.fileExists(join(installed, 'package.json'))) {
      return resolve(target).startsWith(`${installed}${sep}`);
    }
    if (dirname(dir) === dir) return false;
  }
}
async function isDirectory(path) {
  return (await stat(path).catch(() => void 0))?.isDirectory() === true;
}
function toModulePath(path) {
  const normal = path.replaceAll('\\', '/').replace(/\.(?:[cm]?ts|tsx)$/, '');
  return normal.startsWith('.') ? normal : `./${normal}`;
}
function compareEvidence(a, b) {
  return compareText(a.file, b.file) || a.line - b.line || compareText(a.reason, b.reason);
}

export { inferProject, isTierTypeName, VENDOR_SDKS };
//# sourceMappingURL=chunk-CZXRO47M.js.map
