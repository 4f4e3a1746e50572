// One point of the scale benchmark in a process of its own: `scale-child.ts APPS SHAPE_JSON` prints
// the point as one JSON line on stdout, preceded by partial points (`"partial": true`) at every
// progress report, so a point stopped at its wall budget still says how far it got. Started by
// bench/lib/scale.ts.

import { scalePoint } from './lib/scale.js';
import type { AppShape } from './lib/worlds.js';

const apps = Number(process.argv[2]);
const shape = JSON.parse(process.argv[3] ?? '{}') as AppShape;
const point = await scalePoint(apps, shape, (partial) => process.stdout.write(`${JSON.stringify({ ...partial, partial: true })}\n`));
process.stdout.write(`${JSON.stringify(point)}\n`);
