#pragma once
// Zero-shot evaluation of a student on the held-out mazes: for each maze,
// `episodes` worlds play one episode each (sampled actions, as dcd's eval.py
// does by default), recording solve rate, mean return and mean steps, and the
// trajectory of the first episode for a picture.
#include <filesystem>
#include <string>
#include <vector>

#include "envs/level.h"
#include "paired/student_net.h"

namespace advlab::distributed {
class Collective;
}

namespace advlab::paired {

struct MazeResult {
  std::string maze;
  int episodes = 0;
  double solve_rate = 0, mean_return = 0, mean_steps = 0;
  envs::Level level;                   // the first episode's level
  std::vector<envs::Cell> trajectory;  // the first episode's cells, start included
};

// Evaluation episodes end at the maze's own limit (2 * width * height unless
// its file says otherwise), but at most kMaxEvalSteps: a 3000 x 3000 maze
// would otherwise allow 18 million steps per episode.
constexpr int kMaxEvalSteps = 100000;
int EvalStepLimit(const envs::Level& level);

// Shows one progress line over the mazes on stderr. Stops early when an
// interrupt is requested (core/interrupt.h): the mazes finished so far are
// returned, the one in progress is dropped. With a `group` of ranks, the
// mazes are shared out by ShareOut on their step limits and every rank
// returns all the results, in maze order, the same as one process's.
std::vector<MazeResult> EvaluateZeroShot(StudentNet& net, const std::vector<std::string>& mazes,
                                         int episodes, uint64_t seed,
                                         const std::filesystem::path& maze_dir,
                                         distributed::Collective* group = nullptr);

// Longest-processing-time sharing: items by decreasing cost, each to the
// least loaded of `ranks` (the lowest on ties). Returns each item's rank.
std::vector<int> ShareOut(const std::vector<double>& costs, int ranks);

// Every rank's results (`indices`: their mazes' positions), in maze order.
std::vector<MazeResult> GatherResults(distributed::Collective& group,
                                      const std::vector<MazeResult>& mine,
                                      const std::vector<size_t>& indices);

}  // namespace advlab::paired
