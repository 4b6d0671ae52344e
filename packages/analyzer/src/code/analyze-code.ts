import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { LoadedPolicy } from '@consentry/policy';
import { getLibFiles, libFolderInMemoryPath } from '@ts-morph/common';
import { ts } from 'ts-morph';
import { elementMethods, eventEmitter, promiseContinuation } from '../catalogue/builtins.js';
import { defaultCategory, sdkPackage } from '../catalogue/sdk.js';
import type { AnalysisEvidence, GuardEvidence, SinkEvidence } from '../code-evidence.js';
import type { FlowStep, Location } from '../findings.js';
import { CallClassifier } from './classify.js';
import {
  compareDiagnostics,
  type Diagnostic,
  dependenciesMissing,
  describeUnresolvedImport,
} from './diagnostics.js';
import type { AnalysisIncompleteEvent, CodeEvents, UnguardedFlowEvent } from './events.js';
import { incompleteCut, incompleteFile, incompleteUnit } from './incomplete.js';
import {
  eventChannelKey,
  type InterpreterHost,
  relativePath,
  type SinkSeen,
  UnitInterpreter,
} from './interpreter/index.js';
import { type AnalysisLimits, DEFAULT_LIMITS, parseWithinDepth } from './limits.js';
import { createCodeModel } from './model.js';
import { readProjectConfigFile } from './project-config.js';
import { createTypeScriptOracle } from './type-oracle.js';
import { bodyOf, collectUnits, type Precondition, type Unit } from './units.js';
import type { Taint } from './values.js';
import { walk } from './walk.js';

/** Progress of a running analysis, for shells that show it. */
export interface AnalysisProgress {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
  /**
   * Once known (after loading and collecting functions): the files and functions the analysis
   * covers, counted as its final `stats` count them.
   */
  readonly analysed?: { readonly files: number; readonly functions: number };
}

/** Options of `analyzeProgram`, the engine under `analyzeCode`. */
export interface ProgramOptions {
  /** The project directory; finding paths are relative to it. */
  readonly root: string;
  readonly policy: LoadedPolicy;
  /** The tsconfig.json to read, relative to `root`; `tsconfig.json` in `root` when absent. */
  readonly tsconfig?: string;
  readonly onProgress?: (progress: AnalysisProgress) => void;
  /**
   * Called often inside each phase (every few dozen files parsed, functions linked or
   * evaluated) with what the analysis is doing; it may throw to stop the run (`--max-memory`).
   */
  readonly onCheckpoint?: (where: () => string, next?: 'binding') => void;
  /** The shard the analysed slice belongs to (`--shard`), for rules that need every shard. */
  readonly shard?: { readonly index: number; readonly count: number };
  /**
   * Analyse only these of the project's files (relative to `root` or absolute): a slice closed
   * under imports. The project's other source files are read as empty if a barrel pulls them in.
   */
  readonly files?: readonly string[];
  /** Receives each analysed file once parsed (the cache reads its module facts from it). */
  readonly onSourceFile?: (file: ts.SourceFile) => void;
  /**
   * `export * from` specifiers to leave out, by file (relative to `root` or absolute): barrel
   * entries that lead outside `files`. They are blanked, so positions do not move.
   */
  readonly skipReexports?: ReadonlyMap<string, readonly string[]>;
  /** Limits past which a part of the code is reported as `analysis-incomplete`; defaults otherwise. */
  readonly limits?: Partial<AnalysisLimits>;
}

/** Receives each event of the analysis, in a stable order, for the rules to listen to. */
export type CodeEventSink = <K extends keyof CodeEvents>(event: K, payload: CodeEvents[K]) => void;

/** What the engine skipped, what it saw of processing, and how much it read. */
export interface ProgramAnalysis {
  readonly diagnostics: Diagnostic[];
  /** Every sink and guard the analysis evaluated, for the record of processing (`analyzeCode` always fills it in). */
  readonly evidence?: AnalysisEvidence;
  readonly stats: { readonly files: number; readonly functions: number };
  /**
   * Files outside the project that the analysis read (declaration files of installed packages,
   * files imported from outside the tsconfig's `include`), absolute; the cache checks them before
   * reusing a result. Not part of reports.
   */
  readonly externalFiles?: readonly string[];
}

const maxRounds = 4;
/** How many files or functions pass between two `onCheckpoint` calls. */
const CHECKPOINT_EVERY = 25;
const maxSccIterations = 4;
const ignoredDirectories = new Set(['node_modules', 'dist', 'build', 'coverage', '.git']);
const sourceExtensions = /\.(ts|tsx|mts|cts)$/;
/** Where ts-morph's in-memory file system keeps TypeScript's lib files. */
/** Where the program finds TypeScript's lib files: ts-morph's in-memory copy of its own version's. */
const libraryFolder = libFolderInMemoryPath;

/**
 * Evaluates a project's code and sends what it finds (unguarded flows, misused checks, purpose
 * references, then the evidence) to `onEvent`; never runs the analysed code. `analyzeCode` runs
 * the rules on these events.
 */
export async function analyzeProgram(
  options: ProgramOptions,
  onEvent: CodeEventSink,
): Promise<ProgramAnalysis & { readonly evidence: AnalysisEvidence }> {
  const root = resolve(options.root);
  const diagnostics: Diagnostic[] = [];
  let covered: AnalysisProgress['analysed'];
  const progress = (step: AnalysisProgress): void =>
    options.onProgress?.(covered === undefined ? step : { ...step, analysed: covered });
  const relative = (fileName: string) => relativePath(root, fileName);
  const limits: AnalysisLimits = { ...DEFAULT_LIMITS, ...options.limits };
  // Parts of the code not analysed: each becomes an `analysis-incomplete` finding.
  const incomplete: AnalysisIncompleteEvent[] = [];

  const checkpoint = options.onCheckpoint ?? (() => {});

  progress({ phase: 'load', done: 0, total: 1 });
  const { config, program, sourceFiles, libraryFiles } = loadProgram(
    options,
    root,
    diagnostics,
    checkpoint,
    limits,
    incomplete,
  );
  const compilerOptions = config.compilerOptions;
  progress({ phase: 'load', done: 1, total: 1 });

  // Binding every file happens in one call the analysis cannot interrupt: ask before it starts.
  checkpoint(() => `before binding the program of ${sourceFiles.length} files`, 'binding');
  const oracle = createTypeScriptOracle(program, root);
  reportLoadProblems(program, sourceFiles, oracle, root, diagnostics);

  const model = createCodeModel(
    options.policy.policy,
    resolve(options.policy.file),
    oracle,
    compilerOptions,
  );
  for (const mapping of model.unresolved) {
    const at = options.policy.locate(mapping.pointer);
    diagnostics.push({
      code: 'policy-mapping-unresolved',
      message: `${mapping.pointer}: ${mapping.reason} The mapping names nothing in the project and is ignored.`,
      file: relative(resolve(options.policy.file)),
      ...(at === undefined ? {} : { line: at.line, column: at.column }),
    });
  }

  const { units, unitsByNode, classes, classifier, listenersOf, order, relevant } = linkProgram(
    sourceFiles,
    oracle,
    model,
    relative,
    progress,
    checkpoint,
    incomplete,
    (all) => {
      covered = { files: sourceFiles.length, functions: countFunctions(all) };
    },
  );

  // ----- summaries to a fixpoint -------------------------------------------------------------
  const fieldStore = new Map<ts.ClassLikeDeclaration, Map<string, Taint[]>>();
  const channels = new Map<string, Taint[]>();
  // Data written to files, by path key, and the units that read each key (to evaluate again).
  const files = new Map<string, Taint[]>();
  const fileReaders = new Map<string, Set<Unit>>();
  const personalTypes = new Map<number, readonly string[]>();
  const failed = new Set<Unit>();
  // Events are kept per unit and replaced when the unit is evaluated again, so the last
  // evaluation (with final callee summaries) is what the rules see; no separate report pass.
  type BufferedEvent = {
    [K in keyof CodeEvents]: { event: K; payload: CodeEvents[K] };
  }[keyof CodeEvents];
  let buffer: BufferedEvent[] = [];
  const eventsByUnit = new Map<Unit, BufferedEvent[]>();
  const emit = <K extends keyof CodeEvents>(event: K, payload: CodeEvents[K]) => {
    buffer.push({ event, payload } as BufferedEvent);
  };
  // Evidence for the record of processing, kept per unit like the events.
  type Seen = { sink: { at: Location; seen: SinkSeen } } | { guard: GuardEvidence };
  let seenBuffer: Seen[] = [];
  const seenByUnit = new Map<Unit, Seen[]>();
  const host: InterpreterHost = {
    oracle,
    model,
    classifier,
    root,
    personalMemberNames: personalMemberNames(classes, model),
    unitOf: (node) => unitsByNode.get(node),
    fieldStore: (classNode, field) => fieldStore.get(classNode)?.get(field) ?? [],
    channel: (key) => channels.get(key) ?? [],
    writeChannel: (key, taints) => {
      const previous = channels.get(key) ?? [];
      const keys = new Set(previous.map((taint) => `${taint.key}:${taint.subject}`));
      const added = taints.filter((taint) => !keys.has(`${taint.key}:${taint.subject}`));
      if (added.length === 0) return;
      channels.set(key, [...previous, ...added].slice(0, 32));
      for (const listener of listenersOf.get(key) ?? [])
        if (relevant.has(listener)) stale.add(listener);
    },
    file: (key, reader) => {
      const readers = fileReaders.get(key) ?? new Set<Unit>();
      readers.add(reader);
      fileReaders.set(key, readers);
      return files.get(key) ?? [];
    },
    writeFile: (key, taints) => {
      const previous = files.get(key) ?? [];
      const keys = new Set(
        previous.map((taint) => `${taint.key}:${taint.subject}:${factsKey(taint)}`),
      );
      const added = taints.filter(
        (taint) => !keys.has(`${taint.key}:${taint.subject}:${factsKey(taint)}`),
      );
      if (added.length === 0) return;
      files.set(key, [...previous, ...added].slice(0, 32));
      for (const reader of fileReaders.get(key) ?? []) if (relevant.has(reader)) stale.add(reader);
    },
    emitFlow: (event) => emit('unguardedFlow', event),
    emitUntraced: (event) => emit('untracedTraining', event),
    emitIncomplete: (event) => emit('analysisIncomplete', event),
    limits,
    emitCheck: (event) => emit('checkCall', event),
    recordSink: (at, seen) => {
      seenBuffer.push({ sink: { at, seen } });
    },
    recordGuard: (guard) => {
      seenBuffer.push({ guard });
    },
    guardEntry: (unit, param, purposes) => {
      const set = unit.entryGuards.get(param) ?? new Set<string>();
      for (const purpose of purposes) set.add(purpose);
      unit.entryGuards.set(param, set);
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

  // Units whose inputs (callee summaries, field stores) changed since they were last evaluated.
  // Only units that can reach a sink or a consent check, and what they call, need a summary.
  const stale = new Set<Unit>(units.filter((unit) => relevant.has(unit)));
  const unitsByClass = new Map<ts.ClassLikeDeclaration, Unit[]>();
  for (const unit of units) {
    if (!unit.classNode) continue;
    const list = unitsByClass.get(unit.classNode) ?? [];
    list.push(unit);
    unitsByClass.set(unit.classNode, list);
  }
  const markCallers = (unit: Unit) => {
    for (const caller of unit.callers) if (relevant.has(caller)) stale.add(caller);
  };

  let evaluations = 0;
  const evaluate = (unit: Unit, report: boolean): void => {
    stale.delete(unit);
    if (++evaluations % CHECKPOINT_EVERY === 0) {
      checkpoint(
        () =>
          `while summarising functions (${evaluations} evaluations of ${units.length} functions, now in ${relative(unit.file.fileName)})`,
      );
    }
    if (failed.has(unit)) return;
    buffer = [];
    seenBuffer = [];
    try {
      const result = new UnitInterpreter(host, unit, report, personalTypes).run();
      eventsByUnit.set(unit, buffer);
      seenByUnit.set(unit, seenBuffer);
      const before = summaryKey(unit);
      unit.summary = result.summary;
      if (before !== summaryKey(unit)) markCallers(unit);
      for (const [classNode, fields] of result.fieldWrites) {
        const byField = fieldStore.get(classNode) ?? new Map<string, Taint[]>();
        for (const [field, taints] of fields) {
          const previous = byField.get(field) ?? [];
          const keys = new Set(previous.map((taint) => `${taint.key}:${taint.subject}`));
          const added = taints.filter((taint) => !keys.has(`${taint.key}:${taint.subject}`));
          if (added.length > 0) {
            byField.set(field, [...previous, ...added].slice(0, 32));
            for (const member of unitsByClass.get(classNode) ?? []) {
              if (member !== unit && relevant.has(member)) stale.add(member);
            }
          }
        }
        fieldStore.set(classNode, byField);
      }
      for (const { unit: target, precondition } of result.external) {
        const key = `${precondition.param}:${precondition.purposes.join()}:${precondition.site.file}:${precondition.site.line}:${precondition.site.column}`;
        if (!target.external.has(key)) {
          target.external.set(key, precondition);
          markCallers(target);
        }
      }
    } catch (error) {
      failed.add(unit);
      incomplete.push(incompleteUnit(unit, error, relative));
    }
  };

  for (let round = 0; round < maxRounds && stale.size > 0; round++) {
    let done = 0;
    for (const component of order) {
      for (let iteration = 0; iteration < maxSccIterations; iteration++) {
        const pending = component.filter((unit) => stale.has(unit));
        if (pending.length === 0) break;
        for (const unit of pending) evaluate(unit, true);
        if (component.length === 1) break;
      }
      done += component.length;
      progress({ phase: `summaries (round ${round + 1})`, done, total: units.length });
    }
  }

  // ----- report --------------------------------------------------------------------------
  let done = 0;
  const seen = new Set<string>();
  const entrySeen: Seen[] = [];
  const reported: BufferedEvent[] = [];
  for (const unit of units) {
    buffer = [];
    seenBuffer = entrySeen;
    if ((unit.callers.size === 0 || unit.escapes) && !failed.has(unit)) {
      try {
        reportEntry(unit, host, personalTypes);
      } catch (error) {
        incomplete.push(incompleteUnit(unit, error, relative));
      }
    }
    for (const { event, payload } of [...(eventsByUnit.get(unit) ?? []), ...buffer]) {
      // The same event may come from several evaluations of a closure.
      const key = `${event}:${JSON.stringify(payload)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      reported.push({ event, payload } as BufferedEvent);
    }
    progress({ phase: 'report', done: ++done, total: units.length });
  }
  const superseded = supersededFlows(reported);
  for (const { event, payload } of reported) {
    if (!superseded.has(payload)) onEvent(event, payload as never);
  }

  for (const event of incomplete) onEvent('analysisIncomplete', event);

  const evidence = collectEvidence([...[...seenByUnit.values()].flat(), ...entrySeen]);
  const policyFile = relative(options.policy.file);
  const evidenceEvent: CodeEvents['evidence'] = {
    evidence,
    policy: options.policy.policy,
    locate: (pointer) => ({
      ...(options.policy.locate(pointer) ?? { line: 1, column: 1 }),
      file: policyFile,
    }),
    wholeProject: options.files === undefined,
    sourceFiles: sourceFiles.length,
    ...(options.shard === undefined ? {} : { shard: options.shard }),
  };
  onEvent('evidence', evidenceEvent);

  diagnostics.sort(compareDiagnostics);
  const projectFiles = new Set(config.fileNames);
  const externalFiles = program
    .getSourceFiles()
    .filter((file) => !libraryFiles.has(file.fileName) && !projectFiles.has(file.fileName))
    .map((file) => file.fileName)
    .sort();
  return {
    diagnostics: dedupeDiagnostics(diagnostics),
    evidence,
    stats: {
      files: sourceFiles.length,
      functions: countFunctions(units),
    },
    externalFiles,
  };
}

/** The program of a project's source files, parsed (no type check), with what it read. */
interface LoadedProgram {
  readonly config: { compilerOptions: ts.CompilerOptions; fileNames: string[] };
  readonly program: ts.Program;
  /** The analysed source files, sorted by name. */
  readonly sourceFiles: readonly ts.SourceFile[];
  /** TypeScript's lib files, by their in-memory path. */
  readonly libraryFiles: ReadonlyMap<string, string>;
}

/**
 * Phase 1, load: reads the tsconfig and builds the program on ts-morph's TypeScript, parsing
 * only; files it cannot read or parse become diagnostics.
 */
function loadProgram(
  options: ProgramOptions,
  root: string,
  diagnostics: Diagnostic[],
  checkpoint: NonNullable<ProgramOptions['onCheckpoint']>,
  limits: AnalysisLimits,
  incomplete: AnalysisIncompleteEvent[],
): LoadedProgram {
  const relative = (fileName: string) => relativePath(root, fileName);
  const maxFileBytes = limits['file-bytes'];
  const config = readProjectConfig(root, options.tsconfig, diagnostics);
  const compilerOptions = config.compilerOptions;
  const only =
    options.files === undefined
      ? undefined
      : new Set(options.files.map((file) => resolve(root, file).replace(/\\/g, '/')));
  const fileNames = only ? config.fileNames.filter((name) => only.has(name)) : config.fileNames;
  // Outside the slice nothing is needed: every name the slice imports is declared inside it.
  const skipReexports = new Map(
    [...(options.skipReexports ?? [])].map(([file, specifiers]) => [
      resolve(root, file).replace(/\\/g, '/'),
      specifiers,
    ]),
  );
  const outside = only
    ? new Set(config.fileNames.filter((name) => !only.has(name)))
    : new Set<string>();
  const analysed: string[] = [];
  for (const fileName of fileNames) {
    try {
      const size = statSync(fileName).size;
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
  // The program is built directly on ts-morph's TypeScript: parsing only, no type check, with a
  // host that turns a parser crash or an oversized file into a diagnostic instead of a failure.
  const sourceFiles: ts.SourceFile[] = [];
  const compilerHost = ts.createCompilerHost(compilerOptions, true);
  // Documentation comments carry no meaning in TypeScript files and the analysis reads none:
  // they are parsed only where they give types (JavaScript files), as for an editor's syntax tree.
  compilerHost.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeInfo;
  const libraryFiles = libraryTexts();
  compilerHost.getDefaultLibLocation = () => libraryFolder;
  compilerHost.getDefaultLibFileName = (options) =>
    `${libraryFolder}/${ts.getDefaultLibFileName(options)}`;
  const fileExists = compilerHost.fileExists.bind(compilerHost);
  const readFile = compilerHost.readFile.bind(compilerHost);
  compilerHost.fileExists = (fileName) => libraryFiles.has(fileName) || fileExists(fileName);
  compilerHost.readFile = (fileName) => libraryFiles.get(fileName) ?? readFile(fileName);
  const readSourceFile = compilerHost.getSourceFile.bind(compilerHost);
  const skipped = new Set<string>();
  let parsed = 0;
  compilerHost.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (++parsed % CHECKPOINT_EVERY === 0) {
      checkpoint(() => `while parsing (${parsed} files read so far, now ${relative(fileName)})`);
    }
    if (libraryFiles.has(fileName)) return librarySourceFile(fileName, languageVersion);
    if (outside.has(fileName)) return ts.createSourceFile(fileName, '', languageVersion, true);
    const skip = skipReexports.get(fileName);
    try {
      if (/\.d\.[cm]?ts$/.test(fileName) && !skip) {
        return readSourceFile(fileName, languageVersion, onError, shouldCreate);
      }
      if ((ts.sys.getFileSize?.(fileName) ?? 0) > maxFileBytes) {
        return ts.createSourceFile(fileName, '', languageVersion, true);
      }
      const text = ts.sys.readFile(fileName);
      if (text === undefined) return undefined;
      // Nothing past the depth limit reaches the parser or the walks after it: it is reported.
      const limited = parseWithinDepth(
        fileName,
        skip ? blankReexports(text, skip) : text,
        languageVersion,
        limits.depth,
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
  for (const fileName of analysed) {
    const file = program.getSourceFile(fileName);
    if (file && !file.isDeclarationFile && !skipped.has(fileName)) {
      sourceFiles.push(file);
      options.onSourceFile?.(file);
    }
  }
  sourceFiles.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  return { config, program, sourceFiles, libraryFiles };
}

/** Phase 2, load problems: syntax errors, unresolved imports and missing packages, as diagnostics. */
function reportLoadProblems(
  program: ts.Program,
  sourceFiles: readonly ts.SourceFile[],
  oracle: ReturnType<typeof createTypeScriptOracle>,
  root: string,
  diagnostics: Diagnostic[],
): void {
  const relative = (fileName: string) => relativePath(root, fileName);
  const missingPackages = new Set<string>();
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
        const unresolved = describeUnresolvedImport(specifier.text, sdkPackage, {
          fromDir: dirname(file.fileName),
          pathPatterns: Object.keys(program.getCompilerOptions().paths ?? {}),
          exists: existsSync,
        });
        // A stylesheet or image that is there holds no code: nothing is missing.
        if (unresolved.kind === 'asset' && unresolved.exists) continue;
        // A missing package is reported once, where it is first imported, and in the summary.
        if (unresolved.kind === 'package') {
          if (missingPackages.has(unresolved.name)) continue;
          missingPackages.add(unresolved.name);
        }
        const position = file.getLineAndCharacterOfPosition(specifier.getStart(file));
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
      ...(existsSync(join(root, 'package.json')) ? { file: 'package.json' } : {}),
    });
  }
}

/**
 * Phase 3, call graph: the units (functions, methods, module bodies) of every file, their calls
 * linked through the classifier, event channels joined, the order to summarise them in, and the
 * units worth summarising.
 */
function linkProgram(
  sourceFiles: readonly ts.SourceFile[],
  oracle: ReturnType<typeof createTypeScriptOracle>,
  model: ReturnType<typeof createCodeModel>,
  relative: (fileName: string) => string,
  progress: (progress: AnalysisProgress) => void,
  checkpoint: NonNullable<ProgramOptions['onCheckpoint']>,
  incomplete: AnalysisIncompleteEvent[],
  onUnits: (units: readonly Unit[]) => void,
) {
  let nextId = 0;
  const units: Unit[] = [];
  const unitsByNode = new Map<ts.Node, Unit>();
  const classes: ts.ClassLikeDeclaration[] = [];
  for (const file of sourceFiles) {
    let fileUnits: Unit[];
    try {
      fileUnits = collectUnits(file, () => nextId++);
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
  const classifier = new CallClassifier(oracle, model, unitsByNode, classes);
  // Only a name some unit is declared under can refer to a unit: others need no symbol lookup.
  const unitNames = new Set(units.map((unit) => unit.name.split('.').pop() ?? ''));
  const seeds = new Set<Unit>();
  const emitters = new Map<string, Set<Unit>>();
  const listenersOf = new Map<string, Set<Unit>>();
  const referable = referableNames(unitsByNode, sourceFiles);
  onUnits(units);
  progress({ phase: 'call graph', done: 0, total: units.length });
  let linked = 0;
  for (const unit of units) {
    if (++linked % CHECKPOINT_EVERY === 0) {
      checkpoint(
        () =>
          `while resolving calls (${linked} of ${units.length} functions, now in ${relative(unit.file.fileName)})`,
      );
    }
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
        referable,
      );
    } catch (error) {
      incomplete.push(incompleteUnit(unit, error, relative));
    }
  }
  // An emit reaches the listeners of the same event on the same emitter, like a call.
  for (const [channel, senders] of emitters) {
    for (const sender of senders) {
      for (const receiver of listenersOf.get(channel) ?? []) {
        if (receiver === sender) continue;
        sender.callees.add(receiver);
        receiver.callers.add(sender);
      }
    }
  }
  const order = stronglyConnectedComponents(units);
  const relevant = relevantUnits(units, seeds, classifier);
  return { units, unitsByNode, classes, classifier, listenersOf, order, relevant };
}

/** Merges what the interpreter saw at sinks and guards into sorted, deduplicated evidence. */
function collectEvidence(
  seen: readonly ({ sink: { at: Location; seen: SinkSeen } } | { guard: GuardEvidence })[],
): AnalysisEvidence {
  const sinks = new Map<
    string,
    {
      at: Location;
      symbol: string;
      sink: string;
      purposes: Set<string>;
      categories: Set<string>;
      unguarded: Set<string>;
      untraced?: string;
    }
  >();
  const guards = new Map<string, GuardEvidence>();
  for (const entry of seen) {
    if ('guard' in entry) {
      const guard = entry.guard;
      const key = `${guard.file}:${guard.line}:${guard.column}:${guard.purposes.join()}`;
      const previous = guards.get(key);
      const tiers = [...new Set([...(previous?.tiers ?? []), ...guard.tiers])].sort();
      guards.set(key, { ...(previous ?? guard), tiers });
      continue;
    }
    const { at, seen: what } = entry.sink;
    const key = `${at.file}:${at.line}:${at.column}`;
    const sink = sinks.get(key) ?? {
      at,
      symbol: '',
      sink: '',
      purposes: new Set<string>(),
      categories: new Set<string>(),
      unguarded: new Set<string>(),
    };
    if (what.symbol !== undefined) sink.symbol = what.symbol;
    if (what.sink !== undefined) sink.sink = what.sink;
    for (const purpose of what.purposes ?? []) sink.purposes.add(purpose);
    for (const category of what.categories ?? []) sink.categories.add(category);
    for (const tier of what.unguardedTiers ?? []) sink.unguarded.add(tier);
    if (what.untraced !== undefined) sink.untraced ??= what.untraced;
    sinks.set(key, sink);
  }
  const byPlace = (
    a: { file: string; line: number; column: number },
    b: { file: string; line: number; column: number },
  ) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;
  const sinkList: SinkEvidence[] = [...sinks.values()]
    // Steps of flows name sink places too; only places the analysis saw as sinks count.
    .filter((sink) => sink.sink !== '')
    .map((sink) => ({
      file: sink.at.file,
      line: sink.at.line,
      column: sink.at.column,
      symbol: sink.symbol,
      // The record lists every training call: one whose data is not traced says so.
      sink:
        sink.untraced === undefined
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

/** The text of each of TypeScript's lib files, by its in-memory path. */
let libraryTextCache: ReadonlyMap<string, string> | undefined;

function libraryTexts(): ReadonlyMap<string, string> {
  libraryTextCache ??= new Map(
    getLibFiles().map((file) => [`${libraryFolder}/${file.fileName}`, file.text]),
  );
  return libraryTextCache;
}

/**
 * Lib files parsed on demand (only those the program asks for: the tsconfig's `lib` and what
 * declaration files reference) and kept for later runs in the same process; parsing does not
 * depend on the project, and the checker does not change a parsed file.
 */
const librarySourceFiles = new Map<string, ts.SourceFile>();

function librarySourceFile(
  fileName: string,
  languageVersion: ts.ScriptTarget | ts.CreateSourceFileOptions,
): ts.SourceFile {
  const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
  let file = librarySourceFiles.get(key);
  if (!file) {
    file = ts.createSourceFile(fileName, libraryTexts().get(fileName) ?? '', languageVersion, true);
    librarySourceFiles.set(key, file);
  }
  return file;
}

/**
 * Flows that end at an upload whose handle starts a job reported with the upload as a hop: one
 * finding per problem, at the job, unless the upload leaves tiers unguarded the job does not.
 */
function supersededFlows(
  events: readonly { readonly event: keyof CodeEvents; readonly payload: unknown }[],
): Set<unknown> {
  const flows = events
    .filter((entry) => entry.event === 'unguardedFlow')
    .map((entry) => entry.payload as UnguardedFlowEvent);
  const stepKey = (step: FlowStep) => `${step.file}:${step.line}:${step.column}:${step.note}`;
  // Hops a flow passes before its end, keyed by place and note.
  const hops = new Map<string, UnguardedFlowEvent[]>();
  for (const flow of flows) {
    for (const step of flow.flow.slice(0, -1)) {
      const list = hops.get(stepKey(step)) ?? [];
      list.push(flow);
      hops.set(stepKey(step), list);
    }
  }
  const superseded = new Set<unknown>();
  for (const flow of flows) {
    const end = flow.flow[flow.flow.length - 1];
    if (end === undefined) continue;
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

/** Reports preconditions of a function nobody in the project calls, when its parameter is personal by type. */
function reportEntry(
  unit: Unit,
  host: InterpreterHost,
  personalTypes: Map<number, readonly string[]>,
): void {
  const preconditions: Precondition[] = [...unit.summary.preconditions, ...unit.external.values()];
  if (preconditions.length === 0) return;
  const probe = new UnitInterpreter(host, unit, true, personalTypes);
  // Training calls reached only by parameters nothing makes personal, by place; and the places
  // reported anyway (another parameter's type is personal), where the call is traced.
  const untraced = new Map<string, { precondition: Precondition; names: string[] }>();
  const reported = new Set<string>();
  const placeKey = (precondition: Precondition) =>
    `${precondition.site.file}:${precondition.site.line}:${precondition.site.column}`;
  for (const precondition of preconditions) {
    const parameter = unit.params[precondition.param];
    if (!parameter) continue;
    const guarded = unit.entryGuards.get(precondition.param);
    if (guarded && precondition.purposes.some((purpose) => guarded.has(purpose))) continue;
    const personal = precondition.subjectOf
      ? [defaultCategory]
      : probe.personalCategoriesOf(parameter.name);
    if (precondition.training && personal.length === 0 && unit.callers.size === 0) {
      // Data from outside the project that its type does not call personal: a training call
      // is still listed, with where its data comes from.
      const found = untraced.get(placeKey(precondition)) ?? { precondition, names: [] };
      found.names.push(ts.isIdentifier(parameter.name) ? parameter.name.text : 'a parameter');
      untraced.set(placeKey(precondition), found);
      continue;
    }
    // Read through fields only (`row.prompt`): a field the declared type marks personal is a
    // source of its own, so what is left is personal only by what callers pass.
    if (precondition.via && !precondition.subjectOf) continue;
    // Data the function loads about the subject is personal whatever the parameter's type.
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

/** A parameter's categories, narrowed to what reaches the sink when a projection says so. */
function narrowedTo(
  categories: readonly string[],
  reaching: readonly string[] | undefined,
): readonly string[] {
  if (categories.length === 0 || reaching === undefined) return categories;
  const kept = categories.filter((category) => reaching.includes(category));
  return kept.length > 0 ? kept : reaching;
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

/** The guard facts a taint carries, as text: data written under other facts is a new fact. */
function factsKey(taint: Taint): string {
  return `${taint.facts.possible}:${[...taint.facts.allowed].join(',')}`;
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
    summary.returnsIdentityOf,
    summary.continuesOnlyIf,
    summary.returnsPath,
    [...(summary.returnsParamFields ?? [])],
    summary.preconditions.map((p) => p.via),
    (summary.writesFiles ?? []).map((write) => [
      write.key,
      write.taints.map((taint) => [taint.key, taint.facts.possible, [...taint.facts.allowed]]),
    ]),
  ]);
}

/** Methods that call a function passed to them, so passing one is calling it (`rows.map(toRow)`). */
const callsBack: ReadonlySet<string> = new Set([
  ...elementMethods.filter((method) => method.linksCallee).map((method) => method.name),
  promiseContinuation,
]);

/** Finds the calls of a unit and links callers and callees; references that escape make a unit an entry point. */
function linkCalls(
  unit: Unit,
  classifier: CallClassifier,
  oracle: ReturnType<typeof createTypeScriptOracle>,
  unitsByNode: ReadonlyMap<ts.Node, Unit>,
  seeds: Set<Unit>,
  emitters: Map<string, Set<Unit>>,
  listeners: Map<string, Set<Unit>>,
  unitNames: ReadonlySet<string>,
  referable: ReadonlySet<string>,
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
      // Code that writes files counts as reaching a sink: a reader elsewhere may upload the file.
      if (
        kind.kind === 'sink' ||
        kind.kind === 'sdk' ||
        (kind.kind === 'file' &&
          (kind.entry.role === 'file-write' ||
            kind.entry.role === 'file-write-handle' ||
            kind.entry.role === 'file-copy'))
      )
        seeds.add(unit);
      const channel =
        ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)
          ? eventChannelKey(node, node.expression, oracle)
          : undefined;
      if (channel !== undefined) {
        const side = node.expression.getText().endsWith(`.${eventEmitter.emit}`)
          ? emitters
          : listeners;
        const set = side.get(channel) ?? new Set<Unit>();
        set.add(unit);
        side.set(channel, set);
      }
      if (kind.kind === 'project') {
        for (const callee of kind.units) {
          unit.callees.add(callee);
          callee.callers.add(unit);
        }
      }
    } else if (
      (ts.isIdentifier(node) && unitNames.has(node.text)) ||
      (ts.isPropertyAccessExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ThisKeyword &&
        unitNames.has(node.name.text))
    ) {
      const parent = node.parent;
      const isCallee =
        parent &&
        (ts.isCallExpression(parent) || ts.isNewExpression(parent)) &&
        parent.expression === node;
      const isName = parent && ts.isPropertyAccessExpression(parent) && parent.name === node;
      const text = ts.isIdentifier(node)
        ? node.text
        : (node as ts.PropertyAccessExpression).name.text;
      if (
        referable.has(text) &&
        !isCallee &&
        !isName &&
        !isNotAValueUse(node) &&
        !(ts.isPropertyAccessExpression(parent) && parent.expression === node)
      ) {
        for (const declaration of oracle.declarationsOf(node)) {
          const target = unitsByNode.get(declaration);
          if (!target || target === unit) continue;
          const call = parent && ts.isCallExpression(parent) ? parent : undefined;
          const method =
            call && ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : '';
          if (call && callsBack.has(method)) {
            unit.callees.add(target);
            target.callers.add(unit);
          } else if (!ts.isExportSpecifier(parent) && !ts.isExportAssignment(parent)) {
            target.escapes = true;
            target.referrers.add(unit);
          }
        }
      }
    }
    return undefined;
  });
}

/**
 * Names an identifier must have to refer to a unit: the units' own names and every name an import
 * binds (a default or renamed import names a unit by another name). A cheap filter before the
 * checker is asked for an identifier's declarations.
 */
function referableNames(
  unitsByNode: ReadonlyMap<ts.Node, Unit>,
  files: readonly ts.SourceFile[],
): Set<string> {
  const names = new Set<string>();
  for (const node of unitsByNode.keys()) {
    const name = (node as { name?: ts.Node }).name;
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

/**
 * Names of members that may hold personal data: decorated members of the project's classes and
 * members the policy declares (or of types it declares). A cheap filter before declaration lookups.
 */
function personalMemberNames(
  classes: readonly ts.ClassLikeDeclaration[],
  model: ReturnType<typeof createCodeModel>,
): Set<string> {
  const names = new Set<string>();
  const add = (member: ts.Node) => {
    const name = (member as { name?: ts.Node }).name;
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

/** Imports, exports, types and declaration names mention a function without passing it anywhere. */
function isNotAValueUse(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if ((parent as { name?: ts.Node }).name === node && !ts.isPropertyAccessExpression(parent))
    return true;
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

/**
 * The units worth evaluating: those that reach a sink or a consent check through calls (or share
 * a class with one, for data buffered in fields), and everything they call.
 */
function relevantUnits(
  units: readonly Unit[],
  seeds: ReadonlySet<Unit>,
  classifier: CallClassifier,
): Set<Unit> {
  const start = new Set(seeds);
  for (const unit of units) {
    if (ts.isSourceFile(unit.node) || !ts.canHaveDecorators(unit.node)) continue;
    const decorated = (ts.getDecorators(unit.node) ?? []).some((decorator) => {
      const call = decorator.expression;
      return ts.isCallExpression(call) && classifier.sdkNameOf(call.expression) !== undefined;
    });
    if (decorated) start.add(unit);
  }
  const sinkClasses = new Set(
    [...start].map((unit) => unit.classNode).filter((node) => node !== undefined),
  );
  for (const unit of units) if (unit.classNode && sinkClasses.has(unit.classNode)) start.add(unit);
  const reaching = new Set<Unit>();
  const up = [...start];
  while (up.length > 0) {
    const unit = up.pop()!;
    if (reaching.has(unit)) continue;
    reaching.add(unit);
    up.push(...unit.callers, ...unit.referrers);
  }
  const relevant = new Set<Unit>();
  const down = [...reaching];
  while (down.length > 0) {
    const unit = down.pop()!;
    if (relevant.has(unit)) continue;
    relevant.add(unit);
    down.push(...unit.callees);
  }
  return relevant;
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
  // An unreadable, invalid or circular tsconfig stops the run (exit 2 at its file:line:column).
  const parsed = readProjectConfigFile(configPath, configPath);
  for (const warning of parsed.warnings) {
    diagnostics.push({
      code: 'tsconfig-invalid',
      message: `${warning}; continuing with the options that parsed`,
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

/** Replaces `export * from '<specifier>'` statements for these specifiers with spaces. */
function blankReexports(text: string, specifiers: readonly string[]): string {
  const skipped = new Set(specifiers);
  return text.replace(
    /export\s*\*\s*from\s*(['"])([^'"\n]+)\1\s*;?/g,
    (statement, _quote: string, specifier: string) =>
      skipped.has(specifier) ? statement.replace(/[^\n]/g, ' ') : statement,
  );
}

/** The functions among the units: a file's top level is a unit, not a function. */
function countFunctions(units: readonly Unit[]): number {
  return units.filter((unit) => !ts.isSourceFile(unit.node)).length;
}
