// Who demands what of whom, from the words around a demand verb. Rules, not a parser: in English the
// party before the verb demands and the one after it is asked ("Seoul asked Tokyo …"), the passive turns
// that round ("Japan was given until …", "… by Brussels"), and "X must …" names the one asked. In Japanese
// and Korean the particles say it: に対し / 에 marks the one asked, は / 는 the one asking.
import { partyNames, type PartyName } from './party-names.js';
import type { Language } from './types.js';

export interface Mention extends PartyName {
  start: number;
  end: number;
}

const matchers = new Map<Language, RegExp>();
const lookups = new Map<Language, Map<string, PartyName>>();

function matcher(language: Language): { re: RegExp; names: Map<string, PartyName> } {
  let re = matchers.get(language);
  if (!re) {
    const names = partyNames(language);
    lookups.set(language, new Map(names));
    const escaped = names.map(([term]) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = language === 'en' ? new RegExp(`(?<![\\p{L}.])(?:${escaped.join('|')})(?![\\p{L}])`, 'gu') : new RegExp(escaped.join('|'), 'gu');
    matchers.set(language, re);
  }
  return { re, names: lookups.get(language)! };
}

/** Party mentions in `text`, in order; a name right after another ("日本 政府", "Korean Ministry") is one. */
export function findMentions(text: string, language: Language): Mention[] {
  const { re, names } = matcher(language);
  const out: Mention[] = [];
  for (const m of text.matchAll(re)) {
    const party = names.get(m[0])!;
    const prev = out.at(-1);
    if (prev && m.index - prev.end <= 1) {
      if (prev.name === party.name || m[0].length <= 2 || /^(?:정부|政府)$/.test(m[0])) continue;
    }
    out.push({ ...party, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export interface Roles {
  demandedBy: Mention | undefined;
  demandedOf: Mention | undefined;
  /** Offset just after the demand verb (and its object), where what is demanded begins. */
  verbEnd: number | undefined;
  verbStart: number | undefined;
}

const enVerb =
  /\b(?:asked|asks|ask|demanded|demands|urged|urges|called on|calls on|called for|calls for|requested|requests|told|tells|ordered|orders|gave|gives|given|pressed|presses|instructed|required|requires|set a deadline for|set|wants|insisted)\b/g;
const enPassive = /\b(?:was|were|has been|have been|had been|is being|is|are)\s+(?:asked|urged|told|ordered|given|required|instructed|called on|pressed)\b/;
const enMust = /\b(?:must|should|has until|have until|had until|is required to|are required to|needs to|need to|has to|have to|was due to|is due to|are due to)\b/;

export function assignRoles(text: string, language: Language, mentions: Mention[], spanStart: number): Roles {
  if (language === 'en') return englishRoles(text, mentions, spanStart);
  return particleRoles(text, language, mentions);
}

function englishRoles(text: string, mentions: Mention[], spanStart: number): Roles {
  const passive = enPassive.exec(text);
  if (passive) {
    const before = mentions.filter((m) => m.end <= passive.index);
    const by = mentions.find((m) => m.start > passive.index && /\bby\s+(?:the\s+)?$/.test(text.slice(Math.max(0, m.start - 8), m.start)));
    return { demandedOf: before.at(-1), demandedBy: by, verbStart: passive.index, verbEnd: passive.index + passive[0].length };
  }
  const verbs = [...text.matchAll(enVerb)];
  // The verb that governs the deadline: the last one before it, or else the first.
  const verb = verbs.filter((v) => v.index < spanStart).at(-1) ?? verbs[0];
  const must = enMust.exec(text);
  const object = verb ? namedObject(text, verb.index + verb[0].length, mentions) : undefined;
  if (must && !object && (!verb || must.index > verb.index || /\b(?:said|says|told reporters|announced|stated)\b/.test(text.slice(0, must.index)))) {
    const of = mentions.filter((m) => m.end <= must.index).at(-1);
    const by = mentions.find((m) => m !== of && m.name !== of?.name && m.end <= must.index);
    return { demandedOf: of, demandedBy: by, verbStart: must.index, verbEnd: must.index + must[0].length };
  }
  if (!verb) {
    // No verb of demand: the first party named is taken as the actor, the next one as the other side.
    const first = mentions[0];
    return { demandedBy: first, demandedOf: mentions.find((m) => m.name !== first?.name), verbStart: undefined, verbEnd: undefined };
  }
  const verbEnd = verb.index + verb[0].length;
  const by = mentions.filter((m) => m.end <= verb.index).at(0);
  // The one asked: named right after the verb ("asked Japan", "gave Apple"), else the next party named,
  // else one named before the verb ("lodged a protest with the Chinese government and requested …").
  const of =
    object ??
    mentions.find((m) => m.start >= verbEnd && m.name !== by?.name) ??
    mentions.filter((m) => m.end <= verb.index && m.name !== by?.name).at(-1);
  return { demandedBy: by, demandedOf: of, verbStart: verb.index, verbEnd: of && of.start >= verbEnd && of.start - verbEnd <= 12 ? of.end : verbEnd };
}

const notNames = /^(?:The|A|An|On|In|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;

/** The party named right after a verb: a known one, or a proper name the tables do not hold (a company). */
function namedObject(text: string, verbEnd: number, mentions: Mention[]): Mention | undefined {
  const known = mentions.find((m) => m.start >= verbEnd && m.start - verbEnd <= 5);
  if (known) return known;
  const m = /^\s+((?:[A-Z][\p{L}\d&.-]*)(?:\s+[A-Z][\p{L}\d&.-]*){0,3})/u.exec(text.slice(verbEnd));
  if (!m || notNames.test(m[1]!.split(/\s+/)[0]!)) return undefined;
  const name = m[1]!.replace(/['’]s$/, '');
  const start = verbEnd + m[0].length - m[1]!.length;
  return { name, place: { city: '' }, start, end: start + name.length };
}

const addressed: Record<'ja' | 'ko', RegExp> = {
  ja: /^(?:政府|側|当局)?(?:に対し(?:て)?|に|へ|側に)/,
  ko: /^(?:\s?(?:정부|측|당국))?\s?(?:에게|에 대해|에 대해서|에|측에|한테)/,
};
const asking: Record<'ja' | 'ko', RegExp> = {
  ja: /^(?:政府|側|当局)?(?:は|が|も)/,
  ko: /^(?:\s?(?:정부|측|당국))?\s?(?:은|는|이|가|도)/,
};
const cjkVerb: Record<'ja' | 'ko', RegExp> = {
  ja: /(?:よう|ように|ことを|を)?(?:求め|要求|要請|促し|迫っ|通告|命じ|指示|申し入れ)/,
  ko: /(?:달라고|하라고|해 줄 것을|할 것을|하도록|을|를)?\s?(?:요구|요청|촉구|통보|명령|지시|압박|주문)/,
};

// 欧州委員会は5日、[アップル]に対し / 공정거래위원회는 5일 [구글]에: a name the tables do not hold.
const addressedName: Record<'ja' | 'ko', RegExp> = {
  ja: /(?:は|が)(?:\d+日[、,]?)?([^\s、。はが]{1,15}?)(?:に対し(?:て)?|へ)/,
  ko: /(?:은|는)\s(?:\d+일\s)?([가-힣A-Za-z0-9]{1,15}?)(?:에게|에)\s/,
};

function particleRoles(text: string, language: 'ja' | 'ko', mentions: Mention[]): Roles {
  const verb = cjkVerb[language].exec(text);
  const before = verb ? mentions.filter((m) => m.end <= verb.index) : mentions;
  let of: Mention | undefined = before.filter((m) => addressed[language].test(text.slice(m.end))).at(-1);
  if (!of) {
    const named = addressedName[language].exec(text);
    if (named) {
      const start = named.index + named[0].indexOf(named[1]!);
      of = { name: named[1]!, place: { city: '' }, start, end: start + named[1]!.length };
    }
  }
  const by = mentions.find((m) => m !== of && m.name !== of?.name && asking[language].test(text.slice(m.end))) ?? mentions.find((m) => m.name !== of?.name);
  return { demandedBy: by, demandedOf: of, verbStart: verb?.index, verbEnd: verb ? verb.index + verb[0].length : undefined };
}

/** Is there a word of demand in this sentence at all? */
export function hasDemandWord(text: string, language: Language): boolean {
  if (language === 'en') {
    return new RegExp(enVerb.source).test(text) || enPassive.test(text) || enMust.test(text) || /\b(?:deadline|ultimatum|respond|reply|submit|comply)\b/i.test(text);
  }
  if (language === 'ja') return cjkVerb.ja.test(text) || /期限|回答|提出|応じ/.test(text);
  return cjkVerb.ko.test(text) || /시한|기한|답변|회신|제출/.test(text);
}
