// One thing `drsim validate` has to say about one document. The severity separates what a real API
// server would do (error: the request is refused; warning: the object is stored changed) from what
// only knowledge of Ramen can tell (hint: accepted by the server, but Ramen would ignore, misread or
// stall on it), so a user can trust that "no errors" means "a real cluster accepts this".

export type Severity = 'error' | 'warning' | 'hint';

export const FINDING_CODES = [
  // What the API server does.
  'YamlError',
  'NotAnObject',
  'NoKindMatch',
  'BadRequest',
  'Invalid',
  'UnknownFieldPruned',
  'NamespaceIgnored',
  'ServerWarning',
  'NotChecked',
  // Ramen knowledge.
  'NextError',
  'LegacyField',
  'FieldSuggestion',
  'LabelKeyCase',
  'LabelNotRead',
  'MissingStorageId',
  'MissingReplicationId',
  'ScheduleMismatch',
  'SelectorMatchesNothing',
  'ConfigMapNotRead',
  'ConfigMapWrongCluster',
  'ConfigMapNamespace',
  'ConfigKeyNotRead',
  'DrConfigOverwrittenByHub',
  'RamenConfigUnparsable',
  'RamenConfigIgnoredKey',
  'RamenConfigMisplacedKey',
  'RamenConfigKeyCase',
  'RamenConfigInformational',
  'NoS3Profiles',
  'S3StoreProfilesNotList',
  'S3ProfileIncomplete',
  'S3ProfileNotFound',
  'S3SecretKeys',
  'S3SecretNotInSet',
  'VrgActionOnCreate',
  'VrgReplicationStateCase',
  'VrgAndDrpc',
  'DrpcPolicyNotInSet',
  'DrpcClusterNotInPolicy',
  'PlacementNamespace',
  'IrrelevantNamespace',
  'PlacementSchedulingNotDisabled',
  'PlacementClusterCount',
  'PlacementRuleScheduler',
  'DrClusterNotInSet',
  'DrClusterNameNotManagedCluster',
  'HandMadeVolumeReplication',
  'DrPolicyNeverCreatesVrgs',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  file: string;
  /** 1-based line of the field the finding is about (the document's first line when there is none). */
  line: number;
  column?: number;
  /** 0-based index of the document within its file. */
  docIndex: number;
  kind: string;
  name: string;
  severity: Severity;
  code: FindingCode;
  /** Errors and warnings: the text a real API server (or kubectl) prints. Hints: what is wrong. */
  message: string;
  /** What was probably meant, where it belongs, or why Ramen would stall. */
  hint?: string;
  /** The cluster the document was checked against (with `--cluster auto`, chosen per document). */
  cluster?: 'hub' | 'dr';
}

export interface FindingSummary {
  errors: number;
  warnings: number;
  hints: number;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, hint: 2 };

/** File order as given, then document, line and severity; stable for equal keys. */
export function sortFindings(findings: readonly Finding[], fileOrder: readonly string[]): Finding[] {
  const rank = new Map(fileOrder.map((f, i) => [f, i]));
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        (rank.get(a.f.file) ?? 0) - (rank.get(b.f.file) ?? 0) ||
        a.f.docIndex - b.f.docIndex ||
        a.f.line - b.f.line ||
        SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

export function summarize(findings: readonly Finding[]): FindingSummary {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    hints: findings.filter((f) => f.severity === 'hint').length,
  };
}
