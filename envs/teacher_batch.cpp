#include "envs/teacher_batch.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <string>

#include "core/seed_streams.h"

namespace advlab::envs {

TeacherBatch::TeacherBatch(LevelBatch* levels, TeacherSettings settings, TeacherBuffers buffers,
                           uint64_t seed, int first_world)
    : levels_(levels), settings_(settings), buffers_(buffers) {
  for (int i = 0; i < levels->count(); ++i) {
    rngs_.emplace_back(StreamSeed(seed, "teacher_world", first_world + i));
  }
}

TeacherBatch::Placement TeacherBatch::PlacementAt(int t) const {
  if (!settings_.goal_last)
    return t == 0 ? Placement::kGoal : t == 1 ? Placement::kAgent : Placement::kWall;
  if (t < settings_.walls) return Placement::kWall;
  return t == settings_.walls ? Placement::kGoal : Placement::kAgent;
}

std::string TeacherBatch::SaveRandomState() const {
  std::ostringstream out;
  for (const std::mt19937_64& rng : rngs_) out << rng << '\n';
  return out.str();
}

void TeacherBatch::LoadRandomState(const std::string& state) {
  std::istringstream in(state);
  for (std::mt19937_64& rng : rngs_) in >> rng;
  if (!in) throw std::invalid_argument("TeacherBatch: random state does not match this batch");
}

void TeacherBatch::Reset() {
  t_ = 0;
  const int width = levels_->width(), height = levels_->height();
  for (int i = 0; i < size(); ++i) {
    uint8_t* walls = levels_->walls(i);
    for (int y = 0; y < height; ++y) {
      for (int x = 0; x < width; ++x) {
        walls[y * width + x] = x == 0 || y == 0 || x == width - 1 || y == height - 1;
      }
    }
    levels_->agent[i] = Cell{};
    levels_->goal[i] = Cell{};
    levels_->direction[i] = std::uniform_int_distribution<int>(0, 3)(rngs_[i]);
    levels_->max_steps[i] = settings_.max_steps;
    WriteObservation(i);
  }
}

void TeacherBatch::Place(int i, int action) {
  const int width = levels_->width(), inner = width - 2;
  if (action < 0 || action >= num_actions()) {
    throw std::out_of_range("TeacherBatch::Step: action " + std::to_string(action) + " for world " +
                            std::to_string(i) + " is outside 0.." +
                            std::to_string(num_actions() - 1));
  }
  const Cell cell{action % inner + 1, action / inner + 1};
  uint8_t& wall = levels_->walls(i)[cell.y * width + cell.x];
  Cell& agent = levels_->agent[i];
  Cell& goal = levels_->goal[i];
  switch (PlacementAt(t_)) {
    case Placement::kWall:
      if (cell != agent && cell != goal) wall = 1;  // occupied cells stay as they are
      break;
    case Placement::kGoal:
      wall = 0;
      goal = cell;
      break;
    case Placement::kAgent: {
      wall = 0;
      agent = cell;
      if (agent == goal) {
        // The reference's deliberate_agent_placement = 0: a random free cell
        // (and, should walls fill every other cell, a random cell cleared).
        std::uniform_int_distribution<int> coordinate(1, inner);
        for (int attempt = 0; attempt < 64 * inner * inner; ++attempt) {
          agent = {coordinate(rngs_[i]), coordinate(rngs_[i])};
          if (agent != goal && !levels_->walls(i)[agent.y * width + agent.x]) break;
        }
        while (agent == goal) agent = {coordinate(rngs_[i]), coordinate(rngs_[i])};
        levels_->walls(i)[agent.y * width + agent.x] = 0;
      }
      break;
    }
  }
}

void TeacherBatch::Step(const int32_t* actions) {
  if (Done()) throw std::logic_error("TeacherBatch::Step after the design episode ended");
  for (int i = 0; i < size(); ++i) Place(i, actions[i]);
  ++t_;
  for (int i = 0; i < size(); ++i) WriteObservation(i);
}

void TeacherBatch::WriteObservation(int i) {
  using namespace minigrid;
  const int width = levels_->width(), height = levels_->height();
  const size_t plane = static_cast<size_t>(width) * height;
  float* object = buffers_.images + static_cast<size_t>(i) * 3 * plane;
  float* colour = object + plane;
  float* state = colour + plane;
  const uint8_t* walls = levels_->walls(i);
  for (size_t k = 0; k < plane; ++k) {
    object[k] = walls[k] ? kObjectWall : kObjectEmpty;
    colour[k] = walls[k] ? kColourGrey : 0;
    state[k] = 0;
  }
  if (levels_->goal[i].Valid()) {
    size_t k = static_cast<size_t>(levels_->goal[i].y) * width + levels_->goal[i].x;
    object[k] = kObjectGoal;
    colour[k] = kColourGreen;
  }
  if (levels_->agent[i].Valid()) {
    size_t k = static_cast<size_t>(levels_->agent[i].y) * width + levels_->agent[i].x;
    object[k] = kObjectAgent;
    colour[k] = kColourRed;
    state[k] = static_cast<float>(levels_->direction[i]);
  }
  buffers_.time_steps[i] = t_;
  if (buffers_.noise) {
    std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
    float* noise = buffers_.noise + static_cast<size_t>(i) * settings_.noise_dim;
    for (int k = 0; k < settings_.noise_dim; ++k) noise[k] = uniform(rngs_[i]);
  }
}

}  // namespace advlab::envs
