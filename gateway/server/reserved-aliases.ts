/**
 * A validation rule: an alias may not begin with `__`. The GraphQL spec reserves names with that
 * prefix for its own use (introspection, `__typename`); an alias `__typename` on another field
 * would make a response whose type name is something else. Refused before execution, with the
 * alias to write instead.
 */
import { GraphQLError, type ValidationRule } from 'graphql';

export const ReservedAliasesRule: ValidationRule = (context) => ({
  Field(node) {
    const alias = node.alias?.value;
    if (alias === undefined || !alias.startsWith('__')) return;
    const instead = alias.replace(/^_+/, '') || node.name.value;
    context.reportError(
      new GraphQLError(`The alias "${alias}" starts with "__", which GraphQL reserves for its own names. Choose an alias without the leading "__", e.g. "${instead}".`, {
        nodes: node.alias!,
      }),
    );
  },
});
