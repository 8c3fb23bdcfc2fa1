import { describe, expect, it } from 'vitest';
import { deniedError, partnerError, unresolvableError } from '../../gateway/executor/errors.ts';

describe('field errors the executor answers with', () => {
  it('carry no stack frames (they are answers, not faults) and leave the process-wide stack limit as it was', () => {
    const before = Error.stackTraceLimit;
    const errors = [
      deniedError('Persoon.naam', 'brp', { outcome: 'deny', principle: 'scope', rule: 'scope.out-of-area', reason: 'Outside the area.' }),
      partnerError('uwv', 'timed out', 'SUBGRAPH_TIMEOUT'),
      unresolvableError('Adres.eigenaar', 'no partner can fetch it for this object'),
    ];
    expect(errors.map((e) => e.stack)).toEqual([
      'GraphQLError: Access to Persoon.naam was denied (scope): Outside the area.',
      'GraphQLError: uwv: timed out',
      'GraphQLError: Adres.eigenaar could not be resolved: no partner can fetch it for this object',
    ]);
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('x').stack).toContain('error-stacks.test.ts');
  });
});
