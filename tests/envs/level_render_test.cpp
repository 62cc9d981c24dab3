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

  cv::Mat path = RenderTrajectory(level, {{1, 1}, {1, 2}, {2, 2}, {3, 2}, {3, 1}}, 10);
  CHECK(path.size() == image.size());
  cv::Vec3b trail = path.at<cv::Vec3b>(25, 25);  // (2,2) lies on the path
  CHECK(trail[0] > trail[2]);                    // blue line
}
