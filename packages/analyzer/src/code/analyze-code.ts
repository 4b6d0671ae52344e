import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { LoadedPolicy } from '@consentry/policy';
import { getLibFiles, libFolderInMemoryPath } from '@ts-morph/common';
import { ts } from 'ts-morph';
import {
  bindingInvokerNames,
  elementMethods,
  eventEmitter,
  inertMethods,
  promiseContinuation,
} from '../catalogue/builtins.js';
import { catalogueNames, cataloguePackages, catalogueSinkApiModules } from '../catalogue/names.js';
import { sdkPackage } from '../catalogue/sdk.js';
import type { AnalysisEvidence, GuardEvidence, SinkEvidence } from '../code-evidence.js';
import type { Location } from '../findings.js';
import { relativePath } from '../paths.js';
import { CallClassifier, type Implementer } from './classify.js';
import {
  compareDiagnostics,
  type Diagnostic,
  dependenciesMissing,
  describeUnresolvedImport,
  isExistingAsset,
} from './diagnostics.js';
import type { AnalysisIncompleteEvent, CodeEvents } from './events.js';
import { importsFramework, pluginMethods, unitsOf } from './file-units.js';
import { implementedTypeOf } from './implementers.js';
import { incompleteCut, incompleteFile, incompleteUnit } from './incomplete.js';
import { eventChannelKey, isCountField } from './interpreter/index.js';
import { type AnalysisLimits, DEFAULT_LIMITS, parseWithinDepth } from './limits.js';
import { listedFileQueries } from './listed-files.js';
import {
  type CodeModel,
  createCodeModel,
  policyModuleFiles,
  type UnresolvedMapping,
  UnresolvedMappingError,
} from './model.js';
import { collectionWritten, moduleCollectionKey } from './module-collections.js';
import { readProjectConfigFile } from './project-config.js';
import { filesThatMayReach } from './reach.js';
import { sourceFilePattern } from './source-files.js';
import { evaluateProgram, type LinkedProgram, type PhaseContext, type Seen } from './summaries.js';
import { createTypeScriptOracle, type TypeOracle } from './type-oracle.js';
import { bodyOf, type Unit } from './units.js';
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
  /**
   * Re-exported specifiers to leave out, by file (relative to `root` or absolute): `export *`
   * and `export { … } from` entries that lead outside `files`. They are blanked, so positions
   * do not move.
   */
  readonly skipReexports?: ReadonlyMap<string, readonly string[]>;
  /** Limits past which a part of the code is reported as `analysis-incomplete`; defaults otherwise. */
  readonly limits?: Partial<AnalysisLimits>;
}

/** `ProgramOptions` with the engine's hooks on TypeScript's syntax trees, which stay internal. */
export interface EngineOptions extends ProgramOptions {
  /** Receives each analysed file once parsed (the cache reads its module facts from it). */
  readonly onSourceFile?: (file: ts.SourceFile) => void;
  /**
   * Links the calls of every function, also in files that cannot reach a sink (see
   * `filesThatMayReach`): slower, with the same findings; for tests that hold the two equal.
   */
  readonly linkEveryFunction?: boolean;
  /**
   * Files (absolute) to read as the given text instead of their own, because
   * they need not be bound (see `src/cache/stand-ins.ts`), and the functions they hold. The
   * engine checks, once the program is built, that every import of a stand-in resolves to a
   * module and that no module a policy mapping names is a stand-in; if either fails it builds the
   * program again from the files themselves.
   */
  readonly standIns?: { readonly files: ReadonlyMap<string, string>; readonly functions: number };
  /**
   * The text of a project file (absolute path) when the caller has read it already this run, so
   * that the program does not read it again; undefined to have the engine read it.
   */
  readonly readText?: (fileName: string) => string | undefined;
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

/** How many files or functions pass between two `onCheckpoint` calls. */
const CHECKPOINT_EVERY = 25;
const ignoredDirectories = new Set(['node_modules', 'dist', 'build', 'coverage', '.git']);
/** Where ts-morph's in-memory file system keeps TypeScript's lib files. */
/** Where the program finds TypeScript's lib files: ts-morph's in-memory copy of its own version's. */
const libraryFolder = libFolderInMemoryPath;

/**
 * Evaluates a project's code and sends what it finds (unguarded flows, misused checks, purpose
 * references, then the evidence) to `onEvent`; never runs the analysed code. `analyzeCode` runs
 * the rules on these events. The phases: load, bind, collect units, link the call graph,
 * summaries and report (`evaluateProgram`), then the evidence.
 */
export async function analyzeProgram(
  options: EngineOptions,
  onEvent: CodeEventSink,
): Promise<ProgramAnalysis & { readonly evidence: AnalysisEvidence }> {
  const root = resolve(options.root);
  const diagnostics: Diagnostic[] = [];
  const relative = (fileName: string) => relativePath(root, fileName);
  const limits: AnalysisLimits = { ...DEFAULT_LIMITS, ...options.limits };
  // Parts of the code not analysed: each becomes an `analysis-incomplete` finding.
  const incomplete: AnalysisIncompleteEvent[] = [];
  const checkpoint = options.onCheckpoint ?? (() => {});

  options.onProgress?.({ phase: 'load', done: 0, total: 1 });
  let loaded = loadProgram(options, root, diagnostics, checkpoint, limits, incomplete);
  options.onProgress?.({ phase: 'load', done: 1, total: 1 });
  let bound: ReturnType<typeof bindProgram> | undefined;
  // A module a policy mapping names is never a stand-in (`standIns` keeps it bound); checked
  // here with the model's own resolution, since a stand-in there would leave the mapping unresolved.
  const standInMapped =
    loaded.standIns > 0 &&
    intersects(
      policyModuleFiles(
        options.policy.policy.code,
        resolve(options.policy.file),
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
  if (bound === undefined) {
    // What the stand-ins left out could have changed an import's or a mapping's resolution:
    // the program is built again from the files themselves.
    diagnostics.length = 0;
    incomplete.length = 0;
    const { standIns: _, ...whole } = options;
    loaded = loadProgram(whole, root, diagnostics, checkpoint, limits, incomplete);
    bound = bindProgram(whole, loaded, root, diagnostics, checkpoint, incomplete);
    standInFunctions = 0;
  }
  const { oracle, model } = bound;

  // After binding, which sets the parent links the facts' function count needs.
  if (options.onSourceFile) for (const file of loaded.sourceFiles) options.onSourceFile(file);
  const collected = collectProgramUnits(loaded.sourceFiles, relative, incomplete);
  // From here on, progress says what the analysis covers, as its final `stats` count it.
  const analysed = {
    files: loaded.sourceFiles.length + loaded.standIns,
    functions: countFunctions(collected.units) + standInFunctions,
  };
  // Passed on when the phase or its whole percentage moves: a display shows no more than that,
  // and the summaries phase steps once per function.
  let shown = '';
  const progress = (step: AnalysisProgress): void => {
    if (!options.onProgress) return;
    const at = `${step.phase}\0${step.total === 0 ? 100 : Math.floor((100 * step.done) / step.total)}`;
    if (at === shown) return;
    shown = at;
    options.onProgress({ ...step, analysed });
  };
  const context: PhaseContext = {
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

/**
 * Phase 2, bind: the type oracle over the whole program (one call nothing can interrupt), the
 * load problems, and the policy's code model, with its mappings that name nothing reported.
 */
function bindProgram(
  options: EngineOptions,
  loaded: LoadedProgram,
  root: string,
  diagnostics: Diagnostic[],
  checkpoint: NonNullable<ProgramOptions['onCheckpoint']>,
  incomplete: AnalysisIncompleteEvent[],
): { readonly oracle: TypeOracle; readonly model: CodeModel } {
  // Binding every file happens in one call the analysis cannot interrupt: ask before it starts.
  checkpoint(
    () =>
      loaded.standIns === 0
        ? `before binding the program of ${loaded.sourceFiles.length} files`
        : `before binding the program of ${loaded.sourceFiles.length} of ${loaded.sourceFiles.length + loaded.standIns} files (the others cannot reach a sink)`,
    'binding',
  );
  const oracle = createTypeScriptOracle(loaded.program, root, cataloguePackages());
  reportLoadProblems(loaded.program, loaded.sourceFiles, oracle, root, diagnostics, incomplete);
  const policyFile = resolve(options.policy.file);
  const model = createCodeModel(
    options.policy.policy,
    policyFile,
    oracle,
    loaded.config.compilerOptions,
  );
  reportUnresolvedMappings(model.unresolved, options.policy, root, diagnostics);
  return { oracle, model };
}

/** The last event: the evidence for the record of processing, with the policy to place it in. */
function evidenceEvent(
  options: EngineOptions,
  evidence: AnalysisEvidence,
  relative: (fileName: string) => string,
  sourceFiles: number,
): CodeEvents['evidence'] {
  const policyFile = relative(options.policy.file);
  return {
    evidence,
    policy: options.policy.policy,
    locate: (pointer) => ({
      ...(options.policy.locate(pointer) ?? { line: 1, column: 1 }),
      file: policyFile,
    }),
    wholeProject: options.files === undefined,
    sourceFiles,
    ...(options.shard === undefined ? {} : { shard: options.shard }),
  };
}

/** Files the program read from outside the project (not TypeScript's lib files), sorted. */
function externalFilesOf(loaded: LoadedProgram): string[] {
  const projectFiles = new Set(loaded.config.fileNames);
  return loaded.program
    .getSourceFiles()
    .filter((file) => !loaded.libraryFiles.has(file.fileName) && !projectFiles.has(file.fileName))
    .map((file) => file.fileName)
    .sort();
}

/** The program of a project's source files, parsed (no type check), with what it read. */
interface LoadedProgram {
  readonly config: { compilerOptions: ts.CompilerOptions; fileNames: string[] };
  readonly program: ts.Program;
  /** The analysed source files, sorted by name. */
  readonly sourceFiles: readonly ts.SourceFile[];
  /** The project's own declaration files (`.d.ts`): not analysed, but they may declare globals. */
  readonly declarationFiles: readonly ts.SourceFile[];
  /** TypeScript's lib files, by their in-memory path. */
  readonly libraryFiles: ReadonlyMap<string, string>;
  /** How many project files were read as stand-ins (`EngineOptions.standIns`), not analysed. */
  readonly standIns: number;
  /** A stand-in imports something that may not resolve to a module: its file must be analysed. */
  readonly standInsUnsound: boolean;
}

/**
 * Phase 1, load: reads the tsconfig and builds the program on ts-morph's TypeScript, parsing
 * only; files it cannot read or parse become diagnostics.
 */
function loadProgram(
  options: EngineOptions,
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
  // Each file's size, read once: the limit is checked here and again when the program reads it.
  const sizes = new Map<string, number>();
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
  // Module resolution asks whether a file or directory exists for every candidate of every import:
  // answered from directory listings, read once each.
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
  const skipped = new Set<string>();
  let parsed = 0;
  compilerHost.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (++parsed % CHECKPOINT_EVERY === 0) {
      checkpoint(() => `while parsing (${parsed} files read so far, now ${relative(fileName)})`);
    }
    if (libraryFiles.has(fileName)) return librarySourceFile(fileName, languageVersion);
    if (outside.has(fileName)) return ts.createSourceFile(fileName, '', languageVersion, true);
    const size = () => sizes.get(fileName) ?? ts.sys.getFileSize?.(fileName) ?? 0;
    const standIn = options.standIns?.files.get(fileName);
    if (standIn !== undefined && size() <= maxFileBytes) {
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
      if (text === undefined) return undefined;
      // Nothing past the depth limit reaches the parser or the walks after it: it is reported.
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
    options.standIns === undefined
      ? undefined
      : ts.createModuleResolutionCache(
          compilerHost.getCurrentDirectory(),
          (name) => compilerHost.getCanonicalFileName(name),
          compilerOptions,
        );
  const declarationFiles: ts.SourceFile[] = [];
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

/**
 * Whether every import of a stand-in resolves, in the built program, to a TypeScript module or
 * an existing stylesheet or image: then its file, analysed, would have reported none of them.
 */
function importsResolveToModules(
  program: ts.Program,
  file: ts.SourceFile,
  host: ts.CompilerHost,
  cache: ts.ModuleResolutionCache,
): boolean {
  const options = program.getCompilerOptions();
  return loadedImports(file).every((specifier) => {
    const mode = ts.getModeForUsageLocation(file, specifier, options);
    const resolved = ts.resolveModuleName(
      specifier.text,
      file.fileName,
      options,
      host,
      cache,
      undefined,
      mode,
    ).resolvedModule;
    const target = resolved && program.getSourceFile(resolved.resolvedFileName);
    if (target) {
      return /\.(?:d\.)?[cm]?[jt]sx?$/.test(target.fileName) && ts.isExternalModule(target);
    }
    return isExistingAsset(
      specifier.text,
      dirname(file.fileName),
      Object.keys(options.paths ?? {}),
    );
  });
}

/**
 * A text read as UTF-8 elsewhere, unless it starts with a byte-order mark or with bytes that are
 * not UTF-8 (a UTF-16 file): TypeScript's own reading drops the mark and decodes UTF-16, so
 * such a file is left to it and positions stay the same.
 */
function usableText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const first = text.charCodeAt(0);
  return first === 0xfeff || first === 0xfffd ? undefined : text;
}

/** Whether two sets share an element. */
function intersects<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  for (const item of a) if (b.has(item)) return true;
  return false;
}

/** A file's real path, with forward slashes; the path itself when it cannot be resolved. */
function realPath(file: string): string {
  try {
    return realpathSync(file).replaceAll('\\', '/');
  } catch {
    return file;
  }
}

/** The module specifiers of a file's import and export declarations, which loading checks. */
function loadedImports(file: ts.SourceFile): ts.StringLiteral[] {
  return file.statements.flatMap((statement) =>
    (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
    statement.moduleSpecifier &&
    ts.isStringLiteral(statement.moduleSpecifier)
      ? [statement.moduleSpecifier]
      : [],
  );
}

/**
 * Phase 2 (bind), load problems: syntax errors, unresolved imports and missing packages, as
 * diagnostics; an import of a module the catalogue makes a sink or file API that does not
 * resolve (the vendor's package not installed, Node's types missing) is code the analysis cannot
 * see into, so it is also an `analysis-incomplete` finding: the run fails closed.
 */
function reportLoadProblems(
  program: ts.Program,
  sourceFiles: readonly ts.SourceFile[],
  oracle: ReturnType<typeof createTypeScriptOracle>,
  root: string,
  diagnostics: Diagnostic[],
  incomplete: AnalysisIncompleteEvent[],
): void {
  const relative = (fileName: string) => relativePath(root, fileName);
  const missingPackages = new Set<string>();
  const sinkModules = catalogueSinkApiModules();
  const unseenSinks = new Set<string>();
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
          fromDir: dirname(file.fileName),
          pathPatterns: Object.keys(program.getCompilerOptions().paths ?? {}),
          exists: existsSync,
        });
        // A stylesheet or image that is there holds no code: nothing is missing.
        if (unresolved.kind === 'asset' && unresolved.exists) continue;
        const position = file.getLineAndCharacterOfPosition(specifier.getStart(file));
        const bare = specifier.text.replace(/^node:/, '');
        const sinkModule =
          unresolved.kind === 'builtin'
            ? sinkModules.has(bare) || sinkModules.has(bare.split('/')[0]!)
            : unresolved.kind === 'package' && sinkModules.has(unresolved.name);
        // Once per module, where it is first imported, as the missing packages are.
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
        // A missing package is reported once, where it is first imported, and in the summary.
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
      ...(existsSync(join(root, 'package.json')) ? { file: 'package.json' } : {}),
    });
  }
}

/**
 * The units (functions, methods, module bodies) of every file, the classes they sit in, and the
 * object literals written to implement a type (`const hook: ExportHook = { … }`).
 */
interface CollectedUnits {
  readonly units: Unit[];
  readonly unitsByNode: Map<ts.Node, Unit>;
  readonly classes: ts.ClassLikeDeclaration[];
  readonly typedObjects: ts.ObjectLiteralExpression[];
  /** Calls with an argument that may name a function (`each(rows, upload)`): see `handOffs`. */
  readonly passingCalls: (ts.CallExpression | ts.NewExpression)[];
  /** Properties written as another name (`{ training: uploadTrainingText }`): see `handOffs`. */
  readonly propertyAliases: ReadonlySet<string>;
}

/** Phase 3a, units: collects every file's units; a file that fails is reported, not analysed. */
function collectProgramUnits(
  sourceFiles: readonly ts.SourceFile[],
  relative: (fileName: string) => string,
  incomplete: AnalysisIncompleteEvent[],
): CollectedUnits {
  let nextId = 0;
  const units: Unit[] = [];
  const unitsByNode = new Map<ts.Node, Unit>();
  const classes: ts.ClassLikeDeclaration[] = [];
  const typedObjects: ts.ObjectLiteralExpression[] = [];
  const passingCalls: (ts.CallExpression | ts.NewExpression)[] = [];
  const propertyAliases = new Set<string>();
  for (const file of sourceFiles) {
    let fileUnits: Unit[];
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
    walk(file, undefined, (node) => {
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
      return undefined;
    });
  }
  return { units, unitsByNode, classes, typedObjects, passingCalls, propertyAliases };
}

/**
 * Phase 3b, call graph: the units' calls linked through the classifier, event channels joined,
 * the order to summarise them in, and the units worth summarising.
 */
function linkProgram(
  context: PhaseContext,
  { units, unitsByNode, classes, typedObjects, passingCalls, propertyAliases }: CollectedUnits,
  { sourceFiles, declarationFiles }: Pick<LoadedProgram, 'sourceFiles' | 'declarationFiles'>,
  linkEveryFunction: boolean,
): LinkedProgram {
  const { oracle, model, relative, incomplete } = context;
  const referable = referableNames(unitsByNode, sourceFiles);
  const classifier = new CallClassifier(
    oracle,
    model,
    unitsByNode,
    [...classes, ...typedObjects],
    handOffs(passingCalls, unitsByNode, referable, propertyAliases),
  );
  // Only a name some unit is declared under can refer to a unit: others need no symbol lookup.
  const unitNames = new Set(units.map((unit) => unit.name.split('.').pop() ?? ''));
  // A property read runs a getter only where some getter has its name: others need no lookup.
  // A count (`get length()`) is a derived value, never data, so reading one links nothing.
  const getterNames = new Set(
    units
      .filter((unit) => ts.isGetAccessorDeclaration(unit.node))
      .map((unit) => unit.name.split('.').pop() ?? '')
      .filter((name) => !isCountField(name)),
  );
  const seeds = new Set<Unit>();
  const emitters = new Map<string, Set<Unit>>();
  const listenersOf = new Map<string, Set<Unit>>();
  const unlinked = unlinkedMethods(model, [...classes, ...typedObjects], [unitNames, referable]);
  // Functions in files that cannot reach a sink are linked only if a relevant function calls
  // them (`filesThatMayReach`): most of a web app's components and the repositories only its
  // pages use. Their calls are where the checker spends most of a scan.
  const policyDeclarations = [...model.sinks.keys(), ...model.guards.keys()];
  const mayReach = linkEveryFunction
    ? undefined
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
  const done = new Set<Unit>();
  const link = (unit: Unit): void => {
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
  const first = mayReach === undefined ? units : units.filter((unit) => mayReach.has(unit.file));
  context.progress({ phase: 'call graph', done: 0, total: first.length });
  let linked = 0;
  for (const unit of first) {
    if (++linked % CHECKPOINT_EVERY === 0) {
      context.checkpoint(
        () =>
          `while resolving calls (${linked} of ${first.length} functions, now in ${relative(unit.file.fileName)})`,
      );
    }
    link(unit);
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
  // Before the order: finding the relevant functions links those of files that cannot reach a
  // sink when a relevant function calls them, and the order follows every link.
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

/** Merges what the interpreter saw at sinks and guards into sorted, deduplicated evidence. */
function collectEvidence(seen: readonly Seen[]): AnalysisEvidence {
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

function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = JSON.stringify(diagnostic);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
  getterNames: ReadonlySet<string>,
  referable: ReadonlySet<string>,
  unlinked: ReadonlySet<string>,
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
      const inner = unitsByNode.get(node);
      if (inner?.inline) {
        // The module evaluates a closure it passes inline where it passes it, with its summary.
        unit.callees.add(inner);
        inner.callers.add(unit);
        // Stored (`handlers.set('train', async (row) => …)`, `registry.register('train', …)`),
        // it runs wherever it is taken out, on whatever is there: an entry point too, as a
        // stored named function is.
        if (storedWhereHanded(node, classifier)) inner.escapes = true;
      }
      if (inner) return false;
    } else if (node !== root && (ts.isArrowFunction(node) || ts.isFunctionExpression(node))) {
      // So does a function with a closure it registers (a plugin's inline hook).
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
      // A standard-library method (`rows.reduce(…)`): no link, sink or check to resolve; a
      // module-level collection it fills still makes the function worth summarising.
      if (writesModuleCollection(node, oracle)) seeds.add(unit);
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      // A call through `call`, `apply` or a bound function links what it reaches.
      let kind = classifier.classify(node);
      while (kind.kind === 'invoke' || kind.kind === 'bound') kind = kind.target;
      // Code that writes files counts as reaching a sink: a reader elsewhere may upload the file.
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
      // A function handed over by another name (`destinations.training`, `this.share.bind(this)`):
      // the code that hands it over reads it, as it reads a function it names.
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
        // A plugin wrapped where it is declared (`const consentHooks = fp(async (app) => …)`):
        // registering it reads what its function registers.
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
      // A getter runs where its property is read (`transcript.jsonl`).
      for (const declaration of oracle.declarationsOf(node)) {
        const getter = ts.isGetAccessorDeclaration(declaration)
          ? unitsByNode.get(declaration)
          : undefined;
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
            // Handed to project functions that only call it, it has callers the analysis sees;
            // still, the code that hands it over reads it.
            if (!classifier.handedOff(node)) target.escapes = true;
            target.referrers.add(unit);
          }
        }
      }
    }
    return undefined;
  });
}

/**
 * Whether a function written as an argument is kept by the call it is handed to: a method that
 * writes it into a collection of the standard library (`jobs.push(fn)`, `handlers.set(name,
 * fn)`), or a project function that writes it into one or into a property (`register(name,
 * fn)`, `keptBy`).
 */
function storedWhereHanded(fn: ts.Expression, classifier: CallClassifier): boolean {
  const call = fn.parent;
  if (!call || !ts.isCallExpression(call)) return false;
  const kind = classifier.classify(call).kind;
  if (kind === 'project') return classifier.keptBy(fn);
  return kind === 'builtin' && collectionWritten(call) !== undefined;
}

/** Whether a call has an argument that may name a function: a name, a member, a function. */
function mayPassFunction(call: ts.CallExpression | ts.NewExpression): boolean {
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

/**
 * The calls that hand a project function to another as an argument (`each(rows, upload)`,
 * `register('train', async (text) => …)` at the top level): by the cheap test of names first,
 * so the classifier asks the checker only about these.
 */
function handOffs(
  calls: readonly (ts.CallExpression | ts.NewExpression)[],
  unitsByNode: ReadonlyMap<ts.Node, Unit>,
  referable: ReadonlySet<string>,
  aliases: ReadonlySet<string>,
): (ts.CallExpression | ts.NewExpression)[] {
  const mayName = (argument: ts.Expression): boolean =>
    unitsByNode.has(argument) ||
    (ts.isIdentifier(argument) && (referable.has(argument.text) || namesParameter(argument))) ||
    (ts.isPropertyAccessExpression(argument) &&
      (referable.has(argument.name.text) || aliases.has(argument.name.text))) ||
    (ts.isConditionalExpression(argument) &&
      (mayName(argument.whenTrue) || mayName(argument.whenFalse))) ||
    bindsProjectMember(argument, referable);
  return calls.filter((call) => (call.arguments ?? []).some(mayName));
}

/** `this.upload.bind(this)`, `upload.bind(null)`: a function of the project's, bound. */
function bindsProjectMember(argument: ts.Expression, referable: ReadonlySet<string>): boolean {
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

/**
 * Whether a name is a parameter of a function it is written in that may hold a function (`fn`
 * handed on by `outer`): declared without a type, or with a function type or a named type (not
 * `string`, an array or an object type written out).
 */
function namesParameter(name: ts.Identifier): boolean {
  for (let node: ts.Node = name.parent; !ts.isSourceFile(node); node = node.parent) {
    if (!ts.isFunctionLike(node)) continue;
    const parameter = node.parameters.find(
      (candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name.text,
    );
    if (parameter) return parameter.type === undefined || mayBeFunctionType(parameter.type);
  }
  return false;
}

function mayBeFunctionType(type: ts.TypeNode): boolean {
  if (ts.isParenthesizedTypeNode(type)) return mayBeFunctionType(type.type);
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type))
    return type.types.some(mayBeFunctionType);
  return ts.isFunctionTypeNode(type) || ts.isTypeReferenceNode(type) || ts.isTypeQueryNode(type);
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
  link: (unit: Unit) => void,
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
    // A function of a file that cannot reach a sink is linked when a relevant one calls it.
    link(unit);
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
  const sources = sourceFilePattern(parsed.options);
  const fileNames = parsed.fileNames.filter((fileName) => sources.test(fileName));
  return {
    compilerOptions: { ...parsed.options, noEmit: true },
    fileNames: fileNames.length > 0 ? fileNames : listSourceFiles(root),
  };
}

function listSourceFiles(root: string): string[] {
  const sources = sourceFilePattern({});
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
      else if (entry.isFile() && sources.test(entry.name)) found.push(path);
    }
  };
  walk(root, 0);
  return found;
}

/**
 * Replaces the re-exports from these specifiers (`export * from`, `export * as ns from`,
 * `export { a, type B } from`) with spaces.
 */
function blankReexports(text: string, specifiers: readonly string[]): string {
  const skipped = new Set(specifiers);
  return text.replace(
    /\bexport\s*(?:type\s+)?(?:\*(?:\s*as\s+[\p{L}_$][\p{L}\p{N}_$]*)?|\{[^}]*\})\s*from\s*(['"])([^'"\n]+)\1\s*;?/gu,
    (statement, _quote: string, specifier: string) =>
      skipped.has(specifier) ? statement.replace(/[^\n]/g, ' ') : statement,
  );
}

/** The functions among the units: a file's top level is a unit, not a function. */
function countFunctions(units: readonly Unit[]): number {
  return units.filter((unit) => !ts.isSourceFile(unit.node)).length;
}

/**
 * An unresolved mapping would leave the code it meant to name unchecked: one not marked optional
 * stops the run with every such mapping at its place in the policy; optional ones are diagnostics.
 */
function reportUnresolvedMappings(
  unresolved: readonly UnresolvedMapping[],
  policy: LoadedPolicy,
  root: string,
  diagnostics: Diagnostic[],
): void {
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
      file: relativePath(root, resolve(policy.file)),
      ...(at === undefined ? {} : { line: at.line, column: at.column }),
    });
  }
}

/** Whether a call writes into a module-level collection (`pending.push(row)`): a reader may upload it. */
function writesModuleCollection(
  call: ts.CallExpression | ts.NewExpression,
  oracle: TypeOracle,
): boolean {
  const collection = collectionWritten(call);
  return (
    collection !== undefined &&
    ts.isIdentifier(collection) &&
    moduleCollectionKey(collection, (node) => oracle.declarationsOf(node)) !== undefined
  );
}

/**
 * The standard library's inert methods (`inertMethods`) whose names nothing else can have a call
 * resolve to: no function or method of the project (with a body or not), no import, no policy
 * mapping and no other catalogue row. Calls of these are not resolved while linking.
 */
function unlinkedMethods(
  model: CodeModel,
  implementers: readonly Implementer[],
  projectNames: readonly ReadonlySet<string>[],
): Set<string> {
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
      const name = (declaration as { name?: ts.Node }).name;
      if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) named.add(name.text);
    }
  }
  for (const entry of model.catalogue) {
    for (const word of entry.at.path.split('.')) named.add(word);
  }
  return new Set([...inertMethods].filter((name) => !named.has(name)));
}
