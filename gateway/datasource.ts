import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { hubError } from '../core/errors.js';
import { log } from '../core/log.js';
import { isSubgraphName, subgraphs } from '../core/subgraphs.js';

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

/**
 * The gateway's client for one agency's subgraph. A subgraph that is down, slow or answers with an
 * HTTP error yields SUBGRAPH_UNAVAILABLE naming the agency, while the other agencies' data is still
 * returned; the subgraph's address and the underlying error stay in the log.
 */
export class AgencyDataSource extends RemoteGraphQLDataSource {
  readonly subgraphName: string;

  constructor(name: string, url: string, timeoutMs: number) {
    super({ url, fetcher: fetcherWithTimeout(timeoutMs) });
    this.subgraphName = name;
  }

  override async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const agency = isSubgraphName(this.subgraphName)
        ? subgraphs[this.subgraphName].agency
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
