// `drsim validate FILE...`: what a real API server of the hub or of a DR cluster would do with each
// document (refuse, prune with a warning, clear a namespace), plus hints from Ramen knowledge. Exit
// status: 0 clean, 1 on errors (or warnings with --fail-on-warnings), 2 on usage errors. The
// register functions work with or without the program's exitOverride().

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { FieldValidation } from '../../engine/runtime/client.js';
import { formatFindingsJson, formatFindingsText, parseManifests, summarize, validateManifests, type ClusterChoice, type ManifestInput } from '../../validate/index.js';

/** How a command reaches the outside world; tests replace stdin. */
export interface CliIo {
  readStdin(): string;
  /** Whether stdout is a terminal (colour). */
  isTty(): boolean;
}

const defaultIo: CliIo = {
  readStdin: () => readFileSync(0, 'utf8'),
  isTty: () => process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
};

// Commander's own parse errors are usage errors: drsim exits 2 for them, as for its own.
const USAGE_ERROR_CODES = new Set([
  'commander.unknownOption',
  'commander.missingArgument',
  'commander.optionMissingArgument',
  'commander.missingMandatoryOptionValue',
  'commander.invalidArgument',
  'commander.excessArguments',
  'commander.unknownCommand',
  'commander.conflictingOption',
  'drsim.usage',
]);

type ExitCallback = (err: CommanderError) => void;

/** The exit callback a parent set with exitOverride() (commander keeps it on a private field). */
function exitCallbackOf(cmd: Command | null): ExitCallback | undefined {
  for (let c = cmd; c; c = c.parent) {
    const cb = (c as unknown as { _exitCallback?: ExitCallback | null })._exitCallback;
    if (cb) return cb;
  }
  return undefined;
}

/**
 * Makes a subcommand exit 2 on usage errors, and otherwise defer to whatever the program does on
 * exit: throw (under exitOverride, as in tests) or exit the process.
 */
export function useDrsimExitCodes(cmd: Command): Command {
  return cmd.exitOverride((err) => {
    const mapped = USAGE_ERROR_CODES.has(err.code) && err.exitCode !== 0 ? new CommanderError(2, err.code, err.message) : err;
    const parent = exitCallbackOf(cmd.parent);
    if (parent) parent(mapped);
    process.exit(mapped.exitCode);
  });
}

/**
 * Ends a command with a non-zero status without cutting its output short: the process exits with
 * this code once stdout has drained (as `drsim run` does). Not a CommanderError: cli/main.ts maps
 * those to 2, the usage-error status.
 */
export function finishWith(exitCode: number): void {
  if (exitCode !== 0) process.exitCode = exitCode;
}

const SOURCE_FILE = /\.(ya?ml|json)$/i;

/** Files under a directory, recursively, in name order, as `kubectl apply -R -f` walks it. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (SOURCE_FILE.test(name)) out.push(p);
  }
  return out;
}

function readInputs(cmd: Command, paths: readonly string[], io: CliIo): ManifestInput[] {
  const inputs: ManifestInput[] = [];
  for (const p of paths) {
    if (p === '-') {
      inputs.push({ file: '<stdin>', text: io.readStdin() });
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      cmd.error(`error: the path "${p}" does not exist`, { exitCode: 2, code: 'drsim.usage' });
    }
    if (isDir) {
      const files = filesUnder(p);
      if (files.length === 0) cmd.error(`error: no .yaml, .yml or .json files under "${p}"`, { exitCode: 2, code: 'drsim.usage' });
      for (const f of files) inputs.push({ file: f, text: readFileSync(f, 'utf8') });
    } else {
      inputs.push({ file: p, text: readFileSync(p, 'utf8') });
    }
  }
  return inputs;
}

interface ValidateFlags {
  cluster: ClusterChoice;
  fieldValidation: FieldValidation;
  failOnWarnings?: boolean;
  json?: boolean;
}

export function registerValidate(program: Command, io: CliIo = defaultIo): void {
  const cmd = program
    .command('validate')
    .description('check Kubernetes manifests as the hub or a DR cluster would admit them, with hints on what Ramen would ignore, misread or stall on')
    .argument('<file...>', 'YAML or JSON files, directories (searched recursively), or - for stdin')
    .addOption(new Option('--cluster <cluster>', 'the cluster to validate against: hub, dr, or auto (each document against the cluster that serves its kind)').choices(['hub', 'dr', 'auto']).default('auto'))
    .addOption(new Option('--field-validation <level>', "unknown-field handling, as kubectl's --validate: Strict refuses, Warn prunes with a warning, Ignore prunes silently").choices(['Strict', 'Warn', 'Ignore']).default('Strict'))
    .option('--fail-on-warnings', 'exit 1 on warnings too')
    .option('--json', 'print one JSON document instead of text')
    .addHelpText(
      'after',
      '\nExit status: 0 no errors, 1 errors (or warnings with --fail-on-warnings), 2 usage errors.\nSeverities: error = the server refuses the object; warning = it is stored changed; hint = stored as written, but Ramen would not do what it says.',
    );
  useDrsimExitCodes(cmd);
  cmd.action(function (this: Command, paths: string[], flags: ValidateFlags) {
    const inputs = readInputs(this, paths, io);
    const findings = validateManifests(inputs, { cluster: flags.cluster, fieldValidation: flags.fieldValidation });
    const documents = parseManifests(inputs).docs.length;
    const out = this.configureOutput();
    const write = out.writeOut ?? ((s: string) => process.stdout.write(s));
    if (flags.json) {
      write(formatFindingsJson({ cluster: flags.cluster, fieldValidation: flags.fieldValidation, files: inputs.map((i) => i.file), documents, findings }));
    } else {
      write(formatFindingsText(findings, { color: io.isTty(), documents }));
    }
    const s = summarize(findings);
    finishWith(s.errors > 0 || (flags.failOnWarnings && s.warnings > 0) ? 1 : 0);
  });
}
