// "Admin namespaces" (dr-cluster spec §2): the Ramen ops namespace and the operator's own. A VRG there
// may protect other namespaces, so objects it creates carry no owner reference back to it.

import type { VrgInstance } from './instance.js';

export function adminNamespaces(v: VrgInstance): string[] {
  return [v.ramenConfig.ramenOpsNamespace ?? '', v.deps.operatorNamespace];
}

export function isAdminNamespaceVrg(v: VrgInstance): boolean {
  return adminNamespaces(v).includes(v.vrg.metadata.namespace ?? '');
}
