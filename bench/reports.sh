#!/usr/bin/env bash
# Report bench: 100,000 SKUs x 365 days of sales (each SKU sells on a day with its own probability, ~10% of
# SKU-days on average, 1-3 units; stock history with stockouts; costs for 80% of SKUs) written straight into a
# fresh SQLite database by bench/ReportsBench.java (deterministic for a seed), then each report is built in
# process twice (cold, warm) and rendered as CSV, timed. Target: < 2 s per report on SQLite.
#
#   bench/reports.sh                  # 100,000 SKUs, 365 days, seed 42
#   SKUS=10000 bench/reports.sh       # quick run
#
# Environment: SKUS (100000), DAYS (365), SEED (42), TMPDIR (scratch dir parent; the full run needs ~1 GB),
# KEEP_WORK=1 (keep the scratch dir), WORK=DIR (keep the database in DIR and reuse it), REPORTS=sales,abc (only
# these reports), ROUNDS (2: each report is built this many times in the same JVM; the first is cold). Prints
# the machine's load before and after: figures on a busy machine are not comparable with a quiet one.
set -euo pipefail

cd "$(dirname "$0")/.."
SKUS=${SKUS:-100000}
DAYS=${DAYS:-365}
SEED=${SEED:-42}

# shellcheck source=common.sh
. bench/common.sh
bench_java

if [ -n "${WORK:-}" ]; then KEEP_WORK=1; mkdir -p "$WORK"; else WORK=$(mktemp -d "${TMPDIR:-/tmp}/edm-reports.XXXXXX"); fi
cleanup() { if [ "${KEEP_WORK:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT
JAR=$WORK/reports-bench-snapshot.jar
cp target/edm.jar "$JAR"

log "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# shellcheck disable=SC2046 # a list of JVM options: ./edm's (bin/jvm-options.sh), then JAVA_OPTS
"$JAVA" --enable-native-access=ALL-UNNAMED -Xmx2g $(edm_java_opts "${JAVA_OPTS:-}") -cp "$JAR" bench/ReportsBench.java "$WORK" "$SKUS" "$DAYS" "$SEED" "${REPORTS:-}" "${ROUNDS:-2}" \
  2> >(grep -v '^WARNING' >&2)
log "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
log "database: $(du -h "$WORK/data/edm.db" | cut -f1)"
