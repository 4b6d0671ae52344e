// src/findings.ts
var SEVERITIES = ['error', 'warning', 'note'];
var severityRank = { error: 3, warning: 2, note: 1 };
function compareSeverity(a, b) {
  return severityRank[b] - severityRank[a];
}
function failsAt(severity, failOn) {
  return failOn !== 'never' && severityRank[severity] >= severityRank[failOn];
}
function compareFindings(a, b) {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

export { compareFindings, compareSeverity, failsAt, SEVERITIES };
//# sourceMappingURL=chunk-TAJRGIDQ.js.map
