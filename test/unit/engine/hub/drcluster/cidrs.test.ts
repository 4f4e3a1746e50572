// Goal: CIDR validation reasons of hub spec §15.6 and Go-compatible CIDR parsing.
import { describe, expect, it } from 'vitest';
import { cidrVerdict, isValidCidr } from '../../../../../engine/hub/drcluster/cidrs.js';

describe('CIDRs', () => {
  it('parses IPv4 and IPv6 CIDRs as net.ParseCIDR does', () => {
    for (const ok of ['10.0.0.0/8', '192.168.1.0/24', '0.0.0.0/0', 'fd00::/64', '::1/128', '::ffff:10.0.0.1/96']) expect(isValidCidr(ok)).toBe(true);
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', 'fd00::/129', 'abc/8', '01.0.0.0/8']) expect(isValidCidr(bad)).toBe(false);
  });

  it('gives each verdict of the validation', () => {
    expect(cidrVerdict([], ['1.0.0.0/8'])).toEqual({ kind: 'none' });
    expect(cidrVerdict(['nope'], [])).toEqual({ kind: 'invalid', message: 'invalid CIDRs format specified nope' });
    expect(cidrVerdict(['10.0.0.0/8'], undefined)).toEqual({ kind: 'notReady' });
    expect(cidrVerdict(['10.0.0.0/8'], ['10.0.0.0/8', '11.0.0.0/8'])).toEqual({ kind: 'unconfigured', message: 'detected CIDRs not configured: 11.0.0.0/8' });
    expect(cidrVerdict(['10.0.0.0/8', '12.0.0.0/8'], ['10.0.0.0/8']).kind).toBe('undetected');
    expect(cidrVerdict(['10.0.0.0/8'], ['10.0.0.0/8'])).toEqual({ kind: 'ok' });
  });
});
