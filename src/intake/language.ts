// Which of Docket's reading languages a text is in, with franc (restricted to English, Japanese and
// Korean, so a short English text is never "Scots").
import { franc } from 'franc-min';
import type { Language } from './types.js';

const codes: Record<string, Language> = { eng: 'en', jpn: 'ja', kor: 'ko' };

export function detectLanguage(text: string): Language {
  const sample = text.slice(0, 5000);
  const found = codes[franc(sample, { only: ['eng', 'jpn', 'kor'], minLength: 3 })];
  if (found) return found;
  if (/[\uac00-\ud7a3]/.test(sample)) return 'ko';
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(sample)) return 'ja';
  return 'en';
}
