// Small tree operations on domhandler nodes for the extractors, each linear in what it touches: pages
// are hostile (100,000 siblings, 10,000 levels), and cheerio's per-node remove() is a splice per node.
import { Element, Text, hasChildren, type AnyNode, type ChildNode, type ParentNode } from "domhandler";

export const isElement = (n: AnyNode | null | undefined): n is Element => n instanceof Element;

/** Every element under root, in document order (iteratively: pages nest thousands deep). */
export function* elements(root: ParentNode): Generator<Element> {
  const stack: ChildNode[] = [...root.children].reverse();
  while (stack.length) {
    const n = stack.pop() as ChildNode;
    if (!isElement(n)) continue;
    yield n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as ChildNode);
  }
}

/** All text under a node, as written (breaks add nothing). */
export function textOf(node: AnyNode): string {
  if (node instanceof Text) return node.data;
  if (!hasChildren(node)) return "";
  let out = "";
  const stack: AnyNode[] = [node];
  while (stack.length) {
    const n = stack.pop() as AnyNode;
    if (n instanceof Text) out += n.data;
    else if (hasChildren(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as AnyNode);
  }
  return out;
}

export function remove(node: AnyNode): void {
  removeAll([node]);
}

/** Takes nodes out of the tree, each parent's children rebuilt once (a page may hold thousands of
 *  doomed siblings: one splice each would be quadratic). */
export function removeAll(nodes: readonly AnyNode[]): void {
  const doomed = new Set(nodes);
  const parents = new Set<ParentNode>();
  for (const n of nodes) if (n.parent) parents.add(n.parent);
  for (const parent of parents) {
    parent.children = parent.children.filter((c) => !doomed.has(c));
    relink(parent);
  }
  for (const n of nodes) n.parent = n.prev = n.next = null;
}

/** Sets prev/next of a parent's children after its children array was rebuilt. */
export function relink(parent: ParentNode): void {
  parent.children.forEach((c, i) => {
    c.prev = parent.children[i - 1] ?? null;
    c.next = parent.children[i + 1] ?? null;
  });
}

/** Appends detached nodes to an element. */
export function appendAll(parent: Element, nodes: ChildNode[]): void {
  for (const n of nodes) {
    n.parent = parent;
    parent.children.push(n);
  }
  relink(parent);
}
