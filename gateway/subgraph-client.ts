import { Agent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** What a subgraph answers for one operation. */
export interface SubgraphResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

interface Waiting {
  body: string;
  resolve: (response: SubgraphResponse) => void;
  reject: (error: unknown) => void;
}

/** Most operations in one batched subgraph request (the subgraphs accept up to 100). */
const DEFAULT_MAX_BATCH = 50;

/**
 * The gateway's HTTP client for one subgraph. Read operations issued in the same turn of the event loop
 * (the entity fetches of every operation that reached the same step of its plan) leave as ONE HTTP
 * request carrying a JSON array, answered with an array in the same order; the subgraph runs them
 * concurrently on shared DataLoaders, so N operations cost one HTTP exchange and one SQL statement per
 * relation instead of N. Nothing waits for a batch to fill: the batch is whatever is queued when the
 * event loop gets to it, so a lone operation goes out at once. Identical operations in a batch (same
 * text, variables and signed caller) are sent once. Mutations always travel alone.
 *
 * Connections are kept alive and reused (no TCP handshake per request); every request is cut after
 * the subgraph's timeout.
 */
export class SubgraphClient {
  private readonly url: URL;
  private readonly agent: Agent;
  private readonly send: typeof httpRequest;
  /** HTTP requests sent so far (a batch is one). */
  httpRequests = 0;
  private queue: Waiting[] = [];
  private flushScheduled = false;

  constructor(
    url: string,
    private readonly timeoutMs: number,
    private readonly maxBatch = DEFAULT_MAX_BATCH,
  ) {
    this.url = new URL(url);
    const https = this.url.protocol === 'https:';
    // LIFO reuses the most recently used sockets, so idle ones expire instead of all staying half-warm.
    const agentOptions = { keepAlive: true, scheduling: 'lifo' as const };
    this.agent = https ? new HttpsAgent(agentOptions) : new Agent(agentOptions);
    this.send = https ? httpsRequest : httpRequest;
  }

  /** Sends one operation (its JSON body); `batchable` operations may travel with others. */
  request(body: string, batchable: boolean): Promise<SubgraphResponse> {
    if (!batchable) return this.post(body) as Promise<SubgraphResponse>;
    return new Promise((resolve, reject) => {
      this.queue.push({ body, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  close(): void {
    this.agent.destroy();
  }

  private flush(): void {
    this.flushScheduled = false;
    const queue = this.queue;
    this.queue = [];
    for (let i = 0; i < queue.length; i += this.maxBatch) {
      void this.sendBatch(queue.slice(i, i + this.maxBatch));
    }
  }

  private async sendBatch(batch: Waiting[]): Promise<void> {
    const byBody = new Map<string, Waiting[]>();
    for (const waiting of batch) {
      const same = byBody.get(waiting.body);
      if (same) same.push(waiting);
      else byBody.set(waiting.body, [waiting]);
    }
    const groups = [...byBody.values()];
    try {
      const bodies = [...byBody.keys()];
      const answers =
        bodies.length === 1
          ? [(await this.post(bodies[0]!)) as SubgraphResponse]
          : await this.post(`[${bodies.join(',')}]`);
      if (!Array.isArray(answers) || answers.length !== groups.length) {
        throw new Error(`expected ${groups.length} answers from the batch`);
      }
      groups.forEach((group, i) => {
        const answer = answers[i] as SubgraphResponse;
        // The gateway merges answers into its results in place: each operation gets its own copy.
        group.forEach((waiting, j) => waiting.resolve(j === 0 ? answer : structuredClone(answer)));
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }

  /** One POST; resolves with the parsed JSON of a 2xx answer, rejects on anything else or the timeout. */
  private post(body: string): Promise<unknown> {
    this.httpRequests++;
    return new Promise((settle, fail) => {
      const timer = setTimeout(
        () => req.destroy(new Error(`no answer in ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      const resolve = (value: unknown) => {
        clearTimeout(timer);
        settle(value);
      };
      const reject = (error: unknown) => {
        clearTimeout(timer);
        fail(error);
      };
      const req = this.send(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) {
              reject(new Error(`HTTP ${status}: ${text.slice(0, 200)}`));
              return;
            }
            try {
              resolve(JSON.parse(text));
            } catch {
              reject(new Error(`not JSON: ${text.slice(0, 200)}`));
            }
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
