/**
 * `npm run documents:register -- <trusted-documents.json> <operation.graphql>`: the explicit step
 * that allows an operation when trusted documents are on (DOELPOORT_TRUSTED_DOCUMENTS_FILE).
 * Prints the operation's sha256 hash, which a client may send instead of the text
 * (extensions.persistedQuery.sha256Hash).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'graphql';
import { createTrustedDocuments } from '../gateway/limits/trusted-documents.ts';

async function main(): Promise<void> {
  const [file, operation] = process.argv.slice(2);
  if (!file || !operation) {
    process.stderr.write('usage: npm run documents:register -- <trusted-documents.json> <operation.graphql>\n');
    process.exit(2);
  }
  const query = await readFile(operation, 'utf8');
  try {
    parse(query);
  } catch (error) {
    process.stderr.write(`${operation} is not a GraphQL document: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const documents = await createTrustedDocuments({ file });
  process.stdout.write(`${await documents.register(query)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
