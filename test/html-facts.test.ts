// The fidelity check reads the Markdown as rendered HTML in one pass of htmlparser2's tokenizer
// (src/convert/html-facts.ts), not through a second DOM. What it reads, written out by hand per case.
import { describe, expect, it } from "vitest";
import { htmlFacts } from "../src/convert/html-facts.js";

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe("htmlFacts", () => {
  it("reads the visible text with words kept apart at block edges and breaks, hidden elements left out", () => {
    const f = htmlFacts(
      "<p>ett<br>två</p><div>tre</div>fyra<script>dold()</script><noscript>dold</noscript><template><p>dold</p></template><style>p{}</style><b>fem</b>sex",
    );
    // Hidden elements take no room: the words around them run together, as a browser shows them.
    expect(words(f.text)).toEqual(["ett", "två", "tre", "fyrafemsex"]);
  });

  it("counts images anywhere, headings of every level and list items", () => {
    const f = htmlFacts(
      "<h1>a</h1><h3>b</h3><h6>c</h6><ul><li>x<li>y</ul><ol><li><img src=a.jpg></ol><template><img src=t.jpg></template>",
    );
    expect([f.headings, f.listItems, f.images]).toEqual([3, 3, 2]);
  });

  it("reads each link with an href, in document order: its visible text and whether it holds an image", () => {
    const f = htmlFacts(
      '<p><a href="/a"><strong>fet</strong> länk</a> <a name="x">inget</a> <a href="">tom</a> <a href="/b"><img src="b.jpg"></a></p>' +
        '<noscript><a href="/n">i noscript</a></noscript><p><a href="/c">ord<script>x</script><br>ord</a></p>',
    );
    expect(f.links.map((l) => [l.href, words(l.text).join(" "), l.hasImage])).toEqual([
      ["/a", "fet länk", false],
      ["", "tom", false],
      ["/b", "", true],
      ["/n", "i noscript", false],
      ["/c", "ord ord", false],
    ]);
  });

  it("reads captions: every figcaption, and the emphasised line right under a paragraph of only an image", () => {
    const f = htmlFacts(
      [
        "<figure><img src=a.jpg><figcaption>Foto: <a href=/f>Anna</a></figcaption></figure>",
        "<p><img src=b.jpg></p>\n<p><em>Under bilden</em></p>",
        "<p><img src=c.jpg> och text</p><p><em>inte: bildstycket har text</em></p>",
        "<p><img src=d.jpg></p><p><em>inte</em>: mer än kursivt</p>",
        "<p><img src=e.jpg></p><ul><li>lista</li></ul><p><em>inte: inte direkt efter</em></p>",
        "<div><p><img src=f.jpg></p></div><p><em>inte: bilden var i en div</em></p>",
        "<p><img src=g.jpg></p><p><em>ett</em><em>två</em></p>",
      ].join(""),
    );
    expect(f.captions).toEqual(["Foto: Anna", "Under bilden"]);
    expect(f.images).toBe(7);
  });

  it("reads paragraphs nested 20,000 deep (each text is not copied into every paragraph around it)", () => {
    const f = htmlFacts(`${"<p><span>ord ".repeat(20_000)}<img src=a.jpg>`);
    expect(words(f.text)).toHaveLength(20_000);
    expect(f.images).toBe(1);
  });

  it("reads unclosed and stray tags as a tree would hold them", () => {
    const f = htmlFacts("<p>öppen <b>fet <i>kursiv</p> efter</p><li>utan lista");
    expect(words(f.text)).toEqual(["öppen", "fet", "kursiv", "efter", "utan", "lista"]);
    expect(f.listItems).toBe(1);
  });
});
