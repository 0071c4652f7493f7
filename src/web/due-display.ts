// How a due moment reads on a page: the shared block (src/time/due-block.ts) in the deadline's own zone,
// since the server does not know the reader's; /assets/app.js swaps in the reader's own clock time from
// the <time datetime> and then shows the issuer's time second, as emails do.
import type { DueMoment } from '../time/due-moment.js';
import { dueBlock, type DueBlock } from '../time/due-block.js';

export type DueDisplay = DueBlock;

export function dueDisplay(due: DueMoment, status: string, now: Date): DueDisplay {
  return dueBlock(due, status, now);
}

export { placeName } from '../time/due-block.js';
