// Imported first by every drsim entry point, before anything loads Ink.
//
// Ink decides once, when it is first imported, whether it runs "in CI" (the CI or
// CONTINUOUS_INTEGRATION variable is set) and if so draws nothing until the program exits. drsim
// only starts its interactive views when stdout is a terminal, where a person is watching, so a CI
// variable inherited into a terminal (a tmate/tmux debug shell on a CI runner, a developer's
// exported CI=1) would leave a blank screen. On a terminal the variables are therefore dropped for
// this process; piped or redirected output keeps them and gets the plain log anyway.
import { env, stdout } from 'node:process';

if (stdout.isTTY === true) {
  delete env['CI'];
  delete env['CONTINUOUS_INTEGRATION'];
}
