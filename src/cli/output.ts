// How the CLI prints: aligned tables for people, stable JSON for scripts. Colour only on a TTY and never
// with NO_COLOR (https://no-color.org).
import Table from 'cli-table3';

export interface Output {
  /** Print a line to stdout. */
  line(text?: string): void;
  json(value: unknown): void;
  table(head: string[], rows: Array<Array<string | number | null | undefined>>): void;
  /** Notes for people (progress, "nothing found") go to stderr so stdout stays parseable. */
  note(text: string): void;
  color: boolean;
  bold(text: string): string;
  dim(text: string): string;
}

export function createOutput(stream: NodeJS.WriteStream = process.stdout, err: NodeJS.WriteStream = process.stderr, env = process.env): Output {
  const color = Boolean(stream.isTTY) && !('NO_COLOR' in env) && env.TERM !== 'dumb';
  const wrap = (open: number, close: number) => (text: string) => (color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  const bold = wrap(1, 22);
  return {
    color,
    bold,
    dim: wrap(2, 22),
    line: (text = '') => stream.write(`${text}\n`),
    json: (value) => stream.write(`${JSON.stringify(value, null, 2)}\n`),
    note: (text) => err.write(`${text}\n`),
    table(head, rows) {
      const table = new Table({
        head: head.map((cell) => (color ? bold(cell) : cell)),
        style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 2 },
        chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '' },
      });
      for (const row of rows) table.push(row.map((cell) => (cell === null || cell === undefined ? '' : String(cell))));
      stream.write(`${table.toString().split('\n').map((line) => line.trimEnd()).join('\n')}\n`);
    },
  };
}
