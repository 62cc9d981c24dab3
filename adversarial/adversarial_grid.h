#pragma once
// The picture users look at first: one row per example with the clean image,
// the adversarial image and the perturbation amplified to the full grey range
// (mid-grey = unchanged), beside the top-3 labels under each label set.
#include <filesystem>
#include <string>
#include <vector>

namespace advlab::adversarial {

struct GridExample {
  int channels = 1, height = 0, width = 0;
  std::vector<float> clean, adversarial;  // CHW, [0, 1] (values outside are clipped for display)
  std::vector<std::string> lines;         // text beside the images
};

void WriteAdversarialGrid(const std::vector<GridExample>& examples,
                          const std::filesystem::path& png);

}  // namespace advlab::adversarial
