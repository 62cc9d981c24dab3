#pragma once
// The narration task of issue #18: a maze with coloured landmarks that must
// be visited in a given order ("go to the red square, then the green one,
// then the blue one"), after Waytowich et al.'s multi-step tasks. Reward is
// sparse: 1 - 0.9 t / T when the last landmark of the order is reached
// (MiniGrid's success reward), nothing before. Torch-free: observations are
// written into caller-owned float buffers.
//
// `LandmarkUnderAgent` is the labelling program: the step a state satisfies
// is "go to the landmark the agent stands on", whatever the order.
#include <cstdint>
#include <string>
#include <vector>

namespace advlab::envs::landmarks {

enum Action : int { kUp, kDown, kLeft, kRight };
inline constexpr int kActions = 4;

struct LandmarkOptions {
  int size = 7;               // the grid is size x size, walls included
  double wall_density = 0.2;  // share of cells drawn as walls (all landmarks stay reachable)
  int landmarks = 4;          // colours on the grid, one landmark each
  std::vector<int> order = {0, 1, 2};  // the task: colours to visit, in order
  int max_steps = 48;
};

struct LandmarkWorld {
  std::vector<uint8_t> walls;  // size x size, row-major
  std::vector<int> landmarks;  // cell of each colour's landmark
  int agent = 0;               // the agent's cell
  int progress = 0;            // steps of the order already done
  int steps = 0;
  bool done = false, success = false;
};

// What one step did in one world.
struct StepOutcome {
  float reward = 0;
  bool done = false;     // the episode ended (success or the step limit)
  bool timeout = false;  // it ended at the step limit, not by success
};

// Observation planes [landmarks + 3, size, size]: walls, one plane per
// colour's landmark, the agent, and the landmarks already reached in order
// (so the state says how far the task has come).
class LandmarkWorlds {
 public:
  LandmarkWorlds(LandmarkOptions options, int batch);

  // A fresh seeded layout in world i: walls, then landmarks and the agent on
  // distinct cells of the largest open region (so every landmark is
  // reachable). Throws InputError if kLayoutAttempts wall draws leave no
  // region large enough.
  void Reset(int i, uint64_t seed);
  static constexpr int kLayoutAttempts = 1000;
  // One step of every world; a finished world must be Reset before it moves.
  std::vector<StepOutcome> Step(const std::vector<int>& actions);

  // The labelling program: the colour of the landmark under the agent, or -1.
  int LandmarkUnderAgent(int i) const;

  int64_t PlaneCount() const { return options_.landmarks + 3; }
  int64_t ObservationSize() const { return PlaneCount() * options_.size * options_.size; }
  void Observe(int i, float* out) const;  // ObservationSize() floats

  // What the policy sees: the same world centred on the agent, so "the red
  // landmark is two cells left" reads the same anywhere on the grid. Planes
  // [landmarks + 2, 2 size - 1, 2 size - 1]: walls (cells off the grid count
  // as walls), each colour's landmark, the landmarks reached in order.
  int64_t ViewPlaneCount() const { return options_.landmarks + 2; }
  int64_t ViewSide() const { return 2 * options_.size - 1; }
  int64_t ViewSize() const { return ViewPlaneCount() * ViewSide() * ViewSide(); }
  void ObserveAgentCentred(int i, float* out) const;  // ViewSize() floats

  int batch() const { return static_cast<int>(worlds_.size()); }
  const LandmarkWorld& world(int i) const { return worlds_[static_cast<size_t>(i)]; }
  LandmarkWorld& world(int i) { return worlds_[static_cast<size_t>(i)]; }
  const LandmarkOptions& options() const { return options_; }

 private:
  // The cells of the largest 4-connected region without walls.
  std::vector<int> LargestOpenRegion(const std::vector<uint8_t>& walls) const;

  LandmarkOptions options_;
  std::vector<LandmarkWorld> worlds_;
};

// Checks the options (landmark colours in the order exist and repeat none,
// the grid has room, trial layouts can be drawn); throws InputError naming
// `source` and the key.
void CheckLandmarkOptions(const LandmarkOptions& options, const std::string& source);

}  // namespace advlab::envs::landmarks
