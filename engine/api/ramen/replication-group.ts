// Ramen's ReplicationGroupSource / ReplicationGroupDestination (VolSync consistency groups) and the
// VRG's pvcgroups bookkeeping. Only the kind references are modeled; the VolSync path is a seam.

import type { KindRef } from '../meta.js';
import { RAMEN_API_VERSION } from './vrg.js';

export const REPLICATION_GROUP_SOURCE_KIND: KindRef = { apiVersion: RAMEN_API_VERSION, kind: 'ReplicationGroupSource' };
export const REPLICATION_GROUP_DESTINATION_KIND: KindRef = { apiVersion: RAMEN_API_VERSION, kind: 'ReplicationGroupDestination' };
