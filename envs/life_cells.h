#pragma once
// Cells of the Game-of-Life side-effects world, as SafeLife encodes them
// (Wainwright & Eckersley 2019; ../shared/reference/side_effects.md section 1):
// one uint16 of flags per cell. The flags, not the kinds, drive the physics,
// so a kind is just a named combination.
#include <cstdint>

namespace advlab::envs::life {

using Cell = uint16_t;

enum Flag : Cell {
  kAlive = 1 << 0,
  kAgentFlag = 1 << 1,
  kPushable = 1 << 2,
  kDestructible = 1 << 3,
  kFrozen = 1 << 4,      // never changes under the Game-of-Life rule
  kPreserving = 1 << 5,  // live cells in its 3x3 block survive
  kInhibiting = 1 << 6,  // no birth in its 3x3 block
  kSpawning = 1 << 7,
  kExitFlag = 1 << 8,
  kRed = 1 << 9,
  kGreen = 1 << 10,
  kBlue = 1 << 11,
};
constexpr Cell kColourBits = kRed | kGreen | kBlue;

// The kinds this world uses.
constexpr Cell kEmpty = 0;
constexpr Cell kLife = kAlive | kDestructible;  // grey; the agent's own
constexpr Cell kGreenLife = kLife | kGreen;     // patterns the task does not need
constexpr Cell kRedLife = kLife | kRed;         // patterns a prune task removes
constexpr Cell kHardLife = kAlive;              // alive but indestructible
constexpr Cell kWall = kFrozen;
constexpr Cell kTree = kFrozen | kAlive;  // a frozen live cell: counts as a neighbour
constexpr Cell kExit = kFrozen | kExitFlag;
// The agent is preserving and inhibiting: the 3x3 block around it is frozen.
constexpr Cell kAgent = kAgentFlag | kFrozen | kPreserving | kInhibiting | kDestructible;

// Goal layer: the colour a cell should hold (SafeLife's goals are a second
// board; here only blue goals are used, by the append task).
constexpr Cell kNoGoal = 0;
constexpr Cell kBlueGoal = kBlue;

inline bool IsAlive(Cell c) { return (c & kAlive) != 0; }

}  // namespace advlab::envs::life
