// One benchmark part in its own process: `worker.ts <planning|throughput|memory> <sqlite|postgres> <full|quick>`.
// Started by run.ts through runInChild; reports its result object over IPC.
import type { Provider } from '../../src/store/open-store.js';
import { reportToParent } from '../support/child.js';
import { measureMemory } from './memory.js';
import { measurePlanning } from './planning.js';
import { fullSizes, parts, quickSizes, type Part } from './sizes.js';
import { measureThroughput } from './throughput.js';

async function main(): Promise<void> {
  const [part, provider, mode] = process.argv.slice(2) as [Part, Provider, 'full' | 'quick'];
  const sizes = mode === 'quick' ? quickSizes : fullSizes;
  switch (part) {
    case 'planning':
      return reportToParent(await measurePlanning(provider, sizes.planning));
    case 'throughput':
      return reportToParent(await measureThroughput(provider, sizes.throughput));
    case 'memory':
      return reportToParent(await measureMemory(provider, sizes.memory));
    default:
      throw new Error(`unknown benchmark part ${String(part)}; known parts are: ${parts.join(', ')}`);
  }
}

if (process.send) {
  await main();
  process.exit(0); // the result is delivered; a lingering pool socket must not keep the part alive
}
