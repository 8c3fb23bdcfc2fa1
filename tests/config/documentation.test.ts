import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_ENV, SETTINGS } from '../../gateway/config/index.ts';

const doc = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');

/** The rows of the markdown tables whose first cell is a key in backticks. */
function documentedRows(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const match of doc.matchAll(/^\| `([^`]+)` \| `([^`]+)` \|/gm)) rows.set(match[1] as string, match[2] as string);
  return rows;
}

describe('docs/configuration.md', () => {
  it('documents every setting with its environment variable, and nothing else', () => {
    expect(documentedRows()).toEqual(new Map(SETTINGS.map(({ key, env }) => [key, env])));
  });

  it('documents the config file variable', () => {
    expect(doc).toContain(`| \`${CONFIG_FILE_ENV}\` |`);
  });
});
