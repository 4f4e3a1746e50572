// Kubernetes resource quantities (`10Gi`, `500M`, `1.5`, `100m`), parsed exactly so that sizes
// compare as the API server compares them: a PVC may grow but never shrink, a PV must be large
// enough for its claim.

import { ApiError } from '../../runtime/errors.js';

/** The message a kube-apiserver gives when a quantity does not decode. */
export const QUANTITY_DECODE_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

const NANO_DIGITS = 9;
const pow10 = (n: number): bigint => 10n ** BigInt(n);

/**
 * The quantity in nano-units (value × 10⁹) as an exact integer, rounded up below a nano-unit as kube
 * rounds; undefined when it does not parse.
 */
export function parseQuantity(q: string | number): bigint | undefined {
  const text = typeof q === 'number' ? (Number.isFinite(q) ? String(q) : '') : q.trim();
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, digits, suffix = ''] = m;
  const [whole = '', frac = ''] = digits!.split('.');
  let num = BigInt(`${whole}${frac}` || '0');
  let den = pow10(frac.length);
  const binary = BINARY[suffix];
  if (binary !== undefined) num *= binary;
  else {
    const exp = suffix.startsWith('e') || suffix.startsWith('E') ? Number(suffix.slice(1)) : DECIMAL_EXPONENT[suffix]!;
    if (exp >= 0) num *= pow10(exp);
    else den *= pow10(-exp);
  }
  num *= pow10(NANO_DIGITS);
  const nano = (num + den - 1n) / den;
  return sign === '-' ? -nano : nano;
}

export function isQuantity(q: unknown): q is string | number {
  return (typeof q === 'string' || typeof q === 'number') && parseQuantity(q) !== undefined;
}

/** -1, 0 or 1 as `a` is smaller than, equal to or larger than `b`; unparsable quantities count as zero. */
export function compareQuantities(a: string | number | undefined, b: string | number | undefined): number {
  const x = a === undefined ? 0n : (parseQuantity(a) ?? 0n);
  const y = b === undefined ? 0n : (parseQuantity(b) ?? 0n);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The quantity as a plain number (bytes, for storage sizes), rounded up to a whole unit. */
export function quantityToNumber(q: string | number): number {
  const nano = parseQuantity(q);
  if (nano === undefined) return Number.NaN;
  const unit = pow10(NANO_DIGITS);
  const whole = nano >= 0n ? (nano + unit - 1n) / unit : nano / unit;
  return Number(whole);
}

/** A byte count in the largest binary unit that divides it exactly (`10Gi`), as kube canonicalizes sizes. */
export function formatBytes(bytes: number): string {
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    const unit = Number(BINARY[suffix]);
    if (bytes !== 0 && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}

/**
 * Fails like a kube-apiserver decoding a built-in object whose quantity field does not parse: the
 * whole body is refused with a BadRequest before any validation.
 */
export function assertQuantities(kind: string, version: string, quantities: Record<string, unknown> | undefined): void {
  for (const value of Object.values(quantities ?? {})) {
    if (value !== undefined && !isQuantity(value)) {
      throw new ApiError('BadRequest', `${kind} in version "${version}" cannot be handled as a ${kind}: ${QUANTITY_DECODE_MESSAGE}`);
    }
  }
}
