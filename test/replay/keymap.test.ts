// Goal: keys map to the actions the help line promises, and keys that arrive together (a paste,
// tmux send-keys) become one action each, the filter prompt included.
import { describe, expect, it } from 'vitest';
import { actionForKey, actionsForInput } from '../../reports/replay/keymap.js';

describe('keymap', () => {
  it('maps the documented keys', () => {
    expect(actionForKey(' ', {}, false)).toEqual({ type: 'togglePlay' });
    expect(actionForKey('', { rightArrow: true }, false)).toEqual({ type: 'step', direction: 1 });
    expect(actionForKey('', { leftArrow: true }, false)).toEqual({ type: 'step', direction: -1 });
    expect(actionForKey('f', {}, false)).toEqual({ type: 'jump', mark: 'fault', direction: 1 });
    expect(actionForKey('P', {}, false)).toEqual({ type: 'jump', mark: 'phase', direction: -1 });
    expect(actionForKey('+', {}, false)).toEqual({ type: 'speed', direction: 1 });
    expect(actionForKey('', { tab: true, shift: true }, false)).toEqual({ type: 'selectApp', direction: -1 });
    expect(actionForKey('q', {}, false)).toEqual({ type: 'quit' });
    expect(actionForKey('c', { ctrl: true }, true)).toEqual({ type: 'quit' });
    expect(actionForKey('x', {}, false)).toBeUndefined();
  });

  it('treats keys as text while a filter is typed', () => {
    expect(actionForKey('q', {}, true)).toEqual({ type: 'filterInput', text: 'q' });
    expect(actionForKey('', { return: true }, true)).toEqual({ type: 'filterCommit' });
    expect(actionForKey('', { escape: true }, true)).toEqual({ type: 'filterCancel' });
    expect(actionForKey('', { backspace: true }, true)).toEqual({ type: 'filterBackspace' });
  });

  it('splits keys that arrived together', () => {
    expect(actionsForInput('\t\t', {}, false)).toEqual([
      { type: 'selectApp', direction: 1 },
      { type: 'selectApp', direction: 1 },
    ]);
    expect(actionsForInput('/ab\rf', {}, false)).toEqual([{ type: 'filterStart' }, { type: 'filterInput', text: 'a' }, { type: 'filterInput', text: 'b' }, { type: 'filterCommit' }, { type: 'jump', mark: 'fault', direction: 1 }]);
  });
});
