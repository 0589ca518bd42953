#!/usr/bin/env bash
# A throwaway Virtuoso 7 (Debian's virtuoso-opensource-7-bin) on 127.0.0.1, for the push /
# bulk-load test (tests/virtuoso.rs) and benches/compare.sh.
#
#   eval "$(bash scripts/virtuoso.sh start DIR)"   # database in DIR, free ports; prints exports
#   bash scripts/virtuoso.sh stop DIR
#
# `start` writes DIR/virtuoso.ini, starts the server, waits until its HTTP endpoint answers,
# lets the anonymous "SPARQL" user write (Graph Store Protocol PUT and SPARQL Update need
# more than `GRANT SPARQL_UPDATE` on a fresh database: the Turtle loader's callbacks and
# deletes from RDF_QUAD) and prints, for the shell to evaluate:
#   CAREERGRAPH_VIRTUOSO           http://127.0.0.1:PORT (SPARQL at /sparql, GSP at /sparql-graph-crud)
#   CAREERGRAPH_VIRTUOSO_ISQL      the isql port (user dba, password dba)
#   CAREERGRAPH_VIRTUOSO_LOAD_DIR  a directory in DirsAllowed, for ld_dir bulk loads
# VIRTUOSO_BUFFERS sets NumberOfBuffers (8 KiB pages; default 100000 ≈ 800 MB at most).
set -euo pipefail

cmd="${1:-}"; dir="${2:-}"
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2; exit 2
fi

isql() { isql-vt "$(cat "$dir/isql.port")" dba dba "$@"; }

case "$cmd" in
start)
  command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null || {
    echo "virtuoso-t / isql-vt not found: apt-get install virtuoso-opensource-7-bin" >&2; exit 1; }
  mkdir -p "$dir/load"
  dir="$(cd "$dir" && pwd)"
  free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
  sql_port=$(free_port); http_port=$(free_port)
  while [ "$http_port" = "$sql_port" ]; do http_port=$(free_port); done
  echo "$sql_port" > "$dir/isql.port"
  cat > "$dir/virtuoso.ini" <<INI
[Database]
DatabaseFile = $dir/virtuoso.db
ErrorLogFile = $dir/virtuoso.log
LockFile = $dir/virtuoso.lck
TransactionFile = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $dir/virtuoso-temp.db
TransactionFile = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$sql_port
DisableUnixSocket = 1
NumberOfBuffers = ${VIRTUOSO_BUFFERS:-100000}
MaxDirtyBuffers = $(( ${VIRTUOSO_BUFFERS:-100000} * 3 / 4 ))
DirsAllowed = ., $dir/load
CheckpointInterval = 60
CaseMode = 2

[HTTPServer]
ServerPort = 127.0.0.1:$http_port
ServerThreads = 4
MaxClientConnections = 4

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 0
INI
  (cd "$dir" && virtuoso-t +configfile "$dir/virtuoso.ini" +wait) >&2 || {
    tail -20 "$dir/virtuoso.log" >&2; exit 1; }
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$http_port/sparql?query=ASK%7B%7D" && break
    sleep 0.2
  done
  grants='GRANT SPARQL_UPDATE TO "SPARQL";
GRANT DELETE ON DB.DBA.RDF_QUAD TO "SPARQL";'
  for proc in TTLP_RL_NEW_GRAPH TTLP_EV_NEW_BLANK TTLP_EV_GET_IID TTLP_RL_TRIPLE TTLP_RL_TRIPLE_L \
              TTLP_RL_COMMIT TTLP_EV_REPORT_DEFAULT RL_FLUSH; do
    grants+="
GRANT EXECUTE ON DB.DBA.$proc TO \"SPARQL\";"
  done
  echo "$grants" > "$dir/grants.sql"
  isql "$dir/grants.sql" >/dev/null
  echo "export CAREERGRAPH_VIRTUOSO=http://127.0.0.1:$http_port"
  echo "export CAREERGRAPH_VIRTUOSO_ISQL=$sql_port"
  echo "export CAREERGRAPH_VIRTUOSO_LOAD_DIR=$dir/load"
  ;;
stop)
  [ -f "$dir/isql.port" ] || exit 0
  isql exec='shutdown;' >/dev/null 2>&1 || true
  for _ in $(seq 1 50); do [ -e "$dir/virtuoso.lck" ] || break; sleep 0.2; done
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
