// Structured logs (pino, one JSON object per line) to stderr, so stdout stays for command output.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino({ level, base: { service: 'docket' }, timestamp: pino.stdTimeFunctions.isoTime }, destination as pino.DestinationStream);
}
