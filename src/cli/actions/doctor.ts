// `docket doctor`: one line per check (ok / warn / FAIL) and, under each problem, what to fix. Exit 0
// when nothing failed (warnings allowed) and 1 when a check failed — a bad config value included: doctor
// was used correctly and is reporting a broken installation. Only doctor's own arguments exit 2.
import { clockFromEnv } from '../../clock.js';
import { invalid } from '../../errors.js';
import type { CheckResult } from '../../ops/doctor-check.js';
import { runDoctor } from '../../ops/run-doctor.js';
import { createOutput } from '../output.js';

const labels = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

export async function doctor(options: { timeout: string; json?: boolean }): Promise<void> {
  const seconds = Number(options.timeout);
  if (!/^\d+(\.\d+)?$/.test(options.timeout.trim()) || seconds <= 0 || seconds > 600) throw invalid('timeout', options.timeout, 'must be a number of seconds between 0 and 600');
  const out = createOutput();
  const report = await runDoctor({ now: clockFromEnv().now(), timeoutMs: Math.round(seconds * 1000) });
  if (options.json) out.json(report);
  else {
    const width = Math.max(...report.checks.map((check) => check.name.length));
    for (const check of report.checks) printCheck(out.line, check, width);
    out.line(report.failed > 0 ? `${report.failed} check(s) failed, ${report.warnings} warning(s).` : `No failures${report.warnings > 0 ? `, ${report.warnings} warning(s)` : ''}.`);
  }
  process.exitCode = report.ok ? 0 : 1;
  // A check that timed out may leave a socket to a hung server open; do not wait for it to give up.
  if (report.checks.some((check) => check.timedOut)) process.stdout.write('', () => process.exit());
}

function printCheck(line: (text: string) => void, check: CheckResult, width: number): void {
  const indent = ' '.repeat(width + 8);
  line(`${labels[check.status]}  ${check.name.padEnd(width)}  ${check.detail}`);
  for (const info of check.info ?? []) line(`${indent}${info}`);
  if (check.fix) line(`${indent}fix: ${check.fix}`);
}
