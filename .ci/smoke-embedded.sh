#!/usr/bin/env bash
# Starts the hub as a fresh machine would (no DATABASE_URL: embedded PostgreSQL), waits for /ready,
# queries one large enterprise across all five agencies, then stops it with SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
log=$(mktemp)
port=14000
trap 'kill -TERM -- -$pid 2>/dev/null || true; rm -rf "$data"' EXIT

started=$(date +%s)
env -u DATABASE_URL HUB_DATA_DIR="$data" HUB_EMBEDDED_PG_PORT=15433 PORT=$port \
  TAX_PORT=14001 SOCIAL_SECURITY_PORT=14002 MEDICAL_INSURANCE_PORT=14003 COURTS_PORT=14004 SERVICE_POINTS_PORT=14005 HUB_INTERNAL_PORT=14006 \
  setsid npm start >"$log" 2>&1 &
pid=$!

for _ in $(seq 1 180); do
  if curl -sf "http://127.0.0.1:$port/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 $pid 2>/dev/null; then echo "npm start exited early:"; cat "$log"; exit 1; fi
  sleep 1
done
curl -sf "http://127.0.0.1:$port/ready" >/dev/null || { echo "not ready after 180 s:"; tail -50 "$log"; exit 1; }
echo "ready after $(( $(date +%s) - started )) s"

# A token minted with the hub's own key pair, as an operator on a closed network would.
token=$(HUB_DATA_DIR="$data" npm run -s token -- --role analyst | tail -n 1)
gql() { curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -H "authorization: Bearer $token" -d "$1"; }
code=$(gql '{"query":"{ enterprises(filter: { isLargeEnterprise: true }, first: 1) { edges { node { creditCode } } } }"}' \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).data.enterprises.edges[0].node.creditCode))')
answer=$(gql "{\"query\":\"{ enterprise(creditCode: \\\"$code\\\") { name socialInsurance { accountNumber } medicalInsurance { accountNumber } courtCases { caseNumber } serviceRecords { service } } }\"}")
echo "$answer" | node -e '
let s=""; process.stdin.on("data",d=>s+=d).on("end",()=>{
  const r = JSON.parse(s);
  if (r.errors) { console.error("errors:", JSON.stringify(r.errors)); process.exit(1); }
  const e = r.data.enterprise;
  for (const k of ["name","socialInsurance","medicalInsurance","courtCases","serviceRecords"])
    if (e[k] === null || e[k] === undefined) { console.error("missing " + k, s); process.exit(1); }
  console.log("enterprise across five agencies:", e.name);
});'

kill -TERM -- -$pid
for _ in $(seq 1 30); do kill -0 $pid 2>/dev/null || break; sleep 1; done
if kill -0 $pid 2>/dev/null; then echo "did not stop on SIGTERM"; exit 1; fi
if pg_isready -q -h 127.0.0.1 -p 15433 2>/dev/null; then echo "embedded PostgreSQL still running after stop"; exit 1; fi
echo "stopped cleanly"
