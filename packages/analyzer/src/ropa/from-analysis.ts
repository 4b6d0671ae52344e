import { resolve } from 'node:path';
import { type LoadedPolicy, loadProjectPolicy } from '@consentry/policy';
import type { ConsentryPolicy } from '@consentry/sdk';
import type { CacheCounters } from '../cache/analysis-cache.js';
import type { Diagnostic } from '../code/diagnostics.js';
import type { AnalysisLimits } from '../code/limits.js';
import type { AnalysisEvidence } from '../code-evidence.js';
import type { Finding } from '../findings.js';
import { listProjectFiles } from '../project-files.js';
import type { CodeEvidence, CodeSymbol, PurposeEvidence, TierGuard } from './evidence.js';
import { buildRecord, type ProcessingRecord } from './record.js';

// The bridge from the code analysis to the record: the engine reports every sink it evaluates and
// every guard it applies; the record wants them per purpose and per tier.

/**
 * Groups the engine's sinks and guards by the purposes of the policy: a sink counts for every
 * purpose it serves, a guard for every purpose it checks and every tier it establishes; purposes
 * the policy does not declare are left out (`undeclared-purpose` reports them).
 */
export function toCodeEvidence(evidence: AnalysisEvidence, policy: ConsentryPolicy): CodeEvidence {
  const tiers = new Set(Object.keys(policy.tiers));
  const purposes: Record<
    string,
    {
      sinks: CodeSymbol[];
      categories: Set<string>;
      guards: TierGuard[];
      unguarded: TierGuard[];
    }
  > = {};
  const entry = (purpose: string) => {
    if (!Object.hasOwn(policy.purposes, purpose)) return undefined;
    purposes[purpose] ??= { sinks: [], categories: new Set(), guards: [], unguarded: [] };
    return purposes[purpose];
  };
  for (const sink of evidence.sinks) {
    for (const purpose of sink.purposes) {
      const found = entry(purpose);
      if (found === undefined) continue;
      const place = {
        file: sink.file,
        line: sink.line,
        symbol: sink.symbol,
        description: sink.sink,
      };
      found.sinks.push(place);
      for (const category of sink.categories) found.categories.add(category);
      for (const tier of sink.unguardedTiers) {
        if (tiers.has(tier)) found.unguarded.push({ tier, ...place });
      }
    }
  }
  for (const guard of evidence.guards) {
    for (const purpose of guard.purposes) {
      const found = entry(purpose);
      if (found === undefined) continue;
      for (const tier of guard.tiers) {
        if (tiers.has(tier)) {
          found.guards.push({
            tier,
            file: guard.file,
            line: guard.line,
            symbol: guard.symbol,
            description: guard.guard,
          });
        }
      }
    }
  }
  const result: Record<string, PurposeEvidence> = {};
  for (const id of Object.keys(purposes).sort()) {
    const found = purposes[id]!;
    result[id] = {
      sinks: found.sinks,
      categories: [...found.categories].sort(),
      guards: found.guards,
      unguarded: found.unguarded,
    };
  }
  return { purposes: result };
}

/** What `buildProjectRecord` reads: a project directory, its policy and its tsconfig. */
export interface ProjectRecordOptions {
  /** The analysed directory; every path in the record is relative to it. */
  readonly root: string;
  /** The policy file, relative to `root` or absolute; default `consentry.yaml` (or `.yml`, `.policy.ts`) in `root`. */
  readonly policyFile?: string;
  /** The tsconfig.json to analyse the code with, relative to `root`; `tsconfig.json` in `root` by default. */
  readonly tsconfig?: string;
  /** Build from the policy alone, without reading the code. */
  readonly policyOnly?: boolean;
  /**
   * The cache `check` keeps (`--cache-dir`), read but never written: a record built right after a
   * full `check` of the same code reuses its analysis instead of running it again.
   */
  readonly cacheDir?: string;
  /** Raised limits of the code analysis, as `check --limit` takes them; a check with the same limits shares its cached analysis. */
  readonly limits?: Partial<AnalysisLimits>;
  /** Told what the cache reused (tests, the curious). */
  readonly onCache?: (counters: CacheCounters) => void;
  /** Stamp the record with this time; leave out for byte-identical output. */
  readonly generatedAt?: Date;
}

/** A record built for a project, with what the code analysis could not read. */
export interface ProjectRecord {
  readonly record: ProcessingRecord;
  readonly policy: LoadedPolicy;
  /** What the code analysis degraded (unresolved modules, syntax errors). */
  readonly diagnostics: readonly Diagnostic[];
  /** Files, functions or expressions the analysis could not analyse (`analysis-incomplete`); the record may miss processing there. */
  readonly incomplete: readonly Finding[];
}

/**
 * Loads a project's policy, analyses its code, and builds the record of processing from both:
 * every activity says where in the code it happens and which guard enforces each tier's
 * guarantee. Throws a `ConfigError` (file, line, column) when the policy is broken.
 */
export async function buildProjectRecord(options: ProjectRecordOptions): Promise<ProjectRecord> {
  const root = resolve(options.root);
  const explicit = options.policyFile === undefined ? undefined : resolve(root, options.policyFile);
  const policy = loadProjectPolicy(root, explicit);
  const stamp = options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt };
  if (options.policyOnly === true) {
    return {
      record: buildRecord({ policy, root, ...stamp }),
      policy,
      diagnostics: [],
      incomplete: [],
    };
  }
  // The same analysis as a full `check`, through its cache: after a `check`, nothing runs again.
  const { analyzeWithCache } = await import('../cache/run-analysis.js');
  const { analysis } = await analyzeWithCache({
    root,
    policy,
    projectFiles: await listProjectFiles(root),
    ...(options.tsconfig === undefined ? {} : { tsconfig: options.tsconfig }),
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir, readOnlyCache: true }),
    ...(options.onCache === undefined ? {} : { onCache: options.onCache }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  // Every full analysis carries its evidence (only an empty pull-request slice has none).
  const evidence = toCodeEvidence(analysis.evidence ?? { sinks: [], guards: [] }, policy.policy);
  return {
    record: buildRecord({ policy, root, evidence, ...stamp }),
    policy,
    diagnostics: analysis.diagnostics,
    incomplete: analysis.findings.filter((finding) => finding.ruleId === 'analysis-incomplete'),
  };
}
