# shellcheck shell=sh
# Sourced by ./edm, ./mvnw and .ci/run: sets JAVA_HOME to a JDK >= 21.
# Looks at JAVA_HOME, then `java` on PATH, then the usual JVM install folders
# (newest first). Prints a clear message and returns 1 when none is found.

edm_java_major() {
  # $1 = path to a java binary; prints its feature version (17, 21, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

edm_is_jdk21() {
  # $1 = candidate JAVA_HOME; true when it holds javac and java >= 21
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _v=$(edm_java_major "$1/bin/java")
  [ -n "$_v" ] && [ "$_v" -ge 21 ]
}

edm_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && edm_is_jdk21 "$JAVA_HOME"; then
    return 0
  fi
  _onpath=$(command -v java 2>/dev/null || true)
  if [ -n "$_onpath" ]; then
    _home=$(dirname "$(dirname "$(readlink -f "$_onpath")")")
    if edm_is_jdk21 "$_home"; then
      JAVA_HOME=$_home
      export JAVA_HOME
      return 0
    fi
  fi
  for _dir in /usr/lib/jvm /usr/java /usr/local/java /opt/java /opt/jdk /Library/Java/JavaVirtualMachines "$HOME/.sdkman/candidates/java" "$HOME/.jdks"; do
    [ -d "$_dir" ] || continue
    # newest version first: sort names by the first number in them, descending
    for _cand in $(ls -1 "$_dir" 2>/dev/null | awk '{ n = $0; sub(/^[^0-9]*/, "", n); sub(/[^0-9].*$/, "", n); print (n == "" ? 0 : n) "\t" $0 }' | sort -t "$(printf '\t')" -k1,1nr | cut -f2); do
      for _home in "$_dir/$_cand" "$_dir/$_cand/Contents/Home"; do
        if edm_is_jdk21 "$_home"; then
          JAVA_HOME=$_home
          export JAVA_HOME
          return 0
        fi
      done
    done
  done
  echo "edm: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm and other usual folders)." >&2
  echo "edm: install a JDK 21 or newer (for example the openjdk-21-jdk-headless or temurin-21-jdk package) or set JAVA_HOME to one." >&2
  return 1
}
