#!/usr/bin/env bash
# clang-tidy (.clang-tidy: bugprone, performance and a modernize subset) over
# every library and the advlab program. It reads the compile commands of the
# clang sanitizer build (build-sanitize/, made by tools/sanitize-and-fuzz.sh),
# whose precompiled LibTorch header is clang's: clang-tidy cannot read the
# GCC build's. Any finding fails (WarningsAsErrors).
#
#   tools/clang-tidy.sh            after tools/sanitize-and-fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build-sanitize/compile_commands.json ]; then
  echo "tools/clang-tidy.sh: no build-sanitize/; run tools/sanitize-and-fuzz.sh first" >&2
  exit 1
fi
run-clang-tidy -p build-sanitize -quiet \
  "^$PWD/(core|report|envs|nn|rl|distributed|forecasting|paired|adversarial|side_effects|language|crafting|tools)/[a-z_]*\.cpp$"
