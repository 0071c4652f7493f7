// Reports the RSS of an empty process started like the benchmark parts (under tsx), so memory figures
// can be read against what tsx itself costs: the service runs compiled JavaScript without it.
import { reportToParent } from './child.js';

if (process.send) {
  await reportToParent(process.memoryUsage.rss());
  process.exit(0);
}
