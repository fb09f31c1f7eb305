import type { parseExpression } from 'feelin';

/** The lezer tree feelin's parser produces (typed through feelin, which owns the dependency). */
export type FeelParseTree = ReturnType<typeof parseExpression>;
export type FeelParseNode = FeelParseTree['topNode'];

/** The children of a node that carry meaning: comments are skipped nodes and left out. */
export function meaningfulChildren(node: FeelParseNode): FeelParseNode[] {
  const children: FeelParseNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (!child.type.isSkipped) children.push(child);
  }
  return children;
}

/**
 * Why the tree is not valid FEEL, or undefined when it has no error node. Positions are 1-based
 * characters, so a designer can find them in the property panel.
 */
export function findSyntaxError(tree: FeelParseTree, source: string): string | undefined {
  let errorFrom: number | undefined;
  tree.iterate({
    enter(node) {
      if (errorFrom !== undefined) return false;
      if (node.type.isError) {
        errorFrom = node.from;
        return false;
      }
      return undefined;
    },
  });
  if (errorFrom === undefined) return undefined;
  const end = source.trimEnd().length;
  if (errorFrom >= end) {
    return `syntax error: the expression ends too early, after '${source.slice(Math.max(0, end - 20), end)}'`;
  }
  const near = source.slice(errorFrom, Math.min(end, errorFrom + 15));
  return `syntax error at position ${errorFrom + 1}: unexpected '${near}'`;
}
