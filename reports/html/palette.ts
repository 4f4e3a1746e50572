// Colors of the HTML report. DRPC phases get fixed colors so the same phase looks the same in every
// chart and every report: green for resting deployed, amber for moving, blue for failed over, and so
// on. Anything unknown is grey, not a random color, so a new phase never looks like a known one.

export const PHASE_COLORS: Readonly<Record<string, string>> = {
  Deploying: '#a5d6a7',
  Deployed: '#43a047',
  Initiating: '#b0bec5',
  WaitForUser: '#fdd835',
  FailingOver: '#fb8c00',
  FailedOver: '#1e88e5',
  Relocating: '#8e24aa',
  Relocated: '#00897b',
  Deleting: '#616161',
};

export const UNKNOWN_PHASE_COLOR = '#cfd8dc';

export function phaseColor(phase: string): string {
  return PHASE_COLORS[phase] ?? UNKNOWN_PHASE_COLOR;
}

/** Phases whose label reads better in white. */
export function phaseTextColor(phase: string): string {
  return ['Deployed', 'FailedOver', 'Relocating', 'Relocated', 'Deleting', 'FailingOver'].includes(phase) ? '#ffffff' : '#1a1a1a';
}

export const FAULT_COLOR = '#e53935';
export const RPO_COLOR = '#b71c1c';

/** Lines of the replication lag chart, one per PVC, in order. */
export const SERIES_COLORS = ['#3949ab', '#00acc1', '#7cb342', '#f4511e', '#6d4c41', '#d81b60', '#5e35b1', '#fdd835'];

export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length]!;
}
