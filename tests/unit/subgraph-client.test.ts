// The gateway's batching subgraph client against a real HTTP server that records what it receives:
// operations queued in one turn of the event loop leave as one POST, answers go back to their callers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SubgraphClient } from '../../gateway/subgraph-client.js';

let server: Server;
let url: string;
/** Every POST body the server received, parsed. */
let received: unknown[] = [];
/** How the server answers: echo each operation's variables back as data, unless told otherwise. */
let behaviour: 'echo' | 'fail' | 'hang' | 'slow' = 'echo';

const answer = (op: { variables?: unknown }) => ({ data: { echo: op.variables } });

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(text) as unknown;
      received.push(body);
      if (behaviour === 'hang') return;
      if (behaviour === 'fail') {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"errors":[{"message":"boom"}]}');
        return;
      }
      const out = Array.isArray(body) ? body.map(answer) : answer(body as { variables?: unknown });
      const reply = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(out));
      if (behaviour === 'slow') setTimeout(reply, 100);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  received = [];
  behaviour = 'echo';
});

const op = (n: number, query = 'query Q { x }') => JSON.stringify({ query, variables: { n } });

describe('SubgraphClient', () => {
  it('sends the operations of one turn as one batch and answers each caller with its own element', async () => {
    const client = new SubgraphClient(url, { timeoutMs: 5_000 });
    const answers = await Promise.all([1, 2, 3].map((n) => client.request(op(n), true)));
    expect(answers.map((a) => a.data)).toEqual([1, 2, 3].map((n) => ({ echo: { n } })));
    expect(received).toHaveLength(1);
    expect(received[0]).toEqual([1, 2, 3].map((n) => JSON.parse(op(n))));
    client.close();
  });

  it('sends identical operations once, and gives each caller its own copy', async () => {
    const client = new SubgraphClient(url, { timeoutMs: 5_000 });
    const [a, b] = await Promise.all([client.request(op(7), true), client.request(op(7), true)]);
    expect(received).toEqual([JSON.parse(op(7))]); // a single operation travels as a plain object
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    client.close();
  });

  it('sends a mutation alone, at once', async () => {
    const client = new SubgraphClient(url, { timeoutMs: 5_000 });
    const [m, q] = await Promise.all([
      client.request(op(1, 'mutation M { y }'), false),
      client.request(op(2), true),
    ]);
    expect(m.data).toEqual({ echo: { n: 1 } });
    expect(q.data).toEqual({ echo: { n: 2 } });
    expect(received).toHaveLength(2);
    expect(received.every((body) => !Array.isArray(body))).toBe(true);
    client.close();
  });

  it('splits a large turn into batches of at most maxBatch', async () => {
    const client = new SubgraphClient(url, { timeoutMs: 5_000, maxBatch: 4, maxInFlight: 0 });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, n) => client.request(op(n), true)));
    expect(answers.map((a) => (a.data as { echo: { n: number } }).echo.n)).toEqual([...Array(10).keys()]);
    expect(received.map((body) => (Array.isArray(body) ? body.length : 1))).toEqual([4, 4, 2]);
    client.close();
  });

  it('queues reads while maxInFlight batches are on their way, and sends them together next', async () => {
    behaviour = 'slow';
    const client = new SubgraphClient(url, { timeoutMs: 5_000, maxInFlight: 1 });
    const first = client.request(op(1), true);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the first batch has left
    const later = [2, 3, 4].map((n) => client.request(op(n), true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toHaveLength(1); // the others wait for the one in flight
    const answers = await Promise.all([first, ...later]);
    expect(answers.map((a) => (a.data as { echo: { n: number } }).echo.n)).toEqual([1, 2, 3, 4]);
    expect(received).toEqual([JSON.parse(op(1)), [2, 3, 4].map((n) => JSON.parse(op(n)))]);
    client.close();
  });

  it('rejects every operation of a batch the subgraph answers with an HTTP error', async () => {
    behaviour = 'fail';
    const client = new SubgraphClient(url, { timeoutMs: 5_000 });
    const results = await Promise.allSettled([client.request(op(1), true), client.request(op(2), true)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toContain('HTTP 500');
    client.close();
  });

  it('gives up on a subgraph that does not answer within the timeout', async () => {
    behaviour = 'hang';
    const client = new SubgraphClient(url, { timeoutMs: 200 });
    await expect(client.request(op(1), true)).rejects.toThrow(/no answer in 200 ms/);
    client.close();
  });

  it('rejects when the subgraph is not listening', async () => {
    const client = new SubgraphClient('http://127.0.0.1:1/graphql', { timeoutMs: 5_000 });
    await expect(client.request(op(1), true)).rejects.toThrow(/ECONNREFUSED/);
    client.close();
  });
});
