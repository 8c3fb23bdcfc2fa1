/**
 * `npm start`: Doelpoort on the embedded default — the thirteen partner subgraphs over the
 * synthetic world, the gateway, the embedded audit store and a local token issuer — in one
 * process, on the system clock. Configuration: DOELPOORT_* environment variables and an optional
 * DOELPOORT_CONFIG file (docs/configuration.md).
 */
import { runDoelpoort } from './run-doelpoort.ts';

runDoelpoort(process.argv.slice(2));
