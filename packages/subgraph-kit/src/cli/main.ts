/** The doelpoort-kit command line: `check` and `conform`. Exit code 0 ok, 1 findings, 2 usage. */
import { parseArgs } from 'node:util';
import { runCheck, UsageError } from './check.ts';
import { runConform } from './conform.ts';

export const USAGE = `Usage:
  doelpoort-kit check <schema.graphql ...> [--purposes a,b,...] [--covenant covenant.json]
  doelpoort-kit conform <url> --key <gateway private JWK file> --partner <name> [--known <representations.json>]
                        [--purposes a,b,...] [--covenant covenant.json] [--json]`;

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const [command, ...rest] = argv;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        purposes: { type: 'string' },
        covenant: { type: 'string' },
        key: { type: 'string' },
        partner: { type: 'string' },
        known: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    if (command === 'check') return await runCheck(positionals, values);
    if (command === 'conform') {
      const [url, ...extra] = positionals;
      if (url === undefined || extra.length > 0) throw new UsageError('conform needs exactly one URL: the partner subgraph\'s GraphQL endpoint.');
      return await runConform(url, values);
    }
    throw new UsageError(command === undefined ? 'Give a command.' : `Unknown command "${command}".`);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
}
