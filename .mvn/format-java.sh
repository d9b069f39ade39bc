#!/usr/bin/env bash
# Checks (or applies) google-java-format on one module's Java sources.
# Run by Maven (exec-maven-plugin) with TOOLCHAIN_JAVA_HOME set to the JDK the build selected:
# the formatter needs a JDK that parses Java 21 syntax, which Maven's own JVM may not be.
# usage: format-java.sh check|apply FORMATTER_JAR MODULE_DIR
set -euo pipefail
mode=$1 jar=$2 module=$3
java="${TOOLCHAIN_JAVA_HOME:-${JAVA_HOME:-}}/bin/java"
[ -x "$java" ] || java=java
mapfile -t files < <(find "$module/src" -name '*.java' 2>/dev/null | sort)
[ ${#files[@]} -gt 0 ] || exit 0
case "$mode" in
  check)
    unformatted=$("$java" -jar "$jar" --dry-run "${files[@]}")
    if [ -n "$unformatted" ]; then
      echo "These files are not formatted (fix with: mvn -Pformat process-sources):" >&2
      echo "$unformatted" >&2
      exit 1
    fi ;;
  apply) "$java" -jar "$jar" --replace "${files[@]}" ;;
  *) echo "usage: $0 check|apply FORMATTER_JAR MODULE_DIR" >&2; exit 2 ;;
esac
