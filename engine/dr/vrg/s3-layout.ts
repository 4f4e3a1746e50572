// The S3 key layout and object encoding of Ramen's cluster data (dr-cluster spec §11). Keys are
// `<vrgNamespace>/<vrgName>/<go type name>/<suffix>`; bodies are Go-encoded JSON with a trailing
// newline, gzip-compressed. Readers ignore unknown fields, so decoding is plain JSON parsing.

import { gunzipSync, gzipSync } from 'node:zlib';

export const TYPE_VRG = 'v1alpha1.VolumeReplicationGroup';
export const TYPE_PV = 'v1.PersistentVolume';
export const TYPE_PVC = 'v1.PersistentVolumeClaim';
export const TYPE_VGR = 'v1alpha1.VolumeGroupReplication';
export const TYPE_VGR_CONTENT = 'v1alpha1.VolumeGroupReplicationContent';
export const VRG_OBJECT_SUFFIX = 'a';

export function vrgPrefix(vrgNamespace: string, vrgName: string): string {
  return `${vrgNamespace}/${vrgName}/`;
}

export function typedKey(prefix: string, typeName: string, suffix: string): string {
  return `${prefix}${typeName}/${suffix}`;
}

/** The listing prefix of one type under a VRG prefix. */
export function typePrefix(prefix: string, typeName: string): string {
  return `${prefix}${typeName}/`;
}

export function vrgObjectKey(vrgNamespace: string, vrgName: string): string {
  return typedKey(vrgPrefix(vrgNamespace, vrgName), TYPE_VRG, VRG_OBJECT_SUFFIX);
}

export function pvKey(prefix: string, pvName: string): string {
  return typedKey(prefix, TYPE_PV, pvName);
}

export function pvcKey(prefix: string, pvcNamespace: string, pvcName: string): string {
  return typedKey(prefix, TYPE_PVC, `${pvcNamespace}/${pvcName}`);
}

/** The key older Ramen releases wrote; still read, and deleted on unprotect when namespaces match. */
export function legacyPvcKey(prefix: string, pvcName: string): string {
  return typedKey(prefix, TYPE_PVC, pvcName);
}

export function kubeObjectsPrefix(prefix: string, captureNumber: number): string {
  return `${prefix}kube-objects/${captureNumber}/velero/`;
}

// Go's encoding/json escapes these characters for HTML safety; the bytes are kept identical.
function goJsonEscape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** JSON with a trailing newline (json.Encoder), then gzip. */
export function encodeObject(value: unknown): Uint8Array {
  const text = goJsonEscape(JSON.stringify(value)) + '\n';
  return new Uint8Array(gzipSync(Buffer.from(text, 'utf8')));
}

export class S3DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'S3DecodeError';
  }
}

export function decodeObject<T>(body: Uint8Array, key: string): T {
  let text: string;
  try {
    text = gunzipSync(body).toString('utf8');
  } catch (err) {
    throw new S3DecodeError(`failed to create gzip reader of ${key}, ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new S3DecodeError(`failed to decode json of ${key}, ${(err as Error).message}`);
  }
}
