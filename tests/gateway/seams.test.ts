/**
 * The seams between the gateway and the partners (docs/architecture.md): the gateway runs with no
 * partner's code and no synthetic world present, and no partner reaches into the gateway. Only
 * scripts (the embedded default) and tests bring both together.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function sourcesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.split('/').includes('node_modules'))
    .map((file) => join(folder, file));
}

/** Every module a file imports or re-exports, statically or dynamically, as a path from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)));
}

function crossings(from: string, into: string): string[] {
  return sourcesUnder(from).flatMap((file) => importsOf(file).filter((target) => target === into || target.startsWith(`${into}/`)).map((target) => `${file} -> ${target}`));
}

describe('seams', () => {
  it('finds the imports it looks for', () => {
    expect(importsOf('scripts/embedded-default.ts')).toEqual(['gateway/embedded.ts', 'subgraphs/index.ts', 'subgraphs/world/index.ts']);
  });

  it('no file under gateway/ imports from subgraphs/', () => {
    expect(crossings('gateway', 'subgraphs')).toEqual([]);
  });

  it('no file under subgraphs/ imports from gateway/', () => {
    expect(crossings('subgraphs', 'gateway')).toEqual([]);
  });
});
