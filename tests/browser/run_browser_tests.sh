#!/usr/bin/env bash
# The browser test (ctest: browser_reports). Runs every job at smoke size
# through `advlab demo`, joins two seeds of one job with `advlab report`, and
# opens every page in headless chromium at 1,400 and 420 px
# (check_reports.mjs). First it proves the checker can fail: a page broken on
# purpose must be caught on every count, a clean one must pass.
#
# usage: run_browser_tests.sh ADVLAB_BINARY WORK_DIR [SCREENSHOT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
advlab="$1"
work="$2"
screenshots="${3:-}"

if [[ ! -d "$here/node_modules/puppeteer-core" ]]; then
  echo "browser test: $here/node_modules is missing; run tools/install-deps.sh (npm ci)" >&2
  exit 1
fi
check() { node "$here/check_reports.mjs" "$@"; }

# 1. The checker finds each fault on the broken page and none on the clean one.
if out="$(check "$here/fixtures/broken.html")"; then
  echo "browser test: the checker passed a page that is broken on purpose" >&2
  exit 1
fi
for fault in "px wide in a" "does not decode" "runs past the window" "has no target" \
  "clipped by the figure" "missing file" "console error" "page error" "request failed" \
  "missing: figures/lost.svg" "could not be rendered"; do
  if ! grep -q "$fault" <<<"$out"; then
    echo "browser test: the checker missed '$fault' on fixtures/broken.html:" >&2
    echo "$out" >&2
    exit 1
  fi
done
check "$here/fixtures/clean.html"

# 2. Every job's report and the joined demo report, at smoke size. The runs
# live in a deep directory, as on machines that build under long paths: the
# run paths printed in the pages must still wrap at phone width.
rm -rf "$work"
work="$work/runs/under/a-deliberately-long-directory-name-so-printed-paths-must-wrap"
mkdir -p "$work"
"$advlab" demo --out "$work/demo" \
  forecast.fit.bootstrap=20 forecast.plot.grid_points=10 \
  paired.train.updates=2 paired.ppo.worlds=4 paired.ppo.steps=32 paired.student.hidden=8 \
  paired.eval.episodes=2 "paired.eval.mazes=[Maze,FourRooms]" \
  accel.train.max_env_steps=1000 accel.ppo.worlds=4 accel.ppo.steps=260 \
  accel.plr.buffer_size=8 accel.student.hidden=8 accel.eval.episodes=2 "accel.eval.mazes=[Maze]" \
  clip.data.train_images=256 clip.data.test_images=64 "clip.model.conv_widths=[4]" \
  clip.model.embed_dim=8 clip.model.text_width=8 clip.model.text_heads=1 \
  clip.model.text_layers=1 clip.train.batch=64 \
  attack.data.test_images=16 "attack.sweep.attacks=[pgd_linf,pgd_l2]" \
  "attack.sweep.linf_epsilons_255=[2,8]" "attack.sweep.l2_epsilons=[0.5]" \
  attack.relabel.images=8 attack.fort.steps=3 \
  side_effects.aup.aux_steps=160 side_effects.train.steps=320 side_effects.agent.hidden=8 \
  side_effects.eval.episodes=1 side_effects.eval.side_effect_window=20 \
  language.task.seeds=2 language.task.messages=4 \
  shaping.seeds=1 shaping.train.updates=3 shaping.grounding.steps=5 shaping.eval.episodes=4 \
  shaping.ppo.worlds=4 shaping.ppo.steps=16 shaping.grounding.test_states=20 \
  crafting.demos.per_goal=3 crafting.train.epochs=1 crafting.eval.episodes=2 \
  crafting.net.channels=2 crafting.net.hidden=8 >"$work/demo.log" 2>&1 ||
  { cat "$work/demo.log" >&2; exit 1; }

# 3. Two seeds of one job joined: the spread-over-runs summary comes first.
for seed in 1 2; do
  "$advlab" paired --config "$here/../../configs/paired_smoke.yaml" --out "$work/seed$seed" \
    seed=$seed >"$work/seed$seed.log" 2>&1 || { cat "$work/seed$seed.log" >&2; exit 1; }
done
"$advlab" report "$work/seed1" "$work/seed2" --out "$work/joined.html" --title "two seeds"
grep -q "Across 2 runs" "$work/joined.html" ||
  { echo "browser test: joined.html has no spread over runs" >&2; exit 1; }

pages=("$work/demo/report.html" "$work"/demo/*/report.html "$work/joined.html")
# Every job's page has figures to check (a page without any would pass the
# clipping check by having nothing to clip).
for page in "${pages[@]}"; do
  grep -q "<svg" "$page" || { echo "browser test: $page has no figure" >&2; exit 1; }
done
if [[ -n "$screenshots" ]]; then
  check --screenshots "$screenshots" "${pages[@]}"
else
  check "${pages[@]}"
fi
