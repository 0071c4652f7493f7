// Hostile and odd values for properties over the CLI and the HTTP API: text that breaks naive code
// (NUL, bidi controls, emoji, lone surrogates, line breaks, header-like text, huge values), dates on
// the edges of the calendar, and zones that are almost right.
import fc from 'fast-check';

/** Text pieces chosen to break parsers, databases, terminals and email headers. */
export const nastyStrings = [
  '',
  ' ',
  '\t\n ',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '\uFEFF',
  '👩🏽‍⚖️',
  '🇯🇵🇰🇷',
  'e\u0301\u0301\u0301',
  '\uD800',
  'x\uDC00y',
  '\uFFFF\uFFFE',
  'line\r\nBcc: victim@example.com',
  '=?UTF-8?B?DQpCY2M6IHZpY3RpbUBleGFtcGxlLmNvbQ==?=',
  '"quoted", with, commas',
  "'; DROP TABLE deadline; --",
  '%00%0d%0a',
  '../../etc/passwd',
  '--json',
  '-1',
  '1e309',
  'NaN',
  '__proto__',
  '<script>alert(1)</script>',
  '\u001b[31mred\u001b[0m',
  '한국어 日本語 عربى',
];

export const hugeStrings = ['x'.repeat(5000), '9'.repeat(300), '\u202E'.repeat(1000), '👩🏽‍⚖️'.repeat(300)];

export const oddText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 1, arbitrary: fc.constantFrom(...hugeStrings) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...nastyStrings), { minLength: 2, maxLength: 3 }).map((parts) => parts.join('')) },
);

/** Dates and phrases on the edges: days that do not exist, 24:00, years 0 and 10000, near-misses of phrases. */
export const edgeDates = [
  '2026-02-29',
  '2024-02-29',
  '2024-02-30',
  '2020-04-31',
  '2020-13-01',
  '2020-00-10',
  '2020-06-01T24:00',
  '2020-06-01T24:00:00Z',
  '24:00',
  '2020-06-01T23:60',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '10000-01-01',
  '+010000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.001Z',
  '1970-01-01T00:00:00Z',
  '2020-05-31T17:00+25:00',
  '31/05/2020',
  '05/06/2020',
  '2020-06-15',
  '2020-06-15T17:00+09:00',
  'end of this month',
  'END OF THIS MONTH',
  ' end  of  this  month ',
  'by the end of this month',
  'end of the month',
  'end of this month.',
  'end of last month',
  'end of next month',
  'end of this mont',
  'end of this month\u0000',
  'end of this month\u202E',
  'within 30 days',
  'within 0 days',
  'within -1 days',
  'within 99999999999 days',
  'in 100000 years',
  'by 5 p.m. on Friday',
  'by 25 p.m. on Friday',
  'next blursday',
  'yesterday',
  'now',
];

export const oddDate: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...edgeDates) }, { weight: 1, arbitrary: oddText });

export const edgeZones = ['UTC', 'Asia/Seoul', 'asia/seoul', 'Mars/Base', 'Etc/GMT+99', 'Etc/GMT-14', '+09:00', 'UTC+9', 'Z', 'local', 'system', 'America/Argentina/ComodRivadavia', 'Europe/Kyiv', 'Asia/Seoul\u0000', 'Asia/Seoul '];

export const oddZone: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...edgeZones) }, { weight: 1, arbitrary: oddText });

export const edgeNumbers = ['1', '2', '#1', '0', '-1', '1.5', '1e3', '1e309', 'Infinity', '0x10', '99999999999999999999', '9007199254740993', ' 1 '];

export const oddNumber: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...edgeNumbers) }, { weight: 1, arbitrary: oddText });

export const edgeEmails = ['analyst@example.org', 'ANALYST@EXAMPLE.ORG', 'new@example.org', 'not-an-email', 'a@b', 'a@example.org\r\nBcc: victim@example.com', 'a@example.org, victim@example.com', '"a b"@example.org', `${'a'.repeat(250)}@example.org`, 'ümlaut@example.org', '\u202Ea@example.org', '<a@example.org>'];

export const oddEmail: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...edgeEmails) }, { weight: 1, arbitrary: oddText });
