// Import files with broken rows: mostly the shape `docket import` expects, with fields of the wrong
// type, missing, unknown or full of odd text, so most files fail on some rows and a few import cleanly.
import fc from 'fast-check';
import { oddDate, oddEmail, oddText, oddZone } from './odd-input.js';

const wrongType = fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.constant([]), fc.constant({}), fc.array(oddText, { maxLength: 2 }));
const mostly = <T>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<unknown> = oddText) => fc.oneof({ weight: 4, arbitrary: good }, { weight: 2, arbitrary: odd }, { weight: 1, arbitrary: wrongType });

const slug = mostly(fc.constantFrom('jk', 'fresh', 'another-one', 'Bad Slug'));
const title = mostly(fc.constantFrom('A demand', 'Japan’s position', '한국 요청'));
const due = mostly(fc.constantFrom('2020-06-30', 'end of this month', 'within 30 days', '2020-06-30T23:59:59.999+09:00'), oddDate);
const zone = mostly(fc.constantFrom('Asia/Seoul', 'UTC'), oddZone);

const deadline = fc.record(
  {
    title,
    due,
    announced: mostly(fc.constantFrom('2020-05-12T18:38+09:00', '2020-05-12'), oddDate),
    zone,
    by: mostly(fc.constantFrom('South Korea')),
    to: mostly(fc.constantFrom('Japan')),
    sources: mostly(fc.constant(['https://example.org/a'])),
    status: mostly(fc.constantFrom('pending', 'met', 'extended')),
    key: mostly(fc.constantFrom('k1', 'k2')),
    expression: mostly(fc.constantFrom('end of this month')),
    precision: mostly(fc.constantFrom('day', 'month', 'instant')),
    resolutionNote: oddText,
    offsets: mostly(fc.constantFrom('7d,1d,0d', ['7d'], 'none')),
    colour: oddText,
  },
  { requiredKeys: ['title', 'due'] },
);

const issue = fc.record(
  {
    slug,
    title,
    summary: oddText,
    parties: mostly(fc.constant(['Japan', 'South Korea']), fc.array(oddText, { maxLength: 3 })),
    tags: mostly(fc.constant(['export-controls'])),
    sources: mostly(fc.constant(['https://example.org/a'])),
    status: mostly(fc.constantFrom('open', 'closed')),
    offsets: mostly(fc.constantFrom('7d,1d,0d', 'none')),
    deadlines: mostly(fc.array(deadline, { maxLength: 3 })),
  },
  { requiredKeys: ['slug'] },
);

const subscription = fc.oneof(slug, fc.record({ issue: slug, deadline: mostly(fc.constantFrom('k1', 'k2')) }));

const subscriber = fc.record(
  {
    email: mostly(fc.constantFrom('analyst@example.org', 'desk@example.org'), oddEmail),
    zone,
    delivery: mostly(fc.constantFrom('immediate', 'daily')),
    confirmed: mostly(fc.boolean()),
    subscriptions: mostly(fc.array(subscription, { maxLength: 2 })),
  },
  { requiredKeys: ['email'] },
);

const document = fc.record(
  { issues: mostly(fc.array(issue, { maxLength: 3 })), subscribers: mostly(fc.array(subscriber, { maxLength: 2 })), version: mostly(fc.constant(1)), extra: oddText },
  { requiredKeys: [] },
);

export const importJson: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: document.map((doc) => JSON.stringify(doc, null, 1)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null') },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '{"issues": [', '\uFEFF{"issues": []}', '{"issues": [], "issues": [{"slug": "x"}]}', '[]', 'null', '{"__proto__": {"issues": []}}') },
);

const columns = ['issue', 'issue_title', 'title', 'due', 'announced', 'zone', 'by', 'to', 'sources', 'status', 'key', 'expression', 'precision', 'resolution_note', 'id', 'dueAt', 'colour', ''];

const cell = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('jk', 'fresh', 'A demand', '2020-06-30', 'end of this month', 'Asia/Seoul', 'https://example.org/a;https://example.org/b', 'pending', '') },
  { weight: 2, arbitrary: oddText },
  { weight: 1, arbitrary: oddDate },
);

/** A CSV cell as a spreadsheet would write it, or (sometimes) broken: an unclosed quote, a stray quote. */
const written = fc.tuple(cell, fc.nat({ max: 9 })).map(([text, roll]) => {
  if (roll === 0) return `"${text}`;
  if (roll === 1) return `a"b${text}`;
  return /[",\r\n]/.test(text) || roll === 2 ? `"${text.replace(/"/g, '""')}"` : text;
});

export const importCsv: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.constant(['issue', 'issue_title', 'title', 'due', 'zone']), fc.subarray(columns, { minLength: 1 })),
    fc.array(fc.array(written, { minLength: 1, maxLength: 7 }), { maxLength: 4 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
  )
  .map(([header, rows, eol, bom]) => `${bom ? '\uFEFF' : ''}${[header.join(','), ...rows.map((row) => row.join(','))].join(eol)}${eol}`);
