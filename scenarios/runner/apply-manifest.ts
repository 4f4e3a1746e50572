// Applies a manifest the way `kubectl apply` does for drsim's purposes: create it, or, if it exists,
// replace its spec, labels and annotations on the stored object. The field-validation level is the
// caller's (kubectl's default is Strict), so unknown fields fail exactly as on a real server.

import type { KubeObject } from '../../engine/api/meta.js';
import type { ClusterClient, FieldValidation } from '../../engine/runtime/client.js';
import { isAlreadyExists } from '../../engine/runtime/errors.js';

export async function applyManifest(client: ClusterClient, manifest: KubeObject, fieldValidation: FieldValidation): Promise<KubeObject> {
  try {
    return await client.create(structuredClone(manifest), { fieldValidation });
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
  const kind = { apiVersion: manifest.apiVersion, kind: manifest.kind };
  const key = manifest.metadata.namespace ? { namespace: manifest.metadata.namespace, name: manifest.metadata.name } : { name: manifest.metadata.name };
  const current = await client.get(kind, key);
  const next: KubeObject = { ...structuredClone(manifest), metadata: { ...current.metadata, labels: manifest.metadata.labels ?? current.metadata.labels, annotations: { ...current.metadata.annotations, ...manifest.metadata.annotations } } };
  if (current.status !== undefined) next.status = current.status;
  return client.update(next, { fieldValidation });
}
