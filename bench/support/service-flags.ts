// The Node flags `npm start` runs the service with (package.json's start script), so a benchmark of the
// service's memory measures the process the way it is deployed.
import { readFileSync } from 'node:fs';

export function serviceNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
  const match = /^node((?:\s+--[\w-]+(?:=\S+)?)*)\s+bin\/docket\.js\b/.exec(pkg.scripts.start);
  if (!match) throw new Error(`package.json start script ${JSON.stringify(pkg.scripts.start)} does not look like "node [flags] bin/docket.js serve"`);
  return match[1]!.trim().split(/\s+/).filter((flag) => flag !== '');
}
