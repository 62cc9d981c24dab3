#pragma once
// Published zero-shot solve rates on the held-out mazes, one column per
// method and benchmark, read from paired/data/published_solve_rates.csv
// (facebookresearch/dcd results/minigrid_ood; provenance in data/README.md):
//   *_25_blocks    25 blocks, 250M steps, 10 seeds (PLR-perp and REPAIRED
//                  with about half the gradient steps)
//   *_0_60_blocks  0-60 blocks, the model after 20k student updates, 5 seeds
// Torch-free; NaN where a maze was not in that benchmark.
#include <string>
#include <vector>

namespace advlab::paired {

// dr_25_blocks, minimax_25_blocks, paired_25_blocks, repaired_25_blocks,
// plr_25_blocks, plr_perp_25_blocks, dr_0_60_blocks, plr_perp_0_60_blocks,
// accel_0_60_blocks
const std::vector<std::string>& PublishedColumns();
double PublishedSolveRate(const std::string& column, const std::string& maze);
// The columns that report `method` (ued.method), in PublishedColumns order.
std::vector<std::string> PublishedColumnsOf(const std::string& method);

}  // namespace advlab::paired
