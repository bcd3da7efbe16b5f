// The audit tables, their append-only guard, the writer role and the retention prune (GB/T 22239-2019
// level 3: audit records protected from deletion and alteration; Cybersecurity Law art. 21: logs ≥ 6 months).
import pg from 'pg';
import { log } from '../../core/log.js';

/** The role the hub writes audit records with: INSERT and SELECT only. */
export const AUDIT_WRITER_ROLE = 'hub_audit_writer';
/** The statutory minimum (Cybersecurity Law: at least six months); the trigger enforces it too. */
export const MIN_RETENTION_DAYS = 180;
/** Serialises every append and prune on one database, across processes: one chain. */
export const CHAIN_LOCK_KEY = 5212144992122063188n; // 'HUBAUDIT'
/** Serialises concurrent schema set-up by several gateways starting together. */
const SCHEMA_LOCK_KEY = 5212144992122065731n; // 'HUBAUDSC'
/** Serialises prunes. Not the chain lock: appends read the same head before and after a prune commits. */
const PRUNE_LOCK_KEY = 5212144992122064978n; // 'HUBAUDPR'
/** The row trigger that refuses UPDATE and DELETE on audit_event (tests disable it to simulate tampering). */
export const APPEND_ONLY_TRIGGER = 'audit_event_append_only';

function quoteIdent(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

function schemaSql(schema: string): string {
  const q = quoteIdent(schema);
  return `
create table if not exists audit_event (
  seq              bigint primary key check (seq > 0),
  at               timestamptz not null,
  subject          text,
  subject_name     text,
  agency           text,
  roles            text[] not null,
  client_address   text,
  operation_name   text,
  operation_type   text check (operation_type in ('query', 'mutation', 'subscription')),
  document_hash    text,
  variables        jsonb,
  fields           jsonb not null,
  enterprises      text[] not null,
  persons          text[] not null,
  purpose          text,
  outcome          text not null check (outcome in ('SERVED', 'PARTIAL', 'DENIED', 'REFUSED', 'ERROR')),
  error_codes      text[] not null,
  duration_ms      double precision not null,
  gateway_instance text not null,
  prev_hash        text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash             text not null check (hash ~ '^[0-9a-f]{64}$'),
  hash_algorithm   text not null check (hash_algorithm in ('sm3', 'sha256'))
);
comment on table audit_event is
  '网关审计记录，哈希链防篡改，只能追加 (gateway audit trail: hash-chained, append-only)';

create index if not exists audit_event_at_idx on audit_event (at);
create index if not exists audit_event_subject_at_idx on audit_event (subject, at);
create index if not exists audit_event_agency_at_idx on audit_event (agency, at);
create index if not exists audit_event_enterprises_idx on audit_event using gin (enterprises);
create index if not exists audit_event_persons_idx on audit_event using gin (persons);
create index if not exists audit_event_outcome_at_idx on audit_event (outcome, at);
create index if not exists audit_event_operation_name_at_idx on audit_event (operation_name, at);

-- One row per prune: the last pruned record, so the remaining chain still verifies from it.
create table if not exists audit_anchor (
  seq            bigint primary key,
  hash           text not null,
  hash_algorithm text not null,
  cutoff         timestamptz not null,
  deleted        bigint not null,
  pruned_at      timestamptz not null default now()
);
comment on table audit_anchor is
  '审计记录按保留期删除的锚点 (anchors left by retention prunes)';

-- DELETE passes only inside audit_prune (which sets the transaction-local cutoff), and only for rows past
-- both that cutoff and the statutory minimum; everything else is refused, even for the owner.
create or replace function audit_append_only() returns trigger language plpgsql as $fn$
declare
  cutoff timestamptz;
begin
  if tg_op = 'DELETE' and tg_table_name = 'audit_event' then
    cutoff := nullif(current_setting('hub_audit.prune_cutoff', true), '')::timestamptz;
    if cutoff is not null and old.at < cutoff and old.at < now() - interval '${MIN_RETENTION_DAYS} days' then
      return old;
    end if;
  end if;
  raise exception '审计记录只能追加，不得修改或删除 (audit records are append-only: % on % refused)',
    tg_op, tg_table_name using errcode = 'P0001';
end
$fn$;

create or replace trigger ${APPEND_ONLY_TRIGGER} before update or delete on audit_event
  for each row execute function audit_append_only();
create or replace trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_append_only();
create or replace trigger audit_anchor_append_only before update or delete on audit_anchor
  for each row execute function audit_append_only();
create or replace trigger audit_anchor_no_truncate before truncate on audit_anchor
  for each statement execute function audit_append_only();

-- Owned by the table owner and SECURITY DEFINER, so the writer role can prune without holding DELETE.
-- Only a prefix of the chain goes (records are not in time order across gateways), and never anything
-- younger than the retention measured from the database clock (p_now may move it back, never forward).
-- Appends need not wait: when the last record goes, its anchor carries the same seq and hash.
create or replace function audit_prune(p_retention_days integer, p_now timestamptz)
returns bigint language plpgsql security definer
set search_path = ${q}, pg_temp
as $fn$
declare
  v_cutoff timestamptz;
  v_last bigint;
  v_hash text;
  v_algorithm text;
  v_deleted bigint;
begin
  if p_retention_days is null or p_retention_days < ${MIN_RETENTION_DAYS} then
    raise exception '审计记录保留期不得少于 ${MIN_RETENTION_DAYS} 天 (retention must be at least ${MIN_RETENTION_DAYS} days): %',
      p_retention_days using errcode = '22023';
  end if;
  perform pg_advisory_xact_lock(${PRUNE_LOCK_KEY});
  v_cutoff := least(coalesce(p_now, now()), now()) - make_interval(days => p_retention_days);
  -- One statement, one snapshot: the last record before the first one to keep (or the last record).
  select coalesce((select seq - 1 from audit_event where at >= v_cutoff order by seq limit 1),
                  (select max(seq) from audit_event))
    into v_last;
  select hash, hash_algorithm into v_hash, v_algorithm from audit_event where seq = v_last;
  if not found then
    return 0;
  end if;
  perform set_config('hub_audit.prune_cutoff', v_cutoff::text, true);
  delete from audit_event where seq <= v_last;
  get diagnostics v_deleted = row_count;
  perform set_config('hub_audit.prune_cutoff', '', true);
  insert into audit_anchor (seq, hash, hash_algorithm, cutoff, deleted) values (v_last, v_hash, v_algorithm, v_cutoff, v_deleted);
  return v_deleted;
end
$fn$;

revoke all on audit_event, audit_anchor from public;
revoke all on function audit_prune(integer, timestamptz) from public;
`;
}

function grantsSql(): string {
  const role = quoteIdent(AUDIT_WRITER_ROLE);
  return `
revoke all on audit_event, audit_anchor from ${role};
grant select, insert on audit_event to ${role};
grant select on audit_anchor to ${role};
grant execute on function audit_prune(integer, timestamptz) to ${role};
`;
}

/** Creates the writer role if missing and lets the current user SET ROLE to it; null when it cannot. */
async function ensureWriterRole(client: pg.Client): Promise<string | null> {
  const role = quoteIdent(AUDIT_WRITER_ROLE);
  const exists = await client.query('select 1 from pg_roles where rolname = $1', [AUDIT_WRITER_ROLE]);
  if (!exists.rowCount) {
    try {
      await client.query(`create role ${role} nologin`);
    } catch (error) {
      const code = (error as { code?: string }).code;
      // 42710/23505: another process created it meanwhile (roles are cluster-wide).
      if (code !== '42710' && code !== '23505') {
        log(
          'warn',
          '无法创建审计写入角色，将以连接用户写入 (cannot create the audit writer role; writing as the connecting user)',
          {
            role: AUDIT_WRITER_ROLE,
            error: String(error),
          },
        );
        return null;
      }
    }
  }
  // PostgreSQL 16 separated "may SET ROLE" from membership; a role's creator is not automatically allowed.
  const version = Number((await client.query<{ v: string }>('show server_version_num')).rows[0]!.v);
  const privilege = version >= 160000 ? 'SET' : 'MEMBER';
  const can = await client.query<{ ok: boolean }>(`select pg_has_role(current_user, $1, $2) as ok`, [
    AUDIT_WRITER_ROLE,
    privilege,
  ]);
  if (can.rows[0]?.ok) return AUDIT_WRITER_ROLE;
  try {
    await client.query(`grant ${role} to current_user${version >= 160000 ? ' with set true' : ''}`);
    return AUDIT_WRITER_ROLE;
  } catch (error) {
    log(
      'warn',
      '当前用户无法切换到审计写入角色，将以连接用户写入 (cannot SET ROLE to the audit writer role; writing as the connecting user)',
      {
        role: AUDIT_WRITER_ROLE,
        error: String(error),
      },
    );
    return null;
  }
}

export interface AuditSchemaInfo {
  /** The role appends run under (`SET LOCAL ROLE`), or null when it could not be set up. */
  writerRole: string | null;
  schema: string;
}

/**
 * Creates (or brings up to date) the audit tables, guard triggers, prune function, writer role and
 * grants. Idempotent and safe to run from several processes at once.
 */
export async function ensureAuditSchema(databaseUrl: string): Promise<AuditSchemaInfo> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const writerRole = await ensureWriterRole(client);
    const schema = (await client.query<{ s: string | null }>('select current_schema() as s')).rows[0]?.s;
    if (!schema) throw new Error('没有可用的模式 (no schema in search_path) for the audit tables');
    // A gateway that connects as a mere member of the writer role (the hardened set-up: DDL by the owner,
    // the hub unable to disable triggers) uses the tables as they are.
    const owned = await client.query<{ owns: boolean }>(
      `select pg_has_role(current_user, relowner, 'USAGE') as owns from pg_class where oid = to_regclass('audit_event')`,
    );
    if (owned.rows[0] && !owned.rows[0].owns) {
      if (!writerRole) {
        throw new Error(
          `审计表属于其他用户，且当前用户不是 ${AUDIT_WRITER_ROLE} 的成员 ` +
            `(the audit tables belong to another user and the current user is not a member of ${AUDIT_WRITER_ROLE})`,
        );
      }
      return { writerRole, schema };
    }
    await client.query('begin');
    try {
      await client.query(`select pg_advisory_xact_lock(${SCHEMA_LOCK_KEY})`);
      await client.query(schemaSql(schema));
      if (writerRole) {
        const usage = await client.query<{ ok: boolean }>('select has_schema_privilege($1, $2, $3) as ok', [
          writerRole,
          schema,
          'USAGE',
        ]);
        if (!usage.rows[0]?.ok)
          await client.query(`grant usage on schema ${quoteIdent(schema)} to ${quoteIdent(writerRole)}`);
        await client.query(grantsSql());
      }
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    }
    return { writerRole, schema };
  } finally {
    await client.end().catch(() => undefined);
  }
}
