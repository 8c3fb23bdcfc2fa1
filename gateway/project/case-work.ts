/**
 * Case work after the desk research: the home visit (the top of the ladder) and the partners'
 * outcomes (terugkoppeling), and the project's results report. Judged on the gateway token first,
 * as every project operation (request.ts).
 */
import { consultedTiers } from '../facts/provider.ts';
import type { PolicyData } from '../policy/load.ts';
import type { Db } from '../store/db.ts';
import { projectTotals, recordOutcome, type Outcome } from '../store/outcomes.ts';
import { recordVisit, type Visit } from '../store/visits.ts';
import { passesElevenTest } from '../policy/bsn-like.ts';
import type { CaseRecord } from './case-records.ts';
import { projectError } from './errors.ts';
import { callerOf, clearance, FINDING_ROLES, type ProjectRequest } from './request.ts';
import { KINDS_WITH_AMOUNT, OUTCOME_KINDS, resultsReport, type ResultsReport } from './results-report.ts';
import { canSelectAddresses } from '../identity/authorisation.ts';
import { writtenText } from './written-text.ts';

/** The tiers a case must have consulted before a visit: the desk research comes first. */
export const TIERS_BEFORE_VISIT = ['identifying', 'financial'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_OCCUPANTS = 50;
const MAX_AMOUNT_EURO = 10_000_000;

export interface CaseWorkOptions {
  db: Db;
  data: PolicyData;
  /** The subject pseudonym the store keeps instead of a BSN or an address id. */
  pseudonymOf: (kind: 'person' | 'address', id: string) => string;
}

interface VisitArgs {
  zaakId: string;
  datum: string;
  rechtvaardiging: string;
  bevinding: string;
  aangetroffen: string[];
}

interface OutcomeArgs {
  zaakId: string;
  soort: string;
  bedragEuro?: number | null;
  toelichting: string;
}

export function caseWorkResolvers({ db, data, pseudonymOf }: CaseWorkOptions) {
  /** The open case of the caller's project, or NOT_FOUND. */
  async function openCaseOf(request: ProjectRequest, zaakId: string): Promise<CaseRecord> {
    const zaak = await request.cases.load(zaakId);
    if (!zaak || !zaak.open || zaak.project !== request.claims.project) {
      throw projectError('NOT_FOUND', `There is no open case "${zaakId}" in project "${request.claims.project}".`);
    }
    return zaak;
  }

  return {
    Query: {
      projectResultaten: async (_: unknown, args: { project: string }, request: ProjectRequest): Promise<ResultsReport> => {
        const cleared = clearance(request, args.project, data);
        if (!canSelectAddresses(callerOf(request.claims))) {
          throw projectError('FORBIDDEN', `The results report is for the project's coordinator and steering group; your role is "${request.claims.role}".`);
        }
        return resultsReport(args.project, cleared.today, await projectTotals(db, args.project));
      },
    },
    Mutation: {
      legHuisbezoekVast: async (_: unknown, args: VisitArgs, request: ProjectRequest): Promise<Visit> => {
        const { claims } = request;
        const cleared = clearance(request, claims.project, data);
        if (!FINDING_ROLES.includes(claims.role)) {
          throw projectError('FORBIDDEN', `Only the roles ${FINDING_ROLES.map((r) => `"${r}"`).join(' and ')} record home visits; your role is "${claims.role}".`);
        }
        if (!DAY.test(args.datum) || args.datum > cleared.today || args.datum < cleared.project.period.from) {
          throw projectError('BAD_USER_INPUT', `datum must be the day of the visit (YYYY-MM-DD), in the project period and not after today (${cleared.today}).`);
        }
        const rechtvaardiging = writtenText('rechtvaardiging', args.rechtvaardiging, 'why a home visit is needed when the desk research cannot answer');
        const bevinding = writtenText('bevinding', args.bevinding, 'what was found at the address');
        if (args.aangetroffen.length > MAX_OCCUPANTS || !args.aangetroffen.every(passesElevenTest)) {
          throw projectError('BAD_USER_INPUT', `aangetroffen must list at most ${MAX_OCCUPANTS} BSNs (9 digits that pass the 11-check) of persons found living at the address.`);
        }
        const zaak = await openCaseOf(request, args.zaakId);
        const consulted = (await consultedTiers(db, [zaak.id])).get(zaak.id) ?? [];
        const missing = TIERS_BEFORE_VISIT.filter((tier) => !consulted.includes(tier));
        if (missing.length > 0) {
          throw projectError(
            'LOWER_TIERS_FIRST',
            `A home visit is the top of the ladder: consult the ${missing.join(' and ')} data of the case's address in the case first (the desk research), then record the visit.`,
          );
        }
        return request.recorded(async (tx) => {
          const visit = await recordVisit(tx, {
            caseId: zaak.id,
            visitedOn: args.datum,
            justification: rechtvaardiging,
            note: bevinding,
            occupants: args.aangetroffen.map((bsn) => pseudonymOf('person', bsn)),
            recordedBy: claims.callerId,
            organisation: claims.organisation,
            recordedAt: request.now,
          });
          return { result: visit, mutation: { action: 'legHuisbezoekVast', adresId: zaak.adresId, caseId: zaak.id, reason: rechtvaardiging } };
        });
      },
      legUitkomstVast: async (_: unknown, args: OutcomeArgs, request: ProjectRequest): Promise<Outcome> => {
        const { claims } = request;
        clearance(request, claims.project, data);
        if (!FINDING_ROLES.includes(claims.role) && claims.role !== 'analist') {
          throw projectError('FORBIDDEN', `Outcomes are recorded by the partner's analist, handhaver or the coordinator; your role is "${claims.role}".`);
        }
        if (!(OUTCOME_KINDS as readonly string[]).includes(args.soort)) {
          throw projectError('BAD_USER_INPUT', `soort must be one of ${OUTCOME_KINDS.join(', ')}.`);
        }
        const amount = args.bedragEuro ?? null;
        if (amount !== null && (!KINDS_WITH_AMOUNT.includes(args.soort) || amount < 0 || amount > MAX_AMOUNT_EURO)) {
          throw projectError('BAD_USER_INPUT', `bedragEuro is a whole number of euros from 0 to ${MAX_AMOUNT_EURO}, only for ${KINDS_WITH_AMOUNT.join(', ')}.`);
        }
        const toelichting = writtenText('toelichting', args.toelichting, 'what the organisation did and on which grounds');
        const zaak = await openCaseOf(request, args.zaakId);
        return request.recorded(async (tx) => {
          const outcome = await recordOutcome(tx, {
            caseId: zaak.id,
            organisation: claims.organisation,
            kind: args.soort,
            amountCents: amount === null ? null : amount * 100,
            subjectType: 'address',
            subjectPseudonym: pseudonymOf('address', zaak.adresId),
            note: toelichting,
            recordedBy: claims.callerId,
            recordedAt: request.now,
          });
          return { result: outcome, mutation: { action: 'legUitkomstVast', adresId: zaak.adresId, caseId: zaak.id, reason: `${args.soort}: ${toelichting}` } };
        });
      },
    },
    Huisbezoek: {
      datum: (visit: Visit) => visit.visitedOn,
      rechtvaardiging: (visit: Visit) => visit.justification,
      bevinding: (visit: Visit) => visit.note,
      aantalAangetroffen: (visit: Visit) => visit.occupants,
      organisatie: (visit: Visit) => visit.organisation,
      vastgelegdOp: (visit: Visit) => visit.recordedAt.toISOString(),
    },
    Uitkomst: {
      organisatie: (outcome: Outcome) => outcome.organisation,
      soort: (outcome: Outcome) => outcome.kind,
      bedragEuro: (outcome: Outcome) => (outcome.amountCents === null ? null : Math.round(outcome.amountCents / 100)),
      toelichting: (outcome: Outcome) => outcome.note,
      vastgelegdOp: (outcome: Outcome) => outcome.recordedAt.toISOString(),
    },
  };
}
