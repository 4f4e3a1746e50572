// Slows a simulated run down for a person watching it live: before each event, wait until the wall
// clock has caught up with virtual time divided by the pace. Only the CLI uses real timers.

export function realTimePacer(startVirtualMs: number, paceX: number): ((atMs: number) => Promise<void>) | undefined {
  if (paceX <= 0) return undefined;
  const wallStart = performance.now();
  return async (atMs: number) => {
    const dueWall = wallStart + (atMs - startVirtualMs) / paceX;
    const wait = dueWall - performance.now();
    // Long quiet stretches are shortened to a second, so idle time never bores the viewer.
    if (wait > 1) await new Promise((r) => setTimeout(r, Math.min(wait, 1000)));
  };
}
