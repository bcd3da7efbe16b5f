import { createHash } from 'node:crypto';
import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import { GraphQLError, print } from 'graphql';
import type { Identity } from '../core/identity.js';
import { isServicePurpose } from '../core/tokens.js';
import type { GatewayContext } from './context.js';
import type { PurposeVerdict } from './purpose.js';
import { evaluateOperation, patchDenied, pruneDenied, type PolicyIndex } from './policy.js';

type GatewayInterface = Extract<ApolloServerOptions<BaseContext>, { gateway: unknown }>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;
type RequestContext = Parameters<GatewayExecutor>[0];

/**
 * @apollo/gateway with the hub's field policy in front of its executor. Denied fields are taken out of
 * the operation before it is planned (so no subgraph is asked for them), then put back as null with a
 * FORBIDDEN error at each place; the rest of the answer is served. A caller without a token who asks
 * for anything but PUBLIC data gets 401 UNAUTHENTICATED instead.
 */
export class EnforcingGateway implements GatewayInterface {
  constructor(
    private readonly inner: ApolloGateway,
    private readonly policy: PolicyIndex,
    private readonly checkPurpose: (identity: Identity, purpose: string) => Promise<PurposeVerdict>,
  ) {}

  onSchemaLoadOrUpdate(callback: Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0]) {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  stop() {
    return this.inner.stop();
  }

  async load(options: Parameters<GatewayInterface['load']>[0]) {
    const loaded = await this.inner.load(options);
    const execute = loaded.executor as GatewayExecutor;
    const executor: GatewayExecutor = async (requestContext) => {
      const context = requestContext.context as unknown as GatewayContext;
      // A stated purpose must be a case the viewer's agency takes part in, as the case's owner says.
      // The tax subgraph's services reading through the graph for a caller (health-check:<period>:<enterprise
      // or all>, proactive:<action id>) state their purpose under the gateway's own assertion: there is no
      // case to ask about, it is recorded as is.
      const builder = context.identity?.roles.includes('report-builder') && isServicePurpose(context.purpose);
      if (context.identity && context.purpose && !builder) {
        const verdict = await this.checkPurpose(context.identity, context.purpose);
        if (!verdict.valid) {
          return {
            errors: [
              new GraphQLError(
                `所述用途 ${context.purpose} 无效：${verdict.reason ?? ''} (invalid purpose)`,
                {
                  extensions: { code: 'INVALID_PURPOSE', http: { status: 403 } },
                },
              ),
            ],
          };
        }
      }
      const evaluation = evaluateOperation(
        this.policy,
        requestContext.document,
        requestContext.operationName,
        context,
      );
      context.policy.evaluation = evaluation;
      if (!evaluation.denials.length) return execute(requestContext);
      if (!context.identity) {
        return {
          errors: [
            new GraphQLError(
              '此查询需要身份令牌，仅服务点位置与办公时间可匿名查询 (a token is required: only public data is served without one)',
              {
                extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
              },
            ),
          ],
        };
      }
      const pruned = pruneDenied(requestContext.document, evaluation.denials);
      const prunedContext = {
        ...requestContext,
        document: pruned,
        queryHash: createHash('sha256').update(print(pruned)).digest('hex'),
      } as RequestContext;
      const result = await execute(prunedContext);
      const placed = patchDenied(
        result.data as Record<string, unknown> | null | undefined,
        evaluation.denials,
      );
      const forbidden = placed.map(
        (p) =>
          new GraphQLError(`无权访问 ${p.coordinate}：${p.reason} (forbidden)`, {
            path: p.path,
            extensions: { code: 'FORBIDDEN', field: p.coordinate },
          }),
      );
      // Denied root fields leave no place in `data` to patch: still say why.
      const unplaced = evaluation.denials
        .filter((d) => d.path.length === 1 && !placed.some((p) => p.path[0] === d.path[0]))
        .map(
          (d) =>
            new GraphQLError(`无权访问 ${d.coordinate}：${d.reason} (forbidden)`, {
              path: d.path,
              extensions: { code: 'FORBIDDEN', field: d.coordinate },
            }),
        );
      return { ...result, errors: [...(result.errors ?? []), ...forbidden, ...unplaced] };
    };
    return { ...loaded, executor };
  }
}
