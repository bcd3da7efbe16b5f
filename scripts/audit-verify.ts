// npm run audit:verify
// Verifies the audit trail's hash chain (read only). The database: HUB_AUDIT_DATABASE_URL, else
// <HUB_DB_PREFIX or hub>_hub on the DATABASE_URL server, else on the embedded PostgreSQL.
// Exit 0: the chain verifies; 1: it does not (the first bad seq is printed); 2: it could not be checked.
import { databaseOnServer, startEmbeddedPostgres, type EmbeddedDatabase } from '../core/database.js';
import { verifyAuditDatabase } from '../gateway/audit/verify.js';

const env = process.env;
const auditDatabase = `${env.HUB_DB_PREFIX ?? 'hub'}_hub`;
let embedded: EmbeddedDatabase | null = null;
let exitCode = 2;
try {
  let url = env.HUB_AUDIT_DATABASE_URL;
  if (!url && env.DATABASE_URL) url = databaseOnServer(env.DATABASE_URL, auditDatabase);
  if (!url) {
    embedded = await startEmbeddedPostgres(env);
    url = databaseOnServer(embedded.serverUrl, auditDatabase);
  }
  const where = new URL(url);
  where.password = '';
  console.log(`审计库 (audit database): ${where.host}${where.pathname}`);
  const started = Date.now();
  const result = await verifyAuditDatabase(url);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.ok) {
    console.log(
      `审计链完整：${result.count} 条记录均已校验，最后序号 ${result.lastSeq ?? '无 (none)'}，用时 ${seconds} 秒 ` +
        `(audit chain intact: ${result.count} records verified, last seq ${result.lastSeq ?? 'none'}, ${seconds} s)`,
    );
    exitCode = 0;
  } else {
    console.log(
      `审计链校验失败：第一条未通过的记录序号 ${result.firstBadSeq}，原因：${result.reason}；此前 ${result.count} 条通过 ` +
        `(audit chain broken: first bad seq ${result.firstBadSeq}, reason: ${result.reason}; ${result.count} records verified before it)`,
    );
    exitCode = 1;
  }
} catch (error) {
  const code = (error as { code?: string }).code;
  const detail =
    code === '42P01'
      ? '审计表不存在 (no audit tables in this database)'
      : code === '3D000'
        ? `审计库不存在 (the audit database does not exist): ${String(error)}`
        : String(error);
  console.error(`无法校验审计链 (cannot verify the audit chain): ${detail}`);
  exitCode = 2;
} finally {
  await embedded?.stop().catch(() => undefined);
}
process.exit(exitCode);
