// A confirmation request's key (the confirm alert's unique key) carries the zone and delivery that were
// asked for, so they are applied only when the address's owner confirms, never at a stranger's sign-up.
// 'c:<subscriber>:<issue|deadline>:<id>:<request ms>:<delivery>:<zone>'
const requestKey = /^c:(\d+):((?:issue|deadline):\d+):(\d+):(immediate|daily):(.{1,64})$/;

export function confirmRequestKey(subscriberId: number, scopeText: string, at: Date, delivery: string, zone: string): string {
  return `c:${subscriberId}:${scopeText}:${at.getTime()}:${delivery}:${zone}`;
}

export function readConfirmRequestKey(key: string): { delivery: string; zone: string } | null {
  const match = requestKey.exec(key);
  return match ? { delivery: match[4]!, zone: match[5]! } : null;
}
