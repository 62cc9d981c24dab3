#include "envs/level_render.h"

#include <catch2/catch.hpp>

#include "envs/level_text.h"

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
