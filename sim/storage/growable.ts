// Typed arrays that double when full: the columnar write stores append one entry at a time and
// must not hold a JS object (or a boxed number) per write.

export function grownInt32(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2, 8));
  b.set(a);
  return b;
}

export function grownFloat64(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2, 8));
  b.set(a);
  return b;
}
