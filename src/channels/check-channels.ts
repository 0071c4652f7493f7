// Channel health for `docket doctor` and /metrics: which channels are disabled, and why.
import type { CheckResult } from '../ops/doctor-check.js';
import { ok, warn } from '../ops/doctor-check.js';
import type { Tx } from '../store/open-store.js';

/** null when there are no channels (no line in doctor's report). */
export async function checkChannels(db: Tx): Promise<CheckResult | null> {
  const channels = await db.channel.findMany({ orderBy: { name: 'asc' }, select: { name: true, kind: true, disabledAt: true, disabledReason: true, failures: true } });
  if (channels.length === 0) return null;
  const disabled = channels.filter((channel) => channel.disabledAt !== null);
  if (disabled.length === 0) {
    const failing = channels.filter((channel) => channel.failures > 0);
    return ok('channels', `${channels.length} enabled${failing.length > 0 ? `; failing now: ${failing.map((c) => `${c.name} (${c.failures} in a row)`).join(', ')}` : ''}`);
  }
  const list = disabled.map((channel) => `${channel.name} (${channel.kind}, since ${channel.disabledAt!.toISOString()}: ${channel.disabledReason ?? 'no reason recorded'})`).join('; ');
  return warn('channels', `${disabled.length} of ${channels.length} disabled: ${list}`, `fix the receiver, check it with \`docket channel test <name>\`, then \`docket channel enable <name>\``);
}

/** Channels by kind and state, for the docket_channels gauge. */
export async function channelCounts(db: Tx): Promise<Array<{ kind: string; state: 'enabled' | 'disabled'; n: number }>> {
  const rows = await db.channel.findMany({ select: { kind: true, disabledAt: true } });
  const counts = new Map<string, { kind: string; state: 'enabled' | 'disabled'; n: number }>();
  for (const row of rows) {
    const state = row.disabledAt === null ? 'enabled' : 'disabled';
    const entry = counts.get(`${row.kind}/${state}`) ?? { kind: row.kind, state, n: 0 };
    entry.n += 1;
    counts.set(`${row.kind}/${state}`, entry);
  }
  return [...counts.values()];
}
