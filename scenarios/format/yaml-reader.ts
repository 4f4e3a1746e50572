// Reads a YAML document field by field and, on any mistake, says where (file, line, column), which
// field, what was found and what would be valid. Scenario parsing never guesses.

import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { parseDuration } from './duration.js';

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}:${line}:${column}: ${field ? `${field}: ` : ''}${problem}`);
    this.name = 'ScenarioError';
  }
}

export class YamlSource {
  readonly lines = new LineCounter();
  readonly doc: Document.Parsed;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    const err = this.doc.errors[0];
    if (err) {
      const pos = this.lines.linePos(err.pos[0]);
      throw new ScenarioError(file, pos.line, pos.col, '', `not valid YAML: ${err.message.split('\n')[0]}`);
    }
  }

  root(): Field {
    return new Field(this, this.doc.contents as Node | null, '', undefined);
  }
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** One node of the document together with its field path, for precise errors. */
export class Field {
  constructor(
    private readonly src: YamlSource,
    readonly node: Node | null | undefined,
    readonly path: string,
    private readonly parent: Field | undefined,
  ) {}

  get present(): boolean {
    return this.node !== null && this.node !== undefined && !(isScalar(this.node) && this.node.value === null);
  }

  fail(problem: string): never {
    const at = this.node?.range?.[0] ?? this.parentOffset();
    const pos = this.src.lines.linePos(at);
    throw new ScenarioError(this.src.file, pos.line, pos.col, this.path, problem);
  }

  private parentOffset(): number {
    for (let p = this.parent; p; p = p.parent) if (p.node?.range) return p.node.range[0];
    return 0;
  }

  private describe(): string {
    if (!this.present) return 'nothing';
    if (isMap(this.node)) return 'a mapping';
    if (isSeq(this.node)) return 'a list';
    if (isScalar(this.node)) return JSON.stringify(this.node.value);
    return 'an unknown node';
  }

  get(key: string): Field {
    if (!isMap(this.node)) this.fail(`expected a mapping with "${key}", found ${this.describe()}`);
    let child = this.node.get(key, true) as Node | undefined;
    // An alias (`*name`) reads as the node its anchor names, so shared manifests can be reused.
    if (child && isAlias(child)) child = (child.resolve(this.src.doc) as Node | undefined) ?? child;
    return new Field(this.src, child, this.path ? `${this.path}.${key}` : key, this);
  }

  keys(): string[] {
    if (!isMap(this.node)) this.fail(`expected a mapping, found ${this.describe()}`);
    return this.node.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key));
  }

  /** Refuses keys outside `allowed`, with the nearest allowed name as a hint. */
  only(allowed: readonly string[]): this {
    for (const k of this.keys()) {
      if (!allowed.includes(k)) {
        const hint = nearest(k, allowed);
        this.get(k).fail(`unknown field "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}; valid fields: ${allowed.join(', ')}`);
      }
    }
    return this;
  }

  items(): Field[] {
    if (!this.present) return [];
    if (!isSeq(this.node)) this.fail(`expected a list, found ${this.describe()}`);
    return this.node.items.map((n, i) => new Field(this.src, n as Node, `${this.path}[${i}]`, this));
  }

  isMap(): boolean {
    return isMap(this.node);
  }

  isString(): boolean {
    return isScalar(this.node) && typeof this.node.value === 'string';
  }

  string(): string {
    if (!isScalar(this.node) || typeof this.node.value !== 'string') this.fail(`expected a string, found ${this.describe()}`);
    return this.node.value;
  }

  optString(): string | undefined {
    return this.present ? this.string() : undefined;
  }

  int(min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
    if (!isScalar(this.node) || typeof this.node.value !== 'number' || !Number.isInteger(this.node.value)) this.fail(`expected a whole number, found ${this.describe()}`);
    const v = this.node.value;
    if (v < min || v > max) this.fail(`expected a whole number from ${min} to ${max}, found ${v}`);
    return v;
  }

  bool(): boolean {
    if (!isScalar(this.node) || typeof this.node.value !== 'boolean') this.fail(`expected true or false, found ${this.describe()}`);
    return this.node.value;
  }

  oneOf<T extends string>(values: readonly T[]): T {
    const s = this.string();
    if (!(values as readonly string[]).includes(s)) {
      const hint = nearest(s, values);
      this.fail(`"${s}" is not one of ${values.map((v) => `"${v}"`).join(', ')}${hint ? ` (did you mean "${hint}"?)` : ''}`);
    }
    return s as T;
  }

  durationMs(): number {
    const raw = isScalar(this.node) ? this.node.value : undefined;
    const ms = typeof raw === 'string' ? parseDuration(raw) : typeof raw === 'number' && raw === 0 ? 0 : undefined;
    if (ms === undefined) this.fail(`expected a duration such as 30s, 5m, 1h or 1h30m, found ${this.describe()}`);
    return ms;
  }

  /** The subtree as plain JSON, for embedded Kubernetes manifests. */
  json(): Json {
    return (this.node as { toJSON?: () => Json } | null | undefined)?.toJSON?.() ?? null;
  }

  /** The line this field starts on, for error messages produced later (for example by admission). */
  line(): number {
    return this.src.lines.linePos(this.node?.range?.[0] ?? this.parentOffset()).line;
  }
}

export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
