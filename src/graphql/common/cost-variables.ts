import { Kind, visit, type DirectiveNode, type DocumentNode, type FieldNode } from "graphql";

const found = new WeakMap<DocumentNode, string[]>();

/**
 * The variables an operation's cost can depend on: those passed as a `first`
 * argument (fieldCost multiplies by it) or as a directive's `if` (@skip and
 * @include decide whether a field counts at all). Any other variable, such as
 * a user id, leaves the cost unchanged. Apollo reuses one parsed document per
 * query text, so each document is walked once.
 */
export function costVariables(document: DocumentNode): string[] {
  let names = found.get(document);
  if (!names) {
    const collected = new Set<string>();
    const collect = (argument: string) => (node: FieldNode | DirectiveNode) => {
      for (const arg of node.arguments ?? []) {
        if (arg.name.value === argument && arg.value.kind === Kind.VARIABLE) collected.add(arg.value.name.value);
      }
    };
    visit(document, { Field: collect("first"), Directive: collect("if") });
    names = [...collected].sort();
    found.set(document, names);
  }
  return names;
}
