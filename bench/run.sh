#!/usr/bin/env bash
# Builds the benchmarks and writes bench/RESULTS.md.
#   bench/run.sh                 short profile, about 15 minutes on 2 cores
#   bench/run.sh --profile full  three forks, longer iterations
# The benchmarks run on JDK 25 (virtual-thread peers need 21+): WEFT_JDK25, else Temurin 25's
# usual place, else the java on PATH if it is 21 or later.
set -euo pipefail
cd "$(dirname "$0")/.."

JDK25="${WEFT_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ -x "$JDK25/bin/java" ]; then
  JAVA="$JDK25/bin/java"
else
  JAVA=java
  version=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
  if [ "${version%%.*}" -lt 21 ]; then
    echo "bench/run.sh needs JDK 21+ for the virtual-thread peers; set WEFT_JDK25 to a JDK 25 home" >&2
    exit 2
  fi
fi

mvn -B -q -DskipTests package -pl bench -am
"$JAVA" -jar bench/target/weft-benchmarks.jar --out bench/RESULTS.md "$@"
