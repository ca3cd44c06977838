#!/usr/bin/env bash
# A/B of `migrate` between an earlier commit and the working tree, on the same generated replica
# (BENCH_POSTS, default 2,000), politeness off on both sides, interleaved (old, new) × PAIRS (default 3).
# Prints each pair and the min and median of new ÷ old. Usage: bash bench/ab-migrate.sh <commit>
set -euo pipefail
old_commit=${1:?usage: bash bench/ab-migrate.sh <commit>}
posts=${BENCH_POSTS:-2000}
pairs=${PAIRS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; git -C "$root" worktree remove --force "$tmp/old" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git -C "$root" worktree add -q "$tmp/old" "$old_commit"
ln -s "$root/node_modules" "$tmp/old/node_modules"
(cd "$tmp/old" && npx tsc -p tsconfig.build.json)
(cd "$root" && npm run build --silent)
(cd "$root" && REPLICA_POSTS=$posts PORT=0 npx tsx fixtures/serve.ts >"$tmp/server.log" 2>&1) &
server=$!
for _ in $(seq 1 100); do grep -q "http://127" "$tmp/server.log" && break; sleep 0.3; done
url=$(grep -o "http://127.0.0.1:[0-9]*" "$tmp/server.log" | head -1)
run() {
  local out; out=$(mktemp -d -p "$tmp")
  /usr/bin/time -f "%e" node "$1/dist/cli/main.js" --quiet migrate https://www.miaprojektet.se/aktuellt-39586750 --out "$out/site" \
    --map-origin "*=$url" --host-gap 0 --host-concurrency 16 --concurrency 16 --no-cache 2>&1 >/dev/null | tail -1
}
ratios=()
for pair in $(seq 1 "$pairs"); do
  a=$(run "$tmp/old"); b=$(run "$root")
  r=$(echo "$b / $a" | bc -l)
  ratios+=("$r")
  printf "pair %d  old %6.2f s  new %6.2f s  new/old %.3f\n" "$pair" "$a" "$b" "$r"
done
printf "%s\n" "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "new/old: min %.3f, median %.3f (%d pairs, %s posts)\n", a[1], a[int((NR + 1) / 2)], NR, "'"$posts"'" }'
