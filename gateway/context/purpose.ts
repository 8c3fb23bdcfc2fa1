/**
 * The purpose context a request declares in headers. Strict at the edge: a malformed value is a
 * 400 with what to send instead; an absent one is allowed here and denied field by field by the
 * policy, so that a request without purpose still gets the non-personal data it asked for.
 */
import { BSN_SPELLINGS, containsBsnLike, INSTEAD_OF_A_BSN, looksLikeBsn } from '../policy/bsn-like.ts';
import type { PurposeContext } from './types.ts';

export const PURPOSE_HEADERS = {
  project: 'x-doelpoort-project',
  purpose: 'x-doelpoort-purpose',
  caseId: 'x-doelpoort-case',
  justification: 'x-doelpoort-justification',
} as const;

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const EXAMPLE = { [PURPOSE_HEADERS.project]: 'wijkaanpak-2026', [PURPOSE_HEADERS.purpose]: 'uitkeringsfraude' };

export class PurposeHeaderError extends Error {
  readonly code = 'BAD_PURPOSE_CONTEXT';
}

type Headers = Record<string, string | string[] | undefined>;

function single(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  if (Array.isArray(value)) throw new PurposeHeaderError(`Send the ${name} header once; it was sent ${value.length} times.`);
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function purposeFromHeaders(headers: Headers): PurposeContext | undefined {
  const project = single(headers, PURPOSE_HEADERS.project);
  const purpose = single(headers, PURPOSE_HEADERS.purpose);
  const caseId = single(headers, PURPOSE_HEADERS.caseId);
  const justificationRaw = single(headers, PURPOSE_HEADERS.justification);
  if (!project && !purpose && !caseId && !justificationRaw) return undefined;
  for (const [name, value] of [[PURPOSE_HEADERS.project, project], [PURPOSE_HEADERS.purpose, purpose]] as const) {
    if (value === undefined) {
      throw new PurposeHeaderError(`Declare both a project and a purpose: the ${name} header is missing, e.g. x-doelpoort-project: wijkaanpak-2026 and x-doelpoort-purpose: uitkeringsfraude.`);
    }
    // Project and purpose go into every decision record, token and refusal: never a BSN, not even echoed back.
    const sent = containsBsnLike(value) ? 'a value that holds a BSN-like number' : JSON.stringify(value.slice(0, 40));
    if (!ID.test(value)) {
      throw new PurposeHeaderError(`The ${name} header must be an id of lower-case letters, digits and dashes (at most 64), e.g. ${EXAMPLE[name]}; got ${sent}.`);
    }
    if (looksLikeBsn(value)) {
      throw new PurposeHeaderError(`The ${name} header must name a ${name === PURPOSE_HEADERS.project ? 'project' : 'covenant purpose'} (e.g. ${EXAMPLE[name]}), not a BSN ${BSN_SPELLINGS}.`);
    }
  }
  if (caseId !== undefined && !/^[A-Za-z0-9-]{1,64}$/.test(caseId)) {
    throw new PurposeHeaderError('The x-doelpoort-case header must be a case id of letters, digits and dashes (at most 64).');
  }
  // The case id goes into every decision record and every partner's token: never a BSN.
  if (caseId !== undefined && looksLikeBsn(caseId)) {
    throw new PurposeHeaderError(`The x-doelpoort-case header must be the id of a case (as selecteerAdres returned it), not a BSN ${BSN_SPELLINGS}.`);
  }
  let justification: string | undefined;
  if (justificationRaw !== undefined) {
    try {
      justification = decodeURIComponent(justificationRaw);
    } catch {
      throw new PurposeHeaderError('The x-doelpoort-justification header must be URL-encoded text (encodeURIComponent).');
    }
    if (justification.length < 20 || justification.length > 2000) {
      throw new PurposeHeaderError('A justification must say in 20 to 2000 characters why the less intrusive sources cannot serve; it is recorded for the privacy officer.');
    }
    if (containsBsnLike(justification)) {
      throw new PurposeHeaderError(`The x-doelpoort-justification header must not contain a BSN ${BSN_SPELLINGS}: ${INSTEAD_OF_A_BSN}.`);
    }
  }
  return {
    project: project!,
    purpose: purpose!,
    ...(caseId ? { caseId } : {}),
    ...(justification ? { justification } : {}),
  };
}
