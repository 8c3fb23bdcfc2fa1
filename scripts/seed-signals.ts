/**
 * Lays the synthetic world's signals into a store, for every project of the policy: what the
 * embedded default does at its start, for a deployment whose partners are the synthetic ones
 * (deploy/compose.yaml, the benchmarks). Real partners' signals are imported as
 * docs/project-workflow.md says. Idempotent: a signal already there is left as it is.
 *
 *   DATABASE_URL=postgres://... npm run signals:seed            (or DOELPOORT_DATA_DIR for PGlite)
 */
import { loadPolicyData } from '../gateway/policy/load.ts';
import { openStore } from '../gateway/store/open.ts';
import { seedSignalsFromWorld } from '../gateway/store/signals.ts';
import { defaultWorld } from '../subgraphs/world/index.ts';

const databaseUrl = process.env.DATABASE_URL;
const dataDir = process.env.DOELPOORT_DATA_DIR;
if (!databaseUrl && !dataDir) {
  console.error('signals:seed needs DATABASE_URL (PostgreSQL) or DOELPOORT_DATA_DIR (the embedded PGlite store) to know where to write.');
  process.exit(2);
}
const db = await openStore(databaseUrl ? { databaseUrl } : { dataDir: dataDir! });
try {
  const world = defaultWorld();
  for (const project of loadPolicyData(process.env.DOELPOORT_POLICY_DIR || './policies').projects.values()) {
    const laid = await seedSignalsFromWorld(db, world, project);
    console.log(JSON.stringify({ event: 'signals.seeded', project: project.id, added: laid }));
  }
} finally {
  await db.close();
}
