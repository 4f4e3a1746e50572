// The inside of `<backup>.tar.gz`, in Velero's layout: `metadata/version`, and each object as JSON at
// `resources/<resource>/namespaces/<ns>/<name>.json` (or `.../cluster/<name>.json`), written a second
// time under `resources/<resource>/<version>-preferredversion/...` as Velero has done since 1.4.
// A restore reads the plain paths.

import type { KubeObject } from '../../engine/api/meta.js';
import type { KindSchema } from '../../engine/api/schema/types.js';
import { groupResource } from './resource-filter.js';
import { gunzip, gzip, readTar, writeTar, type TarEntry } from './tarball.js';

export const BACKUP_FORMAT_VERSION = '1.1.0';

export interface ContentItem {
  schema: KindSchema;
  object: KubeObject;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function itemPath(resource: string, versionDir: string | undefined, obj: KubeObject): string {
  const base = versionDir === undefined ? `resources/${resource}` : `resources/${resource}/${versionDir}`;
  const ns = obj.metadata.namespace;
  return ns ? `${base}/namespaces/${ns}/${obj.metadata.name}.json` : `${base}/cluster/${obj.metadata.name}.json`;
}

export function encodeContents(items: readonly ContentItem[], mtimeSeconds: number): Uint8Array {
  const entries: TarEntry[] = [{ path: 'metadata/version', body: encoder.encode(`${BACKUP_FORMAT_VERSION}\n`) }];
  for (const { schema, object } of items) {
    const body = encoder.encode(JSON.stringify(object));
    const resource = groupResource(schema);
    entries.push({ path: itemPath(resource, undefined, object), body });
    entries.push({ path: itemPath(resource, `${schema.version}-preferredversion`, object), body });
  }
  return gzip(writeTar(entries, mtimeSeconds));
}

export interface DecodedItem {
  /** The resource directory the item was filed under, for example `configmaps` or `deployments.apps`. */
  resource: string;
  object: KubeObject;
}

const PLAIN_PATH = /^resources\/([^/]+)\/(?:namespaces\/([^/]+)|cluster)\/([^/]+)\.json$/;

/** Reads the objects back; a malformed archive throws, which fails the restore. */
export function decodeContents(archive: Uint8Array): DecodedItem[] {
  const out: DecodedItem[] = [];
  for (const entry of readTar(gunzip(archive))) {
    const m = PLAIN_PATH.exec(entry.path);
    if (!m) continue;
    out.push({ resource: m[1]!, object: JSON.parse(decoder.decode(entry.body)) as KubeObject });
  }
  return out;
}

/** Velero's `<backup>-resource-list.json.gz`: `{"<apiVersion>/<Kind>": ["ns/name", ...]}`. */
export function encodeResourceList(items: readonly ContentItem[]): Uint8Array {
  const list: Record<string, string[]> = {};
  for (const { object } of items) {
    const key = `${object.apiVersion}/${object.kind}`;
    const name = object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name;
    (list[key] ??= []).push(name);
  }
  return gzip(encoder.encode(JSON.stringify(list)));
}

export function gzipText(text: string): Uint8Array {
  return gzip(encoder.encode(text));
}

export function jsonBytes(value: unknown): Uint8Array {
  return encoder.encode(`${JSON.stringify(value)}\n`);
}
