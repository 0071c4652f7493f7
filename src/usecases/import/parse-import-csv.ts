// Reads an import file's CSV: a header row naming the columns (any order; transfer-format.ts lists them),
// then one row per deadline. An issue is named on each of its rows; the first row that names it stands for
// it, and `issue_title` is needed only when the issue does not exist yet. Rows are the spreadsheet's row
// numbers (the header is row 1). Cells are text; empty means "not given".
import { parse } from 'csv-parse/sync';
import { closest } from '../../did-you-mean.js';
import { unprotectCell } from './csv-cells.js';
import { fileProblem, ProblemList } from './import-problems.js';
import type { ParsedDeadline, ParsedFile, ParsedRow } from './parse-import-json.js';
import { csvColumns, requiredCsvColumns, splitSources, type CsvColumn, type IssueRecord } from './transfer-format.js';

export function parseImportCsv(text: string, source: string): ParsedFile {
  const records = readCsv(text, source);
  const header = (records[0] ?? []).map((cell) => cell.trim());
  if (header.every((cell) => cell === '')) throw fileProblem(source, `has no header row; the first row names the columns, e.g. ${csvColumns.slice(0, 10).join(',')}`);
  const unknown = header.filter((name) => !(csvColumns as readonly string[]).includes(name));
  if (unknown.length > 0) {
    // Quote a header cell back only when it is a near miss of a real column: the file may be anything
    // (`docket import data/secret`), and its first line must not end up on a terminal or in a log.
    const near = unknown.map((name) => ({ name, meant: closest(name, csvColumns, 1)[0] })).filter((item) => item.meant !== undefined);
    const hidden = unknown.length - near.length;
    const what = [
      ...(near.length > 0 ? [`unknown column ${near.map((item) => `"${item.name}" (did you mean "${item.meant}"?)`).join(', ')}`] : []),
      ...(hidden > 0 ? [`${hidden} column name(s) Docket does not know (not shown, as the file may not be a Docket CSV at all)`] : []),
    ].join(' and ');
    throw fileProblem(source, `has ${what}; the columns are ${csvColumns.join(', ')}`);
  }
  const missing = requiredCsvColumns.filter((name) => !header.includes(name));
  if (missing.length > 0) throw fileProblem(source, `has no ${missing.map((name) => `"${name}"`).join(', ')} column; every row needs ${requiredCsvColumns.join(', ')}`);
  const repeated = header.filter((name, i) => header.indexOf(name) !== i);
  if (repeated.length > 0) throw fileProblem(source, `names the column "${repeated[0]}" twice`);

  const parsed: ParsedFile = { format: 'csv', issues: [], deadlines: [], subscribers: [], problems: new ProblemList(), rows: 0 };
  const issues = new Map<string, ParsedRow<IssueRecord>>();
  records.slice(1).forEach((cells, i) => {
    const ref = { row: i + 2 };
    if (cells.every((cell) => cell.trim() === '')) return; // a blank line between blocks of rows
    parsed.rows += 1;
    if (cells.length !== header.length) {
      parsed.problems.add(ref, `has ${cells.length} cells but the header has ${header.length} columns (a comma inside a value needs "quotes")`);
      return;
    }
    const cell = (name: CsvColumn): string | undefined => {
      const index = header.indexOf(name);
      const value = index === -1 ? undefined : cells[index];
      return value === undefined || value.trim() === '' ? undefined : unprotectCell(value);
    };
    const slug = cell('issue')?.trim() ?? '';
    const issueTitle = cell('issue_title');
    const known = issues.get(slug);
    if (!known) {
      const row: ParsedRow<IssueRecord> = { ...ref, record: { slug, ...(issueTitle !== undefined && { title: issueTitle }) }, reported: new Set() };
      issues.set(slug, row);
      parsed.issues.push(row);
    } else if (issueTitle !== undefined) {
      if (known.record.title === undefined) known.record.title = issueTitle;
      else if (known.record.title.trim() !== issueTitle.trim()) {
        parsed.problems.add(ref, `issue_title ${JSON.stringify(issueTitle)} differs from row ${known.row}'s ${JSON.stringify(known.record.title)} for issue "${slug}"`);
      }
    }
    const sources = cell('sources');
    const deadline: ParsedDeadline = {
      ...ref,
      issue: slug,
      reported: new Set(),
      record: {
        ...optional('title', cell('title')),
        ...optional('due', cell('due')),
        ...optional('key', cell('key')),
        ...optional('announced', cell('announced')),
        ...optional('zone', cell('zone')),
        ...optional('by', cell('by')),
        ...optional('to', cell('to')),
        ...optional('status', cell('status')),
        ...optional('expression', cell('expression')),
        ...optional('resolutionNote', cell('resolution_note')),
        ...optional('precision', cell('precision')),
        ...(sources !== undefined && { sources: splitSources(sources) }),
      },
    };
    parsed.deadlines.push(deadline);
  });
  return parsed;
}

function optional<K extends string>(name: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [name]: value } as Record<K, string>);
}

function readCsv(text: string, source: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, relax_quotes: false }) as string[][];
  } catch (error) {
    // csv-parse's message quotes the offending text; its code and line say enough without echoing it.
    const { code, lines } = error as { code?: string; lines?: number };
    throw fileProblem(source, `is not readable CSV${lines === undefined ? '' : ` (line ${lines})`}: ${(code ?? 'CSV_ERROR').replace(/^CSV_/, '').toLowerCase().replaceAll('_', ' ')}`);
  }
}
