// Runs a benchmark part in a fresh Node process (under tsx, like this one) and returns what it reports.
// Each part gets its own heap, so one part's seeding garbage or caches never shows in another's figures.
import { fork } from 'node:child_process';

export interface ChildMessage<T> {
  type: 'result';
  value: T;
}

/** `nodeFlags` are added to this process's own (the tsx loader), e.g. the service's heap limit. */
export function runInChild<T>(modulePath: string, args: string[], nodeFlags: string[] = []): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = fork(modulePath, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [...process.execArgv, ...nodeFlags] });
    let result: { value: T } | null = null;
    child.on('message', (message: ChildMessage<T>) => {
      if (message?.type === 'result') result = { value: message.value };
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (result) resolve(result.value);
      else reject(new Error(`${modulePath} ${args.join(' ')} exited with ${signal ?? `code ${code}`} before reporting a result`));
    });
  });
}

/** In the child: hand the result to the parent and let the process end. */
export function reportToParent<T>(value: T): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (!process.send) return reject(new Error('not started by runInChild (no IPC channel)'));
    process.send({ type: 'result', value } satisfies ChildMessage<T>, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}
