// src/check.ts
import { readFileSync, statSync } from 'fs';
import { readFile, stat } from 'fs/promises';
import { isAbsolute, relative, resolve } from 'path';
import { labelInferredSources, loadPolicyOrDefault } from './chunk-4EY6FVZ2.js';
import { compareDiagnostics } from './chunk-A225JWGS.js';
import {
  applyBaseline,
  applySuppressions,
  fingerprintFindings,
  listRules,
  parseBaseline,
  parseSuppressions,
  readRuleDocs,
  runPolicyRules,
} from './chunk-EDGUTQBE.js';
import { analyzeWithCache } from './chunk-F46BM2TN.js';
import { UsageError } from './chunk-F76QMANB.js';
import { DEFAULT_POLICY_NAME } from './chunk-K23UVRSF.js';
import { DEFAULT_LIMITS } from './chunk-OKVXSYHK.js';
import { compareFindings } from './chunk-TAJRGIDQ.js';
import { INFORMATION_URI, RULE_DOCS_URL, TOOL_NAME, VERSION } from './chunk-XG7IDEMH.js';
import { listChangedFiles, listProjectFiles, repositoryDirectory } from './chunk-Z4AZA2Z5.js';

async function check(options) {
  const root = resolve(options.root);
  const rootStat = await stat(root).catch(() => void 0);
  if (!rootStat?.isDirectory()) throw new UsageError(`${options.root}: no such directory`);
  const directory = repositoryDirectory(root, options.repositoryRoot);
  const projectFilesListed = listProjectFiles(root);
  projectFilesListed.catch(() => void 0);
  const { loaded: policy, defaults } = await loadPolicyOrDefault(
    root,
    options.policyFile === void 0 ? void 0 : resolve(root, options.policyFile),
  );
  const policyFile = defaults === void 0 ? relativeTo(root, policy.file) : void 0;
  const toRelative = (file) => relativeTo(root, file);
  const tsconfig =
    options.tsconfig === void 0 ? void 0 : await projectConfig(root, options.tsconfig);
  const baseline =
    options.baseline === void 0 ? void 0 : await readBaseline(root, options.baseline);
  const changed =
    options.changedSince === void 0
      ? void 0
      : new Set(await (options.listChangedFiles ?? listChangedFiles)(root, options.changedSince));
  const policyFindings = defaults === void 0 ? runPolicyRules(policy, { root }) : [];
  const projectFiles = await projectFilesListed;
  const onProgress = options.onProgress;
  const { analysis, owned } = await analyzeWithCache({
    root,
    policy,
    projectFiles,
    ...(tsconfig === void 0 ? {} : { tsconfig }),
    ...(changed === void 0 ? {} : { changed: [...changed] }),
    ...(options.shard === void 0 ? {} : { shard: options.shard }),
    ...(options.cacheDir === void 0 ? {} : { cacheDir: resolve(root, options.cacheDir) }),
    ...(options.memory === void 0 ? {} : { memory: options.memory }),
    ...(options.onCache === void 0 ? {} : { onCache: options.onCache }),
    ...(options.limits === void 0 ? {} : { limits: options.limits }),
    ...(onProgress === void 0
      ? {}
      : {
          onProgress: (progress) => onProgress({ ...progress, projectFiles: projectFiles.length }),
        }),
  });
  const codeFindings =
    defaults === void 0
      ? analysis.findings
      : labelInferredSources(analysis.findings, defaults.sources);
  const raw = [...(owned === void 0 ? policyFindings : []), ...codeFindings]
    .map((finding) => relativeFinding(finding, toRelative))
    .filter(
      (finding) => owned === void 0 || owned.has(finding.file) || finding.shardVote !== void 0,
    );
  if (owned !== void 0 && options.shard?.index === 1) {
    raw.push(...policyFindings.map((finding) => relativeFinding(finding, toRelative)));
  }
  const rules = listRules();
  const maxBytes = options.limits?.['file-bytes'] ?? DEFAULT_LIMITS['file-bytes'];
  const sources = new SourceCache(root, maxBytes);
  const policyFiles = policyFile === void 0 ? [] : [policyFile];
  const suppressionFiles = changed
    ? [...changed, ...raw.map((finding) => finding.file)].filter(
        (file) => policyFiles.includes(file) || isSource(file),
      )
    : owned !== void 0
      ? [...owned, ...raw.map((finding) => finding.file)]
      : [...projectFiles, ...policyFiles];
  const suppressions = [];
  for (const file of [...new Set(suppressionFiles)].sort()) {
    const text = readSource(resolve(root, file), maxBytes);
    if (text !== void 0) suppressions.push(...parseSuppressions(file, text));
  }
  const suppressed = applySuppressions(raw, suppressions, new Set(rules.map((rule) => rule.id)));
  let findings = suppressed.findings;
  let unchanged = 0;
  if (changed !== void 0) {
    const inChanged = selectChanged(findings, changed);
    unchanged = findings.length - inChanged.length;
    findings = inChanged;
  }
  findings.sort(compareFindings);
  for (const finding of findings) await sources.load(finding.file);
  let reported = fingerprintFindings(findings, (file, line) => sources.line(file, line));
  let baselined = 0;
  if (baseline !== void 0) {
    const applied = applyBaseline(reported, baseline);
    reported = applied.findings;
    baselined = applied.baselined;
  }
  const diagnostics = analysis.diagnostics
    .filter((diagnostic) => defaults === void 0 || diagnostic.code !== 'policy-mapping-unresolved')
    .map((diagnostic) => relativeDiagnostic(diagnostic, toRelative))
    .sort(compareDiagnostics);
  return {
    tool: { name: TOOL_NAME, version: VERSION, informationUri: INFORMATION_URI },
    policyFile: policyFile ?? DEFAULT_POLICY_NAME,
    directory: await directory,
    ...(defaults === void 0 ? {} : { defaultPolicy: true }),
    ...(options.changedSince === void 0 ? {} : { changedSince: options.changedSince }),
    findings: reported,
    diagnostics,
    suppressions: suppressed.applied
      .filter((suppression) => changed === void 0 || changed.has(suppression.file))
      .map(({ ruleId, file, line, reason }) => ({ ruleId, file, line, reason })),
    rules: await Promise.all(rules.map(toReportRule)),
    stats: {
      files: analysis.stats.files,
      functions: analysis.stats.functions,
      suppressed: suppressed.suppressed,
      baselined,
      unchanged,
    },
  };
}
function selectChanged(findings, changed) {
  return findings.filter(
    (finding) =>
      changed.has(finding.file) || (finding.flow ?? []).some((step) => changed.has(step.file)),
  );
}
async function projectConfig(root, file) {
  const path = resolve(root, file);
  const info = await stat(path).catch(() => void 0);
  if (!info?.isFile()) throw new UsageError(`${file}: no such tsconfig file`);
  return toSlashes(relative(root, path));
}
async function readBaseline(root, file) {
  const text = await readFile(resolve(root, file), 'utf8').catch(() => {
    throw new UsageError(`${file}: baseline file not found`);
  });
  return parseBaseline(text, file);
}
async function toReportRule(rule) {
  const docs = await readRuleDocs(rule.id);
  return {
    id: rule.id,
    origin: rule.origin,
    ...rule.meta,
    helpUri: `${RULE_DOCS_URL}${rule.id}.md`,
    ...(docs === void 0 ? {} : { docs }),
  };
}
var SourceCache = class {
  #root;
  #maxBytes;
  #lines = /* @__PURE__ */ new Map();
  constructor(root, maxBytes) {
    this.#root = root;
    this.#maxBytes = maxBytes;
  }
  async load(file) {
    if (!this.#lines.has(file)) {
      const text = readSource(resolve(this.#root, file), this.#maxBytes);
      this.#lines.set(file, text?.split(/\r?\n/));
    }
  }
  line(file, line) {
    return this.#lines.get(file)?.[line - 1];
  }
};
function readSource(path, maxBytes) {
  try {
    const info = statSync(path);
    if (!info.isFile() || info.size > maxBytes) return void 0;
    return readFileSync(path, 'utf8');
  } catch {
    return void 0;
  }
}
function relativeTo(root, file) {
  return toSlashes(isAbsolute(file) ? relative(root, file) : file);
}
function toSlashes(path) {
  return path.replaceAll('\\', '/');
}
function relativeFinding(finding, toRelative) {
  return {
    ...finding,
    file: toRelative(finding.file),
    ...(finding.flow === void 0
      ? {}
      : { flow: finding.flow.map((step) => ({ ...step, file: toRelative(step.file) })) }),
  };
}
function relativeDiagnostic(diagnostic, toRelative) {
  return diagnostic.file === void 0
    ? diagnostic
    : { ...diagnostic, file: toRelative(diagnostic.file) };
}
function isSource(file) {
  return /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/.test(file);
}

export { check, selectChanged };
//# sourceMappingURL=chunk-7BB5SREY.js.map
