import { ts } from 'ts-morph';
import { eventEmitter } from '../catalogue/builtins.js';
import { catalogueSinkModules } from '../catalogue/names.js';
import { declaredNames } from './declared-names.js';
import {
  entityTail,
  implementedTypeAt,
  mayImplement,
  mayImplementByObject,
} from './implementers.js';
import { declaresModuleCollection } from './module-collections.js';
import type { TypeOracle } from './type-oracle.js';
import { functionAssignments } from './units.js';
import { mayHoldMatch, walk } from './walk.js';

/** What decides which files may hold a function that reaches a sink. */
export interface ReachInputs {
  readonly oracle: TypeOracle;
  /** Declarations the policy maps as sinks or guards (`code.sinks`, `code.guards`). */
  readonly policyDeclarations: Iterable<ts.Node>;
  /** Packages whose APIs the catalogue's sink rows name (besides `catalogueSinkModules`). */
  readonly sinkPackages: Iterable<string>;
  /** The project's declaration files: a script among them declares global names. */
  readonly declarationFiles?: readonly ts.SourceFile[];
}

/**
 * The project files whose functions may reach a sink, a file write, a consent check or a
 * module-level buffer: the files that hold one (they import a module the catalogue makes a sink,
 * a file API or the SDK, are mapped in the policy as a sink or guard, declare a module-level
 * collection, call an event emitter or name a global a project file declares), and every file
 * that imports one of those, directly or not, or declares an interface or class one of those
 * implements. A function anywhere else calls, refers to and dispatches to functions of files
 * it reaches through imports only, none of which can reach a sink: so it is never one of the
 * relevant functions' callers, and the call graph needs its calls only if a relevant function
 * calls it. Undefined when the project defeats the argument (a module augmentation of a project
 * file or package), and then every file may reach one.
 */
export function filesThatMayReach(
  files: readonly ts.SourceFile[],
  inputs: ReachInputs,
): ReadonlySet<ts.SourceFile> | undefined {
  const project = new Set(files);
  // `declare module './store'` adds members to another module's types: calls to them resolve
  // into a file the caller does not import.
  if (files.some((file) => /\bdeclare\s+module\s+['"][^'"*]+['"]/.test(file.text))) {
    return undefined;
  }
  const isSinkModule = moduleMatcher([...catalogueSinkModules(), ...inputs.sinkPackages]);
  const policyFiles = new Set<ts.SourceFile>();
  for (const declaration of inputs.policyDeclarations) policyFiles.add(declaration.getSourceFile());
  const globals = globalNames([...files, ...(inputs.declarationFiles ?? [])]);

  const holds = new Set<ts.SourceFile>();
  // A file outside the project is one node per package: a class implementing a package's type
  // is reached from every file importing that package, whichever of its files declares the type.
  type Node = ts.SourceFile | string;
  const nodeOf = (file: ts.SourceFile): Node =>
    project.has(file) || inputs.oracle.isStandardLibrary(file.fileName)
      ? file
      : (inputs.oracle.packageOf(file.fileName) ?? file);
  const dependents = new Map<Node, Set<Node>>();
  const depend = (from: Node, on: Node) => {
    if (from === on) return;
    const set = dependents.get(on) ?? new Set<Node>();
    set.add(from);
    dependents.set(on, set);
  };
  for (const file of files) {
    if (holdsReach(file, policyFiles, isSinkModule, globals)) holds.add(file);
    for (const statement of file.statements) {
      const specifier = moduleSpecifierOf(statement);
      if (specifier === undefined) continue;
      const target = inputs.oracle.declarationsOf(specifier)[0]?.getSourceFile();
      if (target) depend(file, nodeOf(target));
    }
    // A function written into a property of a value declared elsewhere (`hooks.send = …`) is
    // reached through that declaration, as a class implementing it would be.
    for (const { target } of functionAssignments(file)) {
      for (const declaration of inputs.oracle.declarationsOf(target)) {
        depend(nodeOf(declaration.getSourceFile()), file);
      }
    }
    // A class implementing or extending a declaration elsewhere is reached through it, and so is
    // an interface extending one (a call through the base may dispatch to a class implementing
    // the derived interface), and an object literal written to implement one; a file without
    // the words has none, and is not walked.
    const heritage = /\b(?:extends|implements)\b/.test(file.text);
    const objects = mayImplementByObject.test(file.text);
    if (!heritage && !objects) continue;
    const supertypes = (name: ts.Node, seen = new Set<ts.Node>()) => {
      for (const declaration of inputs.oracle.declarationsOf(name)) {
        if (seen.has(declaration)) continue;
        seen.add(declaration);
        depend(nodeOf(declaration.getSourceFile()), file);
        // `type Hook = ExportHook`: the alias's file and the file of what it names.
        if (ts.isTypeAliasDeclaration(declaration) && ts.isTypeReferenceNode(declaration.type)) {
          supertypes(entityTail(declaration.type.typeName), seen);
        }
      }
    };
    const mayHold = mayHoldMatch(file.text, mayImplement);
    walk(file, undefined, (node) => {
      const type = objects ? implementedTypeAt(node) : undefined;
      if (type) {
        supertypes(entityTail(type));
      } else if (ts.isClassLike(node) || ts.isInterfaceDeclaration(node)) {
        for (const clause of node.heritageClauses ?? []) {
          for (const type of clause.types) supertypes(type.expression);
        }
      }
      return mayHold(node) ? undefined : false;
    });
  }
  const reached = new Set<Node>(holds);
  const queue: Node[] = [...holds];
  while (queue.length > 0) {
    for (const dependent of dependents.get(queue.pop()!) ?? []) {
      if (reached.has(dependent)) continue;
      reached.add(dependent);
      queue.push(dependent);
    }
  }
  return new Set(files.filter((file) => reached.has(file)));
}

/** Whether a file itself may hold what starts a flow into a sink (see `filesThatMayReach`). */
function holdsReach(
  file: ts.SourceFile,
  policyFiles: ReadonlySet<ts.SourceFile>,
  isSinkModule: (specifier: string) => boolean,
  globals: ReadonlySet<string>,
): boolean {
  return startsFlow(
    {
      fileName: file.fileName,
      text: file.text,
      specifiers: file.statements.flatMap((statement) => moduleSpecifierOf(statement)?.text ?? []),
      policySink: policyFiles.has(file),
      collection: () => declaresModuleCollection(file),
      eventCall: () => eventCallIn(file) !== undefined,
    },
    isSinkModule,
    globals,
  );
}

/** What `startsFlow` reads of a file, from its syntax tree or from its cached module facts. */
export interface FlowStartFacts {
  readonly fileName: string;
  readonly text: string;
  /** The specifiers of its imports, re-exports and `import … = require()`. */
  readonly specifiers: readonly string[];
  /** A policy sink or guard mapping names the file. */
  readonly policySink: boolean;
  readonly collection: () => boolean;
  readonly eventCall: () => boolean;
}

/**
 * Whether a file may itself hold what starts a flow into a sink: it is JavaScript, names modules
 * its statements do not show (`import(…)`, `require`, references), is a policy sink or guard
 * module, imports a sink, file or consent module, declares a module-level collection, names a
 * global a project file declares, or calls an event emitter. The one rule `filesThatMayReach`
 * and the stand-ins apply.
 */
export function startsFlow(
  facts: FlowStartFacts,
  isSinkModule: (specifier: string) => boolean,
  globals: ReadonlySet<string>,
): boolean {
  // JavaScript, import types (`import('openai').OpenAI`), `require` and references name
  // modules the statements do not show.
  if (!/\.(?:[cm]?ts|tsx)$/.test(facts.fileName)) return true;
  if (/\bimport\s*\(|\brequire\s*\(|\/\/\/\s*<reference/.test(facts.text)) return true;
  if (facts.policySink || facts.specifiers.some(isSinkModule)) return true;
  if (facts.collection()) return true;
  if (globalNamedIn(facts.text, globals) !== undefined) return true;
  return facts.eventCall();
}

/** The first word of `text` that is one of the project's global names, if any. */
export function globalNamedIn(text: string, globals: ReadonlySet<string>): string | undefined {
  if (globals.size === 0) return undefined;
  let naming = globalPatterns.get(globals);
  if (naming === undefined) {
    // One search for all the names, built once per set: no list of every word of every file.
    const words = [...globals].map((name) => name.replaceAll('$', '\\$')).join('|');
    naming = new RegExp(`(?<![\\p{L}\\p{N}_$])(?:${words})(?![\\p{L}\\p{N}_$])`, 'u');
    globalPatterns.set(globals, naming);
  }
  return naming.exec(text)?.[0];
}

const globalPatterns = new WeakMap<ReadonlySet<string>, RegExp>();

/**
 * The package a bare module specifier names (`@acme/hooks/sub` → `@acme/hooks`, `lodash/fp` →
 * `lodash`).
 */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

const eventCallText = new RegExp(
  `\\b(?:${[eventEmitter.emit, ...eventEmitter.listen].join('|')})\\b`,
);

/** The first event emitter method a file calls (`emit`, `on`…), if any. */
export function eventCallIn(file: ts.SourceFile): string | undefined {
  // A file that never writes one of the names is not walked.
  if (!eventCallText.test(file.text)) return undefined;
  let event: string | undefined;
  walk(file, undefined, (node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      (node.expression.name.text === eventEmitter.emit ||
        eventEmitter.listen.has(node.expression.name.text))
    ) {
      event = node.expression.name.text;
    }
    return event === undefined ? undefined : false;
  });
  return event;
}

/** Whether a module specifier names one of `modules` or a module inside one (`node:` ignored). */
export function moduleMatcher(modules: Iterable<string>): (specifier: string) => boolean {
  const names = [...modules].map((module) => module.replace(/^node:/, ''));
  return (specifier) => {
    const bare = specifier.replace(/^node:/, '');
    return names.some((name) => bare === name || bare.startsWith(`${name}/`));
  };
}

/** The module specifier of an import, a re-export or an `import x = require()`. */
function moduleSpecifierOf(statement: ts.Statement): ts.StringLiteral | undefined {
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
  return undefined;
}

/**
 * Names project files declare in the global scope: the top level of a script (no import or
 * export) and `declare global` blocks. Code that uses one needs no import.
 */
export function globalNames(files: readonly ts.SourceFile[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const file of files) {
    const script = !ts.isExternalModule(file);
    if (!script && !/\bdeclare\s+global\b/.test(file.text)) continue;
    const statements: ts.Statement[] = script ? [...file.statements] : [];
    if (!script) {
      walk(file, undefined, (node) => {
        if (
          ts.isModuleDeclaration(node) &&
          (node.flags & ts.NodeFlags.GlobalAugmentation) !== 0 &&
          node.body !== undefined &&
          ts.isModuleBlock(node.body)
        ) {
          statements.push(...node.body.statements);
        }
        return undefined;
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

/**
 * The members a global interface declares, in a global namespace too (`namespace NodeJS {
 * interface Process { trainHook?: ExportHook } }`): an interface merging with a built-in one
 * (`Window`, `Process`) is used through its members (`process.trainHook`), never by its name.
 */
function addInterfaceMembers(statement: ts.Statement, names: Set<string>): void {
  if (ts.isInterfaceDeclaration(statement)) {
    for (const member of statement.members) {
      const name = member.name;
      if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) names.add(name.text);
    }
  } else if (
    ts.isModuleDeclaration(statement) &&
    statement.body !== undefined &&
    ts.isModuleBlock(statement.body)
  ) {
    for (const inner of statement.body.statements) addInterfaceMembers(inner, names);
  }
}
