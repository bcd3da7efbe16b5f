import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { hubError } from '../core/errors.js';
import { log } from '../core/log.js';
import { composedSubgraphs, isComposedSubgraphName } from '../core/subgraphs.js';
import {
  ASSERTION_EXTENSION,
  GATEWAY_AUDIENCE,
  GATEWAY_ASSERTION_EXTENSION,
  LEDGER_ASSERTION_EXTENSION,
  type Assertion,
} from '../core/tokens.js';

/**
 * Mutations of the tax subgraph that read other agencies' data through the gateway on the caller's behalf:
 * issuing health-check reports, and planning a proactive action (its targeting reads HRSS deductions).
 */
const READS_THROUGH_GRAPH = /\b(issueHealthCheckReports?|planProactiveAction)\b/;
import type { GatewayContext } from './context.js';
import { SubgraphClient, type SubgraphClientOptions, type SubgraphResponse } from './subgraph-client.js';

/**
 * Sends each distinct entity reference once: @apollo/gateway sends one representation per occurrence
 * (a hundred service records at the same service point ask for it a hundred times). Returns the
 * variables to send and how to spread the subgraph's answer back over the original positions.
 */
export function uniqueRepresentations(variables: Record<string, unknown> | undefined): {
  variables: Record<string, unknown> | undefined;
  spread: (response: SubgraphResponse) => SubgraphResponse;
} {
  const representations = variables?.representations;
  const same = { variables, spread: (response: SubgraphResponse) => response };
  if (!Array.isArray(representations) || representations.length < 2) return same;
  const indexOf = new Map<string, number>();
  const unique: unknown[] = [];
  const positions = representations.map((ref) => {
    const key = JSON.stringify(ref);
    let at = indexOf.get(key);
    if (at === undefined) indexOf.set(key, (at = unique.push(ref) - 1));
    return at;
  });
  if (unique.length === representations.length) return same;
  return {
    variables: { ...variables, representations: unique },
    spread: (response) => {
      const entities = response.data?._entities;
      const data = Array.isArray(entities)
        ? { ...response.data, _entities: positions.map((at) => entities[at] ?? null) }
        : response.data;
      // An error at _entities[u] belongs to every position that asked for reference u.
      const errors = response.errors?.flatMap((error) => {
        const [head, at, ...rest] = error.path ?? [];
        if (head !== '_entities' || typeof at !== 'number') return [error];
        return positions.flatMap((u, i) => (u === at ? [{ ...error, path: ['_entities', i, ...rest] }] : []));
      });
      return { ...response, data, ...(errors ? { errors } : {}) };
    },
  };
}

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
    client: SubgraphClientOptions,
    private readonly sign: AssertionSigner,
  ) {
    this.client = new SubgraphClient(url, client);
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const { request, context } = options;
    let extensions = request.extensions;
    const query = request.query ?? '';
    const mutation = /^\s*mutation\b/.test(query);
    // Health probes and schema loads carry no operation context, hence no caller.
    if (context?.startedAt) {
      // Anonymous callers (identity null) reach only PUBLIC fields; the subgraph still gets a signed caller.
      const caller = { identity: context.identity, purpose: context.purpose };
      const assertion = await this.sign(caller, this.subgraphName);
      extensions = { ...extensions, [ASSERTION_EXTENSION]: assertion };
      // A mutation elsewhere may record a dispute step: it confirms the step with the lead's ledger (tax)
      // as the same caller, with an assertion that only this subgraph can present (via).
      if (mutation && this.subgraphName !== 'tax' && context.identity) {
        const onward = await this.sign({ ...caller, via: this.subgraphName }, 'tax');
        extensions[LEDGER_ASSERTION_EXTENSION] = onward;
      }
      // Issuing health-check reports reads the other agencies through the graph, as this caller: an
      // assertion for the gateway itself that only the tax subgraph can present (via).
      if (mutation && this.subgraphName === 'tax' && context.identity && READS_THROUGH_GRAPH.test(query)) {
        extensions[GATEWAY_ASSERTION_EXTENSION] = await this.sign(
          { ...caller, via: 'tax' },
          GATEWAY_AUDIENCE,
        );
      }
      // Entity references sent to this subgraph name the enterprises and persons the operation reaches.
      const representations = request.variables?.representations;
      if (Array.isArray(representations)) {
        for (const ref of representations as Record<string, unknown>[]) {
          if (typeof ref.creditCode === 'string') context.enterprises.add(ref.creditCode);
          if (typeof ref.personId === 'string') context.persons.add(ref.personId);
        }
      }
    }
    const { variables, spread } = uniqueRepresentations(request.variables);
    const body = JSON.stringify({ query, operationName: request.operationName, variables, extensions });
    try {
      return spread(await this.client.request(body, !mutation));
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
