#!/usr/bin/env bash
# Installs a packed tarball (`npm pack`) into each consumer, as an application would, and runs
# the consumer's own `npm test`: its TypeScript compile, then its run against
# LocalAlternatorCluster. Each consumer runs in a scratch copy, so nothing here is modified.
#
#   test/consumers/run.sh <tarball> [consumer ...]   (default: all of them)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tarball="$(realpath "$1")"
shift
if [ "$#" -eq 0 ]; then set -- nest12-esm nest11-cjs core-only core-otel ts-jest-cjs jest-esm; fi

# Source maps would point at lib/*.ts, which the package does not ship.
if tar -tzf "$tarball" | grep '\.map$'; then
  echo "the package ships source maps without their sources" >&2
  exit 1
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

run_consumer() {
  local consumer="$1"
  cp -r "$here/$consumer" "$scratch/$consumer"
  case "$consumer" in
    # The same application source, compiled once as Nest 12 ESM and once as Nest 11 CommonJS.
    nest12-esm | nest11-cjs) mkdir -p "$scratch/$consumer/src" && cp "$here/nest-app/main.ts" "$scratch/$consumer/src/" ;;
    # The same Jest test, run by ts-jest in CommonJS mode and in native ESM mode.
    jest-esm) mkdir -p "$scratch/$consumer/test" && cp "$here/ts-jest-cjs/test/notes.test.ts" "$scratch/$consumer/test/" ;;
  esac
  cd "$scratch/$consumer"
  npm install --no-audit --no-fund --prefer-offline --loglevel=error "$tarball"
  npm test
}

# Consumers run side by side (installing is mostly waiting on the registry); each one's output
# is printed whole once it ends.
pids=()
for consumer in "$@"; do
  run_consumer "$consumer" >"$scratch/$consumer.log" 2>&1 &
  pids+=("$!")
done
failed=0
index=0
for consumer in "$@"; do
  if wait "${pids[$index]}"; then result=passed; else result=FAILED && failed=1; fi
  echo "== consumer $consumer: $result"
  cat "$scratch/$consumer.log"
  index=$((index + 1))
done
exit "$failed"
