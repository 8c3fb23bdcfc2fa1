/** The web app's GraphQL operations are valid against the schema the gateway serves. */
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ADDRESS_DOSSIER_QUERY, PERSON_DOSSIER_QUERY } from '../../web/src/analyst/dossier-cards.ts';
import { OVERVIEW_QUERY, SELECT_MUTATION } from '../../web/src/coordinator/queries.ts';
import { servedSchema } from '../helpers/served-schema.ts';

describe("the web app's operations", () => {
  const schema = servedSchema();

  it.each([
    ['the address dossier', ADDRESS_DOSSIER_QUERY],
    ['the person dossier', PERSON_DOSSIER_QUERY],
    ['the project overview', OVERVIEW_QUERY],
    ['the selection', SELECT_MUTATION],
  ])('%s is valid', (_name, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
  });
});
