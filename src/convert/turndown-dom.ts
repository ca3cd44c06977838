// turndown walks a DOM: nodeName, childNodes, siblings, getAttribute, textContent … and edits it as it goes
// (it collapses whitespace in text nodes and removes empty ones). Given an HTML string it parses it again
// with its bundled DOM (domino, a full HTML5 parser and DOM: a second parse of every body). This hands it
// a copy of our own htmlparser2 tree with just the DOM surface that turndown (lib/turndown.cjs.js) and our
// rules (rules/*.ts) use — a copy, because turndown edits what it walks.
import { isComment, isTag, isText, type AnyNode } from "domhandler";
import type TurndownService from "turndown";
import { htmlAttr, htmlText } from "../escape/html.js";

const VOID = new Set("area base br col embed hr img input link meta param source track wbr".split(" "));

/** The DOM our rules may use: what both these nodes and a browser's (or domino's) have, so a rule that
 *  asks for more does not compile, and test/turndown-dom.test.ts can run the rules on both. */
export interface NodeLike {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<NodeLike>;
  getAttribute?(name: string): string | null;
}
export interface ElementLike extends NodeLike {
  getAttribute(name: string): string | null;
  querySelector(selector: string): ElementLike | null;
  querySelectorAll(selector: string): ArrayLike<ElementLike>;
  readonly children: ArrayLike<ElementLike>;
}

abstract class DomNode implements NodeLike {
  parentNode: DomElement | null = null;
  previousSibling: DomNode | null = null;
  nextSibling: DomNode | null = null;
  abstract readonly nodeType: number;
  abstract readonly nodeName: string;
  abstract get textContent(): string;
  /** A text node's or comment's: none. */
  get childNodes(): readonly DomNode[] {
    return [];
  }
}

export class DomText extends DomNode {
  readonly nodeType = 3;
  readonly nodeName = "#text";
  constructor(public data: string) {
    super();
  }
  get nodeValue(): string {
    return this.data;
  }
  get textContent(): string {
    return this.data;
  }
}

/** A comment: turndown drops it (nodeType 8), as it does domino's. */
class DomComment extends DomNode {
  readonly nodeType = 8;
  readonly nodeName = "#comment";
  constructor(public data: string) {
    super();
  }
  get textContent(): string {
    return "";
  }
}

export class DomElement extends DomNode implements ElementLike {
  readonly nodeType = 1;
  /** Upper case, as an HTML document's DOM gives it (turndown compares with "PRE", "LI" …). */
  readonly nodeName: string;
  // Children as a linked list (turndown removes nodes one at a time while it walks: an array's splice
  // made a body of 400,000 paragraphs quadratic), with arrays made when asked and kept until a change.
  firstChild: DomNode | null = null;
  lastChild: DomNode | null = null;
  private nodes: DomNode[] | null = null;
  private elements: DomElement[] | null = null;
  constructor(
    readonly localName: string,
    private readonly attribs: Readonly<Record<string, string>>,
  ) {
    super();
    this.nodeName = localName.toUpperCase();
  }

  override get childNodes(): readonly DomNode[] {
    if (!this.nodes) {
      this.nodes = [];
      for (let n = this.firstChild; n; n = n.nextSibling) this.nodes.push(n);
    }
    return this.nodes;
  }
  get children(): readonly DomElement[] {
    this.elements ??= this.childNodes.filter((n): n is DomElement => n instanceof DomElement);
    return this.elements;
  }
  get lastElementChild(): DomElement | null {
    return this.children.at(-1) ?? null;
  }
  get textContent(): string {
    let text = "";
    for (let n = this.firstChild; n; n = n.nextSibling) text += n.textContent;
    return text;
  }
  getAttribute(name: string): string | null {
    return Object.hasOwn(this.attribs, name) ? (this.attribs[name] ?? null) : null;
  }

  appendChild(child: DomNode): void {
    const last = this.lastChild;
    if (last) last.nextSibling = child;
    else this.firstChild = child;
    child.previousSibling = last;
    child.nextSibling = null;
    child.parentNode = this;
    this.lastChild = child;
    this.nodes = null;
    if (child instanceof DomElement) this.elements = null;
  }
  removeChild(child: DomNode): DomNode {
    if (child.parentNode !== this) throw new Error("removeChild: not a child of this element");
    if (child.previousSibling) child.previousSibling.nextSibling = child.nextSibling;
    else this.firstChild = child.nextSibling;
    if (child.nextSibling) child.nextSibling.previousSibling = child.previousSibling;
    else this.lastChild = child.previousSibling;
    child.parentNode = child.previousSibling = child.nextSibling = null;
    this.nodes = null;
    if (child instanceof DomElement) this.elements = null;
    return child;
  }

  /** Descendants with this tag name, in document order ("*": all). */
  getElementsByTagName(tag: string): DomElement[] {
    const name = tag.toUpperCase();
    const found: DomElement[] = [];
    const walk = (el: DomElement): void => {
      for (let n = el.firstChild; n; n = n.nextSibling)
        if (n instanceof DomElement) {
          if (name === "*" || n.nodeName === name) found.push(n);
          walk(n);
        }
    };
    walk(this);
    return found;
  }
  /** Only a bare tag name is a selector here: that is all our rules ask. */
  querySelectorAll(selector: string): DomElement[] {
    if (!/^[a-z][a-z0-9-]*$/i.test(selector)) throw new Error(`turndown-dom: unsupported selector ${selector}`);
    return this.getElementsByTagName(selector);
  }
  querySelector(selector: string): DomElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }

  /** For turndown's keep() rules (we add none): the element as HTML. */
  get outerHTML(): string {
    const attrs = Object.entries(this.attribs)
      .map(([k, v]) => ` ${k}="${htmlAttr(v)}"`)
      .join("");
    if (VOID.has(this.localName)) return `<${this.localName}${attrs}>`;
    const inner = this.childNodes
      .map((n) => (n instanceof DomElement ? n.outerHTML : n instanceof DomText ? htmlText(n.data) : ""))
      .join("");
    return `<${this.localName}${attrs}>${inner}</${this.localName}>`;
  }
}

function adapt(node: AnyNode): DomNode | undefined {
  if (isText(node)) return new DomText(node.data);
  if (isComment(node)) return new DomComment(node.data);
  if (!isTag(node)) return undefined; // a doctype or processing instruction (CDATA is a comment in HTML)
  const el = new DomElement(node.name, node.attribs);
  for (const child of node.children) {
    const c = adapt(child);
    if (c) el.appendChild(c);
  }
  return el;
}

/**
 * What turndown is handed for these nodes: its RootNode clones its input before it edits it, and the
 * clone is the copy of our tree (so the tree is copied once, and never edited).
 */
export function turndownRoot(nodes: readonly AnyNode[]): { nodeType: 11; cloneNode(deep?: boolean): DomElement } {
  return {
    nodeType: 11,
    cloneNode: () => {
      const root = new DomElement("x-turndown", {});
      for (const n of nodes) {
        const c = adapt(n);
        if (c) root.appendChild(c);
      }
      return root;
    },
  };
}

/** The node turndown passes a rule (always an element), seen as no more than ElementLike. */
export function element(node: TurndownService.Node): ElementLike {
  if (!("getAttribute" in node)) throw new Error("turndown-dom: a rule was passed a document, not an element");
  return node;
}
