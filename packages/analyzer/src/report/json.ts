import type { ReportFinding } from '../baseline.js';
import { countBySeverity, countUnresolvedMappings, type Report } from './report.js';

/** The version of the JSON report's shape (schemas/report.schema.json). */
export const REPORT_FORMAT_VERSION = 1;

/** Renders a report as the JSON document described by `schemas/report.schema.json`. */
export function formatJson(report: Report): string {
  const counts = countBySeverity(report.findings);
  const document = {
    reportVersion: REPORT_FORMAT_VERSION,
    tool: {
      name: report.tool.name,
      version: report.tool.version,
      informationUri: report.tool.informationUri,
    },
    policyFile: report.policyFile,
    directory: report.directory,
    ...(report.defaultPolicy === true ? { defaultPolicy: true } : {}),
    ...(report.changedSince === undefined ? {} : { changedSince: report.changedSince }),
    summary: {
      findings: report.findings.length,
      errors: counts.error,
      warnings: counts.warning,
      notes: counts.note,
      suppressed: report.stats.suppressed,
      baselined: report.stats.baselined,
      unchanged: report.stats.unchanged,
      diagnostics: report.diagnostics.length,
      unresolvedMappings: countUnresolvedMappings(report.diagnostics),
      files: report.stats.files,
      functions: report.stats.functions,
    },
    findings: report.findings.map(toJsonFinding),
    diagnostics: report.diagnostics.map((diagnostic) => ({
      code: diagnostic.code,
      message: diagnostic.message,
      ...(diagnostic.file === undefined ? {} : { file: diagnostic.file }),
      ...(diagnostic.line === undefined ? {} : { line: diagnostic.line }),
      ...(diagnostic.column === undefined ? {} : { column: diagnostic.column }),
    })),
    suppressions: report.suppressions.map(({ ruleId, file, line, reason }) => ({
      ruleId,
      file,
      line,
      reason,
    })),
    rules: report.rules.map((rule) => ({
      id: rule.id,
      origin: rule.origin,
      severity: rule.severity,
      securitySeverity: rule.securitySeverity,
      description: rule.description,
      citations: [...rule.citations],
      helpUri: rule.helpUri,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function toJsonFinding(finding: ReportFinding) {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    ...(finding.detail === undefined ? {} : { detail: finding.detail }),
    origin: finding.origin,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    ...(finding.endLine === undefined ? {} : { endLine: finding.endLine }),
    ...(finding.endColumn === undefined ? {} : { endColumn: finding.endColumn }),
    ...(finding.purpose === undefined ? {} : { purpose: finding.purpose }),
    ...(finding.tiers === undefined ? {} : { tiers: [...finding.tiers] }),
    ...(finding.flow === undefined
      ? {}
      : {
          flow: finding.flow.map((step) => ({
            file: step.file,
            line: step.line,
            column: step.column,
            note: step.note,
          })),
        }),
    fingerprint: finding.fingerprint,
    ...(finding.shardVote === undefined ? {} : { shardVote: { ...finding.shardVote } }),
  };
}
