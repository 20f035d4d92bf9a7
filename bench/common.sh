# shellcheck shell=bash
# Sourced by the bench scripts (from the repository root): logging, the edm jar, a JDK >= 21 in $JAVA.
log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

bench_java() {
  if [ ! -f target/edm.jar ]; then
    log "building target/edm.jar"
    ./mvnw -q -B package -DskipTests
  fi
  # shellcheck source=../bin/find-jdk.sh
  . bin/find-jdk.sh
  edm_find_jdk || exit 1
  JAVA=$JAVA_HOME/bin/java
  # shellcheck source=../bin/jvm-options.sh
  . bin/jvm-options.sh
}
