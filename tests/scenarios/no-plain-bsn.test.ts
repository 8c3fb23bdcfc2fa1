/**
 * No plain BSN outside the data itself: after a scenario-1 sequence (denials, a refused selection,
 * subsidiarity, a justification, allowed data, the audit API, trace ids that carry a BSN), no log
 * line (debug level), no audit_log row, no error returned and no partner call's traceparent holds
 * any BSN of the people involved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { justification, PROJECT, startProduct, type Answer, type GraphQLBody, type Product } from '../helpers/product.ts';

const ADRES = '9999200000900001';
/** Esmee, Noah, Lotte, Dennis and the six men. */
const BSNS = ['999990007', '999990019', '999990020', '999990032', '999990044', '999990056', '999990068', '999990081', '999990093', '999990111'];

function bsnsIn(text: string): string[] {
  return BSNS.filter((bsn) => text.includes(bsn));
}

describe('no plain BSN in logs, audit records or errors', () => {
  let p: Product;
  const answers: Answer<GraphQLBody>[] = [];
  const auditAnswers: Answer<unknown>[] = [];

  beforeAll(async () => {
    p = await startProduct({ logLevel: 'debug' });
    const analist = await p.token('analist', 'belastingdienst');
    const coordinator = await p.token('coordinator', 'sociale-dienst');
    const inspector = await p.token('analist', 'arbeidsinspectie');
    const privacyOfficer = await p.token('privacy-officer', 'brp');
    const ask = async (token: string, purpose: string, query: string, headers: Record<string, string> = {}) => {
      answers.push(await p.query(token, purpose, query, headers));
    };
    const select = `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${ADRES}", reden: "Nuisance reported by the corporation; allowances that do not fit.") { id } }`;
    const men = BSNS.slice(4);

    await ask(analist, 'uitkeringsfraude', `{ adres(adresId: "${ADRES}") { straat aantalBewoners bewoners { bsn naam { geslachtsnaam } } } }`);
    await ask(analist, 'uitkeringsfraude', select);
    await ask(coordinator, 'uitkeringsfraude', select);
    await ask(analist, 'uitkeringsfraude', `{ persoon(bsn: "999990007") { toeslagen { jaarbedrag } } }`);
    await ask(analist, 'uitkeringsfraude', `{ persoon(bsn: "999990007") { toeslagen { jaarbedrag } } }`, justification('The BRP cannot show the allowances of 999990007 that the signal is about.'));
    await ask(analist, 'uitkeringsfraude', `{ adres(adresId: "${ADRES}") { bewoners { bsn naam { geslachtsnaam } geboortedatum toeslagen { jaarbedrag } } } }`);
    await ask(analist, 'uitkeringsfraude', `{ persoon(bsn: "999990032") { naam { geslachtsnaam } inkomens { jaar } } }`);
    for (const bsn of men) await ask(inspector, 'arbeidsuitbuiting', `{ persoon(bsn: "${bsn}") { naam { geslachtsnaam } loonbevindingen { id } } }`);
    await ask(analist, 'uitkeringsfraude', `{ persoon(bsn: "999990044") { loonbevindingen { id } } }`);
    await ask(inspector, 'arbeidsuitbuiting', `{ adres(adresId: "${ADRES}") { huisvestingArbeidsmigranten { werkgever { eigenaar { bsn naam { geslachtsnaam } } } } } }`);
    // Bad input that carries a BSN: a reason with a BSN, an unknown purpose, no purpose at all.
    await ask(coordinator, 'uitkeringsfraude', `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${ADRES}", reden: "Esmee 999990007 receives allowances; please select.") { id } }`);
    await ask(analist, 'no-such-purpose', `{ persoon(bsn: "999990007") { naam { geslachtsnaam } } }`);
    await ask(analist, 'uitkeringsfraude', `{ persoon(bsn: "999990007") { naam { geslachtsnaam } bestaatNiet } }`);
    // An operation named with a BSN, spelled with underscores (as a GraphQL name can hold one).
    await ask(analist, 'uitkeringsfraude', `query Esmee_999_990_007 { persoon(bsn: "999990007") { naam { geslachtsnaam } } }`);
    // A caller's trace id, or span id, that carries a BSN: the gateway starts a trace of its own.
    await ask(analist, 'uitkeringsfraude', `{ persoon(bsn: "999990007") { naam { geslachtsnaam } } }`, { traceparent: '00-00000000000000000000000999990007-00f067aa0ba902b7-01' });
    await ask(analist, 'uitkeringsfraude', `{ persoon(bsn: "999990007") { naam { geslachtsnaam } } }`, { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-ab999990019cdeff-01' });

    auditAnswers.push(await p.audit(privacyOfficer, 'GET', '/audit/reviews'));
    auditAnswers.push(await p.audit(privacyOfficer, 'GET', '/audit/refusals'));
    auditAnswers.push(await p.audit(privacyOfficer, 'POST', '/audit/person-access', { bsn: '999990008' }));
    auditAnswers.push(await p.audit(analist, 'POST', '/audit/subject-access-report', { bsn: '999990007' }));
  });
  afterAll(async () => {
    await p?.stop();
    await p?.cleanup();
  });

  it('the sequence did release data about them and did refuse some (the search below is not vacuous)', () => {
    const all = JSON.stringify(answers.map((a) => a.body.data));
    // The residents, and Dennis: he owns the employer housing people at the selected address (a linked person).
    expect(bsnsIn(all)).toEqual(['999990007', '999990019', '999990020', '999990032']);
    expect(answers.flatMap((a) => a.body.errors ?? []).length).toBeGreaterThan(10);
  });

  it('no log line holds a BSN', () => {
    const lines = p.logLines();
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((line) => bsnsIn(line).length > 0 || line.includes('999_990_007'))).toEqual([]);
    expect(lines.filter((line) => line.includes('"operationName":"Esmee_*********"'))).toHaveLength(1);
  });

  it('no audit_log row holds a BSN, in any column', async () => {
    const { rows } = await p.doelpoort.db.query<{ seq: number; row: string }>('SELECT seq, row_to_json(a)::text AS row FROM audit_log a ORDER BY seq', []);
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((r) => bsnsIn(r.row).length > 0 || r.row.includes('999_990_007')).map((r) => r.seq)).toEqual([]);
    // A justification that holds a BSN is refused at the edge (400), so it is never stored.
    expect(answers[4]!.status).toBe(400);
    expect(rows.some((r) => r.row.includes('The BRP cannot show the allowances of'))).toBe(false);
  });

  it('no partner call carries a BSN in its traceparent, not even in a trace the caller started', () => {
    const traceparents = p.partnerRequests().map((r) => r.traceparent ?? '');
    expect(traceparents.filter((t) => bsnsIn(t).length > 0)).toEqual([]);
    expect(traceparents.some((t) => t.startsWith('00-4bf92f3577b34da6a3ce929d0e0e4736-'))).toBe(false);
  });

  it('no error returned (GraphQL or audit API) holds a BSN', () => {
    const errors = answers.flatMap((a) => a.body.errors ?? []).map((e) => JSON.stringify(e));
    expect(errors.filter((e) => bsnsIn(e).length > 0)).toEqual([]);
    const auditErrors = auditAnswers.filter((a) => a.status !== 200).map((a) => JSON.stringify(a.body));
    expect(auditErrors).toHaveLength(2);
    expect(auditErrors.filter((e) => bsnsIn(e).length > 0 || e.includes('999990008'))).toEqual([]);
  });
});
