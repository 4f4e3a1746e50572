// Screen text as rows of styled segments. Panels build rows with plain functions and clip them to
// their width themselves, so what fits is decided here, deterministically, rather than by terminal
// wrapping; ink then only paints the rows.

export interface Seg {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}

export type Row = Seg[];

export function seg(text: string, style: Omit<Seg, 'text'> = {}): Seg {
  return { text, ...style };
}

export function rowText(row: Row): string {
  return row.map((s) => s.text).join('');
}

/** Cuts a row to `width` characters, ending with `…` when something was cut. */
export function clipRow(row: Row, width: number): Row {
  if (width <= 0) return [];
  const total = rowText(row).length;
  if (total <= width) return row;
  const out: Row = [];
  let left = width - 1;
  for (const s of row) {
    if (left <= 0) break;
    const text = s.text.slice(0, left);
    out.push({ ...s, text });
    left -= text.length;
  }
  out.push({ text: '…', dim: true });
  return out;
}

/**
 * Wraps a row at segment boundaries to rows of at most `width` characters; continuation rows start
 * with `indent`. A whitespace-only segment is dropped at a break, and a segment longer than a whole
 * row is clipped. Panels build rows from word-sized segments so that this breaks between words.
 */
export function wrapRow(row: Row, width: number, indent = '    '): Row[] {
  if (width <= 0) return [];
  if (rowText(row).length <= width) return [row];
  const out: Row[] = [];
  let line: Row = [];
  let used = 0;
  for (const s of row) {
    if (used + s.text.length > width && used > 0 && rowText(line).trim() !== '') {
      out.push(line);
      line = [seg(indent)];
      used = indent.length;
      if (s.text.trim() === '') continue;
    }
    // A segment that starts a continuation row loses its leading spaces: the indent replaces them.
    const raw = line.length === 1 && used === indent.length && out.length > 0 ? s.text.trimStart() : s.text;
    const text = used + raw.length > width ? raw.slice(0, Math.max(0, width - used - 1)) + '…' : raw;
    line.push({ ...s, text });
    used += text.length;
  }
  if (line.length) out.push(line);
  return out;
}

/** At most `max` rows; the last says how many were left out. */
export function limitRows(rows: Row[], max: number): Row[] {
  if (rows.length <= max) return rows;
  if (max <= 0) return [];
  return [...rows.slice(0, max - 1), [seg(`… ${rows.length - max + 1} more`, { dim: true })]];
}

/** ✓ green for True, ✗ red for False, ? yellow otherwise; the reason is left to the detail view. */
export function conditionSeg(type: string, value: string): Seg {
  const status = value.split('/')[0];
  if (status === 'True') return seg(`✓${type}`, { color: 'green' });
  if (status === 'False') return seg(`✗${type}`, { color: 'red' });
  return seg(`?${type}`, { color: 'yellow' });
}

export function conditionRow(conditions: Record<string, string>, indent = '  '): Row {
  const keys = Object.keys(conditions).sort();
  if (keys.length === 0) return [seg(`${indent}(no conditions)`, { dim: true })];
  const row: Row = [seg(indent)];
  keys.forEach((k, i) => {
    if (i) row.push(seg(' '));
    row.push(conditionSeg(k, conditions[k]!));
  });
  return row;
}
