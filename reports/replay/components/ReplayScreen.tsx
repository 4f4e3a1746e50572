// The whole screen as a pure function of the replay state and the terminal size, k9s style: the
// header; the hub beside each managed cluster; S3 beside the network; the event log; the timeline;
// the help line. Sizes are computed here so every panel gets a fixed box and nothing wraps.

import { Box } from 'ink';
import type { ReplayState } from '../state.js';
import { selectedApp } from '../state.js';
import { ClusterPanel, clusterRows } from './ClusterPanel.js';
import { EventLog } from './EventLog.js';
import { Header } from './Header.js';
import { HelpLine } from './HelpLine.js';
import { HubPanel, hubRows } from './HubPanel.js';
import { NetworkPanel, networkRows } from './NetworkPanel.js';
import { fitRows, PANEL_CHROME_ROWS } from './Panel.js';
import { S3Panel, s3Rows } from './S3Panel.js';
import { Timeline } from './Timeline.js';

export const MIN_WIDTH = 60;
export const MIN_HEIGHT = 20;

export interface ScreenLayout {
  hubWidth: number;
  clusterWidths: number[];
  topHeight: number;
  midHeight: number;
  s3Width: number;
  netWidth: number;
  logHeight: number;
}

const HEADER_ROWS = 1;
const TIMELINE_ROWS = 3;
const HELP_ROWS = 1;

/** Splits `total` into `n` widths that differ by at most one and add up to `total`. */
function split(total: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

export function layout(width: number, height: number, clusters: number, wanted: { top: number; mid: number }): ScreenLayout {
  const w = Math.max(MIN_WIDTH, width);
  const h = Math.max(MIN_HEIGHT, height);
  const hubWidth = clusters ? Math.max(30, Math.floor(w * 0.34)) : w;
  const clusterWidths = split(w - (clusters ? hubWidth : 0), Math.max(clusters, 1)).slice(0, clusters);
  const free = h - HEADER_ROWS - TIMELINE_ROWS - HELP_ROWS;
  // Each box's content plus its title row and border; the log keeps at least 5 rows.
  const midHeight = Math.min(Math.max(3, wanted.mid) + 1 + PANEL_CHROME_ROWS, Math.floor(free * 0.25));
  const topHeight = Math.max(6, Math.min(wanted.top + 1 + PANEL_CHROME_ROWS, free - midHeight - 5));
  const logHeight = Math.max(4, free - topHeight - midHeight);
  const s3Width = Math.floor(w / 2);
  return { hubWidth, clusterWidths, topHeight, midHeight, s3Width, netWidth: w - s3Width, logHeight };
}

export function ReplayScreen({ state, width, height }: { state: ReplayState; width: number; height: number }) {
  const view = state.index.viewAt(state.cursor);
  const app = selectedApp(state);
  const now = state.clockMs;
  // Columns for every cluster of the whole trace, so the layout does not jump as the cursor moves.
  const clusters = state.index.clusterNames();
  // Sized twice: once to learn the panel widths, once to count the rows those widths wrap into.
  const first = layout(width, height, clusters.length, { top: 0, mid: 0 });
  const top = Math.max(fitRows(hubRows(view, now, app), first.hubWidth, true).length, ...clusters.map((c, i) => fitRows(clusterRows(view, c, now, app), first.clusterWidths[i]!, true).length));
  const mid = Math.max(fitRows(s3Rows(view, app), first.s3Width, true).length, fitRows(networkRows(view, now), first.netWidth, true).length);
  const l = layout(width, height, clusters.length, { top, mid });
  const w = Math.max(MIN_WIDTH, width);
  return (
    <Box flexDirection="column" width={w}>
      <Header state={state} view={view} width={w} />
      <Box flexDirection="row">
        <HubPanel view={view} nowMs={now} app={app} width={l.hubWidth} height={l.topHeight} />
        {clusters.map((c, i) => (
          <ClusterPanel key={c} view={view} name={c} nowMs={now} app={app} width={l.clusterWidths[i]!} height={l.topHeight} />
        ))}
      </Box>
      <Box flexDirection="row">
        <S3Panel view={view} app={app} width={l.s3Width} height={l.midHeight} />
        <NetworkPanel view={view} nowMs={now} width={l.netWidth} height={l.midHeight} />
      </Box>
      <EventLog state={state} width={w} height={l.logHeight} />
      <Timeline state={state} width={w} />
      <HelpLine state={state} width={w} />
    </Box>
  );
}
