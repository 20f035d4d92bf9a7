#!/usr/bin/env bash
# Processing benchmark: replays a generated stream of 1,000,000 mixed Shopify deliveries (10,000 SKUs, two
# shops) into a fresh SQLite database with `edm replay` (the live processing path: interpret each delivery,
# apply its canonical events to stock, catalog and sales, mark it processed) and prints deliveries/s,
# canonical events/s and the resulting state checksum. Target: >= 50,000 events/s.
#
#   bench/process.sh                      # 1,000,000 deliveries, 10,000 SKUs, seed 42 (~15 min today)
#   COUNT=100000 bench/process.sh         # quick run (~2 min)
#   COUNT=100000 PROFILE=1 bench/process.sh   # ... and where the first replay spends its time
#
# Steps: `edm check` creates the schema in a scratch dir; bench/GenerateDeliveries.java writes the deliveries
# straight into the `delivery` table (deterministic for a seed: ~10% products/update after the catalog's
# products/create, ~50% inventory_levels/update, ~35% orders/create, ~5% orders/cancelled and refunds/create);
# `edm replay` processes them all, timed; sqlite3 then counts statuses and sums the "N event(s)" reasons.
# A second `edm replay` over the same database must print the same checksum.
#
# Environment: COUNT (deliveries, 1000000), SKUS (10000), SEED (42), BENCH_JAVA_OPTS (extra JVM options for
# edm), EDM_JAR (the edm jar to run, target/edm.jar; e.g. an older build to compare against), PROGRESS (s
# between progress lines during a replay, 30; 0 = none), PROFILE=1 (sample the first replay's stack with
# jstack about once a second and print where it spends its time; slows it a little),
# TMPDIR (where the scratch dir goes, /tmp; 1M deliveries need ~1.5 GB), KEEP_WORK=1 (keep the scratch dir:
# database, edm logs and output, the jar copy).
#
# Exit status: 1 when the run broke, a delivery failed or stayed pending. The events/s target, the
# determinism of replay and the generator's expected event count are printed as PASS/FAIL, not enforced.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
COUNT=${COUNT:-1000000}
SKUS=${SKUS:-10000}
SEED=${SEED:-42}
TARGET_EPS=50000

# shellcheck source=common.sh
. bench/common.sh

# --- 1. tools: sqlite3, the edm jar, a JDK >= 21 ----------------------------------------------------------
command -v sqlite3 >/dev/null || die "sqlite3 is required"
bench_java
# the JVM options ./edm runs with (bin/jvm-options.sh), then BENCH_JAVA_OPTS
read -r -a JAVA_OPTS <<<"$(edm_java_opts "${BENCH_JAVA_OPTS:-}")"

# --- 2. scratch space -------------------------------------------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/edm-process.XXXXXX")
REPLAY_PID=""
cleanup() {
  if [ -n "$REPLAY_PID" ]; then # interrupted during a replay: stop it (it holds the database)
    kill -TERM "$REPLAY_PID" 2>/dev/null || true
    wait "$REPLAY_PID" 2>/dev/null || true
  fi
  if [ "${KEEP_WORK:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
DB=$WORK/edm/data/edm.db
mkdir -p "$WORK/edm"
# a private copy of the jar: a rebuild of target/edm.jar during the run must not pull classes from under edm
JAR=$WORK/process-bench-snapshot.jar # (named so that a `pkill -f edm.jar` elsewhere does not stop the replay)
cp "${EDM_JAR:-target/edm.jar}" "$JAR"

# edm_exec ARGS...: replaces the (sub)shell with the jar, in a clean environment (no .env either: the working
# directory is the scratch dir). edm ARGS...: the same in a subshell.
edm_exec() {
  cd "$WORK/edm" && exec env -i PATH="$PATH" HOME="$HOME" \
    EDM_DATA_DIR="$WORK/edm/data" EDM_OUTPUT_DIR="$WORK/edm/output" EDM_LOG_DIR="$WORK/edm/logs" \
    "$JAVA" "${JAVA_OPTS[@]}" -jar "$JAR" "$@"
}
edm() { (edm_exec "$@"); }

# --- 3. schema and deliveries -----------------------------------------------------------------------------
log "creating the schema (edm check) in $WORK/edm"
edm check >"$WORK/check.out" 2>&1 || { cat "$WORK/check.out" >&2; die "edm check failed"; }
[ -f "$DB" ] || die "edm check did not create $DB"

log "generating $COUNT deliveries ($SKUS SKUs, seed $SEED)"
GEN=$("$JAVA" --enable-native-access=ALL-UNNAMED -cp "$JAR" bench/GenerateDeliveries.java "$DB" "$COUNT" "$SKUS" "$SEED") ||
  die "bench/GenerateDeliveries.java failed"
log "$GEN"
EXPECTED_EVENTS=$(sed -n 's/.*expected events \([0-9]*\).*/\1/p' <<<"$GEN")
STORED=$(sqlite3 "$DB" 'SELECT count(*) FROM delivery')
[ "$STORED" = "$COUNT" ] || die "the delivery table holds $STORED rows, expected $COUNT"
DB_MB=$(( $(stat -c %s "$DB") / 1048576 ))

# --- 4. replay --------------------------------------------------------------------------------------------
# replay N: runs `edm replay` (logging progress every PROGRESS seconds), sets REPLAY_WALL (s, whole process
# incl. JVM start, the final alert check and the checksum), REPLAYED, REPLAY_S, REPLAY_RATE and CHECKSUM.
PROGRESS=${PROGRESS:-30}

# sample_stack PID: one line for the processing thread's current stack: its innermost edm frame in brackets
# when that is the storage layer (dev.edm.storage: SQL running, commit), then the two innermost edm frames
# above it, innermost first. Empty when the thread is not in edm code.
sample_stack() {
  "$JAVA_HOME/bin/jstack" "$1" 2>/dev/null |
    awk 'function frame(s) { sub(/^\tat dev\.edm\./, "", s); sub(/\$\$Lambda.*/, "$$Lambda", s)
                             sub(/\(.*:/, ":", s); sub(/\)$/, "", s); return s }
         /^"(main|edm-processor)"/ { f = 1; next } f && /^$/ { exit }
         f && /^\tat dev\.edm\./ {
           if (/dev\.edm\.storage\./) { if (leaf == "" && n == 0) leaf = "[" frame($0) "] "; next }
           if (/dev\.edm\.cli\./) next
           out = out (n++ ? " < " : "") frame($0); if (n == 2) exit }
         END { if (n) print leaf out }' || true
}

replay() {
  local out=$WORK/replay-$1.out start end rc=0 began=$SECONDS next=$((SECONDS + PROGRESS)) pending processed
  local last=0 last_at=$SECONDS
  log "replay #$1 of $COUNT deliveries"
  start=$(date +%s.%N)
  (edm_exec replay) >"$out" 2>&1 &
  REPLAY_PID=$! # the java process itself (the subshell execs it)
  while kill -0 "$REPLAY_PID" 2>/dev/null; do
    sleep 1
    if [ "${PROFILE:-0}" = 1 ] && [ "$1" = 1 ]; then
      sample_stack "$REPLAY_PID" >>"$WORK/stacks.txt"
    fi
    if [ "$PROGRESS" -gt 0 ] && [ "$SECONDS" -ge "$next" ] && kill -0 "$REPLAY_PID" 2>/dev/null; then
      next=$((SECONDS + PROGRESS))
      # the last committed state (WAL: this read does not block the writer)
      pending=$(sqlite3 "$DB" "SELECT count(*) FROM delivery WHERE status = 'pending'" 2>/dev/null) || continue
      processed=$((COUNT - pending))
      log "replay #$1: $((SECONDS - began))s, $processed of $COUNT processed ($(( (processed - last) / (SECONDS - last_at) )) deliveries/s in the last $((SECONDS - last_at))s)"
      last=$processed last_at=$SECONDS
    fi
  done
  wait "$REPLAY_PID" || rc=$?
  REPLAY_PID=""
  end=$(date +%s.%N)
  [ "$rc" = 0 ] || { cat "$out" >&2; die "edm replay #$1 failed (exit $rc)"; }
  REPLAY_WALL=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  REPLAYED=$(sed -n 's/^replayed \([0-9]*\) deliveries.*/\1/p' "$out")
  REPLAY_S=$(sed -n 's/^replayed [0-9]* deliveries in \([0-9.]*\) s.*/\1/p' "$out")
  REPLAY_RATE=$(sed -n 's/.*(\([0-9]*\) deliveries\/s.*/\1/p' "$out")
  REPLAY_CPU=$(sed -n 's/.*; \([0-9.]*\) s of CPU).*/\1/p' "$out")
  CHECKSUM=$(sed -n 's/^state checksum \([0-9a-f]*\)$/\1/p' "$out")
  [ -n "$REPLAYED" ] && [ -n "$REPLAY_RATE" ] && [ -n "$CHECKSUM" ] || { cat "$out" >&2; die "unexpected replay output"; }
  log "$(tr '\n' ' ' <"$out")(wall ${REPLAY_WALL}s)"
}

replay 1
R1_S=$REPLAY_S R1_RATE=$REPLAY_RATE R1_WALL=$REPLAY_WALL R1_CPU=$REPLAY_CPU R1_SUM=$CHECKSUM R1_N=$REPLAYED

# statuses and canonical events of the first replay
STATUSES=$(sqlite3 "$DB" "SELECT status || '=' || count(*) FROM delivery GROUP BY status ORDER BY status" | paste -sd' ' -)
count_status() { sqlite3 "$DB" "SELECT count(*) FROM delivery WHERE status = '$1'"; }
FAILED=$(count_status failed)
IGNORED=$(count_status ignored)
PENDING=$(count_status pending)
EVENTS=$(sqlite3 "$DB" "SELECT coalesce(sum(CAST(substr(status_reason, 1, instr(status_reason, ' ') - 1) AS INTEGER)), 0)
  FROM delivery WHERE status = 'processed'")
TOPICS=$(sqlite3 "$DB" "SELECT topic || '=' || count(*) FROM delivery GROUP BY topic ORDER BY count(*) DESC" | paste -sd' ' -)
STATE=$(sqlite3 "$DB" "SELECT 'variants=' || (SELECT count(*) FROM variant) || ' stock_levels=' || (SELECT count(*) FROM stock_level)
  || ' sale_lines=' || (SELECT count(*) FROM sale_line) || ' reversals=' || (SELECT count(*) FROM sale_reversal)
  || ' open_alerts=' || (SELECT count(*) FROM alert WHERE status = 'open')")

replay 2
R2_S=$REPLAY_S R2_RATE=$REPLAY_RATE R2_WALL=$REPLAY_WALL R2_CPU=$REPLAY_CPU R2_SUM=$CHECKSUM

# --- 5. report --------------------------------------------------------------------------------------------
# events/s from edm's own deliveries/s (exact to the delivery) rather than its seconds (rounded to 0.1 s)
eps() { awk -v e="$EVENTS" -v n="$1" -v r="$2" 'BEGIN { printf "%.0f", (n > 0 ? e * r / n : 0) }'; }
R1_EPS=$(eps "$R1_N" "$R1_RATE")
R2_EPS=$(eps "$COUNT" "$R2_RATE")

echo
echo "== processing benchmark: edm replay of $COUNT generated Shopify deliveries ($SKUS SKUs, seed $SEED; database ${DB_MB} MB before replay)"
echo "topics:      $TOPICS"
echo "statuses:    $STATUSES"
echo "state:       $STATE"
echo "deliveries:  $R1_N"
echo "events:      $EVENTS (generator expected $EXPECTED_EVENTS)"
printf 'replay #1:   %s s   %s deliveries/s   %s events/s   (process wall %s s incl. JVM start, alert check, checksum)\n' \
  "$R1_S" "$R1_RATE" "$R1_EPS" "$R1_WALL"
printf 'replay #2:   %s s   %s deliveries/s   %s events/s   (process wall %s s)\n' "$R2_S" "$R2_RATE" "$R2_EPS" "$R2_WALL"
# CPU time of the replaying thread: on a busy machine elapsed time also counts other processes' turns
cpu_eps() { awk -v e="$EVENTS" -v c="$1" 'BEGIN { printf "%.0f", (c > 0 ? e / c : 0) }'; }
printf 'replay CPU:  #1 %s s (%s events per CPU-second), #2 %s s (%s events per CPU-second)\n' \
  "$R1_CPU" "$(cpu_eps "$R1_CPU")" "$R2_CPU" "$(cpu_eps "$R2_CPU")"
echo "checksum:    $R1_SUM"

if [ "${PROFILE:-0}" = 1 ] && [ -s "$WORK/stacks.txt" ]; then
  echo "replay #1 stack samples ($(wc -l <"$WORK/stacks.txt"), about one a second; innermost edm frames):"
  sort "$WORK/stacks.txt" | uniq -c | sort -rn | head -n 12 |
    awk -v n="$(wc -l <"$WORK/stacks.txt")" '{ c = $1; $1 = ""; printf "  %5.1f%% %s\n", 100 * c / n, $0 }'
fi

status=0
if [ "$FAILED" != 0 ]; then
  echo "FAIL no failed deliveries ($FAILED failed); first reasons:"
  sqlite3 "$DB" "SELECT '  #' || id || ' ' || topic || ': ' || status_reason FROM delivery WHERE status = 'failed' ORDER BY id LIMIT 5"
  status=1
else
  echo "PASS no failed deliveries"
fi
if [ "$PENDING" != 0 ] || [ "$R1_N" != "$COUNT" ]; then
  echo "FAIL every delivery processed (replayed $R1_N of $COUNT, $PENDING still pending)"
  status=1
fi
if [ "$IGNORED" != 0 ]; then
  echo "WARNING: $IGNORED deliveries ignored (the generator only writes topics edm uses)"
fi
if [ "$EVENTS" = "$EXPECTED_EVENTS" ]; then
  echo "PASS events == generator's count ($EVENTS)"
else
  echo "FAIL events == generator's count ($EVENTS vs $EXPECTED_EVENTS) [reported, not enforced]"
fi
if [ "$R1_SUM" = "$R2_SUM" ]; then
  echo "PASS replay is deterministic (same checksum twice)"
else
  echo "FAIL replay is deterministic (second checksum $R2_SUM) [reported, not enforced]"
fi
if [ "$R1_EPS" -ge "$TARGET_EPS" ]; then
  echo "PASS events/s >= $TARGET_EPS ($R1_EPS)"
else
  echo "FAIL events/s >= $TARGET_EPS ($R1_EPS) [reported, not enforced]"
fi
exit "$status"
