// The names a party goes by in running text. Country names in English, Japanese and Korean come from
// i18n-iso-countries; on top of it, small tables of what that package does not hold: the short forms
// the press uses (韓国, 한국, 米国), capitals used for their governments (Seoul → South Korea),
// demonyms ("Korean government"), ministries, and international bodies.
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import type { Language } from './types.js';

const require = createRequire(import.meta.url);
for (const locale of ['en', 'ja', 'ko']) countries.registerLocale(require(`i18n-iso-countries/langs/${locale}.json`));

export interface PartyName {
  /** The canonical English name, e.g. "South Korea". */
  name: string;
  /** ISO 3166 alpha-2 code, or a city for a body ("Geneva"), to find the party's zone. */
  place: { iso2: string } | { city: string };
}

// Where the package's English alias is not the name people use.
const canonicalOverride: Record<string, string> = {
  KR: 'South Korea', KP: 'North Korea', US: 'United States', GB: 'United Kingdom', RU: 'Russia', CN: 'China', TW: 'Taiwan', IR: 'Iran',
  SY: 'Syria', VN: 'Vietnam', LA: 'Laos', MD: 'Moldova', TZ: 'Tanzania', VE: 'Venezuela', BO: 'Bolivia',
};

export function canonicalCountry(iso2: string): string {
  const override = canonicalOverride[iso2];
  if (override) return override;
  const alias = countries.getName(iso2, 'en', { select: 'alias' });
  if (alias && !alias.includes(',')) return alias;
  return (countries.getName(iso2, 'en', { select: 'all' }) ?? []).find((n) => !n.includes(',')) ?? alias ?? iso2;
}

const bodies: Array<{ name: string; city: string; en: string[]; ja: string[]; ko: string[] }> = [
  { name: 'European Union', city: 'Brussels', en: ['European Union', 'EU', 'E.U.', 'European Commission', 'the Commission', 'The Commission', 'Brussels', 'Council of the EU', 'European'], ja: ['欧州連合', 'EU', '欧州委員会', '欧州'], ko: ['유럽연합', 'EU', '유럽집행위원회', '집행위원회', '유럽'] },
  { name: 'World Trade Organization', city: 'Geneva', en: ['World Trade Organization', 'WTO'], ja: ['世界貿易機関', 'WTO'], ko: ['세계무역기구', 'WTO'] },
  { name: 'United Nations', city: 'New York', en: ['United Nations', 'UN', 'U.N.', 'Security Council', 'UN Security Council'], ja: ['国連', '国際連合', '安全保障理事会', '安保理'], ko: ['유엔', '국제연합', '안전보장이사회', '안보리'] },
  { name: 'International Monetary Fund', city: 'Washington, D.C.', en: ['International Monetary Fund', 'IMF'], ja: ['国際通貨基金', 'IMF'], ko: ['국제통화기금', 'IMF'] },
  { name: 'International Atomic Energy Agency', city: 'Vienna', en: ['International Atomic Energy Agency', 'IAEA'], ja: ['国際原子力機関', 'IAEA'], ko: ['국제원자력기구', 'IAEA'] },
];

// Short forms, capitals, demonyms and ministries → ISO code. Longer names win over shorter ones.
const extra: Record<Language, Record<string, string>> = {
  en: {
    Seoul: 'KR', Korean: 'KR', 'South Korean': 'KR', 'Ministry of Trade, Industry and Energy': 'KR', 'Ministry of Industry, Trade and Industry': 'KR', Korea: 'KR',
    'North Korean': 'KP', Pyongyang: 'KP', 'North Korea': 'KP',
    Tokyo: 'JP', Japanese: 'JP', METI: 'JP', 'Chief Cabinet Secretary': 'JP',
    Washington: 'US', American: 'US', 'U.S.': 'US', US: 'US', 'United States': 'US', 'White House': 'US', 'Commerce Department': 'US', 'State Department': 'US', USTR: 'US',
    Beijing: 'CN', Chinese: 'CN', Moscow: 'RU', Russian: 'RU', Kremlin: 'RU', London: 'GB', British: 'GB', Britain: 'GB', Paris: 'FR', French: 'FR',
    Berlin: 'DE', German: 'DE', Taipei: 'TW', Taiwanese: 'TW', 'New Delhi': 'IN', Indian: 'IN', Ottawa: 'CA', Canadian: 'CA', Canberra: 'AU', Australian: 'AU',
    Tehran: 'IR', Iranian: 'IR', 'Mexico City': 'MX', Mexican: 'MX', Ankara: 'TR', Turkish: 'TR', Hanoi: 'VN', Vietnamese: 'VN', Jakarta: 'ID', Indonesian: 'ID',
    Brasilia: 'BR', Brazilian: 'BR', Kyiv: 'UA', Ukrainian: 'UA', Canada: 'CA',
  },
  ja: {
    韓国: 'KR', 韓国政府: 'KR', 韓政府: 'KR', 韓国側: 'KR', ソウル: 'KR', 産業通商資源省: 'KR', 産業通商資源部: 'KR', 青瓦台: 'KR',
    北朝鮮: 'KP', 平壌: 'KP', 日本: 'JP', 日本政府: 'JP', 日政府: 'JP', 経済産業省: 'JP', 経産省: 'JP', 外務省: 'JP', 官房長官: 'JP', 公正取引委員会: 'JP', 金融庁: 'JP',
    米国: 'US', 米政府: 'US', 米側: 'US', アメリカ: 'US', 中国: 'CN', 中国政府: 'CN', ロシア: 'RU', 英国: 'GB', 台湾: 'TW', ワシントン: 'US', 北京: 'CN', 東京: 'JP',
  },
  ko: {
    한국: 'KR', 우리나라: 'KR', '우리 정부': 'KR', 정부: 'KR', 산업통상자원부: 'KR', 산업부: 'KR', 외교부: 'KR', 공정거래위원회: 'KR', 공정위: 'KR', 방송통신위원회: 'KR', 기획재정부: 'KR', 금융위원회: 'KR', 서울: 'KR', 청와대: 'KR',
    북한: 'KP', 평양: 'KP', 일본: 'JP', '일본 정부': 'JP', 도쿄: 'JP', 경제산업성: 'JP',
    미국: 'US', 워싱턴: 'US', '미 정부': 'US', 중국: 'CN', 베이징: 'CN', 러시아: 'RU', 영국: 'GB', 대만: 'TW',
  },
};

/** Every name of every party in `language`, longest first. */
export function partyNames(language: Language): Array<[string, PartyName]> {
  const names = new Map<string, PartyName>();
  const add = (term: string, party: PartyName) => {
    if (term.length >= 2 && !names.has(term)) names.set(term, party);
  };
  for (const [term, iso2] of Object.entries(extra[language])) add(term, { name: canonicalCountry(iso2), place: { iso2 } });
  for (const body of bodies) for (const term of body[language]) add(term, { name: body.name, place: { city: body.city } });
  for (const iso2 of Object.keys(countries.getAlpha2Codes())) {
    for (const term of countries.getName(iso2, language, { select: 'all' }) ?? []) add(term, { name: canonicalCountry(iso2), place: { iso2 } });
  }
  return [...names].sort((a, b) => b[0].length - a[0].length);
}
