import { describe, expect, it } from 'vitest';
import { containsBsnLike } from '../../gateway/policy/bsn-like.ts';
import { newCaseId } from '../../gateway/store/cases.ts';

describe('newCaseId', () => {
  it('draws again when a UUID holds nine digits that pass the 11-test, eight in a row, or nine or more that are no BSN (masked in refusals)', () => {
    const drawn = ['0f1e2d3c-4b5a-4968-8776-a999990007bc', '12345678-4b5a-4968-8776-a1b2c3d4e5f6', '0f1e2d3c-4b5a-4968-8776-a1234567890c', '7b27ec00-09a8-4391-a7e1-6afc2a1b264f'];
    const random = (): string => drawn.shift()!;
    expect(newCaseId(random)).toBe('7b27ec00-09a8-4391-a7e1-6afc2a1b264f');
    expect(drawn).toEqual([]);
  });

  it('gives random UUIDs that never look like a BSN', () => {
    const ids = Array.from({ length: 5000 }, () => newCaseId());
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id) && !containsBsnLike(id) && !/\d{9}/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(5000);
  });
});
