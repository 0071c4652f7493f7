// How `deadline find` and `deadline add --from` show what they propose: each candidate with its
// sentence, the deadline words highlighted (colour on a terminal, [brackets] otherwise).
import type { Candidate, FindResult } from '../../intake/types.js';
import { describeDue } from '../../time/describe-due.js';
import { formatInZone } from '../../time/format.js';
import type { Output } from '../output.js';

export function printFindResult(out: Output, result: FindResult, write: (text: string) => void = out.line): void {
  const at = new Date(result.announced.at);
  write(`Language ${result.language}; announced ${formatInZone(at, result.announced.zone)}, ${result.announced.zone} (${result.announced.from})`);
  if (result.candidates.length === 0) {
    write('No deadline found.');
    return;
  }
  result.candidates.forEach((c, i) => {
    write('');
    write(`${out.bold(`${i + 1}.`)} ${describeDue({ instant: new Date(c.dueAt), zone: c.zone, precision: c.precision }, { at, label: 'from announcement' })}`);
    write(`   ${c.demandedBy ?? '?'} → ${c.demandedOf ?? '?'}: ${c.title}`);
    write(`   ${highlight(out, c)}`);
    write(`   Read "${c.expression}" as: ${c.reading}; confidence ${c.confidence.toFixed(2)}`);
  });
}

function highlight(out: Output, c: Candidate): string {
  const at = c.evidence.text.indexOf(c.expression);
  if (at < 0) return c.evidence.text;
  const mark = out.color ? (s: string) => `\u001b[1;33m${s}\u001b[22;39m` : (s: string) => `[${s}]`;
  return `${c.evidence.text.slice(0, at)}${mark(c.expression)}${c.evidence.text.slice(at + c.expression.length)}`;
}
