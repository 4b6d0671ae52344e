import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { LoadedPolicy } from '@consentry/policy';
import { Project, ts } from 'ts-morph';
import { compareFindings, type Finding } from '../findings.js';
import { codeRules } from '../rules/code-rules.js';
import { formatMessage, type RuleDefinition, type RuleListeners } from '../rules/define-rule.js';
import { CallClassifier } from './classify.js';
import { compareDiagnostics, type Diagnostic } from './diagnostics.js';
import type { CodeEvents } from './events.js';
import {
  AnalysisBudgetError,
  type InterpreterHost,
  relativePath,
  UnitInterpreter,
} from './interpreter.js';
import { createCodeModel } from './model.js';
import { createTypeScriptOracle } from './type-oracle.js';
import { bodyOf, collectUnits, type Precondition, type Unit } from './units.js';
import type { Taint } from './values.js';
import { walk } from './walk.js';

/** Progress of a running analysis, for shells that show it. */
export interface AnalysisProgress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
}

/** Options of `analyzeCode`. */
export interface AnalyzeCodeOptions {
  /** The project directory; finding paths are relative to it. */
  readonly root: string;
  readonly policy: LoadedPolicy;
  /** The tsconfig.json to read, relative to `root`; `tsconfig.json` in `root` when absent. */
  readonly tsconfig?: string;
  /** Report only findings in (or flowing through) these files, relative to `root`. */
  readonly onlyFiles?: readonly string[];
  readonly onProgress?: (progress: AnalysisProgress) => void;
  /** The rules to run; the built-in code rules when absent. */
  readonly rules?: readonly RuleDefinition[];
}

/** What the code analysis found, what it skipped, and how much it read. */
export interface CodeAnalysis {
  readonly findings: Finding[];
  readonly diagnostics: Diagnostic[];
  readonly stats: { readonly files: number; readonly functions: number };
}

/** Files larger than this are not analysed (generated bundles, fixtures of data). */
const maxFileBytes = 1_000_000;
const maxRounds = 4;
const maxSccIterations = 4;
const ignoredDirectories = new Set(['node_modules', 'dist', 'build', 'coverage', '.git']);
const sourceExtensions = /\.(ts|tsx|mts|cts)$/;

/**
 * Finds code paths where personal data reaches a sink of a purpose that needs consent or an
 * opt-out without a guard for that subject and purpose; never runs the analysed code.
 */
export async function analyzeCode(options: AnalyzeCodeOptions): Promise<CodeAnalysis> {
  const root = resolve(options.root);
  const diagnostics: Diagnostic[] = [];
  const progress = options.onProgress ?? (() => {});
  const relative = (fileName: string) => relativePath(root, fileName);

  // ----- load the project ----------------------------------------------------------------
  progress({ phase: 'load', done: 0, total: 1 });
  const { compilerOptions, fileNames } = readProjectConfig(root, options.tsconfig, diagnostics);
  const analysed: string[] = [];
  for (const fileName of fileNames) {
    try {
      const size = statSync(fileName).size;
      if (size > maxFileBytes) {
        diagnostics.push({
          code: 'file-too-large',
          message: `skipped: ${size} bytes is more than the ${maxFileBytes} bytes analysed per file (generated code?)`,
          file: relative(fileName),
        });
        continue;
      }
      analysed.push(fileName);
    } catch {
      diagnostics.push({
        code: 'file-unreadable',
        message: 'skipped: the file cannot be read',
        file: relative(fileName),
      });
    }
  }
  const project = new Project({ compilerOptions, skipAddingFilesFromTsConfig: true });
  const sourceFiles: ts.SourceFile[] = [];
  for (const fileName of analysed) {
    try {
      project.addSourceFileAtPath(fileName);
    } catch (error) {
      diagnostics.push(
        error instanceof RangeError
          ? {
              code: 'parse-failed',
              message: 'skipped: the TypeScript parser ran out of stack (nesting too deep)',
              file: relative(fileName),
            }
          : {
              code: 'file-unreadable',
              message: `skipped: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'the file cannot be read'}`,
              file: relative(fileName),
            },
      );
    }
  }
  const program = project.getProgram().compilerObject;
  for (const fileName of analysed) {
    const file = program.getSourceFile(fileName);
    if (file && !file.isDeclarationFile) sourceFiles.push(file);
  }
  sourceFiles.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  progress({ phase: 'load', done: 1, total: 1 });

  const oracle = createTypeScriptOracle(program, root);
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
    for (const statement of file.statements) {
      const specifier =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
        statement.moduleSpecifier &&
        ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier
          : undefined;
      if (specifier && !oracle.resolvesModule(specifier)) {
        const position = file.getLineAndCharacterOfPosition(specifier.getStart(file));
        diagnostics.push({
          code: 'module-unresolved',
          message: `module '${specifier.text}' cannot be resolved (missing node_modules?); calls into it are treated as unknown code`,
          file: relative(file.fileName),
          line: position.line + 1,
          column: position.character + 1,
        });
      }
    }
  }

  const model = createCodeModel(
    options.policy.policy,
    resolve(options.policy.file),
    oracle,
    compilerOptions,
  );
  for (const mapping of model.unresolved) {
    diagnostics.push({
      code: 'policy-mapping-unresolved',
      message: `${mapping} does not name an export of the project; the mapping is ignored`,
      file: relative(resolve(options.policy.file)),
    });
  }

  // ----- units and call graph --------------------------------------------------------------
  let nextId = 0;
  const units: Unit[] = [];
  const unitsByNode = new Map<ts.Node, Unit>();
  const classes: ts.ClassLikeDeclaration[] = [];
  for (const file of sourceFiles) {
    for (const unit of collectUnits(file, () => nextId++)) {
      units.push(unit);
      unitsByNode.set(unit.node, unit);
      const parent = unit.node.parent;
      if (
        parent &&
        (ts.isVariableDeclaration(parent) ||
          ts.isPropertyDeclaration(parent) ||
          ts.isPropertyAssignment(parent))
      ) {
        unitsByNode.set(parent, unit);
      }
    }
    walk(file, undefined, (node) => {
      if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) classes.push(node);
      return undefined;
    });
  }
  const classifier = new CallClassifier(oracle, model, unitsByNode, program, classes);
  progress({ phase: 'call graph', done: 0, total: units.length });
  for (const unit of units) {
    try {
      linkCalls(unit, classifier, oracle, unitsByNode);
    } catch (error) {
      diagnostics.push(failure(unit, error, relative));
    }
  }
  const order = stronglyConnectedComponents(units);

  // ----- summaries to a fixpoint -------------------------------------------------------------
  const fieldStore = new Map<ts.ClassLikeDeclaration, Map<string, Taint[]>>();
  const personalTypes = new Map<number, string | null>();
  const listeners: { rule: RuleDefinition; listeners: RuleListeners }[] = [];
  const findings = new Map<string, Finding>();
  const failed = new Set<Unit>();
  let reporting = false;
  const emit = <K extends keyof CodeEvents>(event: K, payload: CodeEvents[K]) => {
    if (!reporting) return;
    for (const entry of listeners)
      (entry.listeners[event] as ((value: CodeEvents[K]) => void) | undefined)?.(payload);
  };
  const emittedPurposes = new Set<string>();
  const host: InterpreterHost = {
    oracle,
    model,
    classifier,
    root,
    unitOf: (node) => unitsByNode.get(node),
    fieldStore: (classNode, field) => fieldStore.get(classNode)?.get(field) ?? [],
    emitFlow: (event) => emit('unguardedFlow', event),
    emitCheck: (event) => emit('checkCall', event),
    emitPurpose: (location, purpose) => {
      const key = `${location.file}:${location.line}:${location.column}:${purpose}`;
      if (!reporting || emittedPurposes.has(key)) return;
      emittedPurposes.add(key);
      emit('purposeReference', {
        location,
        purpose,
        declared: model.purposeIds.includes(purpose),
        known: model.purposeIds,
      });
    },
  };

  const evaluate = (unit: Unit, report: boolean): boolean => {
    if (failed.has(unit)) return false;
    try {
      const result = new UnitInterpreter(host, unit, report, personalTypes).run();
      const before = summaryKey(unit);
      unit.summary = result.summary;
      let changed = before !== summaryKey(unit);
      for (const [classNode, fields] of result.fieldWrites) {
        const byField = fieldStore.get(classNode) ?? new Map<string, Taint[]>();
        for (const [field, taints] of fields) {
          const previous = byField.get(field) ?? [];
          const keys = new Set(previous.map((taint) => `${taint.key}:${taint.subject}`));
          const added = taints.filter((taint) => !keys.has(`${taint.key}:${taint.subject}`));
          if (added.length > 0) {
            byField.set(field, [...previous, ...added].slice(0, 32));
            changed = true;
          }
        }
        fieldStore.set(classNode, byField);
      }
      for (const { unit: target, precondition } of result.external) {
        const key = `${precondition.param}:${precondition.purposes.join()}:${precondition.site.file}:${precondition.site.line}:${precondition.site.column}`;
        if (!target.external.has(key)) {
          target.external.set(key, precondition);
          changed = true;
        }
      }
      return changed;
    } catch (error) {
      failed.add(unit);
      diagnostics.push(failure(unit, error, relative));
      return false;
    }
  };

  for (let round = 0; round < maxRounds; round++) {
    let changed = false;
    let done = 0;
    for (const component of order) {
      for (let iteration = 0; iteration < maxSccIterations; iteration++) {
        let componentChanged = false;
        for (const unit of component) componentChanged = evaluate(unit, false) || componentChanged;
        changed = changed || componentChanged;
        if (!componentChanged || component.length === 1) break;
      }
      done += component.length;
      progress({ phase: `summaries (round ${round + 1})`, done, total: units.length });
    }
    if (!changed) break;
  }

  // ----- report --------------------------------------------------------------------------
  const rules = options.rules ?? codeRules;
  for (const rule of rules) {
    listeners.push({
      rule,
      listeners: rule.create({
        report(descriptor) {
          const location = descriptor.location;
          if (!location) return;
          const finding: Finding = {
            ruleId: rule.id,
            severity: descriptor.severity ?? rule.meta.severity,
            message: formatMessage(
              rule.messages[descriptor.messageId] ?? descriptor.messageId,
              descriptor.data,
            ),
            ...location,
            ...(descriptor.purpose !== undefined ? { purpose: descriptor.purpose } : {}),
            ...(descriptor.tiers !== undefined ? { tiers: descriptor.tiers } : {}),
            ...(descriptor.flow !== undefined ? { flow: descriptor.flow } : {}),
            origin: 'code',
          };
          const key = `${rule.id}:${location.file}:${location.line}:${location.column}:${descriptor.purpose ?? ''}`;
          if (!findings.has(key)) findings.set(key, finding);
        },
      }),
    });
  }
  reporting = true;
  let done = 0;
  for (const unit of units) {
    evaluate(unit, true);
    if ((unit.callers.size === 0 || unit.escapes) && !failed.has(unit)) {
      reportEntry(unit, host, oracle, personalTypes);
    }
    progress({ phase: 'report', done: ++done, total: units.length });
  }

  let result = [...findings.values()];
  if (options.onlyFiles) {
    const only = new Set(options.onlyFiles.map((file) => file.replace(/\\/g, '/')));
    result = result.filter(
      (finding) =>
        only.has(finding.file) || (finding.flow ?? []).some((step) => only.has(step.file)),
    );
  }
  result.sort(compareFindings);
  diagnostics.sort(compareDiagnostics);
  return {
    findings: result,
    diagnostics: dedupeDiagnostics(diagnostics),
    stats: {
      files: sourceFiles.length,
      functions: units.filter((unit) => !ts.isSourceFile(unit.node)).length,
    },
  };
}

/** Reports preconditions of a function nobody in the project calls, when its parameter is personal by type. */
function reportEntry(
  unit: Unit,
  host: InterpreterHost,
  oracle: ReturnType<typeof createTypeScriptOracle>,
  personalTypes: Map<number, string | null>,
): void {
  const preconditions: Precondition[] = [...unit.summary.preconditions, ...unit.external.values()];
  if (preconditions.length === 0) return;
  const probe = new UnitInterpreter(host, unit, true, personalTypes);
  for (const precondition of preconditions) {
    const parameter = unit.params[precondition.param];
    if (!parameter) continue;
    const category = probe.personalCategoryOf(parameter.name);
    if (!category) continue;
    probe.reportPrecondition(precondition, category);
  }
  void oracle;
}

function failure(unit: Unit, error: unknown, relative: (file: string) => string): Diagnostic {
  const file = unit.file;
  const position = file.getLineAndCharacterOfPosition(
    ts.isSourceFile(unit.node) ? 0 : unit.node.getStart(file),
  );
  const budget = error instanceof AnalysisBudgetError || error instanceof RangeError;
  return {
    code: budget ? 'analysis-budget-exceeded' : 'analysis-failed',
    message: `\`${unit.name}\` was not analysed: ${error instanceof Error ? error.message : String(error)}`,
    file: relative(file.fileName),
    line: position.line + 1,
    column: position.character + 1,
  };
}

function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = JSON.stringify(diagnostic);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function summaryKey(unit: Unit): string {
  const summary = unit.summary;
  return JSON.stringify([
    summary.preconditions.map((p) => [
      p.param,
      p.purposes,
      p.facts.possible,
      [...p.facts.allowed],
      p.site.line,
      p.site.column,
    ]),
    summary.returnsCheck,
    summary.asserts,
    [...summary.returnsParams].map(([index, facts]) => [index, facts.possible, [...facts.allowed]]),
    summary.returnsSources.map((taint) => [
      taint.key,
      taint.facts.possible,
      [...taint.facts.allowed],
    ]),
    summary.returnsIdentityOf,
  ]);
}

/** Finds the calls of a unit and links callers and callees; references that escape make a unit an entry point. */
function linkCalls(
  unit: Unit,
  classifier: CallClassifier,
  oracle: ReturnType<typeof createTypeScriptOracle>,
  unitsByNode: ReadonlyMap<ts.Node, Unit>,
): void {
  const root = ts.isSourceFile(unit.node) ? unit.node : bodyOf(unit.node);
  if (!root) return;
  walk(root, undefined, (node) => {
    if (
      ts.isSourceFile(unit.node) &&
      node !== root &&
      (ts.isFunctionLike(node) || ts.isClassLike(node))
    ) {
      // Module bodies do not own the functions and classes declared in them.
      if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
      if (unitsByNode.has(node)) return false;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const kind = classifier.classify(node);
      if (kind.kind === 'project') {
        for (const callee of kind.units) {
          unit.callees.add(callee);
          callee.callers.add(unit);
        }
      }
    } else if (
      ts.isIdentifier(node) ||
      (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword)
    ) {
      const parent = node.parent;
      const isCallee =
        parent &&
        (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
        parent.expression === node;
      const isName = parent && ts.isPropertyAccessExpression(parent) && parent.name === node;
      if (
        !isCallee &&
        !isName &&
        !(ts.isPropertyAccessExpression(parent) && parent.expression === node)
      ) {
        for (const declaration of oracle.declarationsOf(node)) {
          const target = unitsByNode.get(declaration);
          if (!target || target === unit) continue;
          const call = parent && ts.isCallExpression(parent) ? parent : undefined;
          const method =
            call && ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : '';
          if (
            call &&
            [
              'map',
              'flatMap',
              'forEach',
              'filter',
              'find',
              'some',
              'every',
              'reduce',
              'then',
            ].includes(method)
          ) {
            unit.callees.add(target);
            target.callers.add(unit);
          } else if (!ts.isExportSpecifier(parent) && !ts.isExportAssignment(parent)) {
            target.escapes = true;
          }
        }
      }
    }
    return undefined;
  });
}

/** Tarjan's algorithm: components in reverse topological order, callees before callers. */
function stronglyConnectedComponents(units: readonly Unit[]): Unit[][] {
  const index = new Map<Unit, number>();
  const low = new Map<Unit, number>();
  const onStack = new Set<Unit>();
  const stack: Unit[] = [];
  const result: Unit[][] = [];
  let counter = 0;
  const connect = (start: Unit) => {
    // Iterative to survive deep call chains.
    const work: { unit: Unit; callees: Unit[]; next: number }[] = [];
    const open = (unit: Unit) => {
      index.set(unit, counter);
      low.set(unit, counter);
      counter++;
      stack.push(unit);
      onStack.add(unit);
      work.push({ unit, callees: [...unit.callees].sort((a, b) => a.id - b.id), next: 0 });
    };
    open(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.next < frame.callees.length) {
        const callee = frame.callees[frame.next++]!;
        if (!index.has(callee)) open(callee);
        else if (onStack.has(callee))
          low.set(frame.unit, Math.min(low.get(frame.unit)!, index.get(callee)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.unit, Math.min(low.get(parent.unit)!, low.get(frame.unit)!));
      if (low.get(frame.unit) === index.get(frame.unit)) {
        const component: Unit[] = [];
        let member: Unit | undefined;
        do {
          member = stack.pop()!;
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

/** Reads tsconfig.json (or falls back to every TypeScript file under the root), recording problems. */
function readProjectConfig(
  root: string,
  tsconfig: string | undefined,
  diagnostics: Diagnostic[],
): { compilerOptions: ts.CompilerOptions; fileNames: string[] } {
  const fallbackOptions: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    allowImportingTsExtensions: true,
  };
  const configPath = resolve(root, tsconfig ?? 'tsconfig.json');
  const configName = relativePath(root, configPath);
  if (!existsSync(configPath)) {
    diagnostics.push({
      code: 'tsconfig-missing',
      message: `${configName} not found; analysing every TypeScript file under the directory with default options`,
    });
    return { compilerOptions: fallbackOptions, fileNames: listSourceFiles(root) };
  }
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error || typeof read.config !== 'object' || read.config === null) {
    diagnostics.push({
      code: 'tsconfig-invalid',
      message: `${configName} cannot be read (${read.error ? ts.flattenDiagnosticMessageText(read.error.messageText, ' ') : 'not an object'}); analysing every TypeScript file with default options`,
      file: configName,
    });
    return { compilerOptions: fallbackOptions, fileNames: listSourceFiles(root) };
  }
  const parsed = ts.parseJsonConfigFileContent(
    read.config,
    ts.sys,
    dirname(configPath),
    undefined,
    configPath,
  );
  for (const error of parsed.errors.slice(0, 5)) {
    if (error.code === 18003) continue;
    diagnostics.push({
      code: 'tsconfig-invalid',
      message: `${ts.flattenDiagnosticMessageText(error.messageText, ' ')}; continuing with the options that parsed`,
      file: configName,
    });
  }
  const fileNames = parsed.fileNames.filter((fileName) => sourceExtensions.test(fileName));
  return {
    compilerOptions: { ...parsed.options, noEmit: true },
    fileNames: fileNames.length > 0 ? fileNames : listSourceFiles(root),
  };
}

function listSourceFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 20) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.') || ignoredDirectories.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, depth + 1);
      else if (entry.isFile() && sourceExtensions.test(entry.name)) found.push(path);
    }
  };
  walk(root, 0);
  return found;
}
