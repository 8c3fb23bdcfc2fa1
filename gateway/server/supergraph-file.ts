/**
 * A supergraph composed elsewhere, read from a file (`supergraphFile`) and read again when the file
 * changes, so that the gateway serves the new supergraph without a restart. A file that cannot be
 * read, or is not a valid supergraph, is refused and the version serving stays.
 */
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { formatProblems } from '../../schema/compose.ts';
import { readSupergraph } from '../../schema/supergraph-file.ts';
import type { ComposedGateway } from './gateway.ts';
import type { SupergraphVersion, SupergraphVersions } from './supergraph-versions.ts';

/** Throws a clear error when the file cannot be read or holds no valid supergraph. */
export function readSupergraphFile(path: string): ComposedGateway {
  let sdl: string;
  try {
    sdl = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`The supergraph file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Check supergraphFile.`);
  }
  const read = readSupergraph(sdl);
  if (!read.ok) throw new Error(`The supergraph file ${path} is refused: ${formatProblems(read.problems)}`);
  return { supergraphSdl: read.supergraphSdl, apiSchemaSdl: read.apiSchemaSdl, classifications: read.classifications };
}

export interface SupergraphFileWatch {
  onLoaded: (version: SupergraphVersion) => void;
  onRefused: (error: Error) => void;
  /** How often the file's size and time of change are looked at. */
  intervalMs?: number;
}

/** Swaps in the file's supergraph whenever it changes; returns the function that stops watching. */
export function watchSupergraphFile(path: string, versions: SupergraphVersions, watch: SupergraphFileWatch): () => void {
  const listener = (now: { mtimeMs: number; size: number }, before: { mtimeMs: number; size: number }) => {
    if (now.mtimeMs === before.mtimeMs && now.size === before.size) return;
    let composed: ComposedGateway;
    try {
      composed = readSupergraphFile(path);
    } catch (error) {
      watch.onRefused(error as Error);
      return;
    }
    if (composed.supergraphSdl === versions.current().composed.supergraphSdl) return;
    try {
      watch.onLoaded(versions.swap(composed));
    } catch (error) {
      watch.onRefused(error as Error);
    }
  };
  watchFile(path, { interval: watch.intervalMs ?? 1000, persistent: false }, listener);
  return () => unwatchFile(path, listener);
}
