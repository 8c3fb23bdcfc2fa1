/** Test helpers: the shipped policy files, and variants with one thing changed. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyFile } from '../../gateway/policy/load.ts';

export const POLICY_DIR = join(import.meta.dirname, '../../policies');

export function shippedFiles(): PolicyFile[] {
  return readdirSync(POLICY_DIR, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.json'))
    .sort()
    .map((path) => ({ path, text: readFileSync(join(POLICY_DIR, path), 'utf8') }));
}

/** The shipped files with one file's JSON changed by edit. */
export function withEdit(path: string, edit: (json: any) => void): PolicyFile[] {
  return shippedFiles().map((file) => {
    if (file.path !== path) return file;
    const json = JSON.parse(file.text);
    edit(json);
    return { path, text: JSON.stringify(json, null, 2) };
  });
}
