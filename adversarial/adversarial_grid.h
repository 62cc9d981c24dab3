#pragma once
// The picture users look at first: one row per example, numbered, with the
// clean image, the adversarial image and the perturbation amplified to the
// full grey range (mid-grey = unchanged). Single-channel inputs are stored as
// grey PNGs. The labels go in a table beside it (adversarial_examples.csv),
// where they can be read in full.
#include <filesystem>
#include <vector>

namespace advlab::adversarial {

struct GridExample {
  int channels = 1, height = 0, width = 0;
  std::vector<float> clean, adversarial;  // CHW, [0, 1] (values outside are clipped for display)
};

void WriteAdversarialGrid(const std::vector<GridExample>& examples,
                          const std::filesystem::path& png);

}  // namespace advlab::adversarial
