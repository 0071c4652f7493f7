// The use cases name fields the way the CLI spells them (`--due-before`, `<slug>`), which is what people
// see in terminal messages. The API's callers know the JSON names instead, so errors that come back
// through the API are renamed here, message included: `dueBefore "soon" cannot be read …`.
import { AppError, isAppError } from '../errors.js';

const apiNames: Record<string, string> = {
  '<slug>': 'slug',
  '<issue-slug>': 'issue',
  '<id>': 'id',
  '<text>': 'text',
  '--title': 'title',
  '--summary': 'summary',
  '--party': 'parties',
  '--tag': 'tags',
  '--source': 'sources',
  '--offsets': 'offsets',
  '--issue': 'issue',
  '--due': 'due',
  '--announced': 'announced',
  '--zone': 'zone',
  '--by': 'demandedBy',
  '--to': 'demandedOf',
  '--status': 'status',
  '--note': 'note',
  '--due-before': 'dueBefore',
  '--due-after': 'dueAfter',
  '<feed-url>': 'url',
  '--name': 'name',
  '--keywords': 'keywords',
  '--every': 'every',
  '--lang': 'lang',
  '--reason': 'reason',
};

export function apiError(error: unknown): unknown {
  if (!isAppError(error) || error.field === undefined) return error;
  const name = apiNames[error.field];
  if (name === undefined) return error;
  const message = error.message.startsWith(error.field) ? name + error.message.slice(error.field.length) : error.message;
  return new AppError(error.code, message, { field: name, value: error.value, cause: error });
}

/** Runs a use case and renames the fields in any error it throws. */
export async function viaApi<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw apiError(error);
  }
}
