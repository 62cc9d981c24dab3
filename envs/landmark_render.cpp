#include "envs/landmark_render.h"

#include <opencv2/imgproc.hpp>

namespace advlab::envs::landmarks {
namespace {

// Drawn in the colour the name says where it is a common one, so a picture
// of "go to the red square" shows red; otherwise Okabe-Ito colours, cycled.
cv::Scalar LandmarkColour(const std::string& name, int index) {
  if (name == "red") return {40, 40, 215};
  if (name == "green") return {60, 170, 40};
  if (name == "blue") return {200, 110, 20};
  if (name == "yellow") return {40, 215, 240};
  static const cv::Scalar kCycle[] = {{167, 121, 204}, {0, 94, 213}, {178, 114, 0}, {0, 159, 230}};
  return kCycle[index % 4];
}

}  // namespace

cv::Mat RenderLandmarkWorld(const LandmarkOptions& options, const LandmarkWorld& w,
                            const std::vector<std::string>& names, const std::vector<int>& trail,
                            const std::string& caption, int px) {
  const int n = options.size;
  const int footer = caption.empty() ? 0 : 26;
  cv::Mat image(n * px + footer, n * px, CV_8UC3, cv::Scalar(250, 250, 250));
  auto rect = [&](int cell) { return cv::Rect(cell % n * px, cell / n * px, px, px); };
  auto centre = [&](int cell) { return cv::Point(cell % n * px + px / 2, cell / n * px + px / 2); };
  for (int c = 0; c < n * n; ++c) {
    if (w.walls[static_cast<size_t>(c)]) cv::rectangle(image, rect(c), {70, 60, 50}, cv::FILLED);
    cv::rectangle(image, rect(c), {215, 215, 215}, 1);
  }
  for (size_t k = 0; k < w.landmarks.size(); ++k) {
    const std::string name = k < names.size() ? names[k] : std::to_string(k);
    const cv::Rect r = rect(w.landmarks[k]);
    cv::rectangle(image, r, LandmarkColour(name, static_cast<int>(k)), cv::FILLED);
    cv::putText(image, name.substr(0, 3), cv::Point(r.x + 3, r.y + px - 6),
                cv::FONT_HERSHEY_SIMPLEX, px / 90.0, {255, 255, 255}, 1, cv::LINE_AA);
  }
  for (int s = 0; s < w.progress; ++s) {
    const int colour = options.order[static_cast<size_t>(s)];
    cv::rectangle(image, rect(w.landmarks[static_cast<size_t>(colour)]), {20, 20, 20}, 3);
  }
  for (size_t k = 1; k < trail.size(); ++k) {
    cv::line(image, centre(trail[k - 1]), centre(trail[k]), {40, 40, 40}, 2, cv::LINE_AA);
  }
  const cv::Point agent(w.agent % n * px + px / 2, w.agent / n * px + px / 3);
  cv::circle(image, agent, px / 5, {0, 200, 240}, cv::FILLED, cv::LINE_AA);
  cv::circle(image, agent, px / 5, {30, 30, 30}, 1, cv::LINE_AA);
  if (!caption.empty()) {
    cv::putText(image, caption, cv::Point(4, n * px + 18), cv::FONT_HERSHEY_SIMPLEX, 0.42,
                {20, 20, 20}, 1, cv::LINE_AA);
  }
  return image;
}

}  // namespace advlab::envs::landmarks
