#include "envs/crafting_render.h"

#include <opencv2/imgproc.hpp>

namespace advlab::envs::crafting {
namespace {

// Distinct, colour-blind-safe material colours (Okabe-Ito), cycled.
cv::Scalar MaterialColour(int material) {
  static const cv::Scalar kColours[] = {{0, 159, 230},  {153, 153, 153}, {178, 114, 0},
                                        {66, 228, 240}, {167, 121, 204}, {0, 94, 213},
                                        {115, 158, 0}};
  return kColours[material % 7];
}

std::string Label(const std::string& name) { return name.substr(0, 3); }

}  // namespace

cv::Mat RenderCraftingWorld(const Recipes& recipes, const World& w,
                            const std::vector<std::pair<int, int>>& trail,
                            const std::string& caption, int px) {
  const int footer = 44;
  cv::Mat image(w.height * px + footer, w.width * px, CV_8UC3, cv::Scalar(250, 250, 250));
  const int materials = recipes.MaterialCount();
  const double font = px / 80.0;
  for (int y = 0; y < w.height; ++y) {
    for (int x = 0; x < w.width; ++x) {
      const cv::Rect rect(x * px, y * px, px, px);
      const int cell = w.Cell(x, y);
      std::string label;
      cv::Scalar text(20, 20, 20);
      if (cell >= 1 && cell <= materials) {
        cv::rectangle(image, rect, MaterialColour(cell - 1), cv::FILLED);
        label = Label(recipes.materials[static_cast<size_t>(cell - 1)].name);
      } else if (cell > materials) {
        cv::rectangle(image, rect, cv::Scalar(70, 60, 50), cv::FILLED);
        label = Label(recipes.stations[static_cast<size_t>(cell - 1 - materials)]);
        text = cv::Scalar(245, 245, 245);
      }
      cv::rectangle(image, rect, cv::Scalar(215, 215, 215), 1);
      if (!label.empty()) {
        cv::putText(image, label, cv::Point(x * px + 3, y * px + px - 6), cv::FONT_HERSHEY_SIMPLEX,
                    font, text, 1, cv::LINE_AA);
      }
    }
  }
  for (size_t k = 1; k < trail.size(); ++k) {
    const auto centre = [&](size_t i) {
      return cv::Point(trail[i].first * px + px / 2, trail[i].second * px + px / 2);
    };
    cv::line(image, centre(k - 1), centre(k), cv::Scalar(40, 40, 220), 2, cv::LINE_AA);
  }
  cv::circle(image, cv::Point(w.x * px + px / 2, w.y * px + px / 3), px / 5,
             cv::Scalar(0, 200, 240), cv::FILLED, cv::LINE_AA);
  cv::circle(image, cv::Point(w.x * px + px / 2, w.y * px + px / 3), px / 5, cv::Scalar(30, 30, 30),
             1, cv::LINE_AA);
  std::string carried;
  for (int m = 0; m < materials; ++m) {
    if (w.carried[static_cast<size_t>(m)] > 0) {
      carried += " " + std::to_string(w.carried[static_cast<size_t>(m)]) + " " +
                 recipes.materials[static_cast<size_t>(m)].name;
    }
  }
  for (int t = 0; t < recipes.ToolCount(); ++t) {
    if (w.tools[static_cast<size_t>(t)])
      carried += " " + recipes.tools[static_cast<size_t>(t)].name;
  }
  const std::string line1 = "goal: " + recipes.GoalName(w.goal) + (w.success ? " (made)" : "") +
                            ", step " + std::to_string(w.steps);
  const std::string line2 =
      caption.empty() ? "carrying:" + (carried.empty() ? " nothing" : carried) : caption;
  const int base = w.height * px;
  cv::putText(image, line1, cv::Point(4, base + 18), cv::FONT_HERSHEY_SIMPLEX, 0.45,
              cv::Scalar(20, 20, 20), 1, cv::LINE_AA);
  cv::putText(image, line2, cv::Point(4, base + 38), cv::FONT_HERSHEY_SIMPLEX, 0.45,
              cv::Scalar(20, 20, 20), 1, cv::LINE_AA);
  return image;
}

}  // namespace advlab::envs::crafting
