// Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return before one) as a formula:
// an exported title "=HYPERLINK(…)" would become a live link, or worse, when the file is opened. Such
// cells are written with a leading apostrophe (the spreadsheet convention for "this is text"), and the
// import takes exactly that apostrophe off again, so export → import gives back the same text.

const risky = /^'*[=+\-@\t\r]/;

export function protectCell(value: string): string {
  return risky.test(value) ? `'${value}` : value;
}

export function unprotectCell(value: string): string {
  return value.startsWith("'") && risky.test(value.slice(1)) ? value.slice(1) : value;
}
