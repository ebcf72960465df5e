#!/usr/bin/env bash
# Fuzzes every JSON entry point for SECONDS each (default 60), after seeding
# the corpora from the fixture tables. A fuzzer takes one core: FUZZ_JOBS of
# them run at once (default: the machine's cores, two on these machines).
# Prints the executions per target; exits non-zero if any target crashed (the
# input is in fuzz/artifacts/<target>/).
#
#   fuzz/run.sh 20          (cargo xtask test: 20 s per target)
#   FUZZ_TARGETS="body batch" FUZZ_JOBS=1 fuzz/run.sh 600
#
# Reproduce a crash:  cargo +nightly-2026-10-30 fuzz run <target> fuzz/artifacts/<target>/<file>
# Minimize it:        cargo +nightly-2026-10-30 fuzz tmin <target> fuzz/artifacts/<target>/<file>
set -euo pipefail

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
    echo "usage: fuzz/run.sh [SECONDS]   (a positive number of seconds per target)" >&2
    exit 2
fi
toolchain="${FUZZ_TOOLCHAIN:-nightly-2026-10-30}"
targets="${FUZZ_TARGETS:-body body_with_record batch record tape issue_records lone}"
fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$fuzz_dir/.."

# Tools, skipped when present.
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
    rustup toolchain install "$toolchain" --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --version 0.13.2
fi

python3 "$fuzz_dir/seed.py"
cargo "+$toolchain" fuzz build

logs="$fuzz_dir/target/logs"
mkdir -p "$logs"
jobs_max="${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}"

# One target: its log, and its exit status in a file beside it.
fuzz_one() {
    local target="$1" status=0
    cargo "+$toolchain" fuzz run "$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=5 -max_len=65536 \
        -print_final_stats=1 -dict="$fuzz_dir/dict" >"$logs/$target.log" 2>&1 || status=$?
    echo "$status" >"$logs/$target.status"
}

running=0
for target in $targets; do
    echo "fuzz $target: ${seconds}s ..." >&2
    rm -f "$logs/$target.status"
    fuzz_one "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs_max" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

failed=()
summary=()
for target in $targets; do
    log="$logs/$target.log"
    status="$(cat "$logs/$target.status" 2>/dev/null || echo missing)"
    execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)"
    corpus="$( (ls "$fuzz_dir/corpus/$target" 2>/dev/null || true) | wc -l)"
    if [ "$status" = 0 ]; then
        summary+=("$target: ${execs:-?} executions in ${seconds}s, corpus $corpus inputs")
    else
        failed+=("$target")
        summary+=("$target: CRASH (exit $status) after ${execs:-?} executions; log $log")
        grep -E '^(==[0-9]+==|thread|SUMMARY|artifact_prefix|Test unit written)' "$log" >&2 || tail -30 "$log" >&2
    fi
done

printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "crashed: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
    exit 1
fi
