#include "envs/life_generator.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace advlab::envs::life {
namespace {

struct Pattern {
  const char* name;
  std::vector<const char*> rows;  // 'o' live
};

// Still lifes (SafeLife's "still" patterns) and the blinker (period 2).
const std::vector<Pattern>& StillLifes() {
  static const std::vector<Pattern> patterns = {
      {"block", {"oo", "oo"}},
      {"beehive", {".oo.", "o..o", ".oo."}},
      {"boat", {"oo.", "o.o", ".o."}},
      {"tub", {".o.", "o.o", ".o."}},
      {"loaf", {".oo.", "o..o", ".o.o", "..o."}},
  };
  return patterns;
}
const Pattern kBlinker = {"blinker", {"...", "ooo", "..."}};

class Placer {
 public:
  Placer(Board& board, std::mt19937_64& rng) : board_(board), rng_(rng) {
    taken_.assign(board.cells.size(), false);
  }
  // Places `p` where it and a two-cell margin touch nothing placed yet.
  void Place(const Pattern& p, Cell cell, Cell goal) {
    const int h = static_cast<int>(p.rows.size()),
              w = static_cast<int>(std::string(p.rows[0]).size());
    for (int attempt = 0; attempt < 500; ++attempt) {
      const int x0 = Uniform(board_.width), y0 = Uniform(board_.height);
      if (!Free(x0 - 2, y0 - 2, w + 4, h + 4)) continue;
      for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
          if (p.rows[y][x] != 'o') continue;
          board_.at(x0 + x, y0 + y) = cell;
          board_.goals[static_cast<size_t>(board_.Index(x0 + x, y0 + y))] = goal;
        }
      }
      Take(x0, y0, w, h);
      return;
    }
    throw std::invalid_argument(std::string("no room for another ") + p.name + " on a " +
                                std::to_string(board_.width) + "x" + std::to_string(board_.height) +
                                " board");
  }
  // A free cell with one free cell of margin, taken with it.
  int FreeCell() {
    for (int attempt = 0; attempt < 2000; ++attempt) {
      const int x = Uniform(board_.width), y = Uniform(board_.height);
      if (!Free(x - 1, y - 1, 3, 3)) continue;
      Take(x, y, 1, 1);
      return board_.Index(x, y);
    }
    throw std::invalid_argument("no free cell left for the agent or the exit");
  }
  const std::vector<bool>& taken() const { return taken_; }

 private:
  int Uniform(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool Free(int x0, int y0, int w, int h) const {
    if (w > board_.width || h > board_.height) return false;
    for (int y = y0; y < y0 + h; ++y) {
      for (int x = x0; x < x0 + w; ++x) {
        if (taken_[static_cast<size_t>(board_.Index(x, y))]) return false;
      }
    }
    return true;
  }
  void Take(int x0, int y0, int w, int h) {
    for (int y = y0; y < y0 + h; ++y) {
      for (int x = x0; x < x0 + w; ++x) taken_[static_cast<size_t>(board_.Index(x, y))] = true;
    }
  }
  Board& board_;
  std::mt19937_64& rng_;
  std::vector<bool> taken_;
};

LifeLevel TryLayout(const LifeTask& task, std::mt19937_64& rng) {
  LifeLevel level;
  level.board = Board(task.size, task.size);
  level.min_performance = task.min_performance;
  level.max_steps = task.max_steps;
  Placer placer(level.board, rng);
  const auto& still = StillLifes();
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  for (int i = 0; i < task.targets; ++i) {
    const Pattern& p = still[pick(still.size())];
    if (task.task == "append") {
      placer.Place(p, kEmpty, kBlueGoal);
    } else {
      placer.Place(p, kRedLife, kNoGoal);
    }
  }
  for (int i = 0; i < task.obstacles; ++i) {
    // One obstacle in three oscillates.
    const Pattern& p = pick(3) == 0 ? kBlinker : still[pick(still.size())];
    placer.Place(p, kGreenLife, kNoGoal);
  }
  const int agent = placer.FreeCell();
  level.agent_x = agent % task.size;
  level.agent_y = agent / task.size;
  level.board.cells[static_cast<size_t>(agent)] = kAgent;
  // The exit: the free cell farthest from the agent on the torus.
  int exit = -1, farthest = -1;
  for (int i = 0; i < static_cast<int>(level.board.cells.size()); ++i) {
    const int x = i % task.size, y = i / task.size;
    bool clear = true;
    for (int dy = -1; dy <= 1 && clear; ++dy) {
      for (int dx = -1; dx <= 1; ++dx) {
        clear = clear && !placer.taken()[static_cast<size_t>(level.board.Index(x + dx, y + dy))];
      }
    }
    if (!clear) continue;
    const int ddx = std::abs(x - level.agent_x), ddy = std::abs(y - level.agent_y);
    const int d = std::min(ddx, task.size - ddx) + std::min(ddy, task.size - ddy);
    if (d > farthest) {
      farthest = d;
      exit = i;
    }
  }
  if (exit < 0) throw std::invalid_argument("no free cell left for the exit");
  level.board.cells[static_cast<size_t>(exit)] = kExit;
  level.name = task.task + "-" + std::to_string(task.size);
  return level;
}

}  // namespace

LifeLevel GenerateLifeLevel(const LifeTask& task, std::mt19937_64& rng) {
  if (task.task != "append" && task.task != "prune") {
    throw std::invalid_argument("unknown task '" + task.task + "' (append, prune)");
  }
  // Random placement can paint itself into a corner: start the layout over
  // (from the same stream, so a seed still fixes the level).
  for (int attempt = 1;; ++attempt) {
    try {
      return TryLayout(task, rng);
    } catch (const std::invalid_argument&) {
      if (attempt == 50) throw;
    }
  }
}

}  // namespace advlab::envs::life
