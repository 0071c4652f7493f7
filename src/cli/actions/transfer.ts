// `docket import` and `docket export`. The file is read and its shape checked before the store is opened,
// so a file that is not JSON or CSV at all fails fast. Large imports show a progress bar, but only when
// both stdout and stderr are terminals: scripts and CI logs get the report alone.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { checkOneOf, invalid } from '../../errors.js';

import { exportCsv, exportDocument } from '../../usecases/export-records.js';
import { importRecords, parseImportFile, type ImportFormat, type ImportProgress, type ImportReport } from '../../usecases/import/import-records.js';
import { loadConfig } from '../../config/load-config.js';
import { createTemporaryBeside } from '../../private-files.js';
import { withCliContext } from '../context.js';
import { readImportInput } from '../read-import-input.js';
import type { Output } from '../output.js';
import { writeContext } from './use-case-context.js';

const formats = ['json', 'csv'] as const;

/** Below this many rows an import is over before a bar would be worth drawing. */
const progressBarRows = 1000;

export async function importFile(file: string, options: { dryRun?: boolean; format?: string; json?: boolean }): Promise<void> {
  const format = options.format === undefined ? undefined : checkOneOf(options.format, formats, 'format');
  const source = file === '-' ? 'stdin' : file;
  const parsed = parseImportFile(readImportInput(file, loadConfig().import.maxMb), source, format as ImportFormat | undefined);
  await withCliContext(async (ctx) => {
    const bar = parsed.rows >= progressBarRows && process.stdout.isTTY && process.stderr.isTTY ? progressBar() : undefined;
    let report: ImportReport;
    try {
      report = await importRecords(writeContext(ctx), parsed, { source, defaultZone: ctx.config.defaultZone, dryRun: options.dryRun, onProgress: bar?.update });
    } finally {
      bar?.stop();
    }
    if (options.json) ctx.out.json(report);
    else printReport(ctx.out, report);
  });
}

export async function exportRecords(options: { format?: string; output?: string }): Promise<void> {
  const format = checkOneOf(options.format ?? (options.output && /\.csv$/i.test(options.output) ? 'csv' : 'json'), formats, 'format');
  await withCliContext(async (ctx) => {
    const db = ctx.store.db;
    const text = format === 'csv' ? await exportCsv(db) : `${JSON.stringify(await exportDocument(db, { now: ctx.clock.now() }), null, 2)}\n`;
    if (options.output === undefined) {
      process.stdout.write(text);
      return;
    }
    writeWhole(options.output, text);
    ctx.out.note(`Exported to ${options.output} (${format}).`);
  });
}

/** Written beside the target and renamed into place, so a failed export never leaves half a file. */
function writeWhole(file: string, text: string): void {
  let temporary = '';
  try {
    temporary = createTemporaryBeside(file, 'tmp');
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    if (temporary) rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid('output', file, `cannot be written (${code ?? (error as Error).message})`);
  }
}

function progressBar(): { update: (progress: ImportProgress) => void; stop: () => void } {
  const bar = new SingleBar({ format: '{phase} [{bar}] {value}/{total} rows', hideCursor: true, clearOnComplete: true, stream: process.stderr });
  let phase = '';
  return {
    update(progress) {
      if (progress.phase !== phase) {
        if (phase !== '') bar.stop();
        phase = progress.phase;
        bar.start(progress.total, progress.done, { phase: phase.padEnd(8) });
      } else bar.update(progress.done);
    },
    stop: () => {
      if (phase !== '') bar.stop();
    },
  };
}

function printReport(out: Output, report: ImportReport): void {
  const kinds = ['issues', 'deadlines', 'subscribers', 'subscriptions'] as const;
  out.line(report.dryRun ? `Dry run of ${report.source}: nothing was written.` : `Imported ${report.source}.`);
  out.table(
    ['', report.dryRun ? 'would create' : 'created', 'already there'],
    kinds.map((kind) => [kind, report.created[kind], report.skipped[kind]]),
  );
}
