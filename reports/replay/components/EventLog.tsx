// The event log: the last events up to the cursor that pass the filter, oldest first, the event at
// the cursor highlighted. Faults, actions and failed steps stand out by color.

import type { ReplayState } from '../state.js';
import { logWindow } from '../state.js';
import { Panel } from './Panel.js';
import type { Row } from './segments.js';
import { seg } from './segments.js';

function colorOf(type: string, line: string): string | undefined {
  if (type.startsWith('fault.') || type === 'net.cut' || type === 'net.node.down' || type === 'api.down') return 'red';
  if (type === 'net.heal' || type === 'net.node.up' || type === 'api.up') return 'green';
  if (type === 'user.action' || type.startsWith('step.')) return line.includes(' FAILED') ? 'red' : 'cyan';
  if (type === 'drpc.status' || type === 'hub.drpc.phase') return 'magenta';
  if (type === 'vrg.status') return 'blue';
  if (type === 'api.reject' || type.endsWith('.error') || type.endsWith('.fail')) return 'yellow';
  return undefined;
}

export function logRows(s: ReplayState, count: number): Row[] {
  const window = logWindow(s, count);
  if (window.length === 0) return [[seg(s.cursor === 0 ? 'start of trace: press space to play or → to step' : 'no events match', { dim: true })]];
  return window.map((i) => {
    const line = s.index.line(i);
    const type = s.index.event(i)!.type;
    const current = i === s.cursor - 1;
    const color = colorOf(type, line);
    return [seg(line, { ...(color ? { color } : {}), ...(current ? { inverse: true } : {}) })];
  });
}

export function EventLog({ state, width, height }: { state: ReplayState; width: number; height: number }) {
  const title = `Events${state.filter ? ` matching "${state.filter}"` : ''}${state.verbose ? ' (all types)' : ''}`;
  return <Panel title={title} rows={logRows(state, Math.max(1, height - 3))} width={width} height={height} wrap={false} />;
}
