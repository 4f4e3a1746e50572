// `drsim doctor`: checks an environment against what Ramen needs before protection can work, and
// prints a checklist with the fix for each problem. Today it runs on the simulator (a default
// configured environment, optionally broken on purpose with --break); real clusters need the
// apiserver backend. Exit status: 0 when nothing fails, 1 on failures (or warnings with
// --fail-on-warnings), 2 on usage errors.

import { Command, Option } from 'commander';
import { parseDuration } from '../../scenarios/format/duration.js';
import { buildEnvironment } from '../../sim/world/build-environment.js';
import type { WorldDecl } from '../../sim/world/world-decl.js';
import { countByStatus, formatChecksJson, formatChecksText } from '../../validate/doctor/format-checks.js';
import { findBreakage, SIM_BREAKAGES } from '../../validate/doctor/sim-breakages.js';
import { runDoctorOnSim } from '../../validate/doctor/sim-target.js';
import { finishWith, useDrsimExitCodes, type CliIo } from './validate.js';

interface DoctorFlags {
  backend: 'sim' | 'apiserver' | 'kind';
  kubeconfig?: string;
  context: string[];
  seed: string;
  storage: 'regional' | 'metro';
  settle: string;
  break: string[];
  json?: boolean;
  failOnWarnings?: boolean;
}

const defaultIo: Pick<CliIo, 'isTty'> = { isTty: () => process.stdout.isTTY === true && process.env.NO_COLOR === undefined };

/** The environment `ramendev config` would leave: two managed clusters, an S3 store each, configured. */
export function defaultDoctorWorld(storage: 'regional' | 'metro'): WorldDecl {
  return {
    clusters: [
      { name: 'dr1', region: 'west' },
      { name: 'dr2', region: 'east' },
    ],
    storage,
    schedulingInterval: '5m',
    s3: 'per-cluster',
    ramen: 'configured',
    apps: [],
  };
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerDoctor(program: Command, io: Pick<CliIo, 'isTty'> = defaultIo): void {
  const cmd = program
    .command('doctor')
    .description('check that an environment has what Ramen needs before protection can work: CRDs, hub configuration, S3 secrets and endpoints, DRClusters, DRPolicies, storage labels')
    .addOption(new Option('--backend <backend>', 'where the environment runs').choices(['sim', 'apiserver', 'kind']).default('sim'))
    .option('--kubeconfig <file>', 'kubeconfig of the real clusters (apiserver and kind backends)')
    .option('--context <name>', 'a kubeconfig context: the hub first, then each managed cluster (repeatable)', collect, [])
    .option('--seed <n>', 'sim: the random seed of the simulated environment', '1')
    .addOption(new Option('--storage <kind>', 'sim: regional (async) or metro (sync) storage').choices(['regional', 'metro']).default('regional'))
    .option('--settle <duration>', 'sim: virtual time to let operators settle before checking', '2m')
    .option('--break <name>', `sim: break one prerequisite first (repeatable): ${SIM_BREAKAGES.map((b) => b.name).join(', ')}`, collect, [])
    .option('--fail-on-warnings', 'exit 1 on warnings too')
    .option('--json', 'print one JSON document instead of the checklist');
  useDrsimExitCodes(cmd);
  cmd.action(async function (this: Command, flags: DoctorFlags) {
    const real = flags.backend !== 'sim' || flags.kubeconfig !== undefined || flags.context.length > 0;
    if (real) {
      this.error(
        `error: checking real clusters (--backend ${flags.backend === 'sim' ? 'apiserver' : flags.backend}${flags.kubeconfig ? `, --kubeconfig ${flags.kubeconfig}` : ''}) needs the apiserver backend (a kube-apiserver client and an S3 client), which this build of drsim does not include yet; run "drsim doctor --backend sim" to see the checks on a simulated environment`,
        { exitCode: 2, code: 'drsim.usage' },
      );
    }
    const seed = Number(flags.seed);
    if (!Number.isSafeInteger(seed)) this.error(`error: --seed must be an integer, got "${flags.seed}"`, { exitCode: 2, code: 'drsim.usage' });
    const settleMs = parseDuration(flags.settle);
    if (settleMs === undefined) this.error(`error: --settle must be a duration such as 30s or 2m, got "${flags.settle}"`, { exitCode: 2, code: 'drsim.usage' });
    const breakages = flags.break.map((name) => findBreakage(name) ?? this.error(`error: unknown --break "${name}"; known: ${SIM_BREAKAGES.map((b) => b.name).join(', ')}`, { exitCode: 2, code: 'drsim.usage' }));

    const env = await buildEnvironment({ seed, decl: defaultDoctorWorld(flags.storage) });
    await env.world.runFor(settleMs);
    for (const b of breakages) await b.apply(env);
    const checks = await runDoctorOnSim(env);

    const write = this.configureOutput().writeOut ?? ((s: string) => process.stdout.write(s));
    write(flags.json ? formatChecksJson('sim', checks) : formatChecksText(checks, { color: io.isTty() }));
    const n = countByStatus(checks);
    finishWith(n.fail > 0 || (flags.failOnWarnings && n.warn > 0) ? 1 : 0);
  });
}
