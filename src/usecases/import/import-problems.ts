// What is wrong with an import file, row by row. Import checks every row and collects every problem before
// it writes anything, then refuses the whole file with one message that lists them (up to a cap), so a
// person fixes the file in one pass instead of one error per run.
import { AppError, isAppError } from '../../errors.js';

/** Where a record sits: `row` counts records from 1 in file order (CSV: the spreadsheet row, header = 1). */
export interface RowRef {
  row: number;
  /** JSON only: the record's path, e.g. `issues[0].deadlines[1]`. */
  where?: string;
}

export interface ImportProblem extends RowRef {
  message: string;
}

/** More than this many lines would scroll the first ones away; the count of the rest is still given. */
export const problemListCap = 50;

export class ProblemList {
  readonly items: ImportProblem[] = [];

  add(ref: RowRef, message: string): void {
    this.items.push({ row: ref.row, where: ref.where, message });
  }

  /** Runs a check; an AppError it throws becomes this row's problem (anything else is a bug and propagates). */
  check<T>(ref: RowRef, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      if (!isAppError(error)) throw error;
      this.add(ref, error.message);
      return undefined;
    }
  }

  get size(): number {
    return this.items.length;
  }
}

/**
 * One line per problem, always: a message that echoes a value raw (offsets did: `has "line<LF>Bcc: …"`)
 * must not start a line of its own that reads like another problem or a header.
 */
export function problemLine(problem: ImportProblem): string {
  const message = problem.message.replace(/[\r\n\u0085\u2028\u2029]/g, (c) => lineBreakEscapes[c]!);
  return `row ${problem.row}${problem.where ? ` (${problem.where})` : ''}: ${message}`;
}

const lineBreakEscapes: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\u0085': '\\u0085', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** One validation error naming every bad row, in row order; the first `problemListCap` are listed. */
export function refuseImport(problems: readonly ImportProblem[], source: string): AppError {
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  const rows = new Set(sorted.map((p) => p.row)).size;
  const lines = sorted.slice(0, problemListCap).map((p) => `  ${problemLine(p)}`);
  if (sorted.length > problemListCap) lines.push(`  … and ${sorted.length - problemListCap} more`);
  const counted = `${sorted.length} problem${sorted.length === 1 ? '' : 's'} in ${rows} row${rows === 1 ? '' : 's'}`;
  const first = sorted[0];
  return new AppError('validation', `${source}: ${counted}; nothing was imported:\n${lines.join('\n')}`, {
    field: first ? `row ${first.row}` : undefined,
    value: source,
  });
}

/** A problem with the file as a whole (not JSON, no header row): nothing can be read row by row. */
export function fileProblem(source: string, problem: string): AppError {
  return new AppError('validation', `${source} ${problem}`, { field: 'file', value: source });
}
