// Where a dateline city or a party is, as an IANA zone: cities from city-timezones (a populated-places
// table; the most populous match wins, so "London" is the British one), countries by their most
// populous city there. Japanese and Korean city names are mapped to the English name the table uses.
import cityTimezones from 'city-timezones';

const cityNames: Record<string, string> = {
  ソウル: 'Seoul', 東京: 'Tokyo', ワシントン: 'Washington, D.C.', 北京: 'Beijing', ブリュッセル: 'Brussels', ジュネーブ: 'Geneva', ロンドン: 'London',
  パリ: 'Paris', ベルリン: 'Berlin', モスクワ: 'Moscow', 台北: 'Taipei', 大阪: 'Osaka', 釜山: 'Busan', ニューヨーク: 'New York', 上海: 'Shanghai',
  서울: 'Seoul', 도쿄: 'Tokyo', 워싱턴: 'Washington, D.C.', 베이징: 'Beijing', 브뤼셀: 'Brussels', 제네바: 'Geneva', 런던: 'London', 파리: 'Paris',
  베를린: 'Berlin', 모스크바: 'Moscow', 타이베이: 'Taipei', 오사카: 'Osaka', 부산: 'Busan', 뉴욕: 'New York', 상하이: 'Shanghai', 세종: 'Daejeon',
  Washington: 'Washington, D.C.', Sejong: 'Daejeon',
};

type City = { city: string; timezone: string; pop: number; iso2: string };
const rows = cityTimezones.cityMapping as unknown as City[];

/** The zone and country of a city named in a dateline ("SEOUL", "Brussels", "ソウル"), or undefined. */
export function cityPlace(name: string): { zone: string; iso2: string; city: string } | undefined {
  const trimmed = name.trim();
  const english = cityNames[trimmed] ?? cityNames[titleCase(trimmed)] ?? titleCase(trimmed);
  const found = (cityTimezones.lookupViaCity(english) as unknown as City[]).filter((c) => c.timezone);
  const best = found.sort((a, b) => b.pop - a.pop)[0];
  return best ? { zone: best.timezone, iso2: best.iso2, city: best.city } : undefined;
}

const countryZones = new Map<string, string>();

/** The zone of a country (ISO 3166 alpha-2): that of its most populous city in the table. */
export function countryZone(iso2: string): string | undefined {
  if (countryZones.size === 0) {
    const best = new Map<string, City>();
    for (const c of rows) if (c.iso2 && c.timezone && (best.get(c.iso2)?.pop ?? -1) < c.pop) best.set(c.iso2, c);
    for (const [code, c] of best) countryZones.set(code, c.timezone);
  }
  return countryZones.get(iso2);
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])\p{L}/gu, (m) => m.toUpperCase());
}
