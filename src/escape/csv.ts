// CSV cells (RFC 4180), safe to open in a spreadsheet: a cell that starts with =, +, -, @, a tab or a
// carriage return is a formula to Excel, LibreOffice and Google Sheets (CSV injection), so it gets a
// leading apostrophe, as OWASP advises; the spreadsheet shows the text as written.

export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "number") return String(value);
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvRow(cells: readonly (string | number | undefined)[]): string {
  return cells.map(csvCell).join(",");
}
