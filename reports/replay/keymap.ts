// Which key does what. Kept apart from the reducer so the reducer never sees terminal details, and so
// the help line and the tests read the same table.

import type { Key } from 'ink';
import type { ReplayAction } from './state.js';

export function actionForKey(input: string, key: Partial<Key>, typingFilter: boolean): ReplayAction | undefined {
  if (key.ctrl && input === 'c') return { type: 'quit' };
  if (typingFilter) {
    if (key.return) return { type: 'filterCommit' };
    if (key.escape) return { type: 'filterCancel' };
    if (key.backspace || key.delete) return { type: 'filterBackspace' };
    if (input && !key.ctrl && !key.meta && !key.tab && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow) return { type: 'filterInput', text: input };
    return undefined;
  }
  if (key.rightArrow || input === 'l') return { type: 'step', direction: 1 };
  if (key.leftArrow || input === 'h') return { type: 'step', direction: -1 };
  if (key.tab) return { type: 'selectApp', direction: key.shift ? -1 : 1 };
  if (key.home) return { type: 'seek', cursor: 0 };
  if (key.end) return { type: 'seek', cursor: Number.MAX_SAFE_INTEGER };
  if (key.escape) return { type: 'quit' };
  switch (input) {
    case ' ':
      return { type: 'togglePlay' };
    case 'f':
      return { type: 'jump', mark: 'fault', direction: 1 };
    case 'F':
      return { type: 'jump', mark: 'fault', direction: -1 };
    case 'p':
      return { type: 'jump', mark: 'phase', direction: 1 };
    case 'P':
      return { type: 'jump', mark: 'phase', direction: -1 };
    case 'a':
      return { type: 'jump', mark: 'action', direction: 1 };
    case 'A':
      return { type: 'jump', mark: 'action', direction: -1 };
    case '+':
    case '=':
      return { type: 'speed', direction: 1 };
    case '-':
    case '_':
      return { type: 'speed', direction: -1 };
    case '/':
      return { type: 'filterStart' };
    case 'v':
      return { type: 'toggleVerbose' };
    case 'g':
      return { type: 'seek', cursor: 0 };
    case 'G':
      return { type: 'seek', cursor: Number.MAX_SAFE_INTEGER };
    case 'q':
      return { type: 'quit' };
    default:
      return undefined;
  }
}

/**
 * Ink hands over several plain characters at once when they arrive together (a fast typist, a
 * paste, tmux send-keys with two keys): `\t\t` is one input, not two tabs. This splits such input
 * into one action per key, following the filter prompt opening and closing on the way.
 */
export function actionsForInput(input: string, key: Partial<Key>, typingFilter: boolean): ReplayAction[] {
  if (input.length <= 1 || key.ctrl || key.meta) {
    const a = actionForKey(input, key, typingFilter);
    return a ? [a] : [];
  }
  const out: ReplayAction[] = [];
  let typing = typingFilter;
  for (const ch of input) {
    const a = actionForKey(ch, { tab: ch === '\t', return: ch === '\r' || ch === '\n', backspace: ch === '\u007f' || ch === '\b' }, typing);
    if (!a) continue;
    out.push(a);
    if (a.type === 'filterStart') typing = true;
    if (a.type === 'filterCommit' || a.type === 'filterCancel') typing = false;
  }
  return out;
}
