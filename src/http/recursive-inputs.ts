import {
  getNamedType, isInputObjectType, typeFromAST, type GraphQLInputObjectType, type GraphQLSchema, type OperationDefinitionNode,
} from 'graphql';

const recursiveBySchema = new WeakMap<GraphQLSchema, ReadonlySet<string>>();

/** Whether one of the operation's variables is of an input type that contains itself, at any depth. */
export function takesRecursiveInput(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  let recursive = recursiveBySchema.get(schema);
  if (!recursive) recursiveBySchema.set(schema, (recursive = recursiveInputTypes(schema)));
  return (operation.variableDefinitions ?? []).some((definition) => {
    const type = typeFromAST(schema, definition.type);
    return type !== undefined && reaches(getNamedType(type), recursive);
  });
}

function reaches(type: unknown, recursive: ReadonlySet<string>, seen = new Set<string>()): boolean {
  if (!isInputObjectType(type) || seen.has(type.name)) return false;
  if (recursive.has(type.name)) return true;
  seen.add(type.name);
  return Object.values(type.getFields()).some((field) => reaches(getNamedType(field.type), recursive, seen));
}

/** Input object types from which a chain of fields leads back to themselves. */
function recursiveInputTypes(schema: GraphQLSchema): ReadonlySet<string> {
  const inputs = Object.values(schema.getTypeMap()).filter(isInputObjectType);
  const leadsTo = (from: GraphQLInputObjectType, target: string, seen: Set<string>): boolean =>
    Object.values(from.getFields()).some((field) => {
      const next = getNamedType(field.type);
      if (!isInputObjectType(next)) return false;
      if (next.name === target) return true;
      if (seen.has(next.name)) return false;
      seen.add(next.name);
      return leadsTo(next, target, seen);
    });
  return new Set(inputs.filter((type) => leadsTo(type, type.name, new Set())).map((type) => type.name));
}
