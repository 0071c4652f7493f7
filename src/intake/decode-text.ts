// Bytes to text for the intake reader: UTF-8 only (a BOM is dropped), and a file that is not text
// (NUL bytes, invalid UTF-8, nothing but spaces) is refused with the field and value named.
import { invalid } from '../errors.js';

export function decodeText(bytes: Uint8Array, field: string, value: string): string {
  if (bytes.length === 0) throw invalid(field, value, 'is empty: give a news report or press release as plain text or HTML');
  if (bytes.subarray(0, 8192).includes(0)) throw invalid(field, value, 'is not text (it contains NUL bytes, like a binary file): give plain text or HTML in UTF-8');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid(field, value, 'is not UTF-8 text: save the report as UTF-8 plain text or HTML');
  }
  if (text.trim() === '') throw invalid(field, value, 'is empty (only white space): give a news report or press release as plain text or HTML');
  return text.replace(/^\uFEFF/, '');
}

export function looksLikeHtml(text: string, contentType?: string): boolean {
  if (contentType) return /html/i.test(contentType);
  return /^\s*(?:<!doctype html|<html|<head|<body|<article|<meta|<!--)/i.test(text);
}
