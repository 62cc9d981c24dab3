#include "envs/landmark_world.h"

#include <algorithm>
#include <queue>
#include <random>

#include "core/error.h"

namespace advlab::envs::landmarks {

void CheckLandmarkOptions(const LandmarkOptions& o, const std::string& source) {
  auto fail = [&](const std::string& key, const std::string& why) {
    throw InputError(source + ": " + key + ": " + why);
  };
  if (o.size < 3) fail("world.size", "must be at least 3");
  if (o.landmarks < 1) fail("world.landmarks", "must be at least 1");
  if (o.order.empty()) fail("world.order", "names no landmark");
  std::vector<int> seen;
  seen.reserve(o.order.size());
  for (int c : o.order) {
    if (c < 0 || c >= o.landmarks) fail("world.order", "names a colour with no landmark");
    if (std::find(seen.begin(), seen.end(), c) != seen.end()) {
      fail("world.order", "visits a landmark twice");
    }
    seen.push_back(c);
  }
  // The agent and every landmark need their own free cell.
  const double free_cells = (1.0 - o.wall_density) * o.size * o.size;
  if (free_cells < 2.0 * (o.landmarks + 1)) {
    fail("world.wall_density", "leaves too few free cells for the landmarks and the agent");
  }
}

LandmarkWorlds::LandmarkWorlds(LandmarkOptions options, int batch)
    : options_(std::move(options)), worlds_(static_cast<size_t>(batch)) {}

void LandmarkWorlds::Reset(int i, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const int cells = options_.size * options_.size;
  LandmarkWorld& w = worlds_[static_cast<size_t>(i)];
  std::uniform_real_distribution<double> unit(0, 1);
  do {
    w = LandmarkWorld{};
    w.walls.assign(static_cast<size_t>(cells), 0);
    for (uint8_t& cell : w.walls) cell = unit(rng) < options_.wall_density ? 1 : 0;
    std::vector<int> free;
    for (int c = 0; c < cells; ++c) {
      if (!w.walls[static_cast<size_t>(c)]) free.push_back(c);
    }
    if (static_cast<int>(free.size()) < options_.landmarks + 1) continue;
    std::shuffle(free.begin(), free.end(), rng);
    w.landmarks.assign(free.begin(), free.begin() + options_.landmarks);
    w.agent = free[static_cast<size_t>(options_.landmarks)];
  } while (w.landmarks.empty() || !AllReachable(w));
}

bool LandmarkWorlds::AllReachable(const LandmarkWorld& w) const {
  const int n = options_.size;
  std::vector<uint8_t> seen(w.walls.size(), 0);
  std::queue<int> frontier;
  frontier.push(w.agent);
  seen[static_cast<size_t>(w.agent)] = 1;
  while (!frontier.empty()) {
    const int c = frontier.front();
    frontier.pop();
    const int x = c % n, y = c / n;
    const int next[4][2] = {{x, y - 1}, {x, y + 1}, {x - 1, y}, {x + 1, y}};
    for (const auto& [nx, ny] : next) {
      if (nx < 0 || ny < 0 || nx >= n || ny >= n) continue;
      const size_t k = static_cast<size_t>(ny * n + nx);
      if (seen[k] || w.walls[k]) continue;
      seen[k] = 1;
      frontier.push(ny * n + nx);
    }
  }
  return std::all_of(w.landmarks.begin(), w.landmarks.end(),
                     [&](int c) { return seen[static_cast<size_t>(c)] != 0; });
}

std::vector<StepOutcome> LandmarkWorlds::Step(const std::vector<int>& actions) {
  const int n = options_.size;
  std::vector<StepOutcome> outcomes(worlds_.size());
  for (size_t i = 0; i < worlds_.size(); ++i) {
    LandmarkWorld& w = worlds_[i];
    if (w.done) continue;
    int x = w.agent % n, y = w.agent / n;
    switch (actions[i]) {
      case kUp:
        --y;
        break;
      case kDown:
        ++y;
        break;
      case kLeft:
        --x;
        break;
      default:
        ++x;
        break;
    }
    // A move into a wall or off the grid stays put.
    if (x >= 0 && y >= 0 && x < n && y < n && !w.walls[static_cast<size_t>(y * n + x)]) {
      w.agent = y * n + x;
    }
    ++w.steps;
    const int order_size = static_cast<int>(options_.order.size());
    const int next = options_.order[static_cast<size_t>(w.progress)];
    if (w.agent == w.landmarks[static_cast<size_t>(next)]) ++w.progress;
    StepOutcome& out = outcomes[i];
    if (w.progress == order_size) {
      w.done = w.success = true;
      out.reward =
          1.0F - 0.9F * static_cast<float>(w.steps) / static_cast<float>(options_.max_steps);
      out.done = true;
    } else if (w.steps >= options_.max_steps) {
      w.done = true;
      out.done = out.timeout = true;
    }
  }
  return outcomes;
}

int LandmarkWorlds::LandmarkUnderAgent(int i) const {
  const LandmarkWorld& w = worlds_[static_cast<size_t>(i)];
  const auto it = std::find(w.landmarks.begin(), w.landmarks.end(), w.agent);
  return it == w.landmarks.end() ? -1 : static_cast<int>(it - w.landmarks.begin());
}

void LandmarkWorlds::Observe(int i, float* out) const {
  const LandmarkWorld& w = worlds_[static_cast<size_t>(i)];
  const size_t plane = static_cast<size_t>(options_.size) * static_cast<size_t>(options_.size);
  std::fill(out, out + static_cast<size_t>(ObservationSize()), 0.0F);
  for (size_t c = 0; c < plane; ++c) out[c] = w.walls[c];
  const size_t landmarks = w.landmarks.size();
  for (size_t k = 0; k < landmarks; ++k) {
    out[(1 + k) * plane + static_cast<size_t>(w.landmarks[k])] = 1;
  }
  out[(1 + landmarks) * plane + static_cast<size_t>(w.agent)] = 1;
  for (int s = 0; s < w.progress; ++s) {
    const int colour = options_.order[static_cast<size_t>(s)];
    out[(2 + landmarks) * plane + static_cast<size_t>(w.landmarks[static_cast<size_t>(colour)])] =
        1;
  }
}

void LandmarkWorlds::ObserveAgentCentred(int i, float* out) const {
  const LandmarkWorld& w = worlds_[static_cast<size_t>(i)];
  const int n = options_.size;
  const int side = static_cast<int>(ViewSide());
  const size_t plane = static_cast<size_t>(side) * static_cast<size_t>(side);
  std::fill(out, out + static_cast<size_t>(ViewSize()), 0.0F);
  // View cell (vx, vy) shows grid cell (vx - centre + ax, vy - centre + ay).
  const int dx = w.agent % n - (n - 1), dy = w.agent / n - (n - 1);
  auto view = [&](int cell) {
    return static_cast<size_t>(cell / n - dy) * static_cast<size_t>(side) +
           static_cast<size_t>(cell % n - dx);
  };
  for (int vy = 0; vy < side; ++vy) {
    for (int vx = 0; vx < side; ++vx) {
      const int x = vx + dx, y = vy + dy;
      const bool off = x < 0 || y < 0 || x >= n || y >= n;
      const size_t at =
          static_cast<size_t>(vy) * static_cast<size_t>(side) + static_cast<size_t>(vx);
      out[at] = off || w.walls[static_cast<size_t>(y * n + x)] ? 1.0F : 0.0F;
    }
  }
  const size_t landmarks = w.landmarks.size();
  for (size_t k = 0; k < landmarks; ++k) out[(1 + k) * plane + view(w.landmarks[k])] = 1;
  for (int s = 0; s < w.progress; ++s) {
    const int colour = options_.order[static_cast<size_t>(s)];
    out[(1 + landmarks) * plane + view(w.landmarks[static_cast<size_t>(colour)])] = 1;
  }
}

}  // namespace advlab::envs::landmarks
