// `drsim doctor`: checks an environment against what Ramen needs before protection can work, and
// prints a checklist with the fix for each problem. Today it runs on the simulator (a default
// configured environment, optionally broken on purpose with --break), on the clusters `drsim
// apiserver up` started (--backend apiserver), or on any clusters a kubeconfig names (--kubeconfig
// with --context, the hub first). Exit status: 0 when nothing fails, 1 on failures (or warnings with
// --fail-on-warnings), 2 on usage errors.

import { Command, Option } from 'commander';
import { parseDuration } from '../../scenarios/format/duration.js';
import { buildEnvironment } from '../../sim/world/build-environment.js';
import type { WorldDecl } from '../../sim/world/world-decl.js';
import { countByStatus, formatChecksJson, formatChecksText } from '../../validate/doctor/format-checks.js';
import { findBreakage, SIM_BREAKAGES } from '../../validate/doctor/sim-breakages.js';
import type { Check } from '../../validate/doctor/doctor-types.js';
import { clientsFromApiserverEnvironment, clientsFromKubeconfig, DoctorTargetError, realDoctorTarget } from '../../validate/doctor/real-target.js';
import { runDoctor } from '../../validate/doctor/run-doctor.js';
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
    const write = this.configureOutput().writeOut ?? ((out: string) => process.stdout.write(out));
    const report = (backend: string, checks: Check[]): void => {
      write(flags.json ? formatChecksJson(backend, checks) : formatChecksText(checks, { color: io.isTty() }));
      const n = countByStatus(checks);
      finishWith(n.fail > 0 || (flags.failOnWarnings && n.warn > 0) ? 1 : 0);
    };
    if (flags.backend !== 'sim' || flags.kubeconfig !== undefined || flags.context.length > 0) {
      if (flags.break.length > 0) this.error('error: --break breaks a simulated environment; on real clusters break things with kubectl', { exitCode: 2, code: 'drsim.usage' });
      let clients: ReturnType<typeof clientsFromKubeconfig>;
      try {
        if (flags.kubeconfig !== undefined) clients = clientsFromKubeconfig(flags.kubeconfig, flags.context);
        else if (flags.context.length > 0) return this.error('error: --context needs --kubeconfig FILE', { exitCode: 2, code: 'drsim.usage' });
        else if (flags.backend === 'apiserver') clients = clientsFromApiserverEnvironment();
        else return this.error(`error: name the kind clusters' kubeconfig and contexts, the hub first: --kubeconfig ~/.kube/config --context kind-drsim-hub --context dr1=kind-drsim-dr1 --context dr2=kind-drsim-dr2`, { exitCode: 2, code: 'drsim.usage' });
      } catch (err) {
        if (err instanceof DoctorTargetError) return this.error(`error: ${err.message}`, { exitCode: 2, code: 'drsim.usage' });
        throw err;
      }
      const target = realDoctorTarget(clients.hub, clients.clusters);
      try {
        return report(flags.backend === 'sim' ? 'kubeconfig' : flags.backend, await runDoctor(target));
      } finally {
        target.stop();
      }
    }
    const seed = Number(flags.seed);
    if (!Number.isSafeInteger(seed)) this.error(`error: --seed must be an integer, got "${flags.seed}"`, { exitCode: 2, code: 'drsim.usage' });
    const settleMs = parseDuration(flags.settle);
    if (settleMs === undefined) this.error(`error: --settle must be a duration such as 30s or 2m, got "${flags.settle}"`, { exitCode: 2, code: 'drsim.usage' });
    const breakages = flags.break.map((name) => findBreakage(name) ?? this.error(`error: unknown --break "${name}"; known: ${SIM_BREAKAGES.map((b) => b.name).join(', ')}`, { exitCode: 2, code: 'drsim.usage' }));

    const env = await buildEnvironment({ seed, decl: defaultDoctorWorld(flags.storage) });
    await env.world.runFor(settleMs);
    for (const b of breakages) await b.apply(env);
    report('sim', await runDoctorOnSim(env));
  });
}
