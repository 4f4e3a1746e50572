// The replay for places without a terminal (CI logs, pipes): a readable progress log of what matters
// (steps, user actions, faults, network changes, DRPC phase changes, VRG state changes, where the app
// runs) one line each, then a summary. It reads events one at a time, so the same code prints a
// recorded trace and a live run as it happens.

import { formatClock, formatSpan } from '../format-time.js';
import { drpcKeyOf } from '../trace/app-of-event.js';
import { conditionsText, eventSummary } from '../trace/event-line.js';
import type { TraceEvent } from '../trace/read-trace.js';
import { WriteLog } from '../trace/write-log.js';
import { appRunningOn, applyEvent, emptyView } from './world-view.js';
import type { WorldView } from './world-view.js';

const CATEGORY_WIDTH = 8;

function row(t: number, category: string, text: string): string {
  return `${formatClock(t)}  ${category.padEnd(CATEGORY_WIDTH)} ${text}`;
}

export class PlainLog {
  private readonly view: WorldView = emptyView();
  private readonly writes = new WriteLog();
  private readonly drpcSeen = new Map<string, string>();
  private readonly vrgSeen = new Map<string, string>();
  private events = 0;
  private sawVrgStatus = false;

  /** The lines this event adds to the log (often none). */
  push(e: TraceEvent): string[] {
    this.events++;
    this.writes.add(e);
    applyEvent(this.view, e, this.writes);
    const s = (v: unknown) => (typeof v === 'string' ? v : String(v ?? ''));
    switch (e.type) {
      case 'world.created':
        return [row(e.t, 'world', `seed ${s(e.seed)}, clusters ${Array.isArray(e.clusters) ? e.clusters.join(', ') : ''}, storage ${s(e.storage)}`)];
      case 'step.start':
        return [row(e.t, 'step', `${Number(e.index) + 1}. ${s(e.label)}`)];
      case 'step.end':
        return e.ok === false ? [row(e.t, 'step', `${Number(e.index) + 1}. FAILED: ${s(e.label)}${e.message ? ` - ${s(e.message)}` : ''}`)] : [];
      case 'user.action':
      case 'fault.inject':
      case 'fault.heal':
        return [row(e.t, e.type === 'user.action' ? 'action' : 'fault', eventSummary(e).replace(/^(user\.action|fault\.inject|fault\.heal) /, e.type === 'fault.heal' ? 'healed: ' : ''))];
      case 'net.node.down':
      case 'net.node.up':
        return [row(e.t, 'network', `${s(e.node)} ${e.type === 'net.node.up' ? 'up' : 'down'}`)];
      case 'net.cut':
      case 'net.heal':
      case 'net.heal.all':
        return [row(e.t, 'network', eventSummary(e).replace(/^net\./, ''))];
      case 'drpc.status':
      case 'hub.drpc.phase': {
        const key = drpcKeyOf(e) ?? '?';
        const d = this.view.drpcs[key];
        // A DRPC with no phase yet has nothing to report.
        if (!d || (!d.phase && !d.progression)) return [];
        const text = `${d.phase || '(none)'}${d.progression ? ` / ${d.progression}` : ''}`;
        if (this.drpcSeen.get(key) === text) return [];
        this.drpcSeen.set(key, text);
        const conds = conditionsText(d.conditions);
        return [row(e.t, 'drpc', `${key} ${text}${conds ? `  [${conds}]` : ''}`)];
      }
      case 'vrg.status':
      case 'hub.vrg.state': {
        // The hub's view of a VRG only stands in when the trace has no vrg.status of its own.
        if (e.type === 'vrg.status') this.sawVrgStatus = true;
        else if (this.sawVrgStatus) return [];
        const key = e.type === 'vrg.status' ? `${s(e.cluster)}/${s(e.ns)}/${s(e.name)}` : `${s(e.cluster)}/${s(e.drpc)}`;
        const state = s(e.state);
        if (!state || this.vrgSeen.get(key) === state) return [];
        this.vrgSeen.set(key, state);
        return [row(e.t, 'vrg', `${key.replace('/', ' ')} ${state}`)];
      }
      case 'pod.running':
        return [row(e.t, 'app', `${s(e.pod)} running on ${s(e.cluster)}`)];
      case 'storage.promote':
      case 'storage.demote': {
        // Images are `<storage system>/<volume handle>`; people know the PVC, so name it when known.
        const image = s(e.image);
        const slash = image.indexOf('/');
        const pvc = slash >= 0 ? this.writes.pvcOfVolume(image.slice(slash + 1)) : undefined;
        const what = pvc ? `${pvc} on ${image.slice(0, slash)}` : image;
        return [row(e.t, 'storage', `${what} ${e.type === 'storage.promote' ? 'promoted' : 'demoted'}${e.force ? ' (forced)' : ''}`)];
      }
      default:
        return [];
    }
  }

  /** Closing lines: where things ended up. */
  summary(): string[] {
    const v = this.view;
    const out = [`-- ${this.events} events, ${formatSpan(v.nowMs)} of virtual time${v.seed !== undefined ? `, seed ${v.seed}` : ''}`];
    for (const key of Object.keys(v.drpcs).sort()) {
      const d = v.drpcs[key]!;
      const running = appRunningOn(v, d.ns).filter((r) => r.up).map((r) => r.cluster);
      out.push(`   drpc ${key}: ${d.phase || '(none)'}${d.progression ? ` / ${d.progression}` : ''}; app running on ${running.length ? running.join(', ') : 'no cluster'}`);
    }
    const faults = Object.values(v.faults).map((f) => f.label);
    if (faults.length) out.push(`   faults still in effect: ${faults.join('; ')}`);
    return out;
  }
}

/** The whole log of a recorded trace. */
export function plainLogOf(events: readonly TraceEvent[]): string[] {
  const log = new PlainLog();
  return [...events.flatMap((e) => log.push(e)), ...log.summary()];
}
