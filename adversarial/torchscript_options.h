#pragma once
// Where an external CLIP lives and how its input is prepared (torchscript_clip.h).
#include <filesystem>
#include <vector>

namespace advlab::adversarial {

struct TorchScriptOptions {
  std::filesystem::path model;
  std::filesystem::path bpe_merges;
  int resolution = 224;
  int context = 77;
  int input_channels = 1;  // channels of the lab's images (1 or 3)
  std::vector<double> pixel_mean = {0.48145466, 0.4578275, 0.40821073};
  std::vector<double> pixel_std = {0.26862954, 0.26130258, 0.27577711};
};

}  // namespace advlab::adversarial
