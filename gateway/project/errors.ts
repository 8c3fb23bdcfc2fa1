/** The errors the project subgraph answers with: a code in `extensions.code` and what to do. */
import { GraphQLError } from 'graphql';

export type ProjectErrorCode = 'FORBIDDEN' | 'BELOW_SELECTION_THRESHOLD' | 'BAD_USER_INPUT' | 'ALREADY_SELECTED' | 'NOT_FOUND' | 'LOWER_TIERS_FIRST';

export function projectError(code: ProjectErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
