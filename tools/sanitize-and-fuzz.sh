#!/usr/bin/env bash
# The continuous checks after the test suite (.ci/run): the torch-free
# libraries (report, envs, forecasting, the UED core) and their tests built by
# clang with AddressSanitizer and UndefinedBehaviorSanitizer, then each
# libFuzzer target for FUZZ_SECONDS (default 30) from its seed corpus in
# tests/fuzz_corpus/. LibTorch's modules are left out: Debian's LibTorch is
# not instrumented, and ASan reports inside it would not be ours.
#
#   tools/sanitize-and-fuzz.sh [FUZZ_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
flags="-fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
cmake -S . -B build-sanitize -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DADVLAB_TORCH_FREE=ON -DADVLAB_FUZZ=ON \
  -DCMAKE_CXX_FLAGS="$flags" > /dev/null
cmake --build build-sanitize
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-sanitize --output-on-failure
for target in level_text csv config level_buffer idx bpe; do
  # Fuzz into a scratch corpus so the checked-in seeds stay small; a finding
  # leaves crash-* here and fails the step.
  work=$(mktemp -d)
  status=0
  build-sanitize/fuzz/fuzz_$target -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="build-sanitize/fuzz/$target-" "$work" "tests/fuzz_corpus/$target" \
    > "$work.log" 2>&1 || status=$?
  echo "fuzz_$target: $(grep -E '^Done|ERROR|SUMMARY' "$work.log" | tr '\n' ' ')"
  rm -rf "$work"
  if [ "$status" -ne 0 ]; then
    tail -40 "$work.log" >&2
    echo "fuzz_$target: finding (see build-sanitize/fuzz/$target-*)" >&2
    exit 1
  fi
  rm -f "$work.log"
done
