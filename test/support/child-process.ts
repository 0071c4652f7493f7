// Runs a TypeScript fixture in a separate Node process (through tsx), the way a second Docket process
// (the CLI beside the service, or another instance) would run: its own store client, its own mailer.
// The fixture prints one JSON line as its last line of output; that is the result.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ChildResult<T> {
  result: T;
  stderr: string;
}

export function runFixture<T>(fixture: string, input: unknown, options: { timeoutMs?: number } = {}): Promise<ChildResult<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, fixture), JSON.stringify(input)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${fixture} exited with ${code ?? signal}:\n${stderr || stdout}`));
      try {
        resolve({ result: JSON.parse(last) as T, stderr });
      } catch {
        reject(new Error(`${fixture} printed no JSON result:\n${stdout}\n${stderr}`));
      }
    });
  });
}
