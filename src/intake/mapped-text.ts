// A rewritten copy of a piece of text (NFKC, digits for number words, spaces dropped) that remembers
// where each of its characters came from, so a match in the copy can be reported in the original.
export interface MappedText {
  text: string;
  /** For each character of `text`: the offset in the original where it starts and ends. */
  starts: number[];
  ends: number[];
}

export function mapText(original: string, base = 0): MappedText {
  const out: MappedText = { text: '', starts: [], ends: [] };
  let i = 0;
  for (const ch of original) {
    const n = ch.normalize('NFKC');
    for (const c of n) {
      out.text += c;
      out.starts.push(base + i);
      out.ends.push(base + i + ch.length);
    }
    i += ch.length;
  }
  return out;
}

/** Like String.replace with a global pattern; replacement characters map to the whole match. */
export function replaceMapped(m: MappedText, re: RegExp, fn: (match: string, ...groups: string[]) => string): MappedText {
  const out: MappedText = { text: '', starts: [], ends: [] };
  let last = 0;
  const copy = (from: number, to: number) => {
    out.text += m.text.slice(from, to);
    out.starts.push(...m.starts.slice(from, to));
    out.ends.push(...m.ends.slice(from, to));
  };
  for (const match of m.text.matchAll(re)) {
    const at = match.index;
    copy(last, at);
    const replacement = fn(match[0], ...(match.slice(1) as string[]));
    const start = m.starts[at]!;
    const end = m.ends[at + match[0].length - 1]!;
    for (const c of replacement) {
      out.text += c;
      out.starts.push(start);
      out.ends.push(end);
    }
    last = at + match[0].length;
  }
  copy(last, m.text.length);
  return out;
}

/** The original offsets [start, end) of text[from, to) in the copy. */
export function originalRange(m: MappedText, from: number, to: number): [number, number] {
  return [m.starts[from]!, m.ends[to - 1]!];
}
