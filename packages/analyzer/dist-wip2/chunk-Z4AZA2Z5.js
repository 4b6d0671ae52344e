// src/git.ts
import { execFile } from 'child_process';
import { realpath } from 'fs/promises';
import { relative, sep } from 'path';
import { UsageError } from './chunk-F76QMANB.js';

var GitCommandError = class extends Error {
  name = 'GitCommandError';
};
function runGit(cwd, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['--literal-pathspecs', ...args],
      { cwd, maxBuffer: options.maxBuffer ?? 512 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const subcommand = args.find((arg) => !arg.startsWith('-') && !arg.includes('=')) ?? '';
          const detail = stderr.trim().split('\n')[0] || error.message;
          reject(new GitCommandError(`git ${subcommand} failed: ${detail}`));
          return;
        }
        resolve(stdout);
      },
    );
  });
}
async function listChangedFiles(root, ref) {
  if (ref === '' || ref.startsWith('-')) {
    throw new UsageError(`--changed-since: "${ref}" is not a git revision`);
  }
  const git = (args) =>
    runGit(root, args).catch((error) => {
      throw new UsageError(`--changed-since: ${error.message}`);
    });
  const base = await runGit(root, ['merge-base', ref, 'HEAD']).then(
    (stdout) => stdout.trim() || ref,
    () => ref,
  );
  const changed = await git(['diff', '--name-only', '--relative', '-z', base, '--']);
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z']);
  const files = new Set(
    `${changed}\0${untracked}`
      .split('\0')
      .filter(Boolean)
      .map((file) => file.replaceAll('\\', '/')),
  );
  return [...files].sort();
}
async function repositoryDirectory(dir, repositoryRoot) {
  const top =
    repositoryRoot ??
    (await runGit(dir, ['rev-parse', '--show-toplevel']).then(
      (stdout) => stdout.trim(),
      () => void 0,
    ));
  if (top === void 0 || top === '') return '.';
  const [from, to] = await Promise.all(
    [top, dir].map((path2) => realpath(path2).catch(() => path2)),
  );
  const path = relative(from, to);
  if (path === '') return '.';
  if (path === '..' || path.startsWith(`..${sep}`)) return '.';
  return sep === '/' ? path : path.split(sep).join('/');
}

// src/project-files.ts
import { readFile } from 'fs/promises';
import ignore from 'ignore';
import { join, posix } from 'path';
import { glob } from 'tinyglobby';

var SOURCE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
var SKIPPED = /* @__PURE__ */ new Set(['node_modules', 'dist', 'build', 'coverage', 'out']);
async function listProjectFiles(root) {
  const files = (await listGitFiles(root)) ?? (await listFilesOnDisk(root));
  return [...new Set(files)].filter(isProjectSource).sort();
}
function isProjectSource(file) {
  if (!SOURCE.test(file) || file.endsWith('.d.ts')) return false;
  const directories = file.split('/').slice(0, -1);
  return directories.every((name) => !name.startsWith('.') && !SKIPPED.has(name));
}
async function listGitFiles(root) {
  try {
    if ((await runGit(root, ['rev-parse', '--is-inside-work-tree'])).trim() !== 'true') {
      return void 0;
    }
    const split = (text) => text.split('\0').filter(Boolean);
    const [listed, deleted] = await Promise.all([
      runGit(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']).then(split),
      // Files deleted from the work tree are still in the index: the analysis cannot read them.
      runGit(root, ['ls-files', '-z', '--deleted']).then((text) => new Set(split(text))),
    ]);
    const files = listed.filter((file) => !deleted.has(file));
    return files.length === 0 ? void 0 : files;
  } catch {
    return void 0;
  }
}
async function listFilesOnDisk(root) {
  const options = {
    cwd: root,
    dot: false,
    followSymbolicLinks: false,
    ignore: [...SKIPPED].map((name) => `**/${name}/**`),
  };
  const [files, ignoreFiles] = await Promise.all([
    glob(['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], options),
    glob(['**/.gitignore'], { ...options, dot: true }),
  ]);
  const rules = /* @__PURE__ */ new Map();
  for (const file of ignoreFiles) {
    const text = await readFile(join(root, file), 'utf8').catch(() => '');
    rules.set(posix.dirname(file), ignore().add(text));
  }
  return files.filter((file) => !isIgnored(file, rules));
}
function isIgnored(file, rules) {
  const parts = file.split('/');
  for (let depth = 0; depth < parts.length; depth++) {
    const directory = depth === 0 ? '.' : parts.slice(0, depth).join('/');
    const rule = rules.get(directory);
    if (rule === void 0) continue;
    const rest = parts.slice(depth);
    for (let end = 1; end <= rest.length; end++) {
      const path = rest.slice(0, end).join('/');
      if (rule.ignores(end < rest.length ? `${path}/` : path)) return true;
    }
  }
  return false;
}

export { GitCommandError, listChangedFiles, listProjectFiles, repositoryDirectory, runGit };
//# sourceMappingURL=chunk-Z4AZA2Z5.js.map
