// Reads an import file's JSON into rows, checking only its shape (an object where one is expected, text
// where text is, no unknown fields). What the values mean (a readable due date, a real zone) is checked
// later, row by row, in check-import-rows.ts. Rows are numbered in file order: each issue, then its
// deadlines, then the next issue, and the subscribers last.
import { fileProblem, ProblemList, type RowRef } from './import-problems.js';
import {
  deadlineFields,
  documentFields,
  issueFields,
  subscriberFields,
  subscriptionFields,
  transferVersion,
  type DeadlineRecord,
  type IssueRecord,
  type SubscriberRecord,
} from './transfer-format.js';

export interface ParsedRow<T> extends RowRef {
  record: Partial<T>;
  /** Fields whose problem is already reported (wrong type), so later checks do not report them again. */
  reported: Set<string>;
}

export interface ParsedDeadline extends ParsedRow<DeadlineRecord> {
  /** The slug of the issue it belongs to, as written. */
  issue: string;
}

export interface ParsedSubscription {
  /** `subscriptions[2]`, for messages. */
  label: string;
  issue: string;
  deadline: string | null;
}

export interface ParsedSubscriber extends ParsedRow<SubscriberRecord> {
  subscriptions: ParsedSubscription[];
}

export interface ParsedFile {
  format: 'json' | 'csv';
  issues: Array<ParsedRow<IssueRecord>>;
  deadlines: ParsedDeadline[];
  subscribers: ParsedSubscriber[];
  problems: ProblemList;
  /** How many records the file holds. */
  rows: number;
}

type Json = Record<string, unknown>;

export function parseImportJson(text: string, source: string): ParsedFile {
  const document = readJson(text, source);
  if (!isObject(document)) throw fileProblem(source, 'is not a Docket import file: expected an object such as { "issues": [ … ] }');
  const unknown = Object.keys(document).filter((key) => !(documentFields as readonly string[]).includes(key));
  if (unknown.length > 0) throw fileProblem(source, `has unknown top-level field ${quoteList(unknown)}; the fields are ${documentFields.join(', ')}`);
  if (document.version !== undefined && document.version !== transferVersion) {
    throw fileProblem(source, `is format version ${JSON.stringify(document.version)}; this Docket reads version ${transferVersion}`);
  }
  const issues = listAt(document, 'issues', source);
  const subscribers = listAt(document, 'subscribers', source);

  const parsed: ParsedFile = { format: 'json', issues: [], deadlines: [], subscribers: [], problems: new ProblemList(), rows: 0 };
  const next = (where: string): RowRef => ({ row: ++parsed.rows, where });
  issues.forEach((value, i) => {
    const row = readRecord<IssueRecord>(value, next(`issues[${i}]`), issueFields, 'an issue', parsed.problems);
    parsed.issues.push(row);
    const slug = typeof row.record.slug === 'string' ? row.record.slug : '';
    const deadlines = (row.record as { deadlines?: unknown }).deadlines;
    delete (row.record as { deadlines?: unknown }).deadlines;
    if (deadlines === undefined || deadlines === null) return;
    if (!Array.isArray(deadlines)) {
      parsed.problems.add(row, 'deadlines must be a list of deadlines ([ { "title": …, "due": … } ])');
      return;
    }
    deadlines.forEach((item: unknown, j) => {
      parsed.deadlines.push({ ...readRecord<DeadlineRecord>(item, next(`issues[${i}].deadlines[${j}]`), deadlineFields, 'a deadline', parsed.problems), issue: slug });
    });
  });
  subscribers.forEach((value, i) => {
    const row = readRecord<SubscriberRecord>(value, next(`subscribers[${i}]`), subscriberFields, 'a subscriber', parsed.problems);
    parsed.subscribers.push({ ...row, subscriptions: readSubscriptions(row, parsed.problems) });
  });
  return parsed;
}

function readJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (position) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      where = ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
    }
    throw fileProblem(source, `is not valid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/, ".*$/s, '')}`);
  }
}

function listAt(document: Json, field: 'issues' | 'subscribers', source: string): unknown[] {
  const value = document[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw fileProblem(source, `has "${field}" that is not a list`);
  return value;
}

// Each field's expected JSON type; "texts" is a list of strings.
const kinds: Record<string, 'text' | 'texts' | 'offsets' | 'boolean' | 'list' | 'nullableText'> = {
  slug: 'text', title: 'text', summary: 'text', parties: 'texts', tags: 'texts', sources: 'texts', status: 'text', offsets: 'offsets',
  deadlines: 'list', key: 'text', due: 'text', precision: 'text', expression: 'text', announced: 'text', zone: 'text', by: 'text',
  to: 'text', resolutionNote: 'nullableText', email: 'text', delivery: 'text', weekday: 'text', reminders: 'texts', confirmed: 'boolean', subscriptions: 'list',
};

const typeProblems: Record<(typeof kinds)[string], string> = {
  text: 'must be text',
  nullableText: 'must be text or null',
  texts: 'must be a list of text ([ "…", "…" ])',
  offsets: 'must be a list of offsets (["7d", "1d"]) or text ("7d,1d,0d")',
  boolean: 'must be true or false',
  list: 'must be a list',
};

function readRecord<T>(value: unknown, ref: RowRef, fields: readonly string[], what: string, problems: ProblemList): ParsedRow<T> {
  const row: ParsedRow<T> = { ...ref, record: {}, reported: new Set() };
  if (!isObject(value)) {
    problems.add(ref, `is not ${what}: expected an object with ${fields.join(', ')}`);
    row.reported.add('*');
    return row;
  }
  const record: Json = {};
  for (const [field, item] of Object.entries(value)) {
    if (!fields.includes(field)) {
      problems.add(ref, `unknown field "${field}"; the fields of ${what} are ${fields.join(', ')}`);
      continue;
    }
    if (item === undefined || item === null) continue;
    const kind = kinds[field] ?? 'text';
    if (!hasKind(item, kind)) {
      problems.add(ref, `${field} ${typeProblems[kind]}, not ${describe(item)}`);
      row.reported.add(field);
      continue;
    }
    record[field] = item;
  }
  row.record = record as Partial<T>;
  return row;
}

function hasKind(value: unknown, kind: (typeof kinds)[string]): boolean {
  switch (kind) {
    case 'text':
    case 'nullableText':
      return typeof value === 'string';
    case 'texts':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'offsets':
      return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value);
  }
}

function readSubscriptions(row: ParsedRow<SubscriberRecord>, problems: ProblemList): ParsedSubscription[] {
  const list = (row.record.subscriptions ?? []) as unknown[];
  delete row.record.subscriptions;
  const result: ParsedSubscription[] = [];
  list.forEach((item, i) => {
    const label = `subscriptions[${i}]`;
    if (typeof item === 'string') {
      result.push({ label, issue: item, deadline: null });
      return;
    }
    if (!isObject(item) || typeof item.issue !== 'string' || (item.deadline != null && typeof item.deadline !== 'string')) {
      problems.add(row, `${label} must be an issue slug ("japan-korea-export-controls") or { "issue": slug, "deadline": key }, not ${describe(item)}`);
      return;
    }
    const unknown = Object.keys(item).filter((key) => !(subscriptionFields as readonly string[]).includes(key));
    if (unknown.length > 0) problems.add(row, `${label} has unknown field ${quoteList(unknown)}; its fields are ${subscriptionFields.join(', ')}`);
    result.push({ label, issue: item.issue, deadline: typeof item.deadline === 'string' ? item.deadline : null });
  });
  return result;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function quoteList(names: string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}
