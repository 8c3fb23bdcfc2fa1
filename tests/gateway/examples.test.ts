import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCENARIO_EXAMPLES } from '../../gateway/examples.ts';
import { servedSchema } from '../helpers/served-schema.ts';

describe("the query editor's scenario examples", () => {
  const schema = servedSchema();

  it.each(SCENARIO_EXAMPLES.map((e) => [e.title, e] as const))('%s is a valid query of the served schema', (_title, example) => {
    expect(validate(schema, parse(example.query)).map((e) => e.message)).toEqual([]);
  });
});
