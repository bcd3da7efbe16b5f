import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { hubError } from '../core/errors.js';
import { log } from '../core/log.js';
import { composedSubgraphs, isComposedSubgraphName } from '../core/subgraphs.js';
import { ASSERTION_HEADER, type Assertion } from '../core/tokens.js';
import type { GatewayContext } from './context.js';

/** Types of the gateway package's own dependencies, taken from its API rather than imported directly. */
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * Node's built-in fetch (undici) keeps connections alive and pooled per origin: no new TCP connection
 * per subgraph request. Each request is cut after the subgraph's timeout.
 */
function fetcherWithTimeout(timeoutMs: number): Fetcher {
  return ((url: string, init?: RequestInit) =>
    fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;
}

export type AssertionSigner = (assertion: Assertion, audience: string) => Promise<string>;

/**
 * The gateway's client for one agency's subgraph. Every request carries a short-lived assertion of the
 * verified identity, signed by the gateway for that subgraph only. A subgraph that is down, slow or
 * answers with an HTTP error yields SUBGRAPH_UNAVAILABLE naming the agency, while the other agencies'
 * data is still returned; the subgraph's address and the underlying error stay in the log.
 */
export class AgencyDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly subgraphName: string;
  private readonly sign: AssertionSigner;

  constructor(name: string, url: string, timeoutMs: number, sign: AssertionSigner) {
    super({ url, fetcher: fetcherWithTimeout(timeoutMs) });
    this.subgraphName = name;
    this.sign = sign;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const { request, context } = options;
    if (!context?.startedAt) return; // health probes and schema loads carry no operation context
    const headers = request.http!.headers;
    // Anonymous callers (identity null) reach only PUBLIC fields; the subgraph still gets a signed caller.
    headers.set(
      ASSERTION_HEADER,
      await this.sign({ identity: context.identity, purpose: context.purpose }, this.subgraphName),
    );
    // Entity references sent to this subgraph name the enterprises and persons the operation reaches.
    const representations = request.variables?.representations;
    if (Array.isArray(representations)) {
      for (const ref of representations as Record<string, unknown>[]) {
        if (typeof ref.creditCode === 'string') context.enterprises.add(ref.creditCode);
        if (typeof ref.personId === 'string') context.persons.add(ref.personId);
      }
    }
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const agency = isComposedSubgraphName(this.subgraphName)
        ? composedSubgraphs[this.subgraphName].agency
        : this.subgraphName;
      log('warn', 'subgraph request failed', {
        subgraph: this.subgraphName,
        url: this.url,
        error: String(error),
      });
      throw hubError(
        'SUBGRAPH_UNAVAILABLE',
        `${agency}子图暂时无法响应，其他部门的数据照常返回 (the ${this.subgraphName} subgraph is unavailable; other agencies' data is returned)`,
        { agency: this.subgraphName },
      );
    }
  }
}
