#include "paired/level_buffer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "envs/level_metrics.h"

namespace advlab::paired {

std::string LevelKey(const envs::Level& level) {
  std::string key(level.walls.begin(), level.walls.end());
  for (int v : {level.width, level.height, level.agent.x, level.agent.y, level.direction,
                level.goal.x, level.goal.y, level.max_steps}) {
    key += ',' + std::to_string(v);
  }
  return key;
}

LevelBuffer::LevelBuffer(LevelBufferSettings settings) : settings_(std::move(settings)) {
  if (settings_.capacity < 1) throw std::invalid_argument("level buffer capacity must be >= 1");
}

bool LevelBuffer::DecideReplay(std::mt19937_64& rng) const {
  // Drawn whatever the fill, so the stream does not depend on it.
  const double u = std::uniform_real_distribution<double>(0, 1)(rng);
  if (slots_.empty() || fill() < settings_.min_fill) return false;
  const double p = settings_.replay_schedule == "proportionate"
                       ? std::min(fill(), settings_.replay_prob)
                       : settings_.replay_prob;
  return u < p;
}

std::vector<double> LevelBuffer::ScoreWeights() const {
  const size_t n = slots_.size();
  std::vector<double> w(n, 0.0);
  const double inverse_beta = 1.0 / settings_.temperature;
  if (settings_.score_transform == "rank") {
    std::vector<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return slots_[a].score > slots_[b].score; });
    for (size_t r = 0; r < n; ++r) w[order[r]] = std::pow(1.0 / (r + 1), inverse_beta);
  } else if (settings_.score_transform == "power") {
    // Scaled by the largest base first: (x / top)^(1/beta) has the same
    // proportions and cannot overflow at small temperatures.
    const double eps = settings_.staleness_coef > 0 ? 0 : 1e-3;
    double top = 0;
    for (const BufferedLevel& s : slots_) top = std::max(top, std::max(s.score, 0.0) + eps);
    for (size_t i = 0; i < n; ++i) {
      w[i] = top > 0 ? std::pow((std::max(slots_[i].score, 0.0) + eps) / top, inverse_beta) : 0;
    }
  } else if (settings_.score_transform == "softmax") {
    double top = -INFINITY;
    for (const BufferedLevel& s : slots_) top = std::max(top, s.score);
    for (size_t i = 0; i < n; ++i) w[i] = std::exp((slots_[i].score - top) * inverse_beta);
  } else {
    throw std::invalid_argument("unknown score transform '" + settings_.score_transform + "'");
  }
  return w;
}

namespace {

// Normalises in place; all-zero (or empty) weights become uniform.
void Normalise(std::vector<double>& w) {
  const double total = std::accumulate(w.begin(), w.end(), 0.0);
  for (double& x : w) x = total > 0 ? x / total : 1.0 / w.size();
}

}  // namespace

std::vector<double> LevelBuffer::ReplayProbabilities() const {
  std::vector<double> p = ScoreWeights();
  Normalise(p);
  const double rho = settings_.staleness_coef;
  if (rho > 0) {
    // Scaled by the stalest level first, for the same reason as the power transform.
    std::vector<double> c(slots_.size());
    int64_t stalest = 0;
    for (const BufferedLevel& s : slots_) stalest = std::max(stalest, s.staleness);
    for (size_t i = 0; i < c.size(); ++i) {
      c[i] = stalest > 0 ? std::pow(static_cast<double>(slots_[i].staleness) / stalest,
                                    1.0 / settings_.staleness_temperature)
                         : 0;
    }
    Normalise(c);
    for (size_t i = 0; i < p.size(); ++i) p[i] = (1 - rho) * p[i] + rho * c[i];
  }
  return p;
}

int LevelBuffer::Sample(std::mt19937_64& rng) {
  if (slots_.empty()) throw std::logic_error("LevelBuffer::Sample on an empty buffer");
  const std::vector<double> p = ReplayProbabilities();
  double u = std::uniform_real_distribution<double>(0, 1)(rng);
  int drawn = static_cast<int>(p.size()) - 1;
  for (size_t i = 0; i < p.size(); ++i) {
    if (u < p[i]) {
      drawn = static_cast<int>(i);
      break;
    }
    u -= p[i];
  }
  for (BufferedLevel& s : slots_) ++s.staleness;
  slots_[drawn].staleness = 0;
  return drawn;
}

int LevelBuffer::Find(const envs::Level& level) const {
  auto it = slot_of_.find(LevelKey(level));
  return it == slot_of_.end() ? -1 : it->second;
}

void LevelBuffer::Store(int slot, const envs::Level& level, double score, double max_return,
                        int generation) {
  if (slot == size()) {
    slots_.emplace_back();
  } else {
    slot_of_.erase(LevelKey(slots_[slot].level));
  }
  // Every per-slot field is reset: nothing of the evicted level survives.
  BufferedLevel& s = slots_[slot];
  s = BufferedLevel{};
  s.level = level;
  s.score = score;
  s.max_return = max_return;
  s.generation = generation;
  envs::LevelMetrics m = envs::ComputeMetrics(level);
  s.walls = m.walls;
  s.passable = m.passable;
  s.shortest_path = m.shortest_path;
  slot_of_[LevelKey(level)] = slot;
}

int LevelBuffer::Offer(const envs::Level& level, double score, double max_return, int generation,
                       bool* inserted) {
  if (inserted) *inserted = false;
  if (!std::isfinite(score) || !std::isfinite(max_return)) return -1;
  const int known = Find(level);
  if (known >= 0) {
    Rescore(known, score, max_return);
    return known;
  }
  int slot = size();
  if (slot == settings_.capacity) {
    const std::vector<double> p = ReplayProbabilities();
    slot = static_cast<int>(std::min_element(p.begin(), p.end()) - p.begin());
    if (score < slots_[slot].score) return -1;
  }
  Store(slot, level, score, max_return, generation);
  if (inserted) *inserted = true;
  return slot;
}

void LevelBuffer::Rescore(int slot, double score, double max_return) {
  if (!std::isfinite(score)) return;  // never store a non-finite score (jaxued PR #6)
  slots_.at(slot).score = score;
  slots_[slot].max_return = std::max(slots_[slot].max_return, max_return);
}

LevelBufferStats LevelBuffer::Stats() const {
  LevelBufferStats s;
  s.size = size();
  if (slots_.empty()) return s;
  const std::vector<double> p = ReplayProbabilities();
  s.max_score = -INFINITY;
  int passable = 0;
  for (size_t i = 0; i < slots_.size(); ++i) {
    const BufferedLevel& b = slots_[i];
    s.mean_score += b.score / s.size;
    s.max_score = std::max(s.max_score, b.score);
    s.mean_staleness += static_cast<double>(b.staleness) / s.size;
    s.walls += static_cast<double>(b.walls) / s.size;
    s.weighted_generation += p[i] * b.generation;
    if (b.passable) {
      s.passable_mass += p[i];
      s.shortest_path += b.shortest_path;
      ++passable;
    }
  }
  s.passable = static_cast<double>(passable) / s.size;
  s.shortest_path = passable ? s.shortest_path / passable : NAN;
  return s;
}

std::string LevelBuffer::Serialize() const {
  std::ostringstream out;
  out << "level_buffer 1 " << slots_.size() << '\n';
  char number[64];
  for (const BufferedLevel& b : slots_) {
    const envs::Level& l = b.level;
    std::snprintf(number, sizeof(number), "%.17g %.17g", b.score, b.max_return);
    out << number << ' ' << b.staleness << ' ' << b.generation << ' ' << l.width << ' ' << l.height
        << ' ' << l.agent.x << ' ' << l.agent.y << ' ' << l.direction << ' ' << l.goal.x << ' '
        << l.goal.y << ' ' << l.max_steps << ' ';
    for (uint8_t w : l.walls) out << (w ? '1' : '0');
    out << '\n';
  }
  return out.str();
}

void LevelBuffer::Deserialize(const std::string& text) {
  std::istringstream in(text);
  std::string magic;
  int version = 0;
  size_t count = 0;
  if (!(in >> magic >> version >> count) || magic != "level_buffer" || version != 1) {
    throw std::runtime_error("level buffer: not a version-1 level buffer");
  }
  if (count > static_cast<size_t>(settings_.capacity)) {
    throw std::runtime_error("level buffer: holds " + std::to_string(count) +
                             " levels, more than plr.buffer_size (" +
                             std::to_string(settings_.capacity) + ")");
  }
  slots_.clear();
  slot_of_.clear();
  for (size_t i = 0; i < count; ++i) {
    double score, max_return;
    int64_t staleness;
    int generation;
    envs::Level l;
    std::string walls;
    if (!(in >> score >> max_return >> staleness >> generation >> l.width >> l.height >>
          l.agent.x >> l.agent.y >> l.direction >> l.goal.x >> l.goal.y >> l.max_steps >> walls) ||
        l.width < 3 || l.height < 3 || walls.size() != static_cast<size_t>(l.width) * l.height ||
        !l.Inside(l.agent.x, l.agent.y) || !l.Inside(l.goal.x, l.goal.y) ||
        walls.find_first_not_of("01") != std::string::npos || !std::isfinite(score)) {
      throw std::runtime_error("level buffer: level " + std::to_string(i) + " is malformed");
    }
    for (char c : walls) l.walls.push_back(c == '1');
    Store(static_cast<int>(i), l, score, max_return, generation);
    slots_[i].staleness = staleness;
  }
}

}  // namespace advlab::paired
