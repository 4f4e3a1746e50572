// Findings as people and machines read them: `file:line: severity: message` with an indented hint
// line (colour only when asked, i.e. on a terminal), or one JSON document.

import { summarize, type Finding, type FindingSummary } from '../finding.js';

const COLORS = { error: '\u001b[31m', warning: '\u001b[33m', hint: '\u001b[36m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(s: FindingSummary, documents: number): string {
  return `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.hints, 'hint')} in ${plural(documents, 'document')}`;
}

export function formatFindingsText(findings: readonly Finding[], options: { color: boolean; documents: number }): string {
  const c = (code: keyof typeof COLORS, s: string): string => (options.color ? `${COLORS[code]}${s}${COLORS.reset}` : s);
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`${c('bold', `${f.file}:${f.line}`)}: ${c(f.severity, f.severity)}: ${f.message}`);
    if (f.hint) lines.push(`  ${c('dim', 'hint:')} ${f.hint}`);
  }
  lines.push(summaryLine(summarize(findings), options.documents));
  return lines.join('\n') + '\n';
}

export interface FindingsReport {
  cluster: string;
  fieldValidation: string;
  files: string[];
  documents: number;
  summary: FindingSummary;
  findings: Finding[];
}

/** One key order for every finding, whichever rule built it. */
function canonical(f: Finding): Finding {
  return {
    file: f.file,
    line: f.line,
    ...(f.column === undefined ? {} : { column: f.column }),
    docIndex: f.docIndex,
    kind: f.kind,
    name: f.name,
    ...(f.cluster === undefined ? {} : { cluster: f.cluster }),
    severity: f.severity,
    code: f.code,
    message: f.message,
    ...(f.hint === undefined ? {} : { hint: f.hint }),
  };
}

export function formatFindingsJson(report: Omit<FindingsReport, 'summary'>): string {
  const full: FindingsReport = { cluster: report.cluster, fieldValidation: report.fieldValidation, files: report.files, documents: report.documents, summary: summarize(report.findings), findings: report.findings.map(canonical) };
  return JSON.stringify(full, null, 2) + '\n';
}
