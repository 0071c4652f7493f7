// One error type for everything a user (or operator) can get wrong. The CLI maps it to an exit code and
// the HTTP layer to a status in one place each; anything that is not an AppError is a bug (exit 1 / 500).

export type ErrorCode = 'validation' | 'usage' | 'not_found' | 'conflict' | 'unauthorized' | 'forbidden' | 'rate_limited' | 'unavailable';

const exitCodes: Record<ErrorCode, number> = {
  validation: 2,
  usage: 2,
  not_found: 2,
  conflict: 2,
  unauthorized: 2,
  forbidden: 2,
  rate_limited: 1,
  unavailable: 1,
};

const httpStatuses: Record<ErrorCode, number> = {
  validation: 400,
  usage: 400,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  unavailable: 503,
};

export interface AppErrorOptions {
  /**
   * The input field at fault, by its neutral name: the API's JSON name (`due`, `dueBefore`, `slug`,
   * `demandedBy`), or the file's own name for an import (`subscriptions[0].issue`). Each edge spells it
   * its own way from one table (src/cli/field-names.ts, src/web/api-errors.ts).
   */
  field?: string;
  /** The offending value, quoted back to the user. */
  value?: unknown;
  /**
   * What is wrong with the value, as the words after it (`cannot be read …`). Given with `field`, the
   * message is `field "value" problem`, and each edge composes it again with its own spelling of the field.
   */
  problem?: string;
  /** Extra detail for the log only. */
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly value: unknown;
  readonly problem: string | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.value = options.value;
    this.problem = options.problem;
  }

  /**
   * The message with the field spelled by `spell` (an edge's table): composed again when the error was
   * built from field, value and problem; any other message is kept as it is.
   */
  messageWith(spell: (field: string) => string): string {
    if (this.field === undefined || this.problem === undefined) return this.message;
    return fieldMessage(spell(this.field), this.value, this.problem);
  }

  get exitCode(): number {
    return exitCodes[this.code];
  }

  get httpStatus(): number {
    return httpStatuses[this.code];
  }

  toJSON(): { error: ErrorCode; message: string; field?: string } {
    return this.field === undefined
      ? { error: this.code, message: this.message }
      : { error: this.code, message: this.message, field: this.field };
  }
}

/** `invalid('zone', 'Mars/Olympus', 'is not an IANA time zone')` → `zone "Mars/Olympus" is not an IANA time zone` (the CLI says `--zone …`). */
export function invalid(field: string, value: unknown, problem: string): AppError {
  return new AppError('validation', fieldMessage(field, value, problem), { field, value, problem });
}

/** `field "value" problem`: the one shape of a message about a value. */
export function fieldMessage(field: string, value: unknown, problem: string): string {
  return `${field} ${quote(value)} ${problem}`;
}

/** One of a fixed set of words, in any case; refused with the value as given. */
export function checkOneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  const lowered = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (!(allowed as readonly string[]).includes(lowered)) throw invalid(field, value, `must be one of ${allowed.join(', ')}`);
  return lowered as T;
}

export function notFound(what: string, value: unknown): AppError {
  return new AppError('not_found', `no ${what} ${quote(value)}`, { field: what, value });
}

export function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  return String(value);
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
