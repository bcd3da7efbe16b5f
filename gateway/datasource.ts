import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { hubError } from '../core/errors.js';
import { log } from '../core/log.js';
import { composedSubgraphs, isComposedSubgraphName } from '../core/subgraphs.js';
import { ASSERTION_EXTENSION, type Assertion } from '../core/tokens.js';
import type { GatewayContext } from './context.js';
import { SubgraphClient, type SubgraphResponse } from './subgraph-client.js';

export type AssertionSigner = (assertion: Assertion, audience: string) => Promise<string>;

/**
 * The gateway's data source for one agency's subgraph. Every operation carries a short-lived assertion
 * of the verified identity, signed by the gateway for that subgraph only, in its own extensions (so the
 * operations of several callers can share one batched HTTP request, see SubgraphClient). A subgraph that
 * is down, slow or answers with an HTTP error yields SUBGRAPH_UNAVAILABLE naming the agency, while the
 * other agencies' data is still returned; the subgraph's address and the underlying error stay in the log.
 */
export class AgencyDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly client: SubgraphClient;

  constructor(
    readonly subgraphName: string,
    readonly url: string,
    timeoutMs: number,
    private readonly sign: AssertionSigner,
  ) {
    this.client = new SubgraphClient(url, timeoutMs);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const { request, context } = options;
    let extensions = request.extensions;
    // Health probes and schema loads carry no operation context, hence no caller.
    if (context?.startedAt) {
      // Anonymous callers (identity null) reach only PUBLIC fields; the subgraph still gets a signed caller.
      const assertion = await this.sign(
        { identity: context.identity, purpose: context.purpose },
        this.subgraphName,
      );
      extensions = { ...extensions, [ASSERTION_EXTENSION]: assertion };
      // Entity references sent to this subgraph name the enterprises and persons the operation reaches.
      const representations = request.variables?.representations;
      if (Array.isArray(representations)) {
        for (const ref of representations as Record<string, unknown>[]) {
          if (typeof ref.creditCode === 'string') context.enterprises.add(ref.creditCode);
          if (typeof ref.personId === 'string') context.persons.add(ref.personId);
        }
      }
    }
    const query = request.query ?? '';
    const body = JSON.stringify({
      query,
      operationName: request.operationName,
      variables: request.variables,
      extensions,
    });
    try {
      return await this.client.request(body, !/^\s*mutation\b/.test(query));
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

  /** Closes the kept-alive connections (gateway shutdown). */
  close(): void {
    this.client.close();
  }
}
