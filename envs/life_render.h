#pragma once
// Pictures of the Game-of-Life world through OpenCV (BGR images): a board,
// and an episode as a strip of frames.
//   empty white, walls dark grey, trees dark green, grey life grey, green
//   life green, red life red, hard life black; blue goals a blue frame
//   (filled light blue when empty); the agent a yellow circle; the exit a
//   square, red while closed and green once open.
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "envs/life_board.h"

namespace advlab::envs::life {

cv::Mat RenderLifeBoard(const Board& board, bool exit_open, int cell_pixels = 12);
// Frames side by side, `columns` to a row, each captioned (e.g. "t = 12").
cv::Mat RenderLifeStrip(const std::vector<cv::Mat>& frames,
                        const std::vector<std::string>& captions, int columns = 8);

}  // namespace advlab::envs::life
