// Lets every pending promise continuation run before the next simulated event fires. setImmediate
// runs only after the microtask queue is empty, so a reconcile that awaits already-settled simulator
// calls always finishes the same way before virtual time moves. It orders work; it never measures
// time, so it does not break determinism. This file is the one place in sim/ allowed to use it.

export function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
