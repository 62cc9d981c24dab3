#include "envs/landmark_world.h"

#include <algorithm>
#include <random>

#include "core/error.h"

namespace advlab::envs::landmarks {
namespace {

// Row-major index of cell (x, y) of an n-wide grid, widened before the
// product so large grids cannot overflow int.
size_t At(int x, int y, int n) {
  return static_cast<size_t>(y) * static_cast<size_t>(n) + static_cast<size_t>(x);
}

}  // namespace

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
  if (o.size * o.size < 2 * (o.landmarks + 1)) {
    fail("world.size", std::to_string(o.size) + "x" + std::to_string(o.size) +
                           " is too small for " + std::to_string(o.landmarks) +
                           " landmarks and the agent");
  }
  // A few trial layouts: walls that cut the grid into pieces too small to
  // hold the task are refused now, not in the middle of a run.
  LandmarkWorlds trial(o, 1);
  try {
    for (uint64_t seed = 0; seed < 20; ++seed) trial.Reset(0, seed);
  } catch (const InputError& e) {
    throw InputError(source + ": " + e.what());
  }
}

LandmarkWorlds::LandmarkWorlds(LandmarkOptions options, int batch)
    : options_(std::move(options)), worlds_(static_cast<size_t>(batch)) {}

void LandmarkWorlds::Reset(int i, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const int cells = options_.size * options_.size;
  LandmarkWorld& w = worlds_[static_cast<size_t>(i)];
  std::uniform_real_distribution<double> unit(0, 1);
  // Walls are drawn until the largest open region holds the landmarks and
  // the agent; they are placed inside it, so every landmark is reachable
  // (drawing them anywhere and redrawing until reachable would almost never
  // finish once the walls cut the grid apart). The bound turns a hopeless
  // setting into an error instead of a hang; CheckLandmarkOptions' trial
  // layouts meet it first.
  for (int attempt = 0; attempt < kLayoutAttempts; ++attempt) {
    w = LandmarkWorld{};
    w.walls.assign(static_cast<size_t>(cells), 0);
    for (uint8_t& cell : w.walls) cell = unit(rng) < options_.wall_density ? 1 : 0;
    std::vector<int> region = LargestOpenRegion(w.walls);
    if (static_cast<int>(region.size()) < options_.landmarks + 1) continue;
    std::shuffle(region.begin(), region.end(), rng);
    w.landmarks.assign(region.begin(), region.begin() + options_.landmarks);
    w.agent = region[static_cast<size_t>(options_.landmarks)];
    return;
  }
  throw InputError("world.wall_density: " + std::to_string(options_.wall_density) + " walls on a " +
                   std::to_string(options_.size) + "x" + std::to_string(options_.size) +
                   " grid leave no open region for " + std::to_string(options_.landmarks) +
                   " landmarks and the agent in " + std::to_string(kLayoutAttempts) + " draws");
}

std::vector<int> LandmarkWorlds::LargestOpenRegion(const std::vector<uint8_t>& walls) const {
  const int n = options_.size;
  std::vector<int> region_of(walls.size(), -1);
  std::vector<int> best;
  for (int start = 0; start < n * n; ++start) {
    if (walls[static_cast<size_t>(start)] || region_of[static_cast<size_t>(start)] >= 0) continue;
    std::vector<int> region = {start};
    region_of[static_cast<size_t>(start)] = start;
    for (size_t k = 0; k < region.size(); ++k) {
      const int c = region[k], x = c % n, y = c / n;
      const int next[4][2] = {{x, y - 1}, {x, y + 1}, {x - 1, y}, {x + 1, y}};
      for (const auto& [nx, ny] : next) {
        if (nx < 0 || ny < 0 || nx >= n || ny >= n) continue;
        const size_t cell = At(nx, ny, n);
        if (walls[cell] || region_of[cell] >= 0) continue;
        region_of[cell] = start;
        region.push_back(ny * n + nx);
      }
    }
    if (region.size() > best.size()) best = std::move(region);
  }
  return best;
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
    if (x >= 0 && y >= 0 && x < n && y < n && !w.walls[At(x, y, n)]) {
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
      out[at] = off || w.walls[At(x, y, n)] ? 1.0F : 0.0F;
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
