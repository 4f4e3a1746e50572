// Goal: Velero's tarball round-trips through the simulator's ustar writer and reader, long paths
// included, and each header carries a valid ustar checksum. Method: write, read back, inspect bytes.
import { describe, expect, it } from 'vitest';
import { gunzip, gzip, readTar, writeTar } from '../../../../sim/velero/tarball.js';

const enc = new TextEncoder();

describe('tarball', () => {
  it('round-trips short and long paths with their bodies', () => {
    const long = `resources/volumereplicationgroups.ramendr.openshift.io/v1alpha1-preferredversion/namespaces/${'n'.repeat(60)}/${'x'.repeat(120)}.json`;
    const entries = [
      { path: 'metadata/version', body: enc.encode('1.1.0\n') },
      { path: 'resources/configmaps/namespaces/app/cm.json', body: enc.encode('{"a":1}') },
      { path: long, body: new Uint8Array(1500).fill(7) },
      { path: 'empty', body: new Uint8Array(0) },
    ];
    const back = readTar(gunzip(gzip(writeTar(entries, 1_767_225_600))));
    expect(back.map((e) => e.path)).toEqual(entries.map((e) => e.path));
    back.forEach((e, i) => expect(Array.from(e.body)).toEqual(Array.from(entries[i]!.body)));
  });

  it('writes ustar headers whose checksum matches', () => {
    const tar = writeTar([{ path: 'a/b.json', body: enc.encode('{}') }], 0);
    const header = tar.subarray(0, 512);
    expect(new TextDecoder().decode(header.subarray(257, 262))).toBe('ustar');
    const stored = parseInt(new TextDecoder().decode(header.subarray(148, 154)), 8);
    let sum = 0;
    header.forEach((b, i) => (sum += i >= 148 && i < 156 ? 32 : b));
    expect(stored).toBe(sum);
    expect(tar.length % 512).toBe(0);
  });
});
