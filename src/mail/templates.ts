// Email templates: eta files in templates/email/, shadowed file by file by a deployer's templatesDir.
// Shadowing applies to includes and layouts too, so overriding just `_footer.html.eta` changes the
// footer of every HTML email while the rest stays default.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';

/** The templates shipped with Docket (resolves the same from src/mail and from the built dist/mail). */
export const defaultTemplatesDir = fileURLToPath(new URL('../../templates/email/', import.meta.url));

export type TemplateName = `${string}.${'text' | 'html'}`;

// One engine per (directory, escaping): compiled templates are cached for the life of the process.
const engines = new Map<string, Eta>();

/**
 * Render `name` ('reminder.text', 'digest.html', …) with `data` as `it`. HTML templates escape every
 * `<%= %>` output; text templates do not (an apostrophe must stay an apostrophe in plain text).
 * No automatic whitespace trimming: plain-text layout is what the file says; `-%>` drops a newline.
 */
export function renderTemplate(name: TemplateName, data: object, templatesDir?: string | null): string {
  return engineFor(templatesDir, name.endsWith('.html')).render(name, data);
}

/** What an HTML template's `<%= %>` makes of a value (the engine's own escape, so the two cannot differ). */
export function escapeForHtml(value: string, templatesDir?: string | null): string {
  return String(engineFor(templatesDir, true).config.escapeFunction(value));
}

function engineFor(templatesDir: string | null | undefined, html: boolean): Eta {
  const dirs = templatesDir == null ? [defaultTemplatesDir] : [path.resolve(templatesDir), defaultTemplatesDir];
  const key = `${html ? 'html' : 'text'}\0${dirs.join('\0')}`;
  let eta = engines.get(key);
  if (eta === undefined) {
    eta = new Eta({ views: defaultTemplatesDir, autoEscape: html, cache: true, autoTrim: false });
    eta.resolvePath = (template: string) => resolveShadowed(dirs, template);
    engines.set(key, eta);
  }
  return eta;
}

function resolveShadowed(dirs: string[], template: string): string {
  const file = template.endsWith('.eta') ? template : `${template}.eta`;
  // Templates are named, not pathed: keeps includes inside the template directories.
  if (!/^[\w.-]+$/.test(file) || file.startsWith('.')) {
    throw new Error(`email template name ${JSON.stringify(template)} must be a plain file name like "_footer.html"`);
  }
  for (const dir of dirs) {
    const candidate = path.join(dir, file);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`email template ${file} not found in ${dirs.join(' or ')}`);
}
