#!/usr/bin/env bash
# Mutation runs of the analyzer core with the fast suites, one Stryker run per file so each finished file keeps its
# report, then the merged score: `bash tools/mutate-fast.sh [stem ...]` (default: every file of src/core/analyze but
# index.ts and model.ts, which have no mutants). About 3 s per mutant per worker on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
stems=("$@")
if [ ${#stems[@]} -eq 0 ]; then
  for f in src/core/analyze/*.ts; do
    s=$(basename "$f" .ts)
    [ "$s" = index ] || [ "$s" = model ] || stems+=("$s")
  done
fi
for s in "${stems[@]}"; do
  echo "== $s $(date +%H:%M:%S)"
  MUTATE="$s" FC_SEED=1 npx stryker run stryker.fast.config.mjs
done
npx tsx tools/mutation-score.ts
