// The processes of the world: every operator and agent runs as a Manager that lives on one node (the
// hub or a managed cluster). A node going down stops its managers, as a crashed machine would; coming
// back starts them again, with their in-memory state gone.

import type { Manager } from '../../engine/runtime/manager.js';
import type { NodeId } from '../network/network.js';

export type ActorRole = 'operator' | 'agent';

export interface Actor {
  /** For example `ramen-hub-operator`, `ramen-dr-cluster-operator`, `work-agent`, `csi-driver`. */
  name: string;
  node: NodeId;
  role: ActorRole;
  manager: Manager;
  /** Crashed by a controller-crash fault: stays stopped even while its node is up. */
  crashed: boolean;
}

export class ActorTable {
  private readonly actors: Actor[] = [];

  add(actor: Omit<Actor, 'crashed'>): Actor {
    const a = { ...actor, crashed: false };
    this.actors.push(a);
    return a;
  }

  onNode(node: NodeId): Actor[] {
    return this.actors.filter((a) => a.node === node);
  }

  find(node: NodeId, name: string): Actor | undefined {
    return this.actors.find((a) => a.node === node && a.name === name);
  }

  all(): readonly Actor[] {
    return this.actors;
  }
}
