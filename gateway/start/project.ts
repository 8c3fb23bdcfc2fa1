/** Start step "project": the project subgraph (signals, selection, cases) the gateway runs in process. */
import { createGatewayTokenVerifier } from '@doelpoort/subgraph-kit';
import { createMutationRecorder } from '../audit/mutation-records.ts';
import { pseudonymise } from '../audit/pseudonym.ts';
import { processingActivityFor, type PolicyData } from '../policy/load.ts';
import { createProjectSubgraph, PROJECT_SUBGRAPH } from '../project/index.ts';
import type { Db } from '../store/db.ts';
import type { Audit } from './audit.ts';
import type { Keys } from './stores.ts';

export function startProject(input: { db: Db; policyData: PolicyData; now: () => Date; keys: Keys; audit: Pick<Audit, 'health' | 'checkpointEvery'> }) {
  const { keys, policyData } = input;
  // The project subgraph, like every partner, accepts only the gateway's token for exactly the call.
  const tokens = createGatewayTokenVerifier({ partner: PROJECT_SUBGRAPH, jwks: keys.partnerTokens.jwks() });
  return createProjectSubgraph({
    db: input.db,
    policyData,
    now: input.now,
    verifyGatewayToken: (header, call) => tokens.verify(header, call),
    pseudonymOf: (kind, id) => pseudonymise(kind, id, keys.pseudonymKey),
    recordMutation: createMutationRecorder({
      pseudonymKey: keys.pseudonymKey,
      activityFor: (purpose) => processingActivityFor(policyData, purpose),
      checkpoints: input.audit.checkpointEvery,
      onFailed: (error) => input.audit.health.commitFailed(error, 1),
    }),
  });
}
