// Where a field sits in the YAML a user wrote, so every finding points at a line. Paths come from two
// places: our own hints (arrays of keys and indexes) and kube's messages (`spec.items[0].name`,
// `metadata.labels[app.kubernetes.io/name]`, or OpenAPI's `spec.map.key` whose key may hold dots).

import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';

export type PathSegment = string | number;

export interface Position {
  line: number;
  column: number;
}

/** Splits a kube field path into segments; `<nil>` and the empty path are the root. */
export function parseFieldPath(path: string): PathSegment[] {
  if (path === '' || path === '<nil>') return [];
  const out: PathSegment[] = [];
  let i = 0;
  let name = '';
  const flush = (): void => {
    if (name !== '') out.push(name);
    name = '';
  };
  while (i < path.length) {
    const c = path[i]!;
    if (c === '.') {
      flush();
      i++;
    } else if (c === '[') {
      flush();
      const end = path.indexOf(']', i);
      const inner = end < 0 ? path.slice(i + 1) : path.slice(i + 1, end);
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = end < 0 ? path.length : end + 1;
    } else {
      name += c;
      i++;
    }
  }
  flush();
  return out;
}

function keyText(p: Pair): string {
  return isScalar(p.key) ? String(p.key.value) : String(p.key);
}

/** A YAML document's root node with its line counter: answers "which line is this path on". */
export class FieldLocator {
  constructor(
    private readonly root: Node | null | undefined,
    private readonly lines: LineCounter,
    /** Where the document starts, for paths that do not resolve at all. */
    private readonly docStart: number,
  ) {}

  private pos(offset: number): Position {
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  /**
   * The position of the deepest node on the path that exists: the key of a mapping entry, the item
   * of a sequence. A missing field points at its nearest present parent (where it should be added).
   */
  locate(path: readonly PathSegment[]): Position {
    let node: Node | null | undefined = this.root;
    let at = node?.range?.[0] ?? this.docStart;
    let i = 0;
    while (i < path.length && node) {
      const seg = path[i]!;
      if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        node = item;
        at = item.range?.[0] ?? at;
        i++;
        continue;
      }
      if (!isMap(node)) break;
      // A map key may contain dots that the path split apart: try the longest join first.
      let matched = false;
      for (let j = path.length; j > i; j--) {
        const key = path.slice(i, j).map(String).join('.');
        const pair = (node.items as Pair[]).find((p) => keyText(p) === key);
        if (!pair) continue;
        at = (pair.key as Node | null)?.range?.[0] ?? at;
        node = pair.value as Node | null;
        i = j;
        matched = true;
        break;
      }
      if (!matched) break;
    }
    return this.pos(at);
  }

  /** The YAML node at an exact path, when present (for embedded documents such as RamenConfig). */
  nodeAt(path: readonly PathSegment[]): Node | undefined {
    let node: Node | null | undefined = this.root;
    for (const seg of path) {
      if (!node) return undefined;
      if (isSeq(node) && typeof seg === 'number') node = node.items[seg] as Node | undefined;
      else if (isMap(node)) node = (node.items as Pair[]).find((p) => keyText(p) === String(seg))?.value as Node | null;
      else return undefined;
    }
    return node ?? undefined;
  }

  lineOfOffset(offset: number): number {
    return this.lines.linePos(offset).line;
  }
}
