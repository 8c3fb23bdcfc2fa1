import { readdir, readFile } from 'node:fs/promises';
import type { Db } from './db.ts';

export const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/** Serialises concurrent start-ups on one PostgreSQL database (any constant will do; this one spells "dpmig"). */
export const MIGRATION_LOCK = 0x64706d6967;

const MIGRATION_FILE = /^\d{3}_[a-z0-9_]+\.sql$/;

/**
 * Applies the migrations not yet recorded in schema_migrations, in file-name order, in one
 * transaction under an advisory lock. Returns the names it applied (empty when up to date).
 */
export async function migrate(db: Db, dir: URL = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const misnamed = files.filter((name) => !MIGRATION_FILE.test(name));
  if (misnamed.length > 0) throw new Error(`migration files must be named NNN_name.sql: ${misnamed.join(', ')}`);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await tx.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const name of files.filter((file) => !done.has(file))) {
      for (const statement of splitStatements(await readFile(new URL(name, dir), 'utf8'))) {
        await tx.query(statement);
      }
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      applied.push(name);
    }
    return applied;
  });
}

/**
 * Splits a migration script into statements: a statement ends with ";" at the end of a line.
 * (Both drivers run one statement per query; migrations therefore hold no function bodies.)
 */
export function splitStatements(script: string): string[] {
  const withoutComments = script
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  return withoutComments
    .split(/;[ \t]*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
