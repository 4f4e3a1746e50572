// Every OCM kind drsim serves, for engine/api/schema/all-kinds.ts.

import type { KindSchema } from '../schema/types.js';
import { AppliedManifestWorkSchema } from './applied-manifest-work.js';
import { LeaseSchema } from './lease.js';
import { ManagedClusterSchema } from './managed-cluster.js';
import { ManagedClusterSetBindingSchema, ManagedClusterSetSchema } from './managed-cluster-set.js';
import { ManagedClusterViewSchema } from './managed-cluster-view.js';
import { ManifestWorkSchema } from './manifest-work.js';
import { PlacementSchema } from './placement.js';
import { PlacementDecisionSchema } from './placement-decision.js';
import { PlacementRuleSchema } from './placement-rule.js';
import { PlacementBindingSchema, PolicySchema } from './policy.js';

/** The OCM CRDs, hub and managed-cluster side. */
export const OCM_KIND_SCHEMAS: readonly KindSchema[] = [
  ManifestWorkSchema,
  AppliedManifestWorkSchema,
  ManagedClusterViewSchema,
  ManagedClusterSchema,
  ManagedClusterSetSchema,
  ManagedClusterSetBindingSchema,
  PlacementSchema,
  PlacementDecisionSchema,
  PlacementRuleSchema,
  PolicySchema,
  PlacementBindingSchema,
];

/** Built-in kinds OCM needs that are not CRDs; listed apart so all-kinds can avoid a duplicate. */
export const OCM_BUILTIN_KIND_SCHEMAS: readonly KindSchema[] = [LeaseSchema];
