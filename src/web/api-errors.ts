// How the API spells the fields errors name. Use cases name a field by its neutral name, which is the
// JSON name an API caller sent (`dueBefore "soon" cannot be read …`), so most names are kept as they are;
// the few listed here are spelled as the API has answered them from the start, and an error that comes
// back through the API is rebuilt with that spelling, message included.
import { AppError, isAppError } from '../errors.js';

const apiNames: Record<string, string> = {
  // Neutral names that differ from the JSON name only because the CLI spells them apart.
  issueSlug: 'issue',
  feedUrl: 'url',
  redirectUrl: 'url',
  report: 'text',
  channelName: 'name',
  channelUrl: 'url',
};

export function apiField(field: string): string {
  return Object.hasOwn(apiNames, field) ? apiNames[field]! : field;
}

export function apiError(error: unknown): unknown {
  if (!isAppError(error) || error.field === undefined) return error;
  const field = apiField(error.field);
  if (field === error.field) return error;
  return new AppError(error.code, error.messageWith(apiField), { field, value: error.value, problem: error.problem, cause: error });
}

/** Runs a use case and spells the fields in any error it throws as the API does. */
export async function viaApi<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw apiError(error);
  }
}
