// What the CLI prints comes partly from the store — titles, notes, names typed by anyone who could add a
// record — and a terminal obeys control characters: ESC sequences can retitle the window, hide or rewrite
// lines, and bidi overrides reorder what is shown. Every such character is printed as a visible escape.

// C0 (but tab and newline), DEL, C1, and the Unicode bidi controls.
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `json`: as \\uXXXX, which is also valid inside a JSON string. */
export function escapeControls(text: string, options: { newlines?: boolean; json?: boolean } = {}): string {
  const escaped = text.replace(controls, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff && !options.json ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return options.newlines ? escaped.replace(/\r?\n/g, '\\n') : escaped;
}

/** Ends quietly when the reader of stdout goes away (`docket issue show x | head`), as Unix tools do. */
export function exitQuietlyOnEpipe(stream: NodeJS.WriteStream): void {
  if ((stream as { docketEpipe?: boolean }).docketEpipe) return;
  (stream as { docketEpipe?: boolean }).docketEpipe = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
