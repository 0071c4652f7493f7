// A real HTTP receiver on loopback for channel tests: records every request (headers and raw body) and
// answers as told — a queue of answers, then a default; `stall` never answers (for timeouts).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Answer = { status: number; headers?: Record<string, string> } | 'stall';

export interface Receiver {
  url: string;
  received: Received[];
  /** Answers for the next requests, in order; when empty, `fallback`. */
  answers: Answer[];
  fallback: Answer;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const stalled = new Set<http.ServerResponse>();
  const receiver: Receiver = {
    url: '',
    received: [],
    answers: [],
    fallback: { status: 200 },
    close: async () => {
      for (const response of stalled) response.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const answer = receiver.answers.shift() ?? receiver.fallback;
      if (answer === 'stall') {
        stalled.add(response);
        return;
      }
      response.writeHead(answer.status, answer.headers ?? {});
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/secret-token-123`;
  return receiver;
}
