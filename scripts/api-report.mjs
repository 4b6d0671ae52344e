// Keeps a reviewed report of each package's public API (packages/<pkg>/etc/*.api.md), made by
// API Extractor from declarations emitted from the sources, so no build is needed first.
// `node scripts/api-report.mjs` checks the committed reports and exits 1 when one is stale;
// `--update` rewrites them (`npm run api:update`).
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import ts from 'typescript';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The command that rewrites the reports, named in every failure. */
export const UPDATE_COMMAND = 'npm run api:update';

/**
 * The public entry points: one report each. The Action has none; it is a private package whose
 * only consumer is its own bundle.
 */
export const API_ENTRIES = [
  { folder: 'packages/sdk', entry: 'src/index.ts', report: 'sdk' },
  { folder: 'packages/sdk', entry: 'src/sqlite/index.ts', report: 'sdk-sqlite' },
  { folder: 'packages/sdk', entry: 'src/postgres/index.ts', report: 'sdk-postgres' },
  { folder: 'packages/policy', entry: 'src/index.ts', report: 'policy' },
  { folder: 'packages/analyzer', entry: 'src/index.ts', report: 'analyzer' },
];

// Declarations are written inside the repository (not under node_modules, whose files API
// Extractor takes for other packages') so that imports of workspace packages resolve.
const declarationFolder = join(root, '.api-extractor');

/** The specifier users import an entry by: `@consentry/sdk/sqlite` for `src/sqlite/index.ts`. */
function importName(entry) {
  const name = JSON.parse(readFileSync(join(root, entry.folder, 'package.json'), 'utf8')).name;
  const sub = entry.entry.replace(/^src\//, '').replace(/\/?index\.ts$/, '');
  return sub === '' ? name : `${name}/${sub}`;
}

/** The TypeScript diagnostics as `file:line:column: message` lines. */
function formatDiagnostics(diagnostics) {
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const at = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const file = relative(root, diagnostic.file.fileName);
    return `${file}:${at.line + 1}:${at.character + 1}: ${message}`;
  });
}

/** Emits the declarations of one package's entry points (and what they import) under `outDir`. */
function emitDeclarations(folder, entries, outDir) {
  const configFile = join(root, folder, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(formatDiagnostics([diagnostic]).join('\n'));
      },
    },
  );
  const options = {
    ...parsed.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    sourceMap: false,
    rootDir: root,
    outDir,
  };
  const program = ts.createProgram(
    entries.map((entry) => join(root, folder, entry)),
    options,
  );
  const result = program.emit();
  const errors = result.diagnostics.filter(
    (diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error,
  );
  if (errors.length > 0) throw new Error(formatDiagnostics(errors).join('\n'));
}

/**
 * Runs API Extractor on one entry's declarations: compares (or, with `update`, rewrites) the
 * report `<reportFolder>/<report>.api.md`. Returns the problems found, as lines.
 */
export function extractApiReport({
  packageFolder,
  types = ['node'],
  declarationEntry,
  reportFolder,
  report,
  update,
  tempFolder,
}) {
  mkdirSync(reportFolder, { recursive: true });
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: packageFolder,
      mainEntryPointFilePath: declarationEntry,
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: 'ES2022',
            lib: ['ES2023'],
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            skipLibCheck: true,
            types,
          },
          files: [declarationEntry],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: report,
        reportFolder,
        reportTempFolder: tempFolder,
        includeForgottenExports: false,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      newlineKind: 'lf',
      messages: {
        compilerMessageReporting: { default: { logLevel: 'error' } },
        extractorMessageReporting: {
          default: { logLevel: 'none' },
          // A type the API names but the entry does not export: users cannot name it.
          'ae-forgotten-export': { logLevel: 'error', addToApiReportFile: false },
          'ae-wrong-input-file-type': { logLevel: 'error' },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: join(packageFolder, 'package.json'),
  });
  const problems = [];
  const result = Extractor.invoke(config, {
    localBuild: update,
    showVerboseMessages: false,
    messageCallback: (message) => {
      message.handled = true;
      // Console messages narrate the run (report created, report changed); failures come below.
      if (message.messageId.startsWith('console-')) return;
      if (message.logLevel === 'error' || message.logLevel === 'warning') {
        const at = message.sourceFilePath
          ? `${relative(root, message.sourceFilePath)}:${message.sourceFileLine}:${message.sourceFileColumn}: `
          : '';
        problems.push(`${at}${message.text} (${message.messageId})`);
      }
    },
  });
  const reportFile = relative(root, join(reportFolder, `${report}.api.md`));
  if (!update && result.apiReportChanged) {
    problems.push(
      `${reportFile}: the public API changed and the report was not updated; review the change, run \`${UPDATE_COMMAND}\` and commit ${reportFile}`,
    );
  }
  return problems;
}

/** Where an entry's declarations are emitted: its source path, under `declarationFolder`. */
function declarationOf(entry) {
  return join(declarationFolder, entry.folder, entry.entry.replace(/\.ts$/, '.d.ts'));
}

/**
 * Makes each package's emitted declarations an installed package under
 * `declarationFolder/node_modules`, as its users see it: API Extractor then treats an import of
 * another workspace package as external, and reads no sources.
 */
function linkWorkspacePackages(folders) {
  for (const folder of folders) {
    const packageJson = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8'));
    const exports = Object.fromEntries(
      API_ENTRIES.filter((entry) => entry.folder === folder).map((entry) => [
        `.${importName(entry).slice(packageJson.name.length)}`,
        { types: `./${entry.entry.replace(/\.ts$/, '.d.ts')}` },
      ]),
    );
    const emitted = join(declarationFolder, folder);
    writeFileSync(
      join(emitted, 'package.json'),
      // No `name`: an entry importing its own package then resolves through node_modules, as an
      // installed package, not to its own declarations.
      JSON.stringify({ type: 'module', exports }),
    );
    const link = join(declarationFolder, 'node_modules', packageJson.name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(relative(dirname(link), emitted), link, 'dir');
  }
}

/** Checks (or, with `update`, rewrites) every package's report; returns the problems. */
export function runApiReports({ update }) {
  const problems = [];
  rmSync(declarationFolder, { recursive: true, force: true });
  const folders = [...new Set(API_ENTRIES.map((entry) => entry.folder))];
  const emitted = folders.filter((folder) => {
    try {
      emitDeclarations(
        folder,
        API_ENTRIES.filter((entry) => entry.folder === folder).map((entry) => entry.entry),
        declarationFolder,
      );
      return true;
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
      return false;
    }
  });
  linkWorkspacePackages(emitted);
  for (const entry of API_ENTRIES.filter((candidate) => emitted.includes(candidate.folder))) {
    const packageFolder = join(root, entry.folder);
    const reportFolder = join(packageFolder, 'etc');
    problems.push(
      ...extractApiReport({
        packageFolder,
        declarationEntry: declarationOf(entry),
        reportFolder,
        report: entry.report,
        update,
        tempFolder: join(declarationFolder, 'reports'),
      }),
    );
  }
  return problems;
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const update = process.argv.includes('--update');
  const problems = runApiReports({ update });
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  if (update) console.log(`API reports written to packages/*/etc (${API_ENTRIES.length} entries)`);
}
