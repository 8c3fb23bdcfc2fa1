import { describe, expect, it } from 'vitest';
import { clockOf } from '../../gateway/config/clock.ts';

describe('clockOf', () => {
  it('is the system clock without clockStart', () => {
    const system = () => new Date('2027-03-04T05:06:07Z');
    expect(clockOf({ clockStart: undefined, auth: undefined }, system)().toISOString()).toBe('2027-03-04T05:06:07.000Z');
  });

  it('starts at clockStart and runs on at the system clock’s pace', () => {
    let system = Date.parse('2027-03-04T05:06:07Z');
    const clock = clockOf({ clockStart: '2026-06-01T10:00:00+02:00', auth: undefined }, () => new Date(system));
    expect(clock().toISOString()).toBe('2026-06-01T08:00:00.000Z');
    system += 90_000;
    expect(clock().toISOString()).toBe('2026-06-01T08:01:30.000Z');
  });

  it('refuses clockStart together with auth', () => {
    const auth = { issuer: 'i', audience: 'a', jwksFile: 'f', clockSkewSeconds: 30, algorithms: ['ES256' as const], claims: { subject: 'sub', organisation: 'org', roles: 'roles', projects: 'projects' } };
    expect(() => clockOf({ clockStart: '2026-06-01T10:00:00Z', auth })).toThrow('clockStart is refused once auth is configured');
  });
});
