import type { ReportFinding } from '../baseline.js';
import type { Location } from '../findings.js';
import { toDisplayReport } from '../output/safe-text.js';
import type { Report, ReportRule } from './report.js';

/** The uriBaseId that every artifact location is relative to: the analysed directory. */
export const SARIF_SRCROOT = 'SRCROOT';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const TAGS: Record<ReportRule['origin'], readonly string[]> = {
  code: ['security', 'privacy', 'gdpr', 'ai-training'],
  policy: ['privacy', 'gdpr', 'policy'],
  record: ['privacy', 'gdpr', 'ropa'],
  suppression: ['maintainability', 'consentry'],
};

/**
 * Renders a report as SARIF 2.1.0 for GitHub code scanning: rules with help, security
 * severities and tags; results with stable fingerprints and code flows from source to sink.
 */
export function formatSarif(input: Report): string {
  // URIs keep the real path, so that code scanning finds the file.
  const report = toDisplayReport(input, { paths: false });
  const rules = [...report.rules];
  const indexOf = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            semanticVersion: report.tool.version,
            informationUri: report.tool.informationUri,
            rules: rules.map(toReportingDescriptor),
          },
        },
        automationDetails: { id: `${report.tool.name}/` },
        originalUriBaseIds: {
          [SARIF_SRCROOT]: { description: { text: 'The directory consentry analysed.' } },
        },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((finding) => toResult(finding, indexOf.get(finding.ruleId))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function toReportingDescriptor(rule: ReportRule) {
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

function toResult(finding: ReportFinding, ruleIndex: number | undefined) {
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: finding.severity,
    message: { text: finding.message },
    locations: [{ physicalLocation: physicalLocation(finding, finding.snippet) }],
    partialFingerprints: {
      primaryLocationLineHash: finding.lineHash,
      'consentry/v1': finding.fingerprint,
    },
    ...(finding.flow === undefined || finding.flow.length === 0
      ? {}
      : {
          codeFlows: [
            {
              threadFlows: [
                {
                  locations: finding.flow.map((step, index) => ({
                    location: {
                      physicalLocation: physicalLocation(step, undefined),
                      message: { text: step.note },
                    },
                    executionOrder: index + 1,
                  })),
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

function physicalLocation(location: Location, snippet: string | undefined) {
  const endLine = location.endLine ?? location.line;
  const lineLength = snippet === undefined ? 0 : snippet.trimEnd().length;
  const endColumn =
    location.endColumn ??
    (endLine === location.line && lineLength >= location.column
      ? lineLength + 1
      : location.column + 1);
  return {
    artifactLocation: { uri: toUri(location.file), uriBaseId: SARIF_SRCROOT },
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

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(?:\s|$)/.exec(text);
  return match?.[1] ?? text;
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
