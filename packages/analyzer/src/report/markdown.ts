import type { ReportFinding } from '../baseline.js';
import { toDisplayReport } from '../output/safe-text.js';
import { countBySeverity, countUnresolvedMappings, type Report, shardVoteNote } from './report.js';
import { firstSentence } from './sentence.js';

/**
 * Renders a report as Markdown for a pull-request comment or a CI job summary: a summary table,
 * then one section per finding with its code line and flow.
 */
export function formatMarkdown(input: Report): string {
  const report = toDisplayReport(input);
  const counts = countBySeverity(report.findings);
  const out: string[] = ['# Consentry report', ''];
  out.push(
    `${report.tool.name} ${report.tool.version} checked the code against \`${report.policyFile}\`` +
      (report.changedSince === undefined
        ? '.'
        : `, in the files changed since \`${report.changedSince}\`.`),
    '',
  );
  out.push('| Severity | Findings |', '|---|---:|');
  out.push(`| Error | ${counts.error} |`, `| Warning | ${counts.warning} |`);
  out.push(`| Note | ${counts.note} |`, '');
  const extras: string[] = [];
  if (report.stats.suppressed > 0) extras.push(`${report.stats.suppressed} suppressed`);
  if (report.stats.baselined > 0) extras.push(`${report.stats.baselined} in the baseline`);
  if (report.changedSince !== undefined) {
    extras.push(`${report.stats.unchanged} outside the changed files`);
  }
  const unresolved = countUnresolvedMappings(report.diagnostics);
  if (unresolved > 0) {
    extras.push(
      `${unresolved} optional policy ${unresolved === 1 ? 'mapping names' : 'mappings name'} nothing in the project`,
    );
  }
  extras.push(
    report.changedSince !== undefined && report.stats.files === 0
      ? 'no changed file can take part in a flow, so no code was analysed'
      : `${report.stats.files} files and ${report.stats.functions} functions analysed`,
  );
  out.push(`${extras.join(', ')}.`, '');

  if (report.findings.length === 0) {
    out.push('No findings.', '');
  } else {
    out.push('| # | Severity | Rule | Location | Finding |', '|---:|---|---|---|---|');
    report.findings.forEach((finding, index) => {
      out.push(
        `| ${index + 1} | ${finding.severity} | ${ruleLink(report, finding.ruleId)} | ` +
          `\`${cell(location(finding))}\` | ${cell(firstSentence(finding.message))} |`,
      );
    });
    out.push('', '## Findings', '');
    report.findings.forEach((finding, index) => {
      out.push(...section(report, finding, index + 1));
    });
  }

  if (report.suppressions.length > 0) {
    out.push('## Suppressions', '', '| Rule | Location | Reason |', '|---|---|---|');
    for (const suppression of report.suppressions) {
      out.push(
        `| \`${suppression.ruleId}\` | \`${suppression.file}:${suppression.line}\` | ${cell(suppression.reason)} |`,
      );
    }
    out.push('');
  }

  if (report.diagnostics.length > 0) {
    out.push('## Diagnostics', '');
    for (const diagnostic of report.diagnostics) {
      const at =
        diagnostic.file === undefined ? '' : `\`${diagnostic.file}:${diagnostic.line ?? 1}\` `;
      out.push(`- ${at}${inline(diagnostic.message)} (${diagnostic.code})`);
    }
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function section(report: Report, finding: ReportFinding, number: number): string[] {
  const out = [`### ${number}. ${finding.ruleId} at \`${location(finding)}\``, ''];
  out.push(`**${finding.severity}**: ${inline(finding.message)}`, '');
  if (finding.detail !== undefined) out.push(inline(finding.detail), '');
  if (finding.purpose !== undefined) out.push(`- Purpose: \`${finding.purpose}\``);
  if (finding.shardVote !== undefined) out.push(`- ${shardVoteNote(finding.shardVote)}`);
  if (finding.tiers !== undefined && finding.tiers.length > 0) {
    out.push(`- Tiers left unguarded: ${finding.tiers.map((tier) => `\`${tier}\``).join(', ')}`);
  }
  out.push(`- Rule: ${ruleLink(report, finding.ruleId)}`, '');
  if (finding.snippet !== undefined && finding.snippet.trim() !== '') {
    const fence = finding.snippet.includes('```') ? '````' : '```';
    out.push(`${fence}${language(finding.file)}`, finding.snippet.trim(), fence, '');
  }
  if (finding.flow !== undefined && finding.flow.length > 0) {
    out.push('Flow from source to sink:', '');
    finding.flow.forEach((step, index) => {
      out.push(`${index + 1}. \`${step.file}:${step.line}:${step.column}\` ${inline(step.note)}`);
    });
    out.push('');
  }
  return out;
}

function ruleLink(report: Report, ruleId: string): string {
  const rule = report.rules.find((candidate) => candidate.id === ruleId);
  return rule === undefined ? `\`${ruleId}\`` : `[\`${ruleId}\`](${rule.helpUri})`;
}

function location(finding: ReportFinding): string {
  return `${finding.file}:${finding.line}:${finding.column}`;
}

function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ');
}

function cell(text: string): string {
  return inline(text).replaceAll('|', '\\|');
}

function language(file: string): string {
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.[cm]?tsx?$/.test(file)) return 'ts';
  if (/\.[cm]?jsx?$/.test(file)) return 'js';
  return '';
}
