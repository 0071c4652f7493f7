// Mail clients decode RFC 2047 encoded words ("=?UTF-8?B?…?=") wherever they appear in a header, even in
// one sent as plain ASCII. A title containing one would be shown decoded — a line break, a fake "Bcc:".
// A zero-width space after the "=" keeps such text literal: the header is then no longer ASCII, so it
// goes out properly encoded, and readers see what was typed.
export function literalHeaderText(text: string): string {
  return text.replaceAll('=?', '=\u200B?');
}
