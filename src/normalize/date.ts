// Swedish dates as people write them: "16 november 2021", "16 nov. 2021", "tisdag 16 november 2021",
// "16/11 2021", "2021-11-16", with a time as "kl. 13.00", "kl 13:00" or "13.00". chrono-node and
// date-fns miss "kl. 13.00", "febr." and "sept.", so this is our own, small and strict.

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  febr: 2,
  feb: 2,
  mars: 3,
  mar: 3,
  april: 4,
  apr: 4,
  maj: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augusti: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

export interface SwedishDate {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, when the text gives a time */
  time?: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

function valid(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function timeOf(text: string): string | undefined {
  const m = /(?:\bkl\.?\s*)?\b([01]?\d|2[0-3])[.:]([0-5]\d)\b/i.exec(text);
  if (!m) return undefined;
  // A bare "13.00" counts only after the date; "kl" makes it certain.
  return `${pad(Number(m[1]))}:${m[2]}`;
}

export function parseSwedishDate(input: string): SwedishDate | null {
  const text = input
    .replace(/[\u00a0\s]+/g, " ")
    .trim()
    .toLowerCase();
  let y = 0;
  let mo = 0;
  let d = 0;
  let rest = text;
  let m: RegExpExecArray | null;
  if ((m = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text))) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /\b(\d{1,2})\/(\d{1,2})[ ,]+(\d{4})\b/.exec(text))) {
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else if ((m = /\b(\d{1,2}) ([a-zåäö]+)\.? (\d{4})\b/.exec(text)) && MONTHS[m[2] ?? ""] !== undefined) {
    [d, mo, y] = [Number(m[1]), MONTHS[m[2] ?? ""] ?? 0, Number(m[3])];
  } else return null;
  if (!valid(y, mo, d)) return null;
  rest = text.slice((m.index ?? 0) + m[0].length);
  const time = /\bkl\b/.test(text) ? timeOf(text.replace(m[0], " ")) : timeOf(rest);
  return { date: `${y}-${pad(mo)}-${pad(d)}`, ...(time ? { time } : {}) };
}

const offsetFormat = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Stockholm", timeZoneName: "shortOffset" });

/** Europe/Stockholm's UTC offset at that local date and time: "+01:00" in winter, "+02:00" in summer. */
export function stockholmOffset(date: string, time = "12:00"): string {
  // Guess with +01:00, then ask the time zone database what the offset really is at that instant.
  const instant = new Date(`${date}T${time}:00+01:00`);
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "GMT+1";
  const hours = Number(/GMT([+-]\d+)/.exec(name)?.[1] ?? "1");
  return `${hours >= 0 ? "+" : "-"}${pad(Math.abs(hours))}:00`;
}

/** ISO 8601 for frontmatter: the date alone, or date and time with the Stockholm offset of that day. */
export function isoDate(d: SwedishDate): string {
  return d.time ? `${d.date}T${d.time}:00${stockholmOffset(d.date, d.time)}` : d.date;
}
