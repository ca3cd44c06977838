// Every text a person reads in the QA report (report.html, report.md, the summary line after a run), in
// Swedish and English, from this one catalogue. Rule ids stay as they are in report.json and links.csv
// (machines); here they get a title, an explanation and what to do (people). Swedish is written for the
// MIA project's editors: the words they use ("Trasig länk", "alternativtext"), numbers as 1 234 and dates
// as 2 december 2026. A finding's sentence is built from its fields and params (never from the English
// message), so no English is left in a Swedish report. Pure.
import type { Finding, Severity } from "../config/findings.js";
import type { Lang } from "../config/lang.js";
import type { LinkResult, Verdict } from "../links/checker.js";
import type { Report } from "./report.js";

export type { Lang };

/** What a crawl's summary line says. */
export interface CrawlCounts {
  pages: number;
  posts: number;
  failed: number;
  notFound: number;
  resumed: number;
  disallowedByRobots: number;
  stoppedBy: "max-pages" | "time-limit" | null;
  seconds: number;
}

/** The first files of a list, and "…" for the rest. */
const few = (files: readonly string[]) => files.slice(0, 3).join(", ") + (files.length > 3 ? ", …" : "");

/** A rule as people read it. */
export interface RuleWords {
  title: string;
  /** What the rule looks for, one sentence. */
  about: string;
  /** What to do about a finding of it, one line. */
  todo: string;
}

/** One finding's sentence, from its fields, its params and (for a link) the link's check. The view adds
 *  the text, the address and, for a redirect, where it leads. */
type Say = (f: Finding, link: LinkResult | undefined, w: Words) => string;

export interface Words {
  lang: Lang;
  /** The BCP 47 locale for numbers and dates. */
  locale: string;
  ui: {
    title: string;
    summary: string;
    posts: string;
    uniqueLinks: string;
    linksInPosts: string;
    brokenLinks: string;
    redirectedLinks: string;
    unverifiableLinks: string;
    verdicts: Record<Verdict, string>;
    severities: Record<Severity, string>;
    /** Plural forms for the cards and the summary line. */
    severityCounts: Record<Severity, string>;
    postsPerMonth: string;
    brokenByHost: string;
    findingsByRule: string;
    none: string;
    byPost: string;
    charts: string;
    contents: string;
    byPostIntro: string;
    site: string;
    oldPage: string;
    newFile: string;
    newPage: string;
    todo: string;
    line: string;
    table: string;
    tableIntro: string;
    links: string;
    filter: string;
    filterLinks: string;
    severity: string;
    allSeverities: string;
    sortHint: string;
    columns: {
      severity: string;
      rule: string;
      post: string;
      file: string;
      text: string;
      link: string;
      what: string;
      url: string;
      verdict: string;
      status: string;
      reason: string;
      finalUrl: string;
    };
    rules: string;
    noFindings: string;
    seeReport: string;
    checked: string;
    linksLabel: string;
    findingsLabel: string;
  };
  /** The lines a run ends with (cli/summary.ts), besides the report's (summaryLine). */
  run: {
    crawl(c: CrawlCounts): string;
    robots(origin: string, reason: string): string;
    converted(posts: number, out: string, problems: number, kept: readonly string[]): string;
  };
  rules: Record<string, RuleWords>;
  /** Finding sentences by rule; a rule without one is said by its title alone. */
  say: Record<string, Say>;
  /** Why a link failed, from its check. */
  reason(link: LinkResult): string;
}

/** What the fidelity check compares (convert/verify.ts), in Swedish. */
const FIDELITY_WHAT: Record<string, string> = {
  words: "ord",
  characters: "tecken",
  links: "länkar",
  images: "bilder",
  captions: "bildtexter",
  headings: "rubriker",
  "list items": "listpunkter",
};

/** "Sidan finns inte": a sentence's first letter upper-case. */
export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const q = (s: string | number | undefined) => `”${s ?? ""}”`;
const param = (f: Finding, k: string) => f.params?.[k];

const SV: Words = {
  lang: "sv",
  locale: "sv-SE",
  ui: {
    title: "Innehålls- och länkrapport",
    summary: "Sammanfattning",
    posts: "inlägg",
    uniqueLinks: "unika länkar",
    linksInPosts: "länkar i inläggen",
    brokenLinks: "trasiga länkar",
    redirectedLinks: "länkar som leder vidare",
    unverifiableLinks: "länkar som inte gick att kontrollera",
    verdicts: {
      ok: "fungerar",
      redirected: "omdirigerade",
      broken: "trasiga",
      unverifiable: "gick inte att kontrollera",
      skipped: "hoppades över",
    },
    severities: { error: "Fel", warning: "Varning", info: "Info" },
    severityCounts: { error: "fel", warning: "varningar", info: "upplysningar" },
    postsPerMonth: "Inlägg per månad",
    brokenByHost: "Trasiga länkar per webbplats",
    findingsByRule: "Anmärkningar per typ",
    none: "inga",
    byPost: "Inlägg för inlägg",
    charts: "Diagram",
    contents: "Innehåll",
    byPostIntro: "Varje inlägg med anmärkningar, äldst först, med vad du kan göra åt dem.",
    site: "Hela webbplatsen",
    oldPage: "gamla sidan",
    newFile: "ny fil",
    newPage: "nya sidan",
    todo: "Gör så här",
    line: "rad",
    table: "Alla anmärkningar i en tabell",
    tableIntro: "Sortera genom att välja en kolumnrubrik; filtrera med sökrutan eller allvarlighetsgraden.",
    links: "Alla länkar",
    filter: "Filtrera anmärkningar",
    filterLinks: "Filtrera länkar",
    severity: "Allvarlighetsgrad",
    allSeverities: "alla grader",
    sortHint: "sortera",
    columns: {
      severity: "Grad",
      rule: "Typ",
      post: "Inlägg",
      file: "Fil",
      text: "Text",
      link: "Länk",
      what: "Vad",
      url: "Adress",
      verdict: "Resultat",
      status: "Status",
      reason: "Orsak",
      finalUrl: "Slutlig adress",
    },
    rules: "Typer av anmärkningar",
    noFindings: "Inga anmärkningar.",
    seeReport: "se",
    checked: "kontrollerade",
    linksLabel: "länkar",
    findingsLabel: "anmärkningar",
  },
  run: {
    crawl: (c) => {
      const n = (x: number) => formatNumber(SV, x);
      const parts = [
        `${n(c.pages)} sidor (${n(c.posts)} inlägg)`,
        `${n(c.failed)} misslyckades`,
        `${n(c.notFound)} finns inte (trasiga länkar)`,
      ];
      if (c.resumed) parts.push(`${n(c.resumed)} från en tidigare körning`);
      if (c.disallowedByRobots) parts.push(`${n(c.disallowedByRobots)} hämtades inte (robots.txt)`);
      if (c.stoppedBy)
        parts.push(
          `avbröts vid ${c.stoppedBy === "time-limit" ? "tidsgränsen" : "högsta antalet sidor"}; kör samma kommando igen för att fortsätta`,
        );
      return `genomsökning: ${parts.join(", ")} på ${c.seconds.toFixed(1).replace(".", ",")} s`;
    },
    robots: (origin, reason) => `robots.txt: ingenting hämtades från ${origin}: ${reason}`,
    converted: (posts, out, problems, kept) =>
      `konverterade ${posts} inlägg till ${out}` +
      (problems ? `, ${problems} problem (se ${out}/report/problems.json)` : "") +
      (kept.length
        ? `; lät ${kept.length} fil(er) från en tidigare körning vara som de är, ändrade sedan mia-migrate skrev dem (${few(kept)})`
        : ""),
  },
  rules: {
    "broken-link": {
      title: "Trasig länk",
      about:
        "En länk till en annan webbplats som inte svarar som den ska (404, 410, serverfel, tidsgräns, okänd adress).",
      todo: "Byt till sidans nya adress om den har flyttat, annars ta bort länken eller länka till en arkiverad kopia.",
    },
    "broken-image": {
      title: "Bilden går inte att visa",
      about: "En bild eller inbäddad fil som inte går att hämta.",
      todo: "Lägg in bilden igen från ett original, eller ta bort den.",
    },
    "dead-internal-link": {
      title: "Trasig länk inom webbplatsen",
      about: "En länk till en sida på den gamla webbplatsen som inte finns (404) eller inte gick att hämta.",
      todo: "Länka till rätt inlägg på den nya webbplatsen, eller ta bort länken.",
    },
    "missing-fragment": {
      title: "Länken pekar på ett ställe som saknas",
      about: "En länk till ett ankare (#…) som inte finns på sidan den pekar på.",
      todo: "Ta bort #-delen av länken eller låt den peka på rätt rubrik.",
    },
    "redirected-link": {
      title: "Länken leder vidare",
      about: "En länk som permanent skickas vidare till en annan adress.",
      todo: "Byt länken till den slutliga adressen.",
    },
    "unverifiable-link": {
      title: "Länken gick inte att kontrollera",
      about:
        "En länk bakom ett skydd mot robotar (999, 403, 429): den är inte kontrollerad och stoppar aldrig en körning.",
      todo: "Öppna länken i en webbläsare och kontrollera den själv.",
    },
    "http-link": {
      title: "Länk utan https",
      about: "En länk till en annan webbplats över okrypterad http://.",
      todo: "Byt http:// mot https:// om webbplatsen har det (öppna länken och se efter).",
    },
    "missing-target": {
      title: "Länkmålet saknas på den nya webbplatsen",
      about: "En länk som skrevs om till en ny sida eller en kopierad fil som inte finns bland filerna.",
      todo: "Kör migreringen igen; saknas målet fortfarande, länka till rätt sida för hand.",
    },
    "image-without-alt": {
      title: "Bilden saknar alternativtext",
      about: "En bild utan både alternativtext och bildtext: en skärmläsare säger ingenting om den.",
      todo: "Skriv en kort alternativtext som säger vad bilden visar.",
    },
    "doubled-caption": {
      title: "Bildtexten står två gånger",
      about: "En bildtext som står två gånger i det konverterade inlägget.",
      todo: "Ta bort den ena bildtexten i filen.",
    },
    "short-post": {
      title: "Mycket kort inlägg",
      about: "Ett inlägg utan text, eller med färre än 200 tecken text.",
      todo: "Jämför med den gamla sidan: lägg till det som saknas, eller låt bli att publicera ett tomt inlägg.",
    },
    "no-tags": {
      title: "Inlägget saknar taggar",
      about: "Ett inlägg utan taggar.",
      todo: "Lägg till en eller flera taggar (tags) överst i filen.",
    },
    "duplicate-title": {
      title: "Samma rubrik som ett annat inlägg",
      about: "Två eller flera inlägg med samma rubrik.",
      todo: "Ge inläggen olika rubriker om de är olika inlägg; är det samma inlägg två gånger, ta bort det ena.",
    },
    "duplicate-slug": {
      title: "Adressen fick ett tillägg",
      about: "Inläggets adress (slug) fick en siffra på slutet eftersom ett annat inlägg redan hade den.",
      todo: "Ge inlägget en egen, beskrivande slug om siffran stör.",
    },
    "encoding-damage": {
      title: "Trasiga tecken",
      about: "Teckenfel som reparationen inte kunde rätta (Ã, â€, �) i en rubrik eller text.",
      todo: "Rätta tecknen för hand efter den gamla sidan.",
    },
    "manual-hyphenation": {
      title: "Kvarglömt avstavningstecken?",
      about:
        "Ett ord som kan ha kvar ett bindestreck från en radbrytning (”Samordnings-förbundet”). Ändras aldrig, listas bara.",
      todo: "Ta bort bindestrecket om ordet ska skrivas ihop; annars låt det stå.",
    },
    "template-text": {
      title: "Text från den gamla sidmallen",
      about:
        "Text från den gamla webbplatsens mall i inläggets text (”Läs hela inlägget”, delningslänkar, tagglistor).",
      todo: "Ta bort texten ur filen.",
    },
    spelling: {
      title: "Okänt ord",
      about: "Ett ord som inte finns i den svenska ordlistan (ett stavfel, eller ett namn). Ändras aldrig.",
      todo: "Rätta stavningen, eller lägg till ordet i ordlistan om det är ett namn.",
    },
    "old-site-link": {
      title: "Länk till den gamla webbplatsen",
      about: "En länk som fortfarande pekar på en sida på den gamla webbplatsen efter konverteringen.",
      todo: "Länka till motsvarande sida på den nya webbplatsen, eller ta bort länken innan den gamla stängs.",
    },
    "asset-missing": {
      title: "Bilden eller filen kunde inte kopieras",
      about: "En bild eller fil från den gamla webbplatsen som inte gick att kopiera: den gamla adressen står kvar.",
      todo: "Spara filen från den gamla webbplatsen medan den finns kvar och lägg in den för hand.",
    },
    "raw-html": {
      title: "HTML-kod kvar i texten",
      about: "HTML-kod kvar i Markdown-filen (Hugo visar den inte med sina standardinställningar).",
      todo: "Skriv om stycket utan HTML-kod, eller slå på HTML i Hugo (markup.goldmark.renderer.unsafe).",
    },
    "embed-as-link": {
      title: "Inbäddad video blev en länk",
      about: "En inbäddad video eller ram som skrevs som en länk.",
      todo: "Bädda in videon igen på den nya webbplatsen om den ska visas i inlägget.",
    },
    "script-link": {
      title: "En adress som skulle köra kod togs bort",
      about:
        "En länk, bild eller inbäddning vars adress skulle köra kod (javascript:, vbscript:, data:): adressen togs bort, texten står kvar.",
      todo: "Se på den gamla sidan vad länken gjorde och lägg in en vanlig länk om det behövs.",
    },
    "table-without-header": {
      title: "Tabell utan rubrikrad",
      about: "En tabell utan rubrikrad: den fick en tom rubrikrad (Markdown-tabeller måste ha en).",
      todo: "Skriv rubriker i tabellens första rad.",
    },
    fidelity: {
      title: "Skiljer sig från originalet",
      about: "Markdown-filen visas inte likadant som det ursprungliga inlägget.",
      todo: "Jämför filen med den gamla sidan och lägg till det som saknas.",
    },
    "date-conflict": {
      title: "Datumen stämmer inte",
      about: "Datumet som visas på sidan och datumet i adressen skiljer sig.",
      todo: "Kontrollera vilket datum som är rätt och ändra date överst i filen vid behov.",
    },
    "fallback-extraction": {
      title: "Inlägget lästes med reservmetoden",
      about: "Ett inlägg som webbplatsprofilen inte kände igen, läst med den allmänna metoden.",
      todo: "Kontrollera att rubrik, text och bilder kom med; annars justera webbplatsprofilen.",
    },
    "unreadable-post": {
      title: "Inlägget kunde inte läsas",
      about: "En sida som hämtades men inte gick att läsa som ett inlägg: den finns inte bland filerna.",
      todo: "Öppna den gamla sidan och för över inlägget för hand.",
    },
    "fetch-failed": {
      title: "Sidan kunde inte hämtas",
      about: "En sida på den gamla webbplatsen som inte gick att hämta trots flera försök.",
      todo: "Kör migreringen igen senare; fortsätter felet, kontakta den som driver den gamla webbplatsen.",
    },
    "not-found": {
      title: "Sidan finns inte",
      about: "En sida eller fil på den gamla webbplatsen som svarade med ett 4xx-fel (länkar dit är trasiga).",
      todo: "Rätta eller ta bort länkarna som pekar hit.",
    },
  },
  say: {
    "broken-link": (f, l, w) => cap(l ? w.reason(l) : "okänt fel"),
    "broken-image": (f, l, w) => cap(l ? w.reason(l) : "okänt fel"),
    "dead-internal-link": (f, l, w) => cap(l ? w.reason(l) : "okänt fel"),
    "redirected-link": () => "Sidan har flyttat till en ny adress",
    "short-post": (f) =>
      param(f, "chars") === 0 ? "Inlägget har ingen text" : `Inlägget har bara ${param(f, "chars")} tecken text`,
    "duplicate-slug": (f) => `Adressen ${q(f.text)}: ett annat inlägg har redan ${q(param(f, "first"))}`,
    "duplicate-title": (f) => `Samma rubrik som inlägg ${param(f, "others")}`,
    "manual-hyphenation": (f) => `${q(f.text)}: skrivs det ${q(f.text.replace("-", ""))}?`,
    spelling: (f) => `${q(f.text)} finns inte i ordlistan`,
    "template-text": (f) => `Mallens text i inlägget: ${q(f.text)}`,
    "date-conflict": (f) =>
      `Sidan visar ${param(f, "visible")}, adressen säger ${param(f, "url")}; datumet på sidan används`,
    "missing-target": (f) => `Länkmålet ${param(f, "target") ?? f.url ?? ""} finns inte bland filerna`,
    fidelity: (f) => {
      const what = FIDELITY_WHAT[String(param(f, "what"))] ?? String(param(f, "what") ?? "");
      const lost = param(f, "expected");
      const found = param(f, "found");
      return [`Skillnad i ${what}`, lost ? `saknas: ${lost}` : "", found ? `i stället: ${found}` : ""]
        .filter(Boolean)
        .join("; ");
    },
  },
  reason: (l) => {
    if (l.reason === "timeout") return "svarar inte inom tidsgränsen";
    if (l.reason === "dns") return "adressen finns inte (DNS)";
    if (l.reason === "refused") return "servern tar inte emot anslutningar";
    if (l.reason === "the crawl could not fetch it") return "gick inte att hämta under genomsökningen";
    const s = l.status;
    if (s === 404) return "sidan finns inte (404)";
    if (s === 410) return "sidan är borttagen (410)";
    if (s !== undefined && s >= 500) return `serverfel (${s})`;
    if (s !== undefined) return `svarar ${s}`;
    return l.reason ? `fel: ${l.reason}` : "okänt fel";
  },
};

const EN: Words = {
  lang: "en",
  locale: "en-GB",
  ui: {
    title: "Content and link report",
    summary: "Summary",
    posts: "posts",
    uniqueLinks: "unique links",
    linksInPosts: "links in posts",
    brokenLinks: "broken links",
    redirectedLinks: "redirected links",
    unverifiableLinks: "unverifiable links",
    verdicts: {
      ok: "ok",
      redirected: "redirected",
      broken: "broken",
      unverifiable: "unverifiable",
      skipped: "skipped",
    },
    severities: { error: "Error", warning: "Warning", info: "Info" },
    severityCounts: { error: "errors", warning: "warnings", info: "info" },
    postsPerMonth: "Posts per month",
    brokenByHost: "Broken links by host",
    findingsByRule: "Findings by kind",
    none: "none",
    byPost: "Post by post",
    charts: "Charts",
    contents: "Contents",
    byPostIntro: "Every post with findings, oldest first, with what to do about them.",
    site: "The whole site",
    oldPage: "old page",
    newFile: "new file",
    newPage: "new page",
    todo: "What to do",
    line: "line",
    table: "All findings in a table",
    tableIntro: "Sort by choosing a column heading; filter with the search box or the severity.",
    links: "All links",
    filter: "Filter findings",
    filterLinks: "Filter links",
    severity: "Severity",
    allSeverities: "all severities",
    sortHint: "sort",
    columns: {
      severity: "Severity",
      rule: "Kind",
      post: "Post",
      file: "File",
      text: "Text",
      link: "Link",
      what: "What",
      url: "URL",
      verdict: "Verdict",
      status: "Status",
      reason: "Reason",
      finalUrl: "Final URL",
    },
    rules: "Kinds of findings",
    noFindings: "No findings.",
    seeReport: "see",
    checked: "checked",
    linksLabel: "links",
    findingsLabel: "findings",
  },
  run: {
    crawl: (c) => {
      const parts = [
        `${c.pages} pages (${c.posts} posts)`,
        `${c.failed} failed`,
        `${c.notFound} not found (dead links)`,
      ];
      if (c.resumed) parts.push(`${c.resumed} from an earlier run`);
      if (c.disallowedByRobots) parts.push(`${c.disallowedByRobots} not fetched (robots.txt)`);
      if (c.stoppedBy) parts.push(`stopped by ${c.stoppedBy}; rerun the same command to resume`);
      return `crawl: ${parts.join(", ")} in ${c.seconds.toFixed(1)} s`;
    },
    robots: (origin, reason) => `robots.txt: nothing fetched from ${origin}: ${reason}`,
    converted: (posts, out, problems, kept) =>
      `converted ${posts} posts to ${out}` +
      (problems ? `, ${problems} problems (see ${out}/report/problems.json)` : "") +
      (kept.length
        ? `; left ${kept.length} file(s) of an earlier run as they are, changed since mia-migrate wrote them (${few(kept)})`
        : ""),
  },
  rules: {
    "broken-link": {
      title: "Broken link",
      about: "A link to another site that does not answer well (404, 410, 5xx, timeout, DNS, refused).",
      todo: "Link to the page's new address if it moved; else remove the link or link to an archived copy.",
    },
    "broken-image": {
      title: "Image cannot be shown",
      about: "An image or embedded resource that cannot be loaded.",
      todo: "Put the image back from an original, or remove it.",
    },
    "dead-internal-link": {
      title: "Broken link within the site",
      about: "A link to a page of the old site that does not exist (404) or could not be fetched.",
      todo: "Link to the right post on the new site, or remove the link.",
    },
    "missing-fragment": {
      title: "Link to a place that is missing",
      about: "A link to a #fragment that no element of the page carries.",
      todo: "Remove the #fragment, or point it at the right heading.",
    },
    "redirected-link": {
      title: "Redirected link",
      about: "A link that redirects permanently to another address.",
      todo: "Update the link to the final URL.",
    },
    "unverifiable-link": {
      title: "Link could not be checked",
      about: "A link behind a bot wall (999, 403 challenge, 429): not checked, never fails a run.",
      todo: "Open the link in a browser and check it yourself.",
    },
    "http-link": {
      title: "Link without https",
      about: "A link to another site over plain http://.",
      todo: "Use https:// if the site offers it (open the link and see).",
    },
    "missing-target": {
      title: "Link target missing from the new site",
      about: "A link rewritten to a new page or a copied file that is not in the output.",
      todo: "Run the migration again; if the target is still missing, link to the right page by hand.",
    },
    "image-without-alt": {
      title: "Image without alt text",
      about: "An image with neither alt text nor a caption: screen readers say nothing of it.",
      todo: "Write a short alt text that says what the image shows.",
    },
    "doubled-caption": {
      title: "Caption stands twice",
      about: "A caption that still stands twice in the converted post.",
      todo: "Remove one of the two captions in the file.",
    },
    "short-post": {
      title: "Very short post",
      about: "A post with no text, or under 200 characters of it.",
      todo: "Compare with the old page: add what is missing, or leave an empty post unpublished.",
    },
    "no-tags": {
      title: "Post without tags",
      about: "A post without tags.",
      todo: "Add one or more tags at the top of the file.",
    },
    "duplicate-title": {
      title: "Same title as another post",
      about: "Two or more posts with the same title.",
      todo: "Give the posts different titles if they differ; if it is one post twice, remove one.",
    },
    "duplicate-slug": {
      title: "Address got a suffix",
      about: "A post whose slug needed a number at its end because another post had it first.",
      todo: "Give the post a slug of its own if the number is in the way.",
    },
    "encoding-damage": {
      title: "Damaged characters",
      about: "Encoding damage the repair could not undo (Ã, â€, U+FFFD) in a title or body.",
      todo: "Correct the characters by hand, following the old page.",
    },
    "manual-hyphenation": {
      title: "Left-over hyphen?",
      about:
        "A word that may hold a left-over line-break hyphen (“Samordnings-förbundet”). Never changed, only listed.",
      todo: "Remove the hyphen if the word is one word; else leave it.",
    },
    "template-text": {
      title: "Text of the old template",
      about: "Text of the old site's template inside a post body (“Läs hela inlägget”, share links, tag lists).",
      todo: "Remove the text from the file.",
    },
    spelling: {
      title: "Unknown word",
      about: "A word the Swedish dictionary does not know (a typo, or a name). Never changed.",
      todo: "Correct the spelling, or add the word to the word list if it is a name.",
    },
    "old-site-link": {
      title: "Link to the old site",
      about: "A link still pointing at a page of the old site after conversion.",
      todo: "Link to the matching page of the new site, or remove the link before the old site closes.",
    },
    "asset-missing": {
      title: "Image or file could not be copied",
      about: "An image or file of the old site that could not be copied: the old URL is kept.",
      todo: "Save the file from the old site while it is still there and add it by hand.",
    },
    "raw-html": {
      title: "Raw HTML left in the text",
      about: "Raw HTML left in the Markdown (Hugo's default settings do not show it).",
      todo: "Rewrite the passage without HTML, or allow HTML in Hugo (markup.goldmark.renderer.unsafe).",
    },
    "embed-as-link": {
      title: "Embedded video became a link",
      about: "An embedded video or frame written as a link.",
      todo: "Embed the video again on the new site if it should show in the post.",
    },
    "script-link": {
      title: "An address that would run code was removed",
      about:
        "A link, image or embed whose address would run code (javascript:, vbscript:, data:): the address was left out, the text kept.",
      todo: "See on the old page what the link did, and add a plain link if one is needed.",
    },
    "table-without-header": {
      title: "Table without a header row",
      about: "A table without a header row: written under an empty header row (Markdown tables need one).",
      todo: "Write headings into the table's first row.",
    },
    fidelity: {
      title: "Differs from the original",
      about: "The Markdown renders differently from the original post.",
      todo: "Compare the file with the old page and add what is missing.",
    },
    "date-conflict": {
      title: "Dates disagree",
      about: "A visible date that disagrees with the URL's date.",
      todo: "Check which date is right and change date at the top of the file if needed.",
    },
    "fallback-extraction": {
      title: "Post read by the fallback",
      about: "A post the site profile did not match, extracted by the generic extractor.",
      todo: "Check that title, text and images came through; else adjust the site profile.",
    },
    "unreadable-post": {
      title: "Post could not be read",
      about: "A page that was fetched but could not be read as a post: it is not in the output.",
      todo: "Open the old page and carry the post over by hand.",
    },
    "fetch-failed": {
      title: "Page could not be fetched",
      about: "A page of the old site that failed after retries during the crawl.",
      todo: "Run the migration again later; if it keeps failing, ask whoever runs the old site.",
    },
    "not-found": {
      title: "Page does not exist",
      about: "A page or file of the old site that answered 4xx during the crawl (links to it are broken).",
      todo: "Correct or remove the links that point here.",
    },
  },
  // English findings carry their sentence already (Finding.message, written by each rule).
  say: {},
  reason: (l) => l.reason ?? (l.status !== undefined ? String(l.status) : "unknown"),
};

export const WORDS: Record<Lang, Words> = { sv: SV, en: EN };

/** The words of `rule`, or its id as a title for a rule the catalogue does not know. */
export function ruleWords(w: Words, rule: string): RuleWords {
  return w.rules[rule] ?? { title: rule, about: "", todo: "" };
}

/** A finding's sentence in the report's language, or "" where the kind's title says it all. */
export function findingSentence(w: Words, f: Finding, link: LinkResult | undefined): string {
  const say = w.say[f.rule];
  if (say) return say(f, link, w);
  return w.lang === "en" ? f.message : "";
}

/** The line the command line prints after a report is written. */
export function summaryLine(w: Words, s: Report["summary"], reportFile: string): string {
  const n = (x: number) => formatNumber(w, x);
  const l = s.links;
  const v = w.ui.verdicts;
  const c = w.ui.severityCounts;
  const links = `${n(l.unique)} ${w.ui.checked} (${n(l.ok)} ${v.ok}, ${n(l.redirected)} ${v.redirected}, ${n(l.broken)} ${v.broken}, ${n(l.unverifiable)} ${v.unverifiable}, ${n(l.skipped)} ${v.skipped})`;
  const findings = `${n(s.findings.error)} ${c.error}, ${n(s.findings.warning)} ${c.warning}, ${n(s.findings.info)} ${c.info}`;
  return `${w.ui.linksLabel}: ${links}; ${w.ui.findingsLabel}: ${findings} (${w.ui.seeReport} ${reportFile})`;
}

// One formatter per language and kind, made once: an Intl formatter costs ~0.1 ms and loads locale data,
// and a report of 10,000 posts formats a date for each.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f as T;
}

export const formatNumber = (w: Words, n: number): string =>
  formatter(`${w.locale} number`, () => new Intl.NumberFormat(w.locale)).format(n);

/** An ISO date (YYYY-MM-DD…) as people write it: "2 december 2026", "2 December 2026". */
export function formatDate(w: Words, iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return formatter(
    `${w.locale} date`,
    () => new Intl.DateTimeFormat(w.locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  ).format(d);
}

/** A month (YYYY-MM) as people write it: "september 2017". */
export function formatMonth(w: Words, ym: string): string {
  const d = new Date(`${ym}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return ym;
  return formatter(
    `${w.locale} month`,
    () => new Intl.DateTimeFormat(w.locale, { month: "long", year: "numeric", timeZone: "UTC" }),
  ).format(d);
}
