#!/usr/bin/env bash
# Runs the demo-scale UED comparison of paired/README.md: DR, PAIRED,
# PLR-perp and ACCEL with the same students and the same budget of
# protagonist steps (default 3,276,800 = 400 DR updates of 32 x 256), over
# several seeds, two runs at a time (one LibTorch thread each), then joins
# them with `advlab compare`.
#
#   tools/ued_compare.sh OUT_DIR [SEEDS (default "0 1 2")] [STEPS] [METHODS]
#     METHODS: any of paired dr plr_perp accel (default all four)
set -euo pipefail
out=${1:?usage: tools/ued_compare.sh OUT_DIR [SEEDS] [STEPS] [METHODS]}
seeds=${2:-"0 1 2"}
steps=${3:-3276800}
methods=${4:-"paired dr plr_perp accel"}
cd "$(dirname "$0")/.."
# A private copy of the binary, so rebuilding during the runs changes nothing.
advlab=$(mktemp -d)/advlab
cp build/tools/advlab "$advlab"
mazes='[SixteenRooms,SixteenRoomsFewerDoors,Labyrinth,Labyrinth2,Maze,Maze2,Maze3,SimpleCrossingS11N5,SmallCorridor,LargeCorridor,FourRooms,PerfectMazeMedium]'
common="train.updates=1000000 train.max_env_steps=$steps eval.episodes=100 eval.mazes=$mazes"
mkdir -p "$out"
jobs=()
for seed in $seeds; do
  # PAIRED first: it runs two students concurrently, the longest job.
  for method in $methods; do
    case $method in
      paired | dr | plr_perp | accel) ;;
      *) echo "ued_compare: unknown method '$method' (paired, dr, plr_perp, accel)" >&2; exit 2 ;;
    esac
    jobs+=("paired --config configs/$method.yaml --out $out/$method-s$seed seed=$seed $common")
  done
done
printf '%s\n' "${jobs[@]}" |
  xargs -P 2 -I{} sh -c "$advlab {} > /dev/null 2>&1 || echo 'failed: {}' >&2"
"$advlab" compare "$out"/*-s* --out "$out/compare"
