import { posix } from 'node:path';
import type {
  Log,
  PhysicalLocation,
  ReportingDescriptor,
  Result,
  Run,
  ThreadFlowLocation,
} from 'sarif';
import type { ReportFinding } from '../baseline.js';
import type { Location } from '../findings.js';
import { toDisplayReport } from '../output/safe-text.js';
import { countUnresolvedMappings, type Report, type ReportRule } from './report.js';
import { firstSentence } from './sentence.js';

/**
 * The uriBaseId every artifact location is relative to: the repository root, as CodeQL names it,
 * so GitHub code scanning resolves the paths of a CLI upload as it does CodeQL's.
 */
export const SARIF_SRCROOT = '%SRCROOT%';

/** Options of the SARIF formatter. */
export interface SarifOptions {
  /**
   * The run's category (`runAutomationDetails.id`), to keep apart uploads of several checks of
   * one repository; without it the run has no `automationDetails`, so that codeql-action's
   * `category` input applies.
   */
  readonly category?: string;
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const TAGS: Record<ReportRule['origin'], readonly string[]> = {
  code: ['security', 'privacy', 'gdpr', 'ai-training'],
  policy: ['privacy', 'gdpr', 'policy'],
  record: ['privacy', 'gdpr', 'ropa'],
  suppression: ['maintainability', 'consentry'],
};

/**
 * Renders a report as SARIF 2.1.0 for GitHub code scanning: rules with help, security
 * severities and tags; results with stable fingerprints and code flows from source to sink;
 * every URI relative to the repository root (`%SRCROOT%`).
 */
export function formatSarif(input: Report, options: SarifOptions = {}): string {
  // URIs keep the real path, so that code scanning finds the file.
  const report = toDisplayReport(input, { paths: false });
  const rules = [...report.rules];
  const indexOf = new Map(rules.map((rule, index) => [rule.id, index]));
  const uri = (file: string): string => toUri(repositoryPath(report.directory, file));
  const run: Run = {
    tool: {
      driver: {
        name: report.tool.name,
        semanticVersion: report.tool.version,
        informationUri: report.tool.informationUri,
        rules: rules.map(toReportingDescriptor),
      },
    },
    ...(options.category === undefined || options.category === ''
      ? {}
      : { automationDetails: { id: automationId(options.category) } }),
    originalUriBaseIds: {
      [SARIF_SRCROOT]: {
        description: {
          text:
            report.directory === '.'
              ? 'The root of the repository consentry analysed.'
              : `The root of the repository; consentry analysed ${report.directory}.`,
        },
      },
    },
    columnKind: 'utf16CodeUnits',
    // Optional policy mappings that name nothing: counted here, listed in the other formats.
    properties: { unresolvedMappings: countUnresolvedMappings(report.diagnostics) },
    results: report.findings.map((finding) => toResult(finding, indexOf.get(finding.ruleId), uri)),
  };
  const log: Log = { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * A report path (relative to the analysed directory) as a path from the repository root, given
 * `Report.directory`.
 */
export function repositoryPath(directory: string, file: string): string {
  return directory === '.' || directory === '' ? file : posix.join(directory, file);
}

// codeql-action's convention: a category is a prefix that ends in a slash.
function automationId(category: string): string {
  return category.endsWith('/') ? category : `${category}/`;
}

function toReportingDescriptor(rule: ReportRule): ReportingDescriptor {
  const fullDescription = `${rule.description} Legal basis: ${rule.citations.join('; ')}.`;
  const helpMarkdown = rule.docs ?? `${rule.description}\n\nSee ${rule.helpUri}.`;
  return {
    id: rule.id,
    name: toPascalCase(rule.id),
    shortDescription: { text: truncate(firstSentence(rule.description), 1024) },
    fullDescription: { text: truncate(fullDescription, 1024) },
    help: { text: toPlainText(helpMarkdown), markdown: helpMarkdown },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: rule.severity },
    properties: {
      tags: [...TAGS[rule.origin]],
      precision: rule.origin === 'code' ? 'high' : 'very-high',
      'security-severity': rule.securitySeverity.toFixed(1),
    },
  };
}

function toResult(
  finding: ReportFinding,
  ruleIndex: number | undefined,
  uri: (file: string) => string,
): Result {
  const flow = finding.flow ?? [];
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: finding.severity,
    message:
      finding.detail === undefined
        ? { text: finding.message }
        : { text: finding.message, markdown: `${finding.message}\n\n${finding.detail}` },
    locations: [{ physicalLocation: physicalLocation(finding, finding.snippet, uri) }],
    partialFingerprints: {
      primaryLocationLineHash: finding.lineHash,
      'consentry/v1': finding.fingerprint,
    },
    ...(flow.length === 0
      ? {}
      : {
          codeFlows: [
            {
              threadFlows: [
                {
                  locations: flow.map(
                    (step, index): ThreadFlowLocation => ({
                      location: {
                        physicalLocation: physicalLocation(step, undefined, uri),
                        message: { text: step.note },
                      },
                      executionOrder: index + 1,
                    }),
                  ),
                },
              ],
            },
          ],
        }),
    properties: {
      origin: finding.origin,
      ...(finding.purpose === undefined ? {} : { purpose: finding.purpose }),
      ...(finding.tiers === undefined ? {} : { tiers: [...finding.tiers] }),
      ...(finding.shardVote === undefined ? {} : { shardVote: { ...finding.shardVote } }),
    },
  };
}

function physicalLocation(
  location: Location,
  snippet: string | undefined,
  uri: (file: string) => string,
): PhysicalLocation {
  const endLine = location.endLine ?? location.line;
  const lineLength = snippet === undefined ? 0 : snippet.trimEnd().length;
  const endColumn =
    location.endColumn ??
    (endLine === location.line && lineLength >= location.column
      ? lineLength + 1
      : location.column + 1);
  return {
    artifactLocation: { uri: uri(location.file), uriBaseId: SARIF_SRCROOT },
    region: {
      startLine: location.line,
      startColumn: location.column,
      endLine,
      endColumn,
      ...(snippet === undefined ? {} : { snippet: { text: snippet } }),
    },
  };
}

function toUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function toPascalCase(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Strips the Markdown that reads badly as plain text: link targets, emphasis and headings. */
function toPlainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1');
}
