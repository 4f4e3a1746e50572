// CIDR validation of a DRCluster (hub spec §15.6): every entry must parse as a CIDR; CIDRs the storage
// reports through the DRClusterConfig must all be configured (error otherwise); configured CIDRs the
// storage does not report are only a warning.

/** Go's net.ParseCIDR for IPv4 and IPv6 text. */
export function isValidCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const addr = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  const prefix = Number(bits);
  if (isIpv4(addr)) return prefix <= 32;
  if (isIpv6(addr)) return prefix <= 128;
  return false;
}

function isIpv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p.startsWith('0')));
}

function isIpv6(s: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(s)) return false;
  const double = s.split('::');
  if (double.length > 2) return false;
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groups(double[0]!);
  const tail = double.length === 2 ? groups(double[1]!) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!isIpv4(last)) return false;
    count += 1;
    all.pop();
  }
  if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return double.length === 2 ? count < 8 : count === 8;
}

export type CidrVerdict =
  | { kind: 'none' }
  | { kind: 'invalid'; message: string }
  | { kind: 'notReady' }
  | { kind: 'unconfigured'; message: string }
  | { kind: 'undetected'; message: string }
  | { kind: 'ok' };

/** The pure decision; `detected` is undefined when the DRClusterConfig data is not ready yet. */
export function cidrVerdict(configured: readonly string[], detected: readonly string[] | undefined): CidrVerdict {
  if (configured.length === 0) return { kind: 'none' };
  const invalid = configured.filter((c) => !isValidCidr(c));
  if (invalid.length > 0) return { kind: 'invalid', message: `invalid CIDRs format specified ${invalid.join(', ')}` };
  if (detected === undefined) return { kind: 'notReady' };
  const conf = new Set(configured);
  const det = new Set(detected);
  const unconfigured = [...det].filter((c) => !conf.has(c)).sort();
  if (unconfigured.length > 0) return { kind: 'unconfigured', message: `detected CIDRs not configured: ${unconfigured.join(', ')}` };
  const undetected = [...conf].filter((c) => !det.has(c)).sort();
  if (undetected.length > 0) return { kind: 'undetected', message: `warning: CIDRs not detected by storage provisioner: ${undetected.join(', ')}` };
  return { kind: 'ok' };
}
