// Benchmarks (d) and (e) look for entry points by name among candidate paths: `runCampaign` for (d),
// and for (e) a checker over a recorded trace, `checkTrace`, which no module exports yet. Loading them
// at run time keeps the type-check independent of names that may not exist, and a missing export makes
// the benchmark fall back to its stand-in or report itself pending, with the reason.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Loaded<T> = { ok: true; module: T; file: string } | { ok: false; reason: string };

/** Imports the first of `candidates` (paths relative to the repository root) that exports `name`. */
export async function loadExport<T>(candidates: readonly string[], name: string): Promise<Loaded<T>> {
  const tried: string[] = [];
  for (const rel of candidates) {
    const url = new URL(`../../${rel}`, import.meta.url);
    if (!existsSync(fileURLToPath(url).replace(/\.js$/, '.ts')) && !existsSync(fileURLToPath(url))) {
      tried.push(`${rel} (absent)`);
      continue;
    }
    try {
      const mod = (await import(url.href)) as Record<string, unknown>;
      if (typeof mod[name] === 'function') return { ok: true, module: mod as T, file: rel };
      tried.push(`${rel} (no ${name} export)`);
    } catch (err) {
      tried.push(`${rel} (failed to load: ${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    }
  }
  return { ok: false, reason: `no ${name}: ${tried.join('; ')}` };
}
