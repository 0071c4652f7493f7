// How the CLI prints: aligned tables for people, stable JSON for scripts. Colour only on a TTY and never
// with NO_COLOR (https://no-color.org).
import Table from 'cli-table3';
import { escapeControls, exitQuietlyOnEpipe } from './terminal-text.js';

export interface Output {
  /** Print a line to stdout (control characters escaped: much of it comes from the store). */
  line(text?: string): void;
  /** A bold line (on a terminal). */
  heading(text: string): void;
  json(value: unknown): void;
  table(head: string[], rows: Array<Array<string | number | null | undefined>>): void;
  /** Notes for people (progress, "nothing found") go to stderr so stdout stays parseable. */
  note(text: string): void;
  /** A warning printed once the command has done its work (`flushWarnings`); dropped if it then fails. */
  warnAfter(text: string): void;
  flushWarnings(): void;
  color: boolean;
  bold(text: string): string;
  dim(text: string): string;
}

export function createOutput(stream: NodeJS.WriteStream = process.stdout, err: NodeJS.WriteStream = process.stderr, env = process.env): Output {
  const color = Boolean(stream.isTTY) && !('NO_COLOR' in env) && env.TERM !== 'dumb';
  const wrap = (open: number, close: number) => (text: string) => (color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  const bold = wrap(1, 22);
  exitQuietlyOnEpipe(stream);
  const warnings: string[] = [];
  const note = (text: string) => err.write(`${escapeControls(text)}\n`);
  return {
    color,
    bold,
    dim: wrap(2, 22),
    line: (text = '') => stream.write(`${escapeControls(text)}\n`),
    heading: (text) => stream.write(`${bold(escapeControls(text))}\n`),
    // JSON.stringify escapes C0 controls itself; C1 and bidi controls are escaped here too.
    json: (value) => stream.write(`${escapeControls(JSON.stringify(value, null, 2), { json: true })}\n`),
    note,
    warnAfter: (text) => warnings.push(text),
    flushWarnings: () => warnings.splice(0).forEach((text) => note(`warning: ${text}`)),
    table(head, rows) {
      const table = new Table({
        head: head.map((cell) => (color ? bold(cell) : cell)),
        style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 2 },
        chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '' },
      });
      for (const row of rows) table.push(row.map((cell) => (cell === null || cell === undefined ? '' : escapeControls(String(cell), { newlines: true }))));
      stream.write(`${table.toString().split('\n').map((line) => line.trimEnd()).join('\n')}\n`);
    },
  };
}
