// A zone's UTC offset at an instant, cached. Asking Intl for an offset costs ~20 µs, and listing 10,000
// deadlines asks 50,000 times. Offsets change only at transitions, and no IANA zone has had two
// transitions within 6 hours: so when the offset is the same at both ends of a 6-hour window, it is the
// same throughout, and the window's answer is reused. Windows that contain a transition are not cached.
import { IANAZone } from 'luxon';

const windowMs = 6 * 3_600_000;
const zones = new Map<string, IANAZone | null>();
const windows = new Map<string, Map<number, number>>();

/** Minutes east of UTC, or null when `zone` is not an IANA zone. */
export function offsetMinutes(zone: string, ms: number): number | null {
  let iana = zones.get(zone);
  if (iana === undefined) {
    iana = IANAZone.isValidZone(zone) ? IANAZone.create(zone) : null;
    zones.set(zone, iana);
  }
  if (iana === null) return null;
  const index = Math.floor(ms / windowMs);
  let known = windows.get(zone);
  if (known === undefined) windows.set(zone, (known = new Map()));
  const cached = known.get(index);
  if (cached !== undefined) return cached;
  const start = iana.offset(index * windowMs);
  const end = iana.offset((index + 1) * windowMs - 1);
  if (start !== end) return iana.offset(ms);
  if (known.size < 100_000) known.set(index, start);
  return start;
}
