/** What the app says about a withheld field beside the gateway's reason: what would make it allowed, per principle. */
export const REMEDY: Record<string, string> = {
  doelbinding: 'A purpose for which the partner shares this field, in a project that both organisations take part in. Care data serve only help, by care roles.',
  scope: 'The subject must belong to the project: an address in its area, or a person registered at such an address on the reference date.',
  proportionaliteit: 'A heavier indication on the address: overlapping signals from two or more partners and a coordinator’s selection, or a documented finding in the case.',
  subsidiariteit: 'Consult the less intrusive sources first in this case (ask again: what you just asked counts), or ask again with a written justification of why they cannot serve.',
  dragnet: 'A selected address: a coordinator selects it when signals from two or more partners overlap, and opens a case. Questions about many persons at once are bounded.',
  classification: 'The partner must classify this field before it can ever be released.',
  subject: 'It rests on facts about this person or address that are not shown to you (whether it lies in the project, is selected, how heavily it is indicated). Ask the project coordinator whether the address is selected; the privacy officer can see the precise rule.',
};

export const remedyFor = (principle: string | undefined): string =>
  (principle && REMEDY[principle]) || 'Ask the privacy officer: the decision record names the rule that refused it.';

/** A response path as one string: "adres.bewoners.0.toeslagen". */
export const pathKey = (path: readonly (string | number)[] | string | undefined): string => (Array.isArray(path) ? path.join('.') : String(path ?? ''));
