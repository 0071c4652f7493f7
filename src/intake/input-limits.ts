// How much the intake edges read: a news report is a few kilobytes; a page with its markup rarely
// passes a megabyte. Anything larger is refused before it is parsed.
export const intakeLimits = {
  /** Largest file, standard input or page body read. */
  maxBytes: 5 * 1024 * 1024,
  /** Per request, including reading the body. */
  timeoutMs: 15_000,
  maxRedirects: 5,
} as const;

export const megabytes = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MB`;
