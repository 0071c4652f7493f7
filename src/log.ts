// Structured logs to stderr, so stdout stays for command output: one JSON object per line for journald,
// files and log shippers; on a terminal, pino's own pretty printer (coloured unless NO_COLOR is set).
import pino from 'pino';
import pretty from 'pino-pretty';

export type Logger = pino.Logger;

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Logger {
  const options = { level, base: { service: 'docket' }, timestamp: pino.stdTimeFunctions.isoTime };
  if (isTerminal(destination)) {
    const colorize = !('NO_COLOR' in env) && env.TERM !== 'dumb';
    return pino(options, pretty({ destination, colorize, sync: true, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss.l' }));
  }
  return pino(options, destination as pino.DestinationStream);
}

function isTerminal(stream: NodeJS.WritableStream): boolean {
  return Boolean((stream as NodeJS.WriteStream).isTTY);
}
