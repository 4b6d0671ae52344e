import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import * as builtins from '../../src/catalogue/builtins.js';
import { chatMessageSdks } from '../../src/catalogue/chat-messages.js';
import { webFrameworks } from '../../src/catalogue/frameworks.js';
import { queryBuilders, tableFactories } from '../../src/catalogue/query-builders.js';
import { sdkApi, sdkDecision, sdkPackage } from '../../src/catalogue/sdk.js';
import { aiVendors } from '../../src/catalogue/vendors.js';

const engine = new URL('../../src/code/', import.meta.url).pathname;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(directory, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(directory, entry.name)]
        : [],
  );
}

/** Every name of a library the catalogue holds: packages, API paths, SDK names, built-ins. */
function catalogueNames(): Set<string> {
  const names = new Set<string>([sdkPackage, sdkDecision.allowedField, sdkDecision.reasonField]);
  for (const vendor of aiVendors) {
    names.add(vendor.package);
    for (const api of vendor.trainingApis) {
      names.add(api.path);
      for (const part of api.path.split('.')) names.add(part);
    }
    for (const call of vendor.modelCalls) {
      names.add(call);
      for (const part of call.split('.')) names.add(part);
    }
  }
  for (const row of chatMessageSdks) {
    names.add(row.package).add(row.module);
    for (const type of row.types) names.add(type.export);
  }
  for (const framework of webFrameworks) {
    for (const name of [
      ...framework.packages,
      ...framework.apps,
      ...framework.middleware,
      ...framework.routes,
      ...(framework.routeOptions ?? []),
      ...(framework.groups ?? []),
      ...[
        ...(framework.fileMiddleware?.requestContext ?? []),
        ...(framework.fileMiddleware?.wrappers ?? []),
      ].flatMap((reader) => [
        reader.package,
        reader.name,
        ...(reader.returnedBy === undefined ? [] : [reader.returnedBy]),
      ]),
      ...(framework.hooks ? [framework.hooks.method, ...framework.hooks.beforeHandler] : []),
      ...(framework.plugins
        ? [
            framework.plugins.method,
            framework.plugins.prefixOption,
            ...framework.plugins.sharedScope.flatMap((wrapper) => [
              wrapper.package,
              wrapper.function,
            ]),
          ]
        : []),
    ]) {
      names.add(name);
    }
  }
  for (const entry of queryBuilders) {
    names.add(entry.package);
    names.add(entry.method);
    if (entry.untyped) names.add(entry.untyped.module).add(entry.untyped.construct);
  }
  for (const factory of tableFactories) names.add(factory.package).add(factory.function);
  for (const name of builtins.collectionConstructors) names.add(name);
  for (const entry of sdkApi) names.add(entry.name);
  for (const reason of sdkDecision.allowingReasons) names.add(reason);
  for (const method of builtins.elementMethods) names.add(method.name);
  for (const set of [
    builtins.collectionWriters,
    builtins.membershipMethods,
    builtins.ownerFields,
    builtins.tierFields,
    builtins.elementTypes,
    builtins.eventEmitter.listen,
  ]) {
    for (const name of set) names.add(name);
  }
  for (const name of builtins.recordIdFields) names.add(name);
  names.add(builtins.promiseContinuation);
  names.add(builtins.promiseTypeName);
  names.add(builtins.promiseCombinator);
  names.add(builtins.objectAssign.name);
  names.add(builtins.objectAssign.path);
  names.add(builtins.eventEmitter.emit);
  for (const invoker of builtins.functionInvokers) {
    names.add(invoker.name);
    for (const owner of invoker.owners) names.add(owner);
  }
  return names;
}

/** String literals of a file that are not module specifiers of imports and exports. */
function stringLiterals(fileName: string, text: string): { text: string; line: number }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isStringLiteralLike(node)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({ text: node.text, line });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The library names a file's code (not its imports or comments) contains, with their lines. */
function libraryNamesIn(fileName: string, text: string, names: ReadonlySet<string>): string[] {
  return stringLiterals(fileName, text)
    .filter((literal) => names.has(literal.text))
    .map((literal) => `${fileName}:${literal.line} '${literal.text}'`);
}

describe('the engine', () => {
  it('names no library: every name of a library comes from the catalogue', () => {
    const names = catalogueNames();
    // The scan must know the names the issue singles out, or it proves nothing.
    for (const name of [
      'allows',
      'openai',
      'push',
      'userId',
      'includes',
      'then',
      'express',
      'fastify',
      'hono',
      'next',
      'use',
      'preHandler',
    ]) {
      expect(names.has(name), name).toBe(true);
    }
    const offending = sourceFiles(engine).flatMap((file) =>
      libraryNamesIn(relative(engine, file), readFileSync(file, 'utf8'), names),
    );
    expect(offending).toEqual([]);
  }, 60_000);

  it('finds a library name in code but not in an import or a comment', () => {
    const probe = [
      "import { allows } from '@consentry/sdk';",
      '// rows.push(row) writes the row',
      "if (name === 'push') grow();",
    ].join('\n');
    expect(libraryNamesIn('probe.ts', probe, catalogueNames())).toEqual(["probe.ts:3 'push'"]);
  });
});
