// The validate library's public surface: manifest validation with Ramen hints, and the doctor's
// checks of a running environment.

export { validateManifests, clusterFor, type ClusterChoice, type ValidateOptions } from './validate-manifests.js';
export { parseManifests, type ManifestInput } from './manifest-docs.js';
export { FINDING_CODES, summarize, sortFindings, type Finding, type FindingCode, type FindingSummary, type Severity } from './finding.js';
export { formatFindingsJson, formatFindingsText, summaryLine } from './report/format-findings.js';
