#include "envs/level_render.h"

#include <catch2/catch.hpp>

#include "envs/level_text.h"
#include "envs/life_level.h"
#include "envs/life_render.h"

using namespace advlab::envs;

TEST_CASE("renders levels, galleries and trajectories", "[render]") {
  Level level = ParseLevel("#####\n#A.G#\n#...#\n#####\n", "r.txt");
  cv::Mat image = RenderLevel(level, 10);
  CHECK(image.cols == 50);
  CHECK(image.rows == 40);
  cv::Vec3b goal = image.at<cv::Vec3b>(15, 35);
  CHECK(goal[1] > goal[0]);  // green
  cv::Vec3b agent = image.at<cv::Vec3b>(15, 15);
  CHECK(agent[2] > agent[0]);  // red
  cv::Vec3b wall = image.at<cv::Vec3b>(5, 5);
  CHECK(wall[0] < 100);

  cv::Mat gallery = RenderGallery({level, level, level}, {{"a", "b"}, {"c"}, {}}, 2, 100);
  CHECK(gallery.cols == 2 * 112);
  CHECK(gallery.rows > 2 * 100);

  // A path ending on the goal (3,1) gets a green frame of max(3, 10/4) px.
  cv::Mat path = RenderTrajectory(level, {{1, 1}, {1, 2}, {2, 2}, {3, 2}, {3, 1}}, 10);
  CHECK(path.cols == image.cols + 6);
  CHECK(path.rows == image.rows + 6);
  cv::Vec3b trail = path.at<cv::Vec3b>(25 + 3, 25 + 3);  // (2,2) lies on the path
  CHECK(trail[0] > trail[2]);                            // blue line
  cv::Vec3b solved_frame = path.at<cv::Vec3b>(0, 0);
  CHECK(solved_frame[1] > solved_frame[2]);  // green

  // One that stops short of it (a timeout) gets a red frame.
  cv::Mat timeout = RenderTrajectory(level, {{1, 1}, {1, 2}, {2, 2}}, 10);
  cv::Vec3b failed_frame = timeout.at<cv::Vec3b>(0, 0);
  CHECK(failed_frame[2] > failed_frame[1]);  // red
}

TEST_CASE("renders Game-of-Life boards and episode strips", "[render][life]") {
  using namespace advlab::envs::life;
  const LifeLevel level = ParseLifeLevel("#####\n#Ar+#\n#gX*#\n#####\n", "life.txt");
  cv::Mat closed = RenderLifeBoard(level.board, /*exit_open=*/false, 10);
  CHECK(closed.cols == 50);
  CHECK(closed.rows == 40);
  const cv::Vec3b red = closed.at<cv::Vec3b>(15, 25), green = closed.at<cv::Vec3b>(25, 15);
  CHECK(red[2] > red[1]);
  CHECK(green[1] > green[2]);
  const cv::Vec3b agent = closed.at<cv::Vec3b>(15, 15);
  CHECK((agent[1] > 150 && agent[2] > 200 && agent[0] < 100));  // yellow
  const cv::Vec3b empty_goal = closed.at<cv::Vec3b>(15, 35);
  CHECK(empty_goal[0] > empty_goal[2]);                                      // light blue
  CHECK(closed.at<cv::Vec3b>(25, 25)[2] > closed.at<cv::Vec3b>(25, 25)[1]);  // closed exit: red
  cv::Mat open = RenderLifeBoard(level.board, /*exit_open=*/true, 10);
  CHECK(open.at<cv::Vec3b>(25, 25)[1] > open.at<cv::Vec3b>(25, 25)[2]);  // open: green
  cv::Mat strip = RenderLifeStrip({closed, open, closed}, {"t = 0", "t = 1", "t = 2"}, 2);
  CHECK(strip.cols == 2 * (50 + 6));
  CHECK(strip.rows == 2 * (40 + 18 + 6));
}
