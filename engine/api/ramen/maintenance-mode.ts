// MaintenanceMode (hub-orchestrated, cluster-scoped on the DR cluster): the only mode Ramen recognizes
// is `Failover`; on the DR cluster it appears in VRG storage identifiers (dr-cluster spec §1.3, §13.1).

import type { KindRef } from '../meta.js';
import { RAMEN_API_VERSION } from './vrg.js';

export const MAINTENANCE_MODE_KIND: KindRef = { apiVersion: RAMEN_API_VERSION, kind: 'MaintenanceMode' };

export type MMode = 'Failover';

export const MMODE_FAILOVER: MMode = 'Failover';
