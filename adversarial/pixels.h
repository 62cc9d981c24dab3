#pragma once
// ImageSet bytes as the tensors models and attacks take: pixels in [0, 1]
// as [N, C, H, W] floats, labels as [N] longs.
#include <torch/torch.h>

#include "adversarial/image_set.h"

namespace advlab::adversarial {

torch::Tensor Pixels(const ImageSet& images);
torch::Tensor Labels(const ImageSet& images);

}  // namespace advlab::adversarial
