# shellcheck shell=sh
# Sourced by ./edm and the bench scripts: the JVM options edm runs with, so a benchmark measures what users run.
#
# The parallel garbage collector instead of the JVM's default G1: on the 2-core machines edm is measured on,
# G1's concurrent marking and write barriers took CPU from the work itself. Same build, same minutes:
# bench/ingest.sh 13,500 and 14,629 req/s (p99 14.3 and 18.5 ms) against 13,148 and 12,005 (p99 19.1 and
# 21.8 ms); bench/reports.sh, sales by month for 100,000 SKUs in a fresh JVM, 1.65-1.74 s against 1.83-2.46 s.
# A collector chosen in EDM_JAVA_OPTS (-XX:+UseG1GC, -XX:+UseZGC, ...) replaces it.

edm_java_opts() {
  # prints the default options followed by $1 (the user's, e.g. "$EDM_JAVA_OPTS")
  case " ${1:-} " in
    *" -XX:+Use"*"GC "*) printf '%s' "${1:-}" ;;
    *) printf '%s' "-XX:+UseParallelGC${1:+ $1}" ;;
  esac
}
