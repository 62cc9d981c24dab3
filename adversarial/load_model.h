#pragma once
// The model an attack job names: a `clip train` checkpoint or an external
// TorchScript CLIP.
#include <memory>

#include "adversarial/attack_options.h"
#include "adversarial/dual_encoder.h"

namespace advlab::adversarial {

std::unique_ptr<DualEncoder> LoadDualEncoder(const ModelSource& source, torch::Device device);

}  // namespace advlab::adversarial
