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
if [ "$#" -eq 0 ]; then set -- nest12-esm nest11-cjs core-only core-otel ts-jest-cjs; fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

for consumer in "$@"; do
  echo "== consumer $consumer"
  cp -r "$here/$consumer" "$scratch/$consumer"
  case "$consumer" in
    # The same application source, compiled once as Nest 12 ESM and once as Nest 11 CommonJS.
    nest12-esm | nest11-cjs) mkdir -p "$scratch/$consumer/src" && cp "$here/nest-app/main.ts" "$scratch/$consumer/src/" ;;
  esac
  (
    cd "$scratch/$consumer"
    npm install --no-audit --no-fund --prefer-offline --loglevel=error "$tarball"
    npm test
  )
done
