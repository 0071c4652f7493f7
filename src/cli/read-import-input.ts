// What `docket import` reads: a regular file (not /dev/zero, a FIFO or a folder) of at most
// DOCKET_IMPORT_MAX_MB, or stdin up to the same size. Checked before a byte is read into memory.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { invalid } from '../errors.js';

export function readImportInput(file: string, maxMb: number): string {
  const limit = maxMb * 1024 * 1024;
  const tooLarge = () => invalid('file', file, `is larger than ${maxMb} MB (DOCKET_IMPORT_MAX_MB); split it, or raise the limit`);
  let fd: number;
  try {
    fd = file === '-' ? 0 : openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? (error as Error).message})`;
    throw invalid('file', file, why);
  }
  try {
    if (file !== '-') {
      const stat = fstatSync(fd);
      if (stat.isDirectory()) throw invalid('file', file, 'is a directory');
      if (!stat.isFile()) throw invalid('file', file, 'is not a regular file (a device, pipe or socket); give a .json or .csv file, or - for stdin');
      if (stat.size > limit) throw tooLarge();
    }
    // Read in chunks and stop at the limit: stdin (or a file growing meanwhile) has no size up front.
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.alloc(1024 * 1024);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue;
        if (code === 'EOF') break;
        throw invalid('file', file, `cannot be read (${code ?? (error as Error).message})`);
      }
      if (n === 0) break;
      total += n;
      if (total > limit) throw tooLarge();
      chunks.push(Buffer.from(buffer.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    if (file !== '-') closeSync(fd);
  }
}
