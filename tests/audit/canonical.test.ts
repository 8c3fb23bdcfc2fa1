import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../gateway/audit/canonical.ts';
import { chainHash, chainHashOfBodyJson } from '../../gateway/audit/chain.ts';
import { parseAuditRecord } from '../../gateway/audit/records.ts';
import { decision, processing } from './fixtures.ts';

describe('canonical JSON', () => {
  test('sorts the keys of every object by UTF-16 code units, at every depth, without whitespace', () => {
    const value = { b: 1, a: { z: [3, { y: null, x: 'é\n"' }], Z: true }, '10': 'ten', '2': 'two', é: 0, A: -0.5 };
    expect(canonicalJson(value)).toBe('{"10":"ten","2":"two","A":-0.5,"a":{"Z":true,"z":[3,{"x":"é\\n\\"","y":null}]},"b":1,"é":0}');
  });

  test('gives the same text whichever order the keys were built in', () => {
    expect(canonicalJson({ seq: 1, kind: 'decision', body: { outcome: 'allow', rule: 'r' } })).toBe(
      canonicalJson({ body: { rule: 'r', outcome: 'allow' }, kind: 'decision', seq: 1 }),
    );
  });

  test('a value built in sorted order and the same value in another order give the same text, at every depth', () => {
    const sorted = { a: [{ b: 1, c: { d: null, e: 'x' } }], f: undefined, g: true };
    const shuffled = { g: true, a: [{ c: { e: 'x', d: null }, b: 1 }] };
    expect(canonicalJson(sorted)).toBe('{"a":[{"b":1,"c":{"d":null,"e":"x"}}],"g":true}');
    expect(canonicalJson(shuffled)).toBe(canonicalJson(sorted));
    expect(canonicalJson({ a: 1, b: { d: 1, c: 2 } })).toBe('{"a":1,"b":{"c":2,"d":1}}');
    expect(() => canonicalJson({ a: 1, b: [Number.NaN] })).toThrow('canonical JSON has no form for a non-finite number');
  });

  test('leaves out members whose value is undefined, and keeps a key that is undefined in one object but set in another', () => {
    expect(canonicalJson({ a: undefined, b: [{ a: 1 }] })).toBe('{"b":[{"a":1}]}');
  });

  test('writes top-level primitives and empty containers', () => {
    expect([null, true, 'x', 0, [], {}].map(canonicalJson)).toEqual(['null', 'true', '"x"', '0', '[]', '{}']);
  });

  test('has no form for non-finite numbers, undefined in a list, or values that are not plain JSON', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow('canonical JSON has no form for a non-finite number');
    expect(() => canonicalJson([1, Infinity])).toThrow('canonical JSON has no form for a non-finite number');
    expect(() => canonicalJson([undefined])).toThrow('canonical JSON has no form for a value of type undefined');
    expect(() => canonicalJson(undefined)).toThrow('canonical JSON has no form for a value of type undefined');
    expect(() => canonicalJson({ at: new Date(0) })).toThrow('canonical JSON has no form for a value of type object');
    expect(() => canonicalJson({ m: new Map() })).toThrow('canonical JSON has no form for a value of type object');
    expect(() => canonicalJson({ f: () => 1 })).toThrow('canonical JSON has no form for a value of type function');
    expect(() => canonicalJson({ n: 1n })).toThrow('canonical JSON has no form for a value of type bigint');
  });

  test('a checked audit record holds its body in canonical order: its JSON text is its canonical form', () => {
    for (const record of [decision(), processing()]) {
      const { body } = parseAuditRecord(record);
      expect(Object.keys(body)).toEqual(Object.keys(record.body).sort());
      expect(JSON.stringify(body)).toBe(canonicalJson(record.body));
    }
  });

  test("the chain hash of a record's stored JSON text is the hash of the canonical JSON of the whole entry", () => {
    const body = { rule: 'r', outcome: 'allow', reason: 'é "quoted"' };
    const entry = { seq: 7, kind: 'decision', recorded_at: '2026-11-23T10:00:00.000Z' };
    const whole = canonicalJson({ ...entry, body });
    expect(whole).toBe('{"body":{"outcome":"allow","reason":"é \\"quoted\\"","rule":"r"},"kind":"decision","recorded_at":"2026-11-23T10:00:00.000Z","seq":7}');
    const expected = createHash('sha256').update('ab'.repeat(32)).update(whole).digest('hex');
    expect(chainHash('ab'.repeat(32), { ...entry, body })).toBe(expected);
    expect(chainHashOfBodyJson('ab'.repeat(32), entry, canonicalJson(body))).toBe(expected);
    expect(() => chainHashOfBodyJson('ab'.repeat(32), { ...entry, seq: 1.5 }, '{}')).toThrow('chain entry: seq must be a safe integer');
  });
});
