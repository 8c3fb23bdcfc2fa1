/** A response path as a linked list, as graphql-js keeps it: going one level down allocates one small object. */
export interface PathLink {
  readonly prev: Path;
  readonly key: string | number;
}

export type Path = PathLink | undefined;

export const down = (prev: Path, key: string | number): PathLink => ({ prev, key });

/** The path as the array a GraphQL error's `path` holds. */
export function pathArray(path: Path): (string | number)[] {
  const out: (string | number)[] = [];
  for (let link = path; link; link = link.prev) out.push(link.key);
  return out.reverse();
}
