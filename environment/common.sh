# Shared set-up steps for environment/setup, environment/test and environment/bench.
# Every step checks before it acts, so running it again reuses what is installed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
JARS="$ROOT/lib/target/jars"
# The optional Spark backend (spark/): its jars, and the module openings Spark needs on Java 17
# (the list spark-submit adds; spark/pom.xml's spark.java.opens is the same for the tests)
SPARK_JARS="$ROOT/spark/target/jars"
SPARK_JAVA_OPENS="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true"
KERNEL_NAME="gennas4j-java"
KERNEL_VERSION="3.0.1"
JUPYTER_PREFIX="$BUILD/jupyter"
export JUPYTER_PATH="$JUPYTER_PREFIX/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
# oneDNN's AVX-512 convolutions give wrong, run-to-run different results on Zen 5 EPYC (GenNAS
# losses turn NaN): cap it at AVX2 everywhere (see io.gennas4j.Gennas4j.ISA_ENV)
export ONEDNN_MAX_CPU_ISA="${ONEDNN_MAX_CPU_ISA:-AVX2}"
export GENNAS4J_DATA="${GENNAS4J_DATA:-$ROOT/data}"
MVN=(mvn -B -q)

log() { printf '\n== %s\n' "$*"; }

# Jupyter (Debian packages: PyPI is unreachable here), fonts for XChart, a JDK 17 and Maven.
ensure_system_packages() {
  local missing=()
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || missing+=(maven)
  /usr/bin/python3 -c 'import nbconvert, nbclient, notebook, ipykernel' 2>/dev/null \
    || missing+=(jupyter-nbconvert jupyter-notebook python3-nbclient jupyter-client jupyter-core python3-ipykernel)
  fc-list 2>/dev/null | grep -qi dejavu || missing+=(fontconfig fonts-dejavu-core)
  if ((${#missing[@]})); then
    log "Installing Debian packages: ${missing[*]}"
    local sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Link the benchmark tables and images into data/ (never copied into the repository).
link_data() {
  local shared="$ROOT/../shared/data"
  mkdir -p "$ROOT/data"
  if [ -d "$shared" ]; then
    for d in "$shared"/*/; do
      d="${d%/}"
      local name; name="$(basename "$d")"
      [ -e "$ROOT/data/$name" ] || ln -s "../../shared/data/$name" "$ROOT/data/$name"
    done
  fi
  if [ ! -f "$GENNAS4J_DATA/nb201/nb201_accuracies.csv" ]; then
    echo "WARNING: no benchmark data in $GENNAS4J_DATA: links are made only from $shared (a checkout beside shared/);" \
         "elsewhere set GENNAS4J_DATA=/path/to/shared/data (see data/README.md for the files)." >&2
  fi
}

# The java class path and options of environment/score and environment/bench: the library's jars,
# plus the Spark module's (and the module openings Spark needs) when --spark is among the arguments
# or GENNAS4J_SPARK names a master. Sets CP and JAVA_OPTS.
java_setup() {
  CP="$JARS/*"
  JAVA_OPTS=(-Djava.awt.headless=true -Dai.djl.offline=true -Xmx6g)
  # extra JVM options, e.g. Spark settings as system properties: GENNAS4J_JAVA_OPTS="-Dspark.executor.memory=2g"
  [ -n "${GENNAS4J_JAVA_OPTS:-}" ] && JAVA_OPTS+=($GENNAS4J_JAVA_OPTS)
  local spark="${GENNAS4J_SPARK:-}"
  for a in "$@"; do [ "$a" = --spark ] && spark=yes; done
  if [ -n "$spark" ]; then
    CP="$JARS/*:$SPARK_JARS/*"
    JAVA_OPTS+=($SPARK_JAVA_OPENS)
    # a local-cluster's workers keep executor logs under $SPARK_HOME/work: keep them in build/
    export SPARK_HOME="${SPARK_HOME:-$BUILD/spark-home}"
    mkdir -p "$SPARK_HOME"
  fi
}

# The library jar and its runtime jars in lib/target/jars (one %jars line loads them all), and the
# optional Spark module's in spark/target/jars.
ensure_build() {
  if [ "${1:-}" = force ] || [ ! -f "$JARS/gennas4j.jar" ] || [ ! -f "$SPARK_JARS/gennas4j-spark.jar" ] || \
     [ -n "$(find "$ROOT/lib/src/main" "$ROOT/lib/pom.xml" "$ROOT/pom.xml" -newer "$JARS/gennas4j.jar" -print -quit)" ] || \
     [ -n "$(find "$ROOT/spark/src/main" "$ROOT/spark/pom.xml" -newer "$SPARK_JARS/gennas4j-spark.jar" -print -quit)" ]; then
    log "Building lib/ and spark/ (mvn package)"
    (cd "$ROOT" && "${MVN[@]}" package -DskipTests -DskipITs)
  fi
}

# The Java kernel (rapaio-jupyter-kernel from Maven Central) as a project-local kernelspec.
ensure_kernel() {
  local dir="$JUPYTER_PREFIX/share/jupyter/kernels/$KERNEL_NAME"
  local jar="rapaio-jupyter-kernel-$KERNEL_VERSION.jar"
  if [ ! -f "$dir/$jar" ]; then
    log "Installing the Java kernel ($jar)"
    mkdir -p "$dir"
    (cd "$ROOT" && "${MVN[@]}" dependency:copy \
      -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$KERNEL_VERSION" -DoutputDirectory="$dir")
  fi
  # the released kernel's channel loop can end before its first poll (a start-up race: the shell
  # never answers, about one start in six); environment/kernel-fix holds a fixed LoopThread that goes
  # ahead of the jar on the class path
  local fix_src="$ROOT/environment/kernel-fix/org/rapaio/jupyter/kernel/channels/LoopThread.java"
  if [ ! -f "$dir/fix/org/rapaio/jupyter/kernel/channels/LoopThread.class" ] \
      || [ "$fix_src" -nt "$dir/fix/org/rapaio/jupyter/kernel/channels/LoopThread.class" ]; then
    mkdir -p "$dir/fix"
    javac --release 17 -d "$dir/fix" "$fix_src"
  fi
  local heap="${GENNAS4J_KERNEL_HEAP:-6g}"
  # Spark's module openings too, so a notebook can score on a cluster (README › Scaling out)
  local opens
  opens="$(printf '"%s", ' $SPARK_JAVA_OPENS)"
  cat > "$dir/kernel.json" <<JSON
{
  "argv": ["java", "-Djava.awt.headless=true", "-Dai.djl.offline=true", "-Xmx$heap", $opens
           "-cp", "{resource_dir}/fix:{resource_dir}/$jar", "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
  "display_name": "Java (gennas4j)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {
    "DJL_OFFLINE": "true",
    "ONEDNN_MAX_CPU_ISA": "$ONEDNN_MAX_CPU_ISA",
    "OPT_OUT_TRACKING": "true",
    "RJK_TIMEOUT_MILLIS": "-1",
    "GENNAS4J_DATA": "$GENNAS4J_DATA"
  }
}
JSON
}

# Execute a notebook headless, keep its outputs, and write notebook + HTML under reports/.
execute_notebook() {
  local nb="$1" out_dir="${2:-$ROOT/reports}"
  local name; name="$(basename "$nb" .ipynb)"
  mkdir -p "$out_dir"
  local attempt
  # the rapaio kernel sometimes never answers on its shell channel after start-up (about one start
  # in four seen here); a fresh kernel does, so such a start is retried. A failing cell is not.
  for attempt in 1 2 3 4 5; do
    rm -f "$out_dir/$name.ipynb" "$out_dir/$name.log"
    log "Executing $nb"
    (cd "$(dirname "$nb")" && jupyter nbconvert --to notebook --execute \
        --ExecutePreprocessor.timeout=-1 --ExecutePreprocessor.startup_timeout=40 \
        --ExecutePreprocessor.kernel_name="$KERNEL_NAME" \
        --output-dir "$out_dir" --output "$name.ipynb" "$(basename "$nb")") > "$out_dir/$name.log" 2>&1 || true
    grep -v -i "frozen modules\|PYDEVD\|debugger\|\[INFO\|^ *\"\|^{\|^}" "$out_dir/$name.log" | tail -40 || true
    [ -f "$out_dir/$name.ipynb" ] && break
    # a kernel that never came up is retried (up to five starts); a failing cell is not
    grep -q "Kernel didn't respond\|Kernel died before replying" "$out_dir/$name.log" || break
  done
  [ -f "$out_dir/$name.ipynb" ] || { echo "Notebook $nb failed (no output written; log: $out_dir/$name.log)" >&2; return 1; }
  if grep -q '"output_type": "error"' "$out_dir/$name.ipynb"; then
    echo "Notebook $nb has an error cell; see $out_dir/$name.ipynb" >&2
    return 1
  fi
  jupyter nbconvert --to html --output-dir "$out_dir" "$out_dir/$name.ipynb" 2>&1 | grep -v -i "frozen modules\|PYDEVD\|debugger" || true
  echo "Report: $out_dir/$name.html"
}
