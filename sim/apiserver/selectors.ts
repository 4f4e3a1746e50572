// Which objects a list or watch selects: a namespace (ignored for cluster-scoped kinds, as the REST
// path would have none) and a label selector.

import { matchesSelector, type KubeObject, type LabelSelector } from '../../engine/api/meta.js';
import type { KindSchema } from '../../engine/api/schema/types.js';

export interface Selection {
  namespace: string | undefined;
  labelSelector: LabelSelector | undefined;
}

export function selectionFor(schema: KindSchema, options: { namespace?: string; labelSelector?: LabelSelector } | undefined): Selection {
  return {
    namespace: schema.scope === 'Namespaced' && options?.namespace ? options.namespace : undefined,
    labelSelector: options?.labelSelector,
  };
}

export function selects(selection: Selection, obj: KubeObject): boolean {
  if (selection.namespace !== undefined && obj.metadata.namespace !== selection.namespace) return false;
  return matchesSelector(obj.metadata.labels, selection.labelSelector);
}
