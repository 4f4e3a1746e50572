// IPv4 CIDR containment, enough to decide whether a NetworkFence's CIDRs cover a cluster's nodes.
// Anything that does not parse as IPv4 CIDR is compared as a plain string.

interface Cidr {
  base: number;
  bits: number;
}

function parse(text: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const octets = [m[1], m[2], m[3], m[4]].map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  if (bits > 32) return undefined;
  const addr = ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
  return { base: bits === 0 ? 0 : (addr & maskOf(bits)) >>> 0, bits };
}

function maskOf(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

/** Whether every address of `inner` lies inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parse(outer);
  const i = parse(inner);
  if (!o || !i) return outer.trim() === inner.trim();
  return i.bits >= o.bits && ((i.base & maskOf(o.bits)) >>> 0) === o.base;
}

export function isValidCidr(text: string): boolean {
  return parse(text) !== undefined && text.includes('/');
}
