// Which items are read: any keyword in the title or text, case-insensitively, in any script. Both sides
// are NFKC-folded first, so full-width "ＷＴＯ" matches "wto" and composed/decomposed Hangul agree.
export function matchesKeywords(keywords: readonly string[], ...texts: string[]): boolean {
  if (keywords.length === 0) return true;
  const haystack = fold(texts.join('\n'));
  return keywords.some((keyword) => haystack.includes(fold(keyword)));
}

const fold = (text: string): string => text.normalize('NFKC').toLocaleLowerCase('en-US').replace(/\s+/g, ' ');

/** "export control, 輸出管理 ,수출규제" → three keywords; empty parts dropped. */
export function splitKeywords(list: string): string[] {
  return [...new Set(list.split(/[,、，]/).map((k) => k.trim()).filter((k) => k !== ''))];
}
