// Files Docket creates hold what others must not read: the database (subscribers' addresses), outbox
// .eml files (each carries permanent signed links) and backups. They are created 0600 (folders 0750)
// whatever the umask says, and temporary files get a random name opened with O_EXCL, so nobody can
// plant a file or symlink at a name Docket is about to write.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const privateFileMode = 0o600;
export const privateDirMode = 0o750;

export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: privateDirMode });
}

/** Creates `file` empty and private when it does not exist yet; leaves an existing one alone. */
export function ensurePrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', privateFileMode));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** A new, empty, private file beside `target` with an unguessable name (O_CREAT | O_EXCL). */
export function createTemporaryBeside(target: string, suffix = 'partial'): string {
  for (;;) {
    const file = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(8).toString('hex')}.${suffix}`);
    try {
      closeSync(openSync(file, 'wx', privateFileMode));
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Writes `file` private: a new file is created 0600; an existing one keeps its mode. */
export function writePrivateFile(file: string, data: string | Buffer): void {
  writeFileSync(file, data, { mode: privateFileMode });
}
