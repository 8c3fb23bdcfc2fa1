/**
 * The keys of the executor's object tree, which are also the response keys of every selection it
 * sends to a partner. Three kinds of key share one object, and no name can pass from one kind to
 * another:
 *
 * - `__typename`, which the executor itself asks every partner for;
 * - internal keys, `_dp_<field>`, under which the executor keeps the key and @requires values it
 *   needs for later fetches and for the policy (a subject's BSN or address id);
 * - the client's response keys (field names and aliases), through `treeKey`: a key that begins
 *   with `_` or with `c_` is prefixed with `c_`; every other key is itself.
 *
 * So no client key ever begins with `_` in the tree or in a partner's answer: whatever alias a
 * client writes (`_dp_bsn`, `__typename`), it cannot address an internal value or the type name.
 * The mapping is one to one (keys that begin with `c_` are escaped too), so `clientKey` maps a
 * partner's error path back.
 */

/** Prefix of the keys under which key and @requires values are fetched for the gateway's own use. */
export const INTERNAL = '_dp_';

const ESCAPE = 'c_';
const UNDERSCORE = 0x5f;

/** The tree key (and partner response key) of a client's response key. */
export function treeKey(clientResponseKey: string): string {
  return clientResponseKey.charCodeAt(0) === UNDERSCORE || clientResponseKey.startsWith(ESCAPE) ? ESCAPE + clientResponseKey : clientResponseKey;
}

/** The client's response key of a tree key `treeKey` made. */
export function clientKey(key: string): string {
  return key.startsWith(ESCAPE) ? key.slice(ESCAPE.length) : key;
}

const internalNames = new Map<string, string>();

/** `_dp_<name>`, one string per name: the executor reads these keys on every object. */
export function internalName(name: string): string {
  let internal = internalNames.get(name);
  if (internal === undefined) internalNames.set(name, (internal = INTERNAL + name));
  return internal;
}

/**
 * Prefix of a response key sent in place of a tree key where sibling fragments on different types
 * select one response key with conflicting types (`... on User { id } ... on Admin { id }`, ID! and
 * ID): the planner renames one of them, and the partner must see two keys. The prefix is stripped
 * when the answer is merged, so the tree only ever holds the tree key.
 */
const RENAMED = '_dpr_';

/** The response key sent for a tree key the planner renamed. */
export function renamedKey(key: string): string {
  return RENAMED + key;
}

/** The tree key of a partner's response key (a renamed key loses its prefix). */
export function unrenamed(key: string): string {
  return key.startsWith(RENAMED) ? key.slice(RENAMED.length) : key;
}
