#pragma once
// The zero-shot evaluation job (`advlab eval CHECKPOINT`): rebuilds the
// student from its checkpoint, plays the held-out mazes and writes
//   eval.csv             maze, episodes, solve_rate with its 95% Wilson interval
//                        (solve_rate_low, solve_rate_high), mean_return, mean_steps,
//                        published_<method>_<benchmark> (data/published_solve_rates.csv)
//   trajectories/*.png   the first episode on each maze
//   report.json/html
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace advlab::report {
struct ReportSection;
}
namespace advlab::distributed {
class Collective;
}

namespace advlab::paired {

class StudentNet;  // student_net.h; kept out so the CLI compiles without torch

struct EvalSummary {
  int mazes = 0;            // evaluated
  int mazes_requested = 0;  // fewer were evaluated when a signal stopped it
  double mean_solve_rate = 0;
  int episodes = 0, solved = 0;  // over all evaluated mazes
  // For each published column of the evaluated method: its mean over the
  // evaluated mazes it covers, and this run's mean over the same mazes.
  struct Published {
    std::string column;
    int mazes = 0;
    double published_mean = 0, run_mean = 0;
  };
  std::vector<Published> published;
  bool interrupted() const { return mazes < mazes_requested; }
};

// Opens the checkpoint and rebuilds the agent's network, so bad input fails
// before any output directory is made (InputError naming the file).
void CheckCheckpoint(const std::filesystem::path& checkpoint, const std::string& agent);

// Evaluates `net` and writes eval.csv (solve rates with 95% Wilson intervals)
// and trajectories/ into `dir`, adding the table and pictures to `section`
// (shared by `eval` and the training job). `method` (ued.method, "" when
// unknown) picks the published columns whose means the summary carries.
EvalSummary EvaluateAndWrite(StudentNet& net, const std::vector<std::string>& mazes, int episodes,
                             uint64_t seed, const std::filesystem::path& maze_dir,
                             const std::filesystem::path& dir, report::ReportSection* section,
                             const std::string& method = "", const std::string& prefix = "",
                             distributed::Collective* group = nullptr);

// The summary card's lines for an evaluation: pooled solve rate with its
// interval, mean over mazes, and the published means beside.
std::vector<std::pair<std::string, std::string>> EvalKeyNumbers(const EvalSummary& summary);

EvalSummary RunEvaluation(const std::filesystem::path& checkpoint,
                          const std::vector<std::string>& mazes, int episodes, uint64_t seed,
                          const std::filesystem::path& maze_dir,
                          const std::filesystem::path& run_dir,
                          const std::string& agent = "protagonist",
                          distributed::Collective* group = nullptr);
// With a `group`, every rank plays its share of the mazes and rank 0 alone
// writes run_dir; the other ranks return the summary without writing.

}  // namespace advlab::paired
