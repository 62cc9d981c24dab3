#pragma once
// MiniGrid's observation encoding and direction conventions, which the
// reference environments (gym-minigrid, google's MultiGrid, dcd) share.
//
//   direction   0 east (+x)   1 south (+y)   2 west (-x)   3 north (-y)
//   actions     0 turn left   1 turn right   2 forward
//               3..6 pickup, drop, toggle, done (no-ops here)
//   cell code   (object, colour, state); empty (1,0,0), wall (2,5,0), goal (8,1,0),
//               agent (10,0,dir)
#include <cstdint>

namespace advlab::envs {

enum Direction : int32_t { kEast = 0, kSouth = 1, kWest = 2, kNorth = 3 };
enum Action : int32_t { kLeft = 0, kRight = 1, kForward = 2 };
constexpr int kNumActions = 3;           // the movement actions
constexpr int kNumReferenceActions = 7;  // MiniGrid's Discrete(7); 3..6 do nothing here

constexpr int kDx[4] = {1, 0, -1, 0};
constexpr int kDy[4] = {0, 1, 0, -1};

namespace minigrid {
constexpr float kObjectEmpty = 1, kObjectWall = 2, kObjectGoal = 8, kObjectAgent = 10;
constexpr float kColourRed = 0, kColourGreen = 1, kColourGrey = 5;
}  // namespace minigrid

// The 5x5 egocentric view of the reference (agent_view_size = 5).
constexpr int kViewSize = 5;
constexpr int kViewChannels = 3;
constexpr int kViewFloats = kViewChannels * kViewSize * kViewSize;

}  // namespace advlab::envs
