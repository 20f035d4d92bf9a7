# shellcheck shell=sh
# Sourced by ./edm and the bench scripts: the JVM options edm runs with, so a benchmark measures what users run.
#
# The parallel garbage collector instead of the JVM's default G1: on the 2-core machines edm is measured on,
# G1's concurrent marking and write barriers took CPU from the work itself. Same build, same minutes:
# bench/ingest.sh 13,500 and 14,629 req/s (p99 14.3 and 18.5 ms) against 13,148 and 12,005 (p99 19.1 and
# 21.8 ms); bench/reports.sh, sales by month for 100,000 SKUs in a fresh JVM, 1.65-1.74 s against 1.83-2.46 s.
# A collector chosen in EDM_JAVA_OPTS (-XX:+UseG1GC, -XX:+UseZGC, ...) replaces it.
#
# `serve` runs with a fixed heap, touched at start (-Xms = -Xmx, -XX:+AlwaysPreTouch): a heap that grows under
# load makes young collections fault in fresh pages, and those pauses (30-70 ms, mostly kernel time) stalled
# every webhook in flight. Size: EDM_HEAP (e.g. 512m, 2g; "auto" or unset: a quarter of the machine's memory,
# at most 2g, at least 256m); a -Xmx or -Xms in EDM_JAVA_OPTS replaces it.

# edm_heap: prints the heap size for serve (EDM_HEAP, or a quarter of MemTotal within 256m..2g); returns 2 with
# one line naming EDM_HEAP when it is not a size.
edm_heap() {
  case "${EDM_HEAP:-auto}" in
    auto)
      kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo 2>/dev/null || true)
      if [ -z "$kb" ]; then
        printf '%s' 1g
        return 0
      fi
      mb=$((kb / 1024 / 4))
      [ "$mb" -gt 2048 ] && mb=2048
      [ "$mb" -lt 256 ] && mb=256
      printf '%sm' "$mb"
      ;;
    *)
      if ! printf '%s' "$EDM_HEAP" | grep -Eq '^[1-9][0-9]*[mMgG]$'; then
        echo "edm: EDM_HEAP=$EDM_HEAP is not a heap size: use a number with m or g, e.g. 512m or 2g (or auto)" >&2
        return 2
      fi
      n=${EDM_HEAP%?}
      case "$EDM_HEAP" in *[gG]) n=$((n * 1024)) ;; esac
      if [ "$n" -lt 128 ]; then
        echo "edm: EDM_HEAP=$EDM_HEAP is too small: edm needs at least 128m" >&2
        return 2
      fi
      printf '%s' "$EDM_HEAP"
      ;;
  esac
}

edm_java_opts() {
  # prints the default options followed by $1 (the user's, e.g. "$EDM_JAVA_OPTS"); $2 is the edm command
  # (serve gets the fixed heap). Returns 2 when EDM_HEAP is invalid (the message is on stderr).
  opts="-XX:+UseParallelGC"
  case " ${1:-} " in
    *" -XX:+Use"*"GC "*) opts="" ;;
  esac
  if [ "${2:-}" = serve ]; then
    case " ${1:-} " in
      *" -Xmx"* | *" -Xms"*) ;;
      *)
        heap=$(edm_heap) || return 2
        opts="${opts:+$opts }-Xms$heap -Xmx$heap -XX:+AlwaysPreTouch"
        ;;
    esac
  fi
  printf '%s' "$opts${1:+${opts:+ }$1}"
}
