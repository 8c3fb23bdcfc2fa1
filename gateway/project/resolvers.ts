/**
 * The project subgraph's resolvers: the signals side by side, selection (opening a case) and
 * findings. Every operation is judged on the gateway token first (see request.ts).
 */
import { canSelectAddresses } from '../identity/authorisation.ts';
import type { PolicyData } from '../policy/load.ts';
import { signalOwnersFor } from '../policy/signal-sharing.ts';
import { quotedList } from '../policy/words.ts';
import { addFinding, findOpenCases, openCase } from '../store/cases.ts';
import type { Db } from '../store/db.ts';
import { listProjectAddresses, signalsFor, type ProjectAddress } from '../store/signals.ts';
import type { Resolvers } from '@doelpoort/subgraph-kit/subgraph';
import type { CaseRecord, FindingRecord } from './case-records.ts';
import { projectError } from './errors.ts';
import { callerOf, clearance, FINDING_ROLES, type ProjectRequest } from './request.ts';
import { withoutBsn, writtenText } from './written-text.ts';

const MAX_PAGE = 100;
const ADRES_ID = /^\d{16}$/;

type Zaak = Omit<CaseRecord, 'open'>;

interface ProjectAdressenArgs {
  project: string;
  eerste: number;
  na?: string | null;
  minimaalPartners?: number | null;
}

export function projectResolvers(db: Db, data: PolicyData): Resolvers {
  return {
    Query: {
      projectAdressen: async (_: unknown, args: ProjectAdressenArgs, request: ProjectRequest) => {
        const cleared = clearance(request, args.project, data);
        if (!Number.isInteger(args.eerste) || args.eerste < 1 || args.eerste > MAX_PAGE) {
          throw projectError('BAD_USER_INPUT', `eerste must be between 1 and ${MAX_PAGE}.`);
        }
        const minPartners = args.minimaalPartners ?? 1;
        if (minPartners < 1) throw projectError('BAD_USER_INPUT', 'minimaalPartners must be at least 1.');
        const page = await listProjectAddresses(db, args.project, {
          first: args.eerste,
          after: offsetOf(args.na),
          minPartners,
          onOrBefore: cleared.today,
          partners: signalOwnersFor(cleared, data),
        });
        return { items: page.items, volgende: page.next === null ? null : cursorOf(page.next) };
      },
    },
    Mutation: {
      selecteerAdres: async (_: unknown, args: { project: string; adresId: string; reden: string }, request: ProjectRequest): Promise<Zaak> => {
        const cleared = clearance(request, args.project, data);
        if (!canSelectAddresses(callerOf(request.claims))) {
          throw projectError('FORBIDDEN', `Only a project coordinator selects addresses; your roles are ${quotedList(callerOf(request.claims).roles)}. Ask the coordinator of project "${args.project}".`);
        }
        if (!ADRES_ID.test(args.adresId)) throw projectError('BAD_USER_INPUT', 'adresId must be a BAG address id of 16 digits.');
        const reden = writtenText('reden', args.reden, 'why this address is selected, on which signals');
        const { participants, selectionThreshold } = cleared.project;
        return request.recorded(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`selection|${args.project}|${args.adresId}`]);
          const [open] = (await findOpenCases(tx, args.project, [args.adresId])).get(args.adresId) ?? [];
          if (open) throw projectError('ALREADY_SELECTED', `The address is already selected in case ${open.id}; record findings in that case.`);
          const signals = (await signalsFor(tx, args.project, [args.adresId], { onOrBefore: cleared.today, partners: participants })).get(args.adresId) ?? [];
          const partners = [...new Set(signals.map((s) => s.partner))].sort();
          if (partners.length < selectionThreshold) {
            throw projectError(
              'BELOW_SELECTION_THRESHOLD',
              `Selection needs signals from at least ${selectionThreshold} participating partners; this address has ${partners.length}${partners.length > 0 ? ` (${partners.join(', ')})` : ''}. Select it only when another partner's signal overlaps.`,
            );
          }
          const opened = await openCase(tx, { project: args.project, adresId: args.adresId, openedBy: request.claims.callerId, reason: reden, openedAt: request.now });
          return {
            result: { id: opened.id, project: opened.project, adresId: opened.adresId, reason: opened.reason, openedAt: opened.openedAt },
            mutation: { action: 'selecteerAdres', adresId: args.adresId, caseId: opened.id, reason: reden },
          };
        });
      },
      legBevindingVast: async (_: unknown, args: { zaakId: string; soort: string; toelichting: string }, request: ProjectRequest): Promise<FindingRecord> => {
        const { claims } = request;
        clearance(request, claims.project, data);
        const roles = callerOf(claims).roles;
        if (!roles.some((role) => FINDING_ROLES.includes(role))) {
          throw projectError('FORBIDDEN', `Only the roles ${FINDING_ROLES.map((r) => `"${r}"`).join(' and ')} record findings; your roles are ${quotedList(roles)}.`);
        }
        const soort = args.soort.trim();
        if (soort === '' || soort.length > 100) throw projectError('BAD_USER_INPUT', 'soort must be a kind of finding of 1 to 100 characters, e.g. "huisbezoek".');
        withoutBsn('soort', soort);
        const toelichting = writtenText('toelichting', args.toelichting, 'what was found and how');
        const notFound = () => projectError('NOT_FOUND', `There is no open case "${args.zaakId}" in project "${claims.project}".`);
        const zaak = await request.cases.load(args.zaakId);
        if (!zaak || !zaak.open || zaak.project !== claims.project) throw notFound();
        return request.recorded(async (tx) => {
          try {
            await addFinding(tx, { caseId: zaak.id, kind: soort, note: toelichting, recordedBy: claims.callerId, recordedAt: request.now });
          } catch (error) {
            if ((error as Error).message.startsWith('no open case')) throw notFound();
            throw error;
          }
          return {
            result: { caseId: zaak.id, kind: soort, note: toelichting, recordedAt: request.now },
            mutation: { action: 'legBevindingVast', adresId: zaak.adresId, caseId: zaak.id, reason: `${soort}: ${toelichting}` },
          };
        });
      },
    },
    ProjectAdres: {
      adres: (item: ProjectAddress): AdresRef => ({ adresId: item.adresId }),
      aantalPartners: (item: ProjectAddress) => item.partners.length,
      partners: (item: ProjectAddress) => item.partners,
      signaalSoorten: (item: ProjectAddress) => item.kinds,
      eersteSignaal: (item: ProjectAddress) => item.firstDate,
      laatsteSignaal: (item: ProjectAddress) => item.lastDate,
      geselecteerd: (item: ProjectAddress) => item.caseId !== null,
      zaak: async (item: ProjectAddress, _: unknown, request: ProjectRequest) => (item.caseId === null ? null : ((await request.cases.load(item.caseId)) ?? null)),
    },
    Zaak: {
      adres: (zaak: Zaak): AdresRef => ({ adresId: zaak.adresId }),
      geopendOp: (zaak: Zaak) => zaak.openedAt.toISOString(),
    },
    Bevinding: {
      soort: (finding: FindingRecord) => finding.kind,
      toelichting: (finding: FindingRecord) => finding.note,
      vastgelegdOp: (finding: FindingRecord) => finding.recordedAt.toISOString(),
    },
    Adres: {
      __resolveReference: (representation: { adresId?: unknown }): AdresRef | null => (typeof representation.adresId === 'string' ? { adresId: representation.adresId } : null),
      zaakReden: async (adres: AdresRef, _: unknown, request: ProjectRequest) => (await request.openCases.load(adres.adresId))?.reason ?? null,
      uitkomsten: async (adres: AdresRef, _: unknown, request: ProjectRequest) => {
        const zaak = await request.openCases.load(adres.adresId);
        return zaak ? request.outcomes.load(zaak.id) : [];
      },
      bevindingen: async (adres: AdresRef, _: unknown, request: ProjectRequest) => {
        const zaak = await request.openCases.load(adres.adresId);
        return zaak ? request.findings.load(zaak.id) : [];
      },
      huisbezoeken: async (adres: AdresRef, _: unknown, request: ProjectRequest) => {
        const zaak = await request.openCases.load(adres.adresId);
        return zaak ? request.visits.load(zaak.id) : [];
      },
    },
  };
}

function cursorOf(offset: number): string {
  return Buffer.from(`na:${offset}`, 'utf8').toString('base64url');
}

function offsetOf(cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined) return 0;
  const match = /^na:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || cursorOf(Number(match[1])) !== cursor) {
    throw projectError('BAD_USER_INPUT', 'na must be the volgende cursor of a previous page of this list.');
  }
  return Number(match[1]);
}

/** An address as this subgraph passes it around: only the key. */
interface AdresRef {
  adresId: string;
}
