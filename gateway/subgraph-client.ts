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

/** Batches on their way to one subgraph at once, unless configured (HUB_SUBGRAPH_BATCHES_IN_FLIGHT). */
export const DEFAULT_MAX_IN_FLIGHT = 2;

export interface SubgraphClientOptions {
  /** Cut a request after this long (ms). */
  timeoutMs: number;
  /** Most operations in one batched request (the subgraphs accept up to 100). */
  maxBatch?: number;
  /**
   * Most batches on their way to the subgraph at once; reads arriving meanwhile wait for the next one.
   * 0: no limit.
   */
  maxInFlight?: number;
}

/**
 * The gateway's HTTP client for one subgraph. Read operations issued in the same turn of the event loop
 * (the entity fetches of every operation that reached the same step of its plan) leave as ONE HTTP
 * request carrying a JSON array, answered with an array in the same order; the subgraph runs them
 * concurrently on shared DataLoaders, so N operations cost one HTTP exchange and one SQL statement per
 * relation instead of N. Nothing waits for a batch to fill: the batch is whatever is queued when the
 * event loop gets to it, so a lone operation goes out at once. Under load, batches grow by themselves:
 * while `maxInFlight` batches are on their way, new reads queue for the next one (a subgraph is one
 * process; more concurrent batches only split the same work into smaller, costlier pieces). Identical
 * operations in a batch (same text, variables and signed caller) are sent once. Mutations always travel
 * alone and never wait.
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
  private inFlight = 0;
  private readonly timeoutMs: number;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  constructor(url: string, options: SubgraphClientOptions) {
    this.timeoutMs = options.timeoutMs;
    this.maxBatch = options.maxBatch ?? 50;
    this.maxInFlight = (options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT) || Infinity;
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
      this.scheduleFlush();
    });
  }

  close(): void {
    this.agent.destroy();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || !this.queue.length || this.inFlight >= this.maxInFlight) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    while (this.queue.length && this.inFlight < this.maxInFlight) {
      this.inFlight++;
      void this.sendBatch(this.queue.splice(0, this.maxBatch)).finally(() => {
        this.inFlight--;
        this.scheduleFlush();
      });
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
