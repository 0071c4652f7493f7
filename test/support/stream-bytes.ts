// A large body sent as a streaming server would: in chunks, without a length, until `bytes` or until
// the client hangs up (a reader's size cap should make it do so early).
import type { ServerResponse } from 'node:http';

export function streamBytes(res: ServerResponse, bytes: number): void {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  const push = () => {
    while (sent < bytes) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', push);
    }
    res.end();
  };
  res.on('close', () => (sent = Infinity));
  push();
}
