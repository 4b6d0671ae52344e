import { aiVendors, chatMessageSdks, trainingApis } from './chunk-DZXWLWQC.js';
import { ts } from './chunk-ENMR6OK3.js';

// src/catalogue/builtins.ts
var elementMethods = [
  { name: 'map', role: 'transform', linksCallee: true },
  { name: 'flatMap', role: 'transform', linksCallee: true },
  { name: 'forEach', role: 'visit', linksCallee: true },
  { name: 'filter', role: 'select', linksCallee: true },
  { name: 'find', role: 'select', linksCallee: true },
  { name: 'findLast', role: 'select', linksCallee: false },
  { name: 'some', role: 'visit', linksCallee: true },
  { name: 'every', role: 'visit', linksCallee: true },
  { name: 'reduce', role: 'fold', linksCallee: true },
  { name: 'sort', role: 'reorder', linksCallee: false },
  { name: 'toSorted', role: 'reorder', linksCallee: false },
];
var elementMethodsByName = new Map(elementMethods.map((method) => [method.name, method]));
function elementMethod(name) {
  return elementMethodsByName.get(name);
}
var tableValues = { path: 'Object.values' };
var elementTypes = /* @__PURE__ */ new Set([
  'Map',
  'Set',
  'ReadonlyArray',
  'ReadonlyMap',
  'ReadonlySet',
  'Iterable',
]);
var collectionConstructors = /* @__PURE__ */ new Set(['Array', 'Map', 'Set']);
var collectionWriters = /* @__PURE__ */ new Set([
  'push',
  'unshift',
  'add',
  'set',
  'append',
  'enqueue',
  'write',
]);
var inertMethods = /* @__PURE__ */ new Set([
  ...elementMethods.map((method) => method.name),
  ...collectionWriters,
  ...['get', 'has', 'includes', 'delete', 'clear', 'keys', 'values', 'entries', 'at'],
  ...['slice', 'splice', 'concat', 'indexOf', 'lastIndexOf', 'findIndex', 'fill', 'reverse'],
  ...['shift', 'pop', 'flat', 'toReversed', 'with', 'join', 'split', 'trim', 'trimStart'],
  ...['trimEnd', 'padStart', 'padEnd', 'toLowerCase', 'toUpperCase', 'replace', 'replaceAll'],
  ...['startsWith', 'endsWith', 'substring', 'charAt', 'charCodeAt', 'localeCompare', 'repeat'],
  ...['normalize', 'match', 'matchAll', 'test', 'exec', 'toString', 'toFixed', 'valueOf'],
  ...['toISOString', 'toJSON', 'getTime', 'getFullYear', 'stringify', 'parse', 'isArray'],
  ...['max', 'min', 'floor', 'ceil', 'round', 'abs', 'random', 'now', 'log', 'warn', 'error'],
  ...['info', 'debug', 'catch', 'finally', 'hasOwnProperty'],
]);
var membershipMethods = /* @__PURE__ */ new Set(['includes', 'has']);
var promiseContinuation = 'then';
var promiseTypeName = 'Promise';
var promiseCombinator = 'all';
var functionTypes = ['Function', 'CallableFunction', 'NewableFunction'];
var functionInvokers = [
  { name: 'call', owners: functionTypes, thisArgument: 0, passesFrom: 1 },
  { name: 'apply', owners: functionTypes, thisArgument: 0, passesFrom: 1, asArray: true },
  { name: 'bind', owners: functionTypes, thisArgument: 0, passesFrom: 1, binds: true },
];
var callingInvokerNames = new Set(
  functionInvokers.filter((invoker) => !invoker.binds).map((invoker) => invoker.name),
);
var bindingInvokerNames = new Set(
  functionInvokers.filter((invoker) => invoker.binds).map((invoker) => invoker.name),
);
function functionInvoker(name, owner) {
  if (owner === void 0) return void 0;
  return functionInvokers.find((entry) => entry.name === name && entry.owners.includes(owner));
}
var objectAssign = { path: 'Object.assign', name: 'assign' };
var eventEmitter = {
  emit: 'emit',
  listen: /* @__PURE__ */ new Set(['on', 'once', 'addListener', 'prependListener']),
};
var environmentObjects = /* @__PURE__ */ new Set(['process.env', 'import.meta.env', 'Bun.env']);
var ownerFields = /* @__PURE__ */ new Set([
  'id',
  'user',
  'userId',
  'owner',
  'ownerId',
  'author',
  'authorId',
  'subject',
  'subjectId',
  'customer',
  'customerId',
  'account',
  'accountId',
]);
var recordIdFields = ['id', 'userId'];
var tierFields = /* @__PURE__ */ new Set(['tier', 'plan', 'tierId', 'planId']);
var idName = /(^id$|Id$|_id$)/;

// src/catalogue/file-apis.ts
var write = (module, name) => ({
  module,
  name,
  role: 'file-write',
  path: 0,
  data: [1],
});
var read = (module, name) => ({
  module,
  name,
  role: 'file-read',
  path: 0,
});
var fileApis = [
  write('fs', 'writeFile'),
  write('fs', 'writeFileSync'),
  write('fs', 'appendFile'),
  write('fs', 'appendFileSync'),
  write('fs/promises', 'writeFile'),
  write('fs/promises', 'appendFile'),
  read('fs', 'readFile'),
  read('fs', 'readFileSync'),
  read('fs', 'createReadStream'),
  read('fs', 'openAsBlob'),
  read('fs/promises', 'readFile'),
  { module: 'fs', name: 'createWriteStream', role: 'file-write-handle', path: 0 },
  { module: 'fs/promises', name: 'open', role: 'file-write-handle', path: 0 },
  { module: 'fs', name: 'copyFile', role: 'file-copy', from: 0, path: 1 },
  { module: 'fs', name: 'copyFileSync', role: 'file-copy', from: 0, path: 1 },
  { module: 'fs', name: 'renameSync', role: 'file-copy', from: 0, path: 1 },
  { module: 'fs', name: 'rename', role: 'file-copy', from: 0, path: 1 },
  { module: 'fs/promises', name: 'copyFile', role: 'file-copy', from: 0, path: 1 },
  { module: 'fs/promises', name: 'rename', role: 'file-copy', from: 0, path: 1 },
  { module: 'os', name: 'tmpdir', role: 'temp-dir' },
  { module: 'fs', name: 'mkdtemp', role: 'temp-dir-create' },
  { module: 'fs', name: 'mkdtempSync', role: 'temp-dir-create' },
  { module: 'fs/promises', name: 'mkdtemp', role: 'temp-dir-create' },
  { module: 'path', name: 'join', role: 'path-join' },
  { module: 'path', name: 'resolve', role: 'path-join' },
  { module: 'stream', name: 'pipeline', role: 'stream-pipeline' },
  { module: 'stream/promises', name: 'pipeline', role: 'stream-pipeline' },
];
function fileApiOf(module, name) {
  const bare = module.replace(/^node:/, '');
  return fileApis.find((entry) => entry.module === bare && entry.name === name);
}

// src/catalogue/frameworks.ts
var defaultContinuation = ['call'];
var httpMethods = ['get', 'post', 'put', 'patch', 'delete', 'all', 'options', 'head'];
var webFrameworks = [
  {
    name: 'Express',
    packages: [
      'express',
      'express-serve-static-core',
      '@types/express',
      '@types/express-serve-static-core',
    ],
    apps: ['Express', 'Application', 'Router', 'IRouter', 'IRouterMatcher', 'IRouterHandler'],
    middleware: ['use'],
    routes: [...httpMethods],
    continuation: ['call'],
  },
  {
    name: 'Fastify',
    packages: ['fastify'],
    apps: ['FastifyInstance'],
    middleware: [],
    hooks: {
      method: 'addHook',
      eventArgument: 0,
      beforeHandler: ['onRequest', 'preParsing', 'preValidation', 'preHandler'],
      // Routes are built when the instance is ready (avvio), with every hook it has by then.
      anyOrder: true,
    },
    plugins: {
      method: 'register',
      pluginArgument: 0,
      instanceParameter: 0,
      prefixOption: 'prefix',
      sharedScope: [{ package: 'fastify-plugin', function: 'fastifyPlugin' }],
      loadsAfterParent: true,
      loadPending: ['after', 'ready'],
    },
    routes: [...httpMethods],
    routeOptions: ['onRequest', 'preParsing', 'preValidation', 'preHandler'],
    continuation: ['call', 'return'],
  },
  {
    name: 'Hono',
    packages: ['hono'],
    apps: ['Hono', 'HonoBase'],
    middleware: ['use'],
    routes: [...httpMethods, 'on'],
    groups: ['route'],
    continuation: ['call'],
  },
  {
    // App Router route handlers are plain exported functions: a wrapper guards them
    // (`export const POST = withTrainingConsent(…)`), and so does `middleware.ts` for the paths
    // its matcher covers; what its API reads from a request is the request's.
    name: 'Next.js',
    packages: ['next'],
    apps: [],
    middleware: [],
    routes: [],
    continuation: [],
    fileMiddleware: {
      entries: [
        {
          files: ['middleware.ts', 'middleware.js', 'src/middleware.ts', 'src/middleware.js'],
          export: 'middleware',
        },
        { files: ['proxy.ts', 'proxy.js', 'src/proxy.ts', 'src/proxy.js'], export: 'proxy' },
      ],
      continueWith: { owner: 'NextResponse', method: 'next' },
      config: { export: 'config', matcher: 'matcher', source: 'source' },
      requestContext: [
        { package: 'next', name: 'cookies' },
        { package: 'next', name: 'headers' },
        // NextAuth v5: `export const { auth, handlers } = NextAuth(config)`, then `await auth()`.
        { package: 'next-auth', name: 'auth', returnedBy: 'NextAuth' },
      ],
      wrappers: [{ package: 'next-auth', name: 'auth', returnedBy: 'NextAuth' }],
      routes: {
        roots: ['app', 'src/app'],
        files: ['route.ts', 'route.js'],
        exports: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      },
    },
  },
];
function frameworkOfPackage(frameworks, name) {
  return name === void 0
    ? void 0
    : frameworks.find((framework) => framework.packages.includes(name));
}
function scopeSharingFramework(frameworks, owner, name) {
  return frameworks.find((framework) =>
    framework.plugins?.sharedScope.some(
      (wrapper) => wrapper.package === owner && wrapper.function === name,
    ),
  );
}
function registrationMethods(frameworks) {
  return new Set(
    frameworks.flatMap((framework) => [
      ...framework.middleware,
      ...(framework.hooks ? [framework.hooks.method] : []),
      ...(framework.plugins ? [framework.plugins.method] : []),
    ]),
  );
}
function registrationOf(framework, owner, method) {
  if (owner === void 0 || !framework.apps.includes(owner)) return void 0;
  if (framework.middleware.includes(method)) return 'mount';
  if (framework.hooks?.method === method) return 'hook';
  if (framework.plugins?.method === method) return 'plugin';
  if (framework.groups?.includes(method)) return 'group';
  if (framework.routes.includes(method)) return 'endpoint';
  return void 0;
}

// src/catalogue/object-storage.ts
var objectStorageApis = [
  {
    at: { package: '@aws-sdk/client-s3', path: 'PutObjectCommand', call: 'construct' },
    role: 'object-write',
    scheme: 's3',
    bucket: 'Bucket',
    key: 'Key',
    data: 'Body',
  },
  {
    at: { package: '@aws-sdk/lib-storage', path: 'Upload', call: 'construct' },
    role: 'object-write',
    scheme: 's3',
    bucket: 'params.Bucket',
    key: 'params.Key',
    data: 'params.Body',
  },
  {
    at: { package: '@google-cloud/storage', path: 'bucket', call: 'call' },
    role: 'object-bucket',
    scheme: 'gs',
  },
  {
    at: { package: '@google-cloud/storage', path: 'file', call: 'call' },
    role: 'object-file',
    scheme: 'gs',
  },
  {
    at: { package: '@google-cloud/storage', path: 'save', call: 'call' },
    role: 'object-save',
    scheme: 'gs',
  },
  {
    at: { package: '@google-cloud/storage', path: 'upload', call: 'call' },
    role: 'object-upload',
    scheme: 'gs',
    destination: 'destination',
  },
];

// src/catalogue/query-builders.ts
var prismaFinders = [
  'findMany',
  'findFirst',
  'findFirstOrThrow',
  'findUnique',
  'findUniqueOrThrow',
];
var prismaPackages = ['.prisma/client', '@prisma/client'];
var queryBuilders = [
  { package: 'kysely', method: 'selectFrom', table: { by: 'argument', argument: 0 } },
  {
    package: 'drizzle-orm',
    method: 'from',
    table: { by: 'object', argument: 0 },
    selection: { from: 'projection', method: 'select', argument: 0 },
  },
  ...['findMany', 'findFirst'].map((method) => ({
    package: 'drizzle-orm',
    method,
    table: { by: 'member', names: 'object' },
    selection: { from: 'flags', argument: 0, options: ['columns'] },
  })),
  ...prismaPackages.flatMap((name) =>
    prismaFinders.map((method) => ({
      package: name,
      method,
      table: { by: 'member', names: 'model' },
      selection: {
        from: 'flags',
        argument: 0,
        options: ['select'],
        omit: 'omit',
        relations: ['include', 'select'],
      },
      untyped: { module: name, construct: 'PrismaClient' },
    })),
  ),
];
var tableFactories = ['pgTable', 'mysqlTable', 'sqliteTable', 'singlestoreTable'].map((name) => ({
  package: 'drizzle-orm',
  function: name,
  name: 0,
  columns: 1,
}));
var prismaClientModule = '@prisma/client';

// src/catalogue/sdk.ts
import { allowingReasons } from '@consentry/sdk';

var sdkPackage = '@consentry/sdk';
var sdkApi = [
  {
    name: 'allows',
    role: 'check',
    async: true,
    subjectArgument: 0,
    purposeArgument: 1,
    madeBy: 'createConsent',
  },
  {
    name: 'isAllowed',
    role: 'check',
    async: false,
    subjectArgument: 0,
    purposeArgument: 1,
    madeBy: 'createConsent',
  },
  {
    name: 'decide',
    role: 'decision',
    async: true,
    subjectArgument: 0,
    purposeArgument: 1,
    madeBy: 'createConsent',
  },
  {
    name: 'require',
    role: 'assertion',
    async: true,
    subjectArgument: 0,
    purposeArgument: 1,
    madeBy: 'createConsent',
  },
  {
    name: 'assertAllowed',
    role: 'assertion',
    async: false,
    subjectArgument: 0,
    purposeArgument: 1,
    madeBy: 'createConsent',
  },
  {
    name: 'filter',
    role: 'consent-filter',
    subjectArgument: 0,
    purposeArgument: 1,
    madeBy: 'createConsent',
  },
  { name: 'middleware', role: 'route-middleware', purposeArgument: 0, madeBy: 'createConsent' },
  { name: 'snapshot', role: 'pass-through', subjectArgument: 0, madeBy: 'createConsent' },
  { name: 'anonymise', role: 'sanitizer' },
  { name: 'aggregate', role: 'sanitizer' },
  { name: 'record', role: 'purpose-reference', purposeArgument: 1, madeBy: 'createConsent' },
  { name: 'enforce', role: 'enforce-decorator', purposeArgument: 0, madeBy: 'createConsent' },
  { name: 'processes', role: 'processes-marker', purposeArgument: 0 },
  { name: 'personal', role: 'personal-marker', purposeArgument: 0 },
  { name: 'createConsent', role: 'factory' },
  { name: 'createMemoryStore', role: 'factory' },
  { name: 'definePolicy', role: 'factory' },
  { name: 'createMarkers', role: 'marker-factory' },
  { name: 'getMarkers', role: 'marker-factory' },
];
var byName = new Map(sdkApi.map((entry) => [entry.name, entry]));
function sdkEntry(name) {
  return byName.get(name);
}
var enforceSubjectOption = 'subject';
var sdkDecision = {
  allowedField: 'allowed',
  reasonField: 'reason',
  allowingReasons: new Set(allowingReasons),
};
var defaultCategory = 'personal';

// src/catalogue/names.ts
var allTables = [
  aiVendors,
  trainingApis,
  sdkApi,
  queryBuilders,
  tableFactories,
  webFrameworks,
  objectStorageApis,
  fileApis,
  chatMessageSdks,
];
function catalogueNames() {
  const names = /* @__PURE__ */ new Set();
  const seen = /* @__PURE__ */ new Set();
  const visit = (value) => {
    if (typeof value === 'string') {
      if (/\s/.test(value)) return;
      for (const word of value.split(/[^\w$]+/)) if (word !== '') names.add(word);
      return;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    const items =
      value instanceof Map
        ? [...value].flat()
        : value instanceof Set
          ? [...value]
          : Object.values(value);
    for (const item of items) visit(item);
  };
  visit(allTables);
  return names;
}
function catalogueSinkModules() {
  return modulesNamedBy([aiVendors, trainingApis, objectStorageApis, fileApis, sdkApi]);
}
function catalogueSinkApiModules() {
  const modules = new Set(modulesNamedBy([trainingApis, objectStorageApis, fileApis]));
  modules.delete(sdkPackage);
  return modules;
}
function cataloguePackages() {
  return modulesNamedBy(allTables);
}
function modulesNamedBy(tables) {
  const modules = /* @__PURE__ */ new Set([sdkPackage]);
  const seen = /* @__PURE__ */ new Set();
  const visit = (value) => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value instanceof Map || value instanceof Set) {
      for (const item of value instanceof Map ? [...value].flat() : value) visit(item);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if ((key === 'package' || key === 'module') && typeof item === 'string') modules.add(item);
      else if (key === 'packages' && Array.isArray(item)) {
        for (const name of item) if (typeof name === 'string') modules.add(name);
      } else visit(item);
    }
  };
  visit(tables);
  return modules;
}
function frameworkFiles() {
  const paths = /* @__PURE__ */ new Set();
  const names = /* @__PURE__ */ new Set();
  for (const framework of webFrameworks) {
    for (const entry of framework.fileMiddleware?.entries ?? []) {
      for (const file of entry.files) paths.add(file);
    }
    for (const file of framework.fileMiddleware?.routes.files ?? []) names.add(file);
  }
  return { paths, names };
}

// src/code/declared-names.ts
function declaredNames(statement) {
  if (ts.isVariableStatement(statement)) {
    const names = [];
    const collect = (name2) => {
      if (ts.isIdentifier(name2)) names.push(name2.text);
      else
        for (const element of name2.elements)
          if (!ts.isOmittedExpression(element)) collect(element.name);
    };
    for (const declaration of statement.declarationList.declarations) collect(declaration.name);
    return names;
  }
  const name = statement.name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? [name.text] : [];
}

// src/code/implementers.ts
function implementedTypeOf(object) {
  let node = object;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return implementedTypeAt(node.parent);
}
function hasFunctionMembers(object) {
  return object.properties.some(
    (property) =>
      (ts.isMethodDeclaration(property) && property.body !== void 0) ||
      (ts.isPropertyAssignment(property) &&
        (ts.isArrowFunction(property.initializer) ||
          ts.isFunctionExpression(property.initializer))) ||
      localFunctionOf(property) !== void 0,
  );
}
function localFunctionOf(property) {
  const name = ts.isShorthandPropertyAssignment(property)
    ? property.name.text
    : ts.isPropertyAssignment(property) && ts.isIdentifier(property.initializer)
      ? property.initializer.text
      : void 0;
  if (name === void 0) return void 0;
  for (let node = property.parent; !ts.isSourceFile(node); node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    const body = node.body;
    if (!body || !ts.isBlock(body)) continue;
    for (const statement of body.statements) {
      if (ts.isFunctionDeclaration(statement) && statement.name?.text === name && statement.body) {
        return statement;
      }
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (
          ts.isIdentifier(declaration.name) &&
          declaration.name.text === name &&
          init &&
          (ts.isArrowFunction(init) || ts.isFunctionExpression(init))
        ) {
          return init;
        }
      }
    }
  }
  return void 0;
}
function declaredReturnType(fn) {
  let type = fn.type;
  const async = ts.canHaveModifiers(fn)
    ? (ts.getModifiers(fn) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword)
    : false;
  if (
    async &&
    type &&
    ts.isTypeReferenceNode(type) &&
    ts.isIdentifier(type.typeName) &&
    type.typeName.text === promiseTypeName &&
    type.typeArguments?.length === 1
  ) {
    type = type.typeArguments[0];
  }
  return type && ts.isTypeReferenceNode(type) ? type : void 0;
}
function returnedObject(node) {
  let expression;
  let fn;
  if (ts.isReturnStatement(node)) {
    expression = node.expression;
    fn = node.parent;
    while (fn && !ts.isFunctionLike(fn) && !ts.isClassLike(fn) && !ts.isSourceFile(fn)) {
      fn = fn.parent;
    }
  } else if (ts.isArrowFunction(node) && !ts.isBlock(node.body)) {
    expression = node.body;
    fn = node;
  }
  while (expression && ts.isParenthesizedExpression(expression)) expression = expression.expression;
  return expression &&
    ts.isObjectLiteralExpression(expression) &&
    fn &&
    ts.isFunctionLike(fn) &&
    hasFunctionMembers(expression)
    ? { object: expression, fn }
    : void 0;
}
function implementedTypeAt(node) {
  const returned = returnedObject(node);
  if (returned) return declaredReturnType(returned.fn)?.typeName;
  let expression;
  if (ts.isSatisfiesExpression(node) || ts.isAsExpression(node)) expression = node.expression;
  else if (ts.isVariableDeclaration(node)) expression = node.initializer;
  while (expression && ts.isParenthesizedExpression(expression)) expression = expression.expression;
  const type = node.type;
  return expression &&
    ts.isObjectLiteralExpression(expression) &&
    type &&
    ts.isTypeReferenceNode(type)
    ? type.typeName
    : void 0;
}
function entityTail(name) {
  return ts.isQualifiedName(name) ? name.right : name;
}
var mayImplementByObject =
  /:\s*[\p{L}_$][\p{L}\p{N}_$.]*\s*(?:<[^;{}]*>\s*)?=\s*(?:\(\s*)?\{|\b(?:satisfies|as)\s+[\p{L}_$]|\{(?<=\breturn\s*(?:\(\s*)?\{|=>\s*\(\s*\{)/u;
var mayImplement = new RegExp(`\\b(?:extends|implements)\\b|${mayImplementByObject.source}`, 'u');
function withoutAssertions(expression) {
  let current = expression;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

// src/code/module-collections.ts
var byFile = /* @__PURE__ */ new WeakMap();
function collectionsOf(file) {
  let found = byFile.get(file);
  if (found === void 0) {
    const collections = /* @__PURE__ */ new Map();
    for (const statement of file.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer && withoutAssertions(declaration.initializer);
        if (!ts.isIdentifier(declaration.name) || init === void 0) continue;
        const isCollection =
          (ts.isArrayLiteralExpression(init) && init.elements.length === 0) ||
          (ts.isNewExpression(init) &&
            ts.isIdentifier(init.expression) &&
            collectionConstructors.has(init.expression.text) &&
            (init.arguments ?? []).length === 0);
        if (isCollection) collections.set(declaration.name.text, declaration);
      }
    }
    found = collections;
    byFile.set(file, found);
  }
  return found;
}
var importsByFile = /* @__PURE__ */ new WeakMap();
function importedNames(file) {
  let names = importsByFile.get(file);
  if (names === void 0) {
    const found = /* @__PURE__ */ new Set();
    for (const statement of file.statements) {
      const bindings = ts.isImportDeclaration(statement)
        ? statement.importClause?.namedBindings
        : void 0;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) found.add(element.name.text);
      }
    }
    names = found;
    importsByFile.set(file, names);
  }
  return names;
}
function moduleCollectionKey(identifier, declarationsOf) {
  const file = identifier.getSourceFile();
  const own = collectionsOf(file).get(identifier.text);
  if (own === void 0 && !importedNames(file).has(identifier.text)) return void 0;
  if (own?.name === identifier) return void 0;
  for (const declaration of declarationsOf(identifier)) {
    if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) continue;
    const home = declaration.getSourceFile();
    if (collectionsOf(home).get(declaration.name.text) !== declaration) continue;
    return `module-collection:${home.fileName}#${declaration.name.text}`;
  }
  return void 0;
}
function declaresModuleCollection(file) {
  return collectionsOf(file).size > 0;
}

// src/code/walk.ts
function walk(root, state, visit) {
  const stack = [[root, state]];
  while (stack.length > 0) {
    const [node, inherited] = stack.pop();
    const next = visit(node, inherited);
    if (next === false) continue;
    const children = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let index = children.length - 1; index >= 0; index--) stack.push([children[index], next]);
  }
}
function mayHoldMatch(text, pattern) {
  const starts = [];
  const global = new RegExp(
    pattern.source,
    pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
  );
  for (const match of text.matchAll(global)) starts.push(match.index);
  return (node) => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle] < node.pos) low = middle + 1;
      else high = middle;
    }
    return low < starts.length && starts[low] < node.end;
  };
}

// src/code/reach.ts
function filesThatMayReach(files, inputs) {
  const project = new Set(files);
  if (files.some((file) => /\bdeclare\s+module\s+['"][^'"*]+['"]/.test(file.text))) {
    return void 0;
  }
  const isSinkModule = moduleMatcher([...catalogueSinkModules(), ...inputs.sinkPackages]);
  const policyFiles = /* @__PURE__ */ new Set();
  for (const declaration of inputs.policyDeclarations) policyFiles.add(declaration.getSourceFile());
  const globals = globalNames([...files, ...(inputs.declarationFiles ?? [])]);
  const holds = /* @__PURE__ */ new Set();
  const nodeOf = (file) =>
    project.has(file) || inputs.oracle.isStandardLibrary(file.fileName)
      ? file
      : (inputs.oracle.packageOf(file.fileName) ?? file);
  const dependents = /* @__PURE__ */ new Map();
  const depend = (from, on) => {
    if (from === on) return;
    const set = dependents.get(on) ?? /* @__PURE__ */ new Set();
    set.add(from);
    dependents.set(on, set);
  };
  for (const file of files) {
    if (holdsReach(file, policyFiles, isSinkModule, globals)) holds.add(file);
    for (const statement of file.statements) {
      const specifier = moduleSpecifierOf(statement);
      if (specifier === void 0) continue;
      const target = inputs.oracle.declarationsOf(specifier)[0]?.getSourceFile();
      if (target) depend(file, nodeOf(target));
    }
    const heritage = /\b(?:extends|implements)\b/.test(file.text);
    const objects = mayImplementByObject.test(file.text);
    if (!heritage && !objects) continue;
    const supertypes = (name, seen = /* @__PURE__ */ new Set()) => {
      for (const declaration of inputs.oracle.declarationsOf(name)) {
        if (seen.has(declaration)) continue;
        seen.add(declaration);
        depend(nodeOf(declaration.getSourceFile()), file);
        if (ts.isTypeAliasDeclaration(declaration) && ts.isTypeReferenceNode(declaration.type)) {
          supertypes(entityTail(declaration.type.typeName), seen);
        }
      }
    };
    const mayHold = mayHoldMatch(file.text, mayImplement);
    walk(file, void 0, (node) => {
      const type = objects ? implementedTypeAt(node) : void 0;
      if (type) {
        supertypes(entityTail(type));
      } else if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node)) {
        for (const clause of node.heritageClauses ?? []) {
          for (const type2 of clause.types) supertypes(type2.expression);
        }
      }
      return mayHold(node) ? void 0 : false;
    });
  }
  const reached = new Set(holds);
  const queue = [...holds];
  while (queue.length > 0) {
    for (const dependent of dependents.get(queue.pop()) ?? []) {
      if (reached.has(dependent)) continue;
      reached.add(dependent);
      queue.push(dependent);
    }
  }
  return new Set(files.filter((file) => reached.has(file)));
}
function holdsReach(file, policyFiles, isSinkModule, globals) {
  return startsFlow(
    {
      fileName: file.fileName,
      text: file.text,
      specifiers: file.statements.flatMap((statement) => moduleSpecifierOf(statement)?.text ?? []),
      policySink: policyFiles.has(file),
      collection: () => declaresModuleCollection(file),
      eventCall: () => eventCallIn(file) !== void 0,
    },
    isSinkModule,
    globals,
  );
}
function startsFlow(facts, isSinkModule, globals) {
  if (!/\.(?:[cm]?ts|tsx)$/.test(facts.fileName)) return true;
  if (/\bimport\s*\(|\brequire\s*\(|\/\/\/\s*<reference/.test(facts.text)) return true;
  if (facts.policySink || facts.specifiers.some(isSinkModule)) return true;
  if (facts.collection()) return true;
  if (globalNamedIn(facts.text, globals) !== void 0) return true;
  return facts.eventCall();
}
function globalNamedIn(text, globals) {
  if (globals.size === 0) return void 0;
  let naming = globalPatterns.get(globals);
  if (naming === void 0) {
    const words = [...globals].map((name) => name.replaceAll('$', '\\$')).join('|');
    naming = new RegExp(`(?<![\\p{L}\\p{N}_$])(?:${words})(?![\\p{L}\\p{N}_$])`, 'u');
    globalPatterns.set(globals, naming);
  }
  return naming.exec(text)?.[0];
}
var globalPatterns = /* @__PURE__ */ new WeakMap();
function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}
var eventCallText = new RegExp(
  `\\b(?:${[eventEmitter.emit, ...eventEmitter.listen].join('|')})\\b`,
);
function eventCallIn(file) {
  if (!eventCallText.test(file.text)) return void 0;
  let event;
  walk(file, void 0, (node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      (node.expression.name.text === eventEmitter.emit ||
        eventEmitter.listen.has(node.expression.name.text))
    ) {
      event = node.expression.name.text;
    }
    return event === void 0 ? void 0 : false;
  });
  return event;
}
function moduleMatcher(modules) {
  const names = [...modules].map((module) => module.replace(/^node:/, ''));
  return (specifier) => {
    const bare = specifier.replace(/^node:/, '');
    return names.some((name) => bare === name || bare.startsWith(`${name}/`));
  };
}
function moduleSpecifierOf(statement) {
  if (
    (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
    statement.moduleSpecifier &&
    ts.isStringLiteral(statement.moduleSpecifier)
  ) {
    return statement.moduleSpecifier;
  }
  if (
    ts.isImportEqualsDeclaration(statement) &&
    ts.isExternalModuleReference(statement.moduleReference) &&
    ts.isStringLiteral(statement.moduleReference.expression)
  ) {
    return statement.moduleReference.expression;
  }
  return void 0;
}
function globalNames(files) {
  const names = /* @__PURE__ */ new Set();
  for (const file of files) {
    const script = !ts.isExternalModule(file);
    if (!script && !/\bdeclare\s+global\b/.test(file.text)) continue;
    const statements = script ? [...file.statements] : [];
    if (!script) {
      walk(file, void 0, (node) => {
        if (
          ts.isModuleDeclaration(node) &&
          (node.flags & ts.NodeFlags.GlobalAugmentation) !== 0 &&
          node.body !== void 0 &&
          ts.isModuleBlock(node.body)
        ) {
          statements.push(...node.body.statements);
        }
        return void 0;
      });
    }
    for (const statement of statements) {
      if (ts.isModuleDeclaration(statement) && !ts.isIdentifier(statement.name)) continue;
      if (ts.isModuleDeclaration(statement) && statement.name.text === 'global') continue;
      for (const name of declaredNames(statement)) names.add(name);
      addInterfaceMembers(statement, names);
    }
  }
  return names;
}
function addInterfaceMembers(statement, names) {
  if (ts.isInterfaceDeclaration(statement)) {
    for (const member of statement.members) {
      const name = member.name;
      if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) names.add(name.text);
    }
  } else if (
    ts.isModuleDeclaration(statement) &&
    statement.body !== void 0 &&
    ts.isModuleBlock(statement.body)
  ) {
    for (const inner of statement.body.statements) addInterfaceMembers(inner, names);
  }
}

export {
  bindingInvokerNames,
  callingInvokerNames,
  catalogueNames,
  cataloguePackages,
  catalogueSinkApiModules,
  catalogueSinkModules,
  collectionWriters,
  declaredNames,
  declaresModuleCollection,
  defaultCategory,
  defaultContinuation,
  elementMethod,
  elementMethods,
  elementTypes,
  enforceSubjectOption,
  entityTail,
  environmentObjects,
  eventCallIn,
  eventEmitter,
  fileApiOf,
  filesThatMayReach,
  frameworkFiles,
  frameworkOfPackage,
  functionInvoker,
  globalNamedIn,
  globalNames,
  idName,
  implementedTypeAt,
  implementedTypeOf,
  inertMethods,
  localFunctionOf,
  mayHoldMatch,
  mayImplement,
  mayImplementByObject,
  membershipMethods,
  moduleCollectionKey,
  moduleMatcher,
  objectAssign,
  objectStorageApis,
  ownerFields,
  packageNameOf,
  prismaClientModule,
  promiseCombinator,
  promiseContinuation,
  promiseTypeName,
  queryBuilders,
  recordIdFields,
  registrationMethods,
  registrationOf,
  scopeSharingFramework,
  sdkDecision,
  sdkEntry,
  sdkPackage,
  startsFlow,
  tableFactories,
  tableValues,
  tierFields,
  walk,
  webFrameworks,
  withoutAssertions,
};
//# sourceMappingURL=chunk-2TQ4CBJ4.js.map
