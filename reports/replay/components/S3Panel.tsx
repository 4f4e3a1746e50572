// S3: how many objects each VRG has in each bucket (Ramen stores a VRG's cluster data under
// `<namespace>/<vrg name>/`).

import type { WorldView } from '../world-view.js';
import { Panel } from './Panel.js';
import type { Row } from './segments.js';
import { seg } from './segments.js';

function shortEndpoint(endpoint: string): string {
  return endpoint.replace(/^https?:\/\//, '');
}

export function s3Rows(view: WorldView, app: string | undefined): Row[] {
  const rows: Row[] = [];
  for (const store of Object.keys(view.s3).sort()) {
    const [endpoint, bucket] = store.split(' ');
    for (const prefix of Object.keys(view.s3[store]!).sort()) {
      if (app !== undefined && !prefix.startsWith(`${app}/`)) continue;
      const n = Object.keys(view.s3[store]![prefix]!).length;
      rows.push([seg(prefix), seg(`  ${n} object${n === 1 ? '' : 's'}`, { bold: true }), seg(`  ${shortEndpoint(endpoint ?? '')}/${bucket ?? ''}`, { dim: true })]);
    }
  }
  const down = Object.keys(view.otherNodesDown).filter((n) => n.startsWith('s3:'));
  for (const n of down) rows.push([seg(`${shortEndpoint(n.slice(3))} unreachable`, { color: 'red' })]);
  return rows.length ? rows : [[seg('no objects yet', { dim: true })]];
}

export function S3Panel({ view, app, width, height }: { view: WorldView; app: string | undefined; width: number; height: number }) {
  return <Panel title="S3 · objects per VRG" rows={s3Rows(view, app)} width={width} height={height} />;
}
