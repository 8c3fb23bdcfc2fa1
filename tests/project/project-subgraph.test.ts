import { exportJWK, generateKeyPair } from 'jose';
import { parse } from 'graphql';
import { beforeAll, describe, expect, test } from 'vitest';
import { pseudonymise } from '../../gateway/audit/pseudonym.ts';
import type { SubgraphResponse } from '../../gateway/executor/subgraph-client.ts';
import { createStoreFacts } from '../../gateway/facts/provider.ts';
import { createPartnerTokenSigner, type PartnerTokenSigner } from '../../gateway/partner-token/index.ts';
import type { Db } from '../../gateway/store/db.ts';
import { importSignals } from '../../gateway/store/signals.ts';
import { createGatewayTokenVerifier, requestedFieldCoordinates } from '@doelpoort/subgraph-kit';
import { createProjectSubgraph, type ProjectSubgraph } from '../../gateway/project/index.ts';
import { createMutationRecorder } from '../../gateway/audit/mutation-records.ts';
import { processingActivityFor } from '../../gateway/policy/load.ts';
import { failingAt } from '../audit/backends.ts';
import { KEY } from '../audit/fixtures.ts';
import { backends } from '../facts/backends.ts';
import { ADRES, PROJECT, SIGNALS, entity, fakeRegisters, policyData, query } from '../facts/fixtures.ts';

const P = PROJECT.id;
const NOW = new Date('2026-07-01T10:00:00Z');
const REASON = 'Overlapping signals of the corporation and the Belastingdienst.';
const BSN_TEXT =
  '(nine digits that pass the 11-test, also in groups with spaces, dots, dashes, commas or slashes, or any number of 8 or 9 digits): ' +
  'refer to a person by their place at the address (e.g. "the main occupant", "resident 2") and keep their BSN out of the text; the person can be found from the address.';

interface Caller {
  role?: string;
  /** Every role of the caller, as the gateway names them (role is the first). */
  roles?: string[];
  organisation?: string;
  project?: string;
  purpose?: string;
  /** Coordinates the token allows; default: exactly those the operation selects. */
  fields?: string[];
}

const PSEUDONYM_KEY = new Uint8Array(32).fill(7);

let signer: PartnerTokenSigner;
beforeAll(async () => {
  const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  signer = await createPartnerTokenSigner({ privateJwk: await exportJWK(privateKey) });
});

const recordMutation = createMutationRecorder({ pseudonymKey: KEY, activityFor: (purpose) => processingActivityFor(policyData, purpose) });

function projectSubgraph(db: Db, now = NOW): ProjectSubgraph {
  const verifier = createGatewayTokenVerifier({ partner: 'project', jwks: signer.jwks() });
  return createProjectSubgraph({
    db,
    policyData,
    verifyGatewayToken: (header, call) => verifier.verify(header, call),
    pseudonymOf: (kind, id) => pseudonymise(kind, id, PSEUDONYM_KEY),
    recordMutation,
    now: () => now,
  });
}

/** The mutation records in the audit trail, oldest first. */
async function mutationRecords(db: Db): Promise<Record<string, unknown>[]> {
  return (await db.query<{ body: Record<string, unknown> }>("SELECT body FROM audit_log WHERE kind = 'mutation' ORDER BY seq")).rows.map((r) => r.body);
}

/** Asks the subgraph as the gateway does: with a token for exactly the coordinates the operation selects. */
async function ask(subgraph: ProjectSubgraph, source: string, variables: Record<string, unknown>, caller: Caller = {}): Promise<SubgraphResponse> {
  const token = signer.sign({
    partner: 'project',
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    organisation: caller.organisation ?? 'sociale-dienst',
    role: caller.role ?? caller.roles?.[0] ?? 'coordinator',
    ...(caller.roles ? { roles: caller.roles } : {}),
    callerId: 'medewerker-17',
    project: caller.project ?? P,
    purpose: caller.purpose ?? 'woonfraude',
    fields: caller.fields ?? requestedFieldCoordinates(subgraph.schema, parse(source)),
  }, { query: source, variables });
  return subgraph.fetcher('http://project.in-process/graphql', { query: source, variables }, { timeoutMs: 1000, headers: { Authorization: `Bearer ${token}` } });
}

const LIST = `query ($project: ID!, $eerste: Int, $na: String, $min: Int) {
  projectAdressen(project: $project, eerste: $eerste, na: $na, minimaalPartners: $min) {
    items { adres { adresId } aantalPartners partners signaalSoorten eersteSignaal laatsteSignaal geselecteerd zaak { id adres { zaakReden bevindingen { soort toelichting } } } }
    volgende
  }
}`;
const SELECT = `mutation ($project: ID!, $adresId: ID!, $reden: String!) {
  selecteerAdres(project: $project, adresId: $adresId, reden: $reden) { id project adres { adresId zaakReden bevindingen { soort } } geopendOp }
}`;
const FINDING = `mutation ($zaakId: ID!, $soort: String!, $toelichting: String!) {
  legBevindingVast(zaakId: $zaakId, soort: $soort, toelichting: $toelichting) { soort toelichting vastgelegdOp }
}`;

/** A refused root field is null with its error; the other root fields of the request still answer. */
function refused(code: string, message: string, path: string) {
  return { data: { [path]: null }, errors: [{ message, locations: [expect.any(Object)], path: [path], extensions: { code } }] };
}

async function caseCount(db: Db): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]!.n;
}

const TWO_PARTNERS = {
  adres: { adresId: ADRES.twoPartners },
  aantalPartners: 2,
  partners: ['belastingdienst', 'woningcorporatie'],
  signaalSoorten: ['overlast', 'toeslagen-afwijkend'],
  eersteSignaal: '2026-03-02',
  laatsteSignaal: '2026-06-15',
  geselecteerd: false,
  zaak: null,
};
const ONE_PARTNER = {
  adres: { adresId: ADRES.onePartner },
  aantalPartners: 1,
  partners: ['politie'],
  signaalSoorten: ['hennep', 'overlast'],
  eersteSignaal: '2026-02-18',
  laatsteSignaal: '2026-04-01',
  geselecteerd: false,
  zaak: null,
};
const OUTSIDE = {
  adres: { adresId: ADRES.outside },
  aantalPartners: 1,
  partners: ['uwv'],
  signaalSoorten: ['ww-controle'],
  eersteSignaal: '2026-01-10',
  laatsteSignaal: '2026-01-10',
  geselecteerd: false,
  zaak: null,
};

for (const backend of backends) {
  describe.runIf(backend.enabled)(`project subgraph on ${backend.name}`, () => {
    test('lists the signals side by side, paged, with a minimum of partners', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        const subgraph = projectSubgraph(db);
        const page1 = await ask(subgraph, LIST, { project: P, eerste: 1 }, { role: 'analist' });
        expect(page1).toEqual({ data: { projectAdressen: { items: [TWO_PARTNERS], volgende: expect.any(String) } } });
        const volgende = (page1.data!.projectAdressen as { volgende: string }).volgende;
        // Under woonfraude UWV shares no signals, so its signal on the address outside is not listed.
        expect(await ask(subgraph, LIST, { project: P, eerste: 1, na: volgende }, { role: 'analist' })).toEqual({
          data: { projectAdressen: { items: [ONE_PARTNER], volgende: null } },
        });
        expect(await ask(subgraph, LIST, { project: P, min: 2 }, { role: 'analist' })).toEqual({ data: { projectAdressen: { items: [TWO_PARTNERS], volgende: null } } });
        expect(await ask(subgraph, LIST, { project: P, na: 'not-a-cursor' }, { role: 'analist' })).toEqual(
          refused('BAD_USER_INPUT', 'na must be the volgende cursor of a previous page of this list.', 'projectAdressen'),
        );
        expect(await ask(subgraph, LIST, { project: P, eerste: 101 }, { role: 'analist' })).toEqual(
          refused('BAD_USER_INPUT', 'eerste must be between 1 and 100.', 'projectAdressen'),
        );
      } finally {
        await db.close();
      }
    });

    test('answers a call that carries an executable directive of the partners (kept in the API schema for them) as one without it', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        const subgraph = projectSubgraph(db);
        const withDirective = LIST.replace('aantalPartners partners', 'aantalPartners @access(scope: PUBLIC) partners');
        expect(withDirective).not.toBe(LIST);
        expect(await ask(subgraph, withDirective, { project: P, min: 2 }, { role: 'analist' })).toEqual({ data: { projectAdressen: { items: [TWO_PARTNERS], volgende: null } } });
      } finally {
        await db.close();
      }
    });

    // Issue 12, item 4: a signal counts and shows only under a purpose its owner shares it for.
    test('the overview shows a signal only under a purpose its owner shares it for with the caller', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        const subgraph = projectSubgraph(db);
        // Uitkeringsfraude: the corporation and the police share no signals for it; the Belastingdienst and UWV do.
        const fraud = await ask(subgraph, LIST, { project: P }, { role: 'analist', purpose: 'uitkeringsfraude' });
        expect(fraud).toEqual({
          data: {
            projectAdressen: {
              items: [
                { ...TWO_PARTNERS, aantalPartners: 1, partners: ['belastingdienst'], signaalSoorten: ['toeslagen-afwijkend'], eersteSignaal: '2026-06-15' },
                OUTSIDE,
              ],
              volgende: null,
            },
          },
        });
        expect(await ask(subgraph, LIST, { project: P, min: 2 }, { role: 'analist', purpose: 'uitkeringsfraude' })).toEqual({ data: { projectAdressen: { items: [], volgende: null } } });
        // The recipient counts too: the police share for woonfraude with the social service, not with the Belastingdienst.
        const belastingdienst = await ask(subgraph, LIST, { project: P }, { role: 'analist', organisation: 'belastingdienst', purpose: 'woonfraude' });
        expect((belastingdienst.data!.projectAdressen as { items: { adres: { adresId: string } }[] }).items.map((item) => item.adres.adresId)).toEqual([ADRES.twoPartners]);
      } finally {
        await db.close();
      }
    });

    test('a coordinator selects an address with overlapping signals: a case is opened, once', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        const subgraph = projectSubgraph(db);
        const selected = await ask(subgraph, SELECT, { project: P, adresId: ADRES.twoPartners, reden: REASON });
        expect(selected).toEqual({
          data: {
            selecteerAdres: { id: expect.any(String), project: P, adres: { adresId: ADRES.twoPartners, zaakReden: REASON, bevindingen: [] }, geopendOp: '2026-07-01T10:00:00.000Z' },
          },
        });
        const zaakId = (selected.data!.selecteerAdres as { id: string }).id;
        expect(await ask(subgraph, LIST, { project: P, min: 2 }, { role: 'analist' })).toEqual({
          data: { projectAdressen: { items: [{ ...TWO_PARTNERS, geselecteerd: true, zaak: { id: zaakId, adres: { zaakReden: REASON, bevindingen: [] } } }], volgende: null } },
        });
        expect(await ask(subgraph, SELECT, { project: P, adresId: ADRES.twoPartners, reden: REASON })).toEqual(
          refused('ALREADY_SELECTED', `The address is already selected in case ${zaakId}; record findings in that case.`, 'selecteerAdres'),
        );
        expect(await caseCount(db)).toBe(1);
        const activity = processingActivityFor(policyData, 'woonfraude')!;
        expect(await mutationRecords(db)).toEqual([
          {
            trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
            caller_id: 'medewerker-17',
            organisation: 'sociale-dienst',
            role: 'coordinator',
            project: P,
            purpose: 'woonfraude',
            action: 'selecteerAdres',
            subject_pseudonym: pseudonymise('address', ADRES.twoPartners, KEY),
            subject_type: 'address',
            case_id: zaakId,
            reason: REASON,
            performed_at: '2026-07-01T10:00:00.000Z',
            processing_activity_id: activity.id,
            processing_activity_version: String(activity.version),
          },
        ]);
      } finally {
        await db.close();
      }
    });

    test('selection is refused to an analyst, below the threshold, and without a real reason', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        const subgraph = projectSubgraph(db);
        expect(await ask(subgraph, SELECT, { project: P, adresId: ADRES.twoPartners, reden: REASON }, { role: 'analist' })).toEqual(
          refused('FORBIDDEN', `Only a project coordinator selects addresses; your roles are "analist". Ask the coordinator of project "${P}".`, 'selecteerAdres'),
        );
        expect(await ask(subgraph, SELECT, { project: P, adresId: ADRES.onePartner, reden: REASON })).toEqual(
          refused(
            'BELOW_SELECTION_THRESHOLD',
            "Selection needs signals from at least 2 participating partners; this address has 1 (politie). Select it only when another partner's signal overlaps.",
            'selecteerAdres',
          ),
        );
        expect(await ask(subgraph, SELECT, { project: P, adresId: ADRES.twoPartners, reden: 'signals' })).toEqual(
          refused('BAD_USER_INPUT', 'reden must say why this address is selected, on which signals, in 20 to 2000 characters (it has 7).', 'selecteerAdres'),
        );
        expect(await ask(subgraph, SELECT, { project: P, adresId: ADRES.twoPartners, reden: `${REASON} Resident 999990007.` })).toEqual(
          refused('BAD_USER_INPUT', `reden must not contain a BSN ${BSN_TEXT}`, 'selecteerAdres'),
        );
        // Issue 12, item 10: any spelling of a BSN that passes the 11-test, in a reason or a finding.
        for (const spelled of ['9999.90.007', '9999 90 226', '999-990-007']) {
          expect(await ask(subgraph, SELECT, { project: P, adresId: ADRES.twoPartners, reden: `${REASON} Bewoner ${spelled}.` })).toEqual(
            refused('BAD_USER_INPUT', `reden must not contain a BSN ${BSN_TEXT}`, 'selecteerAdres'),
          );
        }
        const dayBefore = projectSubgraph(db, new Date('2026-06-14T10:00:00Z'));
        expect(await ask(dayBefore, SELECT, { project: P, adresId: ADRES.twoPartners, reden: REASON })).toEqual(
          refused(
            'BELOW_SELECTION_THRESHOLD',
            "Selection needs signals from at least 2 participating partners; this address has 1 (woningcorporatie). Select it only when another partner's signal overlaps.",
            'selecteerAdres',
          ),
        );
        expect(await caseCount(db)).toBe(0);
      } finally {
        await db.close();
      }
    });

    test('a finding in the case makes documented suspicion; only coordinators and handhavers record one', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        const subgraph = projectSubgraph(db);
        const selected = await ask(subgraph, SELECT, { project: P, adresId: ADRES.twoPartners, reden: REASON });
        const zaakId = (selected.data!.selecteerAdres as { id: string }).id;
        const finding = { zaakId, soort: 'huisbezoek', toelichting: 'Six men live in the dwelling, the registered family does not.' };

        expect(await ask(subgraph, FINDING, finding, { role: 'analist' })).toEqual(
          refused('FORBIDDEN', 'Only the roles "coordinator" and "handhaver" record findings; your roles are "analist".', 'legBevindingVast'),
        );
        expect(await ask(subgraph, FINDING, { ...finding, toelichting: 'Found a letter for the resident 9999 90 226 in the hall.' }, { role: 'handhaver' })).toEqual(
          refused('BAD_USER_INPUT', `toelichting must not contain a BSN ${BSN_TEXT}`, 'legBevindingVast'),
        );
        expect(await ask(subgraph, FINDING, { ...finding, soort: 'bewoner 999990226' }, { role: 'handhaver' })).toEqual(
          refused('BAD_USER_INPUT', `soort must not contain a BSN ${BSN_TEXT}`, 'legBevindingVast'),
        );
        expect(await ask(subgraph, FINDING, { ...finding, zaakId: 'no-such-case' }, { role: 'handhaver' })).toEqual(
          refused('NOT_FOUND', `There is no open case "no-such-case" in project "${P}".`, 'legBevindingVast'),
        );
        expect(await ask(subgraph, FINDING, finding, { role: 'handhaver' })).toEqual({
          data: { legBevindingVast: { soort: 'huisbezoek', toelichting: finding.toelichting, vastgelegdOp: '2026-07-01T10:00:00.000Z' } },
        });
        expect((await mutationRecords(db)).map((r) => [r['action'], r['role'], r['case_id'], r['reason']])).toEqual([
          ['selecteerAdres', 'coordinator', zaakId, REASON],
          ['legBevindingVast', 'handhaver', zaakId, `huisbezoek: ${finding.toelichting}`],
        ]);
        const listed = await ask(subgraph, LIST, { project: P, min: 2 }, { role: 'analist' });
        expect(listed.data).toEqual({
          projectAdressen: {
            items: [{ ...TWO_PARTNERS, geselecteerd: true, zaak: { id: zaakId, adres: { zaakReden: REASON, bevindingen: [{ soort: 'huisbezoek', toelichting: finding.toelichting }] } } }],
            volgende: null,
          },
        });
        const [facts] = await createStoreFacts({ db, registers: fakeRegisters().registers }).load([entity('address', ADRES.twoPartners)], query('2026-07-01'));
        expect(facts).toMatchObject({ caseId: zaakId, documentedSuspicion: true });
      } finally {
        await db.close();
      }
    });

    test('a mutation whose audit record cannot be written changes nothing and answers no data (no log, no access)', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        let failing = true;
        const subgraph = projectSubgraph(failingAt(db, /INSERT INTO audit_log/, () => failing));
        const message = 'The audit trail could not be written, so nothing was changed (no log, no access). Try again shortly; if it persists, tell the gateway operator.';
        expect(await ask(subgraph, SELECT, { project: P, adresId: ADRES.twoPartners, reden: REASON })).toEqual(refused('AUDIT_UNAVAILABLE', message, 'selecteerAdres'));
        expect(await caseCount(db)).toBe(0);
        expect(await mutationRecords(db)).toEqual([]);

        failing = false;
        const selected = await ask(subgraph, SELECT, { project: P, adresId: ADRES.twoPartners, reden: REASON });
        const zaakId = (selected.data!.selecteerAdres as { id: string }).id;
        failing = true;
        const finding = { zaakId, soort: 'huisbezoek', toelichting: 'Six men live in the dwelling, the registered family does not.' };
        expect(await ask(subgraph, FINDING, finding, { role: 'handhaver' })).toEqual(refused('AUDIT_UNAVAILABLE', message, 'legBevindingVast'));
        expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM findings')).rows[0]!.n).toBe(0);
        expect((await mutationRecords(db)).map((r) => r['action'])).toEqual(['selecteerAdres']);
      } finally {
        await db.close();
      }
    });

    test('every call needs a gateway token for its fields and a request the policy clears', async () => {
      const db = await backend.open();
      try {
        const subgraph = projectSubgraph(db);
        const answer = await subgraph.fetcher('http://project.in-process/graphql', { query: LIST, variables: { project: P } }, { timeoutMs: 1000 });
        expect(answer).toEqual({
          data: null,
          errors: [
            {
              message: 'No gateway token was sent. Only the Doelpoort gateway may call this subgraph, with "Authorization: Bearer <gateway token>".',
              extensions: { code: 'GATEWAY_TOKEN_MISSING' },
            },
          ],
        });
        const narrow = await ask(subgraph, LIST, { project: P }, { fields: ['Query.projectAdressen', 'ProjectAdresPagina.items', 'ProjectAdres.adres', 'Adres.adresId'] });
        expect(narrow.errors?.map((e) => e.extensions?.code)).toEqual(['GATEWAY_TOKEN_FIELD_NOT_ALLOWED']);
        expect(await ask(subgraph, LIST, { project: 'wijkaanpak-2025' })).toEqual(
          refused('FORBIDDEN', `This request is declared for project "${P}", not "wijkaanpak-2025". Declare project "wijkaanpak-2025" to work in it.`, 'projectAdressen'),
        );
        const officer = await ask(subgraph, LIST, { project: P }, { role: 'privacy-officer' });
        expect(officer.errors?.map((e) => [e.extensions?.code, e.message.split(':')[0]])).toEqual([['FORBIDDEN', `Not allowed in project "${P}" (context.role-purpose)`]]);
        const outsider = await ask(subgraph, SELECT, { project: P, adresId: ADRES.twoPartners, reden: REASON }, { organisation: 'ind' });
        expect(outsider.errors?.map((e) => [e.extensions?.code, e.message.split(':')[0]])).toEqual([['FORBIDDEN', `Not allowed in project "${P}" (doelbinding.requester-not-participant)`]]);
        const ended = await ask(subgraph, LIST, { project: 'wijkaanpak-2025' }, { project: 'wijkaanpak-2025' });
        expect(ended.errors?.map((e) => [e.extensions?.code, e.message.split(':')[0]])).toEqual([['FORBIDDEN', 'Not allowed in project "wijkaanpak-2025" (doelbinding.project-inactive)']]);
      } finally {
        await db.close();
      }
    });

    // Issue 12, item 6: every role of the caller counts, and one refused root field leaves the others.
    test('a caller holding several roles acts in any of them: a wijkteam analist and zorgverlener lists the addresses for help', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        const subgraph = projectSubgraph(db);
        const asWijkteam = { organisation: 'wijkteam', purpose: 'hulpverlening' };
        const onlyFirst = await ask(subgraph, LIST, { project: P, min: 2 }, { ...asWijkteam, role: 'analist' });
        expect(onlyFirst.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
        const both = await ask(subgraph, LIST, { project: P, min: 2 }, { ...asWijkteam, roles: ['analist', 'zorgverlener'] });
        expect(both.errors).toBeUndefined();
        // No owner of the fixtures' signals shares them for help, so the care team's list is empty.
        expect(both.data).toEqual({ projectAdressen: { items: [], volgende: null } });
        const selected = await ask(subgraph, SELECT, { project: P, adresId: ADRES.twoPartners, reden: REASON }, { roles: ['analist', 'coordinator'] });
        expect(selected.errors).toBeUndefined();
        expect(await caseCount(db)).toBe(1);
      } finally {
        await db.close();
      }
    });

    test('a refused root field is null with its own error; the other root fields of the request answer', async () => {
      const db = await backend.open();
      try {
        await importSignals(db, P, SIGNALS);
        const subgraph = projectSubgraph(db);
        const both = `query ($project: ID!) {
          ours: projectAdressen(project: $project, minimaalPartners: 2) { items { adres { adresId } } }
          other: projectAdressen(project: "wijkaanpak-2025") { items { adres { adresId } } }
        }`;
        const answer = await ask(subgraph, both, { project: P }, { role: 'analist' });
        expect(answer.data).toEqual({ ours: { items: [{ adres: { adresId: ADRES.twoPartners } }] }, other: null });
        expect(answer.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([[['other'], 'FORBIDDEN']]);
      } finally {
        await db.close();
      }
    });
  });
}
