/**
 * npm run policy:check [-- <policy folder>]: validates the policy files and prints their version,
 * or every problem found (exit code 1).
 */
import { loadPolicyData } from '../gateway/policy/load.ts';
import { PolicyDataError } from '../gateway/policy/problems.ts';

const dir = process.argv[2] ?? 'policies';

try {
  const data = loadPolicyData(dir);
  console.log(
    `OK ${data.version} (${data.projects.size} projects, ${data.roles.size} roles, ${data.processingActivities.length} processing activities)`,
  );
} catch (error) {
  if (!(error instanceof PolicyDataError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
