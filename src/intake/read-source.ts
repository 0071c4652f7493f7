// The intake edge: a file, standard input or a URL in; the text to read (main text for HTML) and what
// the page says about itself out. Sizes are checked before anything is parsed.
import { open, stat } from 'node:fs/promises';
import { invalid } from '../errors.js';
import { decodeText, looksLikeHtml } from './decode-text.js';
import { fetchPage } from './fetch-page.js';
import { intakeLimits, megabytes } from './input-limits.js';
import type { PageMetadata } from './types.js';

export interface SourceText {
  text: string;
  metadata: PageMetadata;
  /** The page's URL, for the deadline's sources. */
  url?: string;
}

export async function readSource(options: { file?: string; url?: string; timeoutMs?: number; stdin?: NodeJS.ReadableStream; field?: string }): Promise<SourceText> {
  const field = options.field ?? 'report';
  if (options.url !== undefined) {
    if (options.file !== undefined) throw invalid('url', options.url, `cannot be used with a file (${options.file}); give one or the other`);
    const page = await fetchPage(options.url, { ...intakeLimits, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
    return { ...(await textOf(decodeText(page.bytes, 'url', options.url), page.contentType)), url: page.url };
  }
  if (options.file === undefined || options.file === '-') {
    return textOf(decodeText(await readStdin(options.stdin ?? process.stdin, field), field, '-'));
  }
  return textOf(decodeText(await readFileCapped(options.file, field), field, options.file));
}

/** Text given directly (the API's `text`): plain text or HTML, checked like a file. */
export async function sourceFromText(raw: string, field = 'report'): Promise<SourceText> {
  if (Buffer.byteLength(raw) > intakeLimits.maxBytes) throw invalid(field, `${raw.slice(0, 40)}…`, `is larger than ${megabytes(intakeLimits.maxBytes)}; Docket reads reports up to that size`);
  if (raw.includes('\u0000')) throw invalid(field, raw.slice(0, 40), 'is not text (it contains NUL characters)');
  if (raw.trim() === '') throw invalid(field, raw, 'is empty: give a news report or press release as plain text or HTML');
  return textOf(raw);
}

async function textOf(raw: string, contentType?: string): Promise<{ text: string; metadata: PageMetadata }> {
  if (!looksLikeHtml(raw, contentType)) return { text: raw, metadata: {} };
  // The DOM and Readability load only for HTML.
  const { pageText } = await import('./html-text.js');
  const page = pageText(raw);
  return page.text.trim() === '' ? { text: raw, metadata: page.metadata } : page;
}

async function readFileCapped(file: string, field: string): Promise<Uint8Array> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw invalid(field, file, error.code === 'ENOENT' ? 'does not exist' : `cannot be read (${error.code ?? error.message})`);
  });
  if (info.isDirectory()) throw invalid(field, file, 'is a folder; give a text or HTML file');
  if (info.size > intakeLimits.maxBytes) throw invalid(field, file, `is ${megabytes(info.size)}; Docket reads reports up to ${megabytes(intakeLimits.maxBytes)}`);
  // Read at most one byte past the cap: a file that grows while it is read is refused, not loaded.
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(intakeLimits.maxBytes + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > intakeLimits.maxBytes) throw invalid(field, file, `is larger than ${megabytes(intakeLimits.maxBytes)}; Docket reads reports up to that size`);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function readStdin(stream: NodeJS.ReadableStream, field: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > intakeLimits.maxBytes) throw invalid(field, '-', `(standard input) is larger than ${megabytes(intakeLimits.maxBytes)}; Docket reads reports up to that size`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
