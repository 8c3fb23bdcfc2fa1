/**
 * The schema analysts see. Any field about a person or an address can be denied for one entity
 * and allowed for another, so the gateway serves every such field as nullable: a denial then nulls
 * that field alone, never the entity or the request around it.
 */
import { Kind, buildASTSchema, parse, visit, type DocumentNode, type GraphQLSchema } from 'graphql';

export function buildApiSchema(apiSdl: string | DocumentNode, subjectTypes: readonly string[]): GraphQLSchema {
  const document = typeof apiSdl === 'string' ? parse(apiSdl) : apiSdl;
  const subjects = new Set(subjectTypes);
  let inSubject = false;
  const relaxed = visit(document, {
    ObjectTypeDefinition: { enter: (node) => void (inSubject = subjects.has(node.name.value)), leave: () => void (inSubject = false) },
    ObjectTypeExtension: { enter: (node) => void (inSubject = subjects.has(node.name.value)), leave: () => void (inSubject = false) },
    InterfaceTypeDefinition: { enter: (node) => void (inSubject = subjects.has(node.name.value)), leave: () => void (inSubject = false) },
    FieldDefinition(node) {
      if (!inSubject || node.type.kind !== Kind.NON_NULL_TYPE) return undefined;
      return { ...node, type: node.type.type };
    },
  });
  return buildASTSchema(relaxed);
}
