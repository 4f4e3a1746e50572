// Splits the files a user passed into Kubernetes documents, keeping for each one where it came from
// (file, index, first line) and a locator for its fields. YAML is read as kubectl reads it
// (sigs.k8s.io/yaml over go-yaml: YAML 1.1 scalars, so `yes` is a boolean); empty documents are
// skipped as kubectl skips them.

import { LineCounter, parseAllDocuments } from 'yaml';
import type { KubeObject } from '../engine/api/meta.js';
import { FieldLocator } from './field-lines.js';
import type { Finding } from './finding.js';

export interface ManifestInput {
  /** The name shown in findings: a path, or `<stdin>`. */
  file: string;
  text: string;
}

export interface ManifestDoc {
  file: string;
  docIndex: number;
  /** 1-based line of the document's first node. */
  line: number;
  object: KubeObject;
  locator: FieldLocator;
}

export interface ParsedManifests {
  docs: ManifestDoc[];
  /** Problems found while splitting: YAML syntax errors and documents that are not objects. */
  findings: Finding[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseManifests(inputs: readonly ManifestInput[]): ParsedManifests {
  const docs: ManifestDoc[] = [];
  const findings: Finding[] = [];
  for (const input of inputs) {
    const lines = new LineCounter();
    const parsed = parseAllDocuments(input.text, { lineCounter: lines, prettyErrors: false, version: '1.1', uniqueKeys: true });
    // A stream with a fatal error comes back as an EmptyStream-like object without documents.
    const list = Array.isArray(parsed) ? parsed : [];
    if (!Array.isArray(parsed)) {
      findings.push({ file: input.file, line: 1, docIndex: 0, kind: '', name: '', severity: 'error', code: 'YamlError', message: 'error parsing YAML: not a YAML stream' });
    }
    list.forEach((doc, docIndex) => {
      const start = doc.contents?.range?.[0] ?? doc.range[0];
      const line = lines.linePos(start).line;
      const err = doc.errors[0];
      if (err) {
        const pos = lines.linePos(err.pos[0]);
        findings.push({
          file: input.file,
          line: pos.line,
          column: pos.col,
          docIndex,
          kind: '',
          name: '',
          severity: 'error',
          code: 'YamlError',
          message: `error converting YAML to JSON: yaml: line ${pos.line}: ${err.message.split('\n')[0]}`,
        });
        return;
      }
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (value === null || value === undefined) return;
      if (!isRecord(value)) {
        findings.push({ file: input.file, line, docIndex, kind: '', name: '', severity: 'error', code: 'NotAnObject', message: `error validating data: the document is a ${Array.isArray(value) ? 'list' : typeof value}, not a Kubernetes object` });
        return;
      }
      const object = value as KubeObject;
      docs.push({ file: input.file, docIndex, line, object, locator: new FieldLocator(doc.contents, lines, start) });
    });
  }
  return { docs, findings };
}

/** The document's kind and name as strings, whatever the user wrote. */
export function identityOf(doc: ManifestDoc): { kind: string; name: string; namespace: string | undefined } {
  const o = doc.object as { kind?: unknown; metadata?: unknown };
  const meta = isRecord(o.metadata) ? o.metadata : {};
  return {
    kind: typeof o.kind === 'string' ? o.kind : '',
    name: typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '',
    namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
  };
}
