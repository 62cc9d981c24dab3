#include "adversarial/pixels.h"

namespace advlab::adversarial {

torch::Tensor Pixels(const ImageSet& images) {
  const int64_t n = static_cast<int64_t>(images.size());
  torch::Tensor bytes =
      torch::from_blob(const_cast<uint8_t*>(images.pixels.data()),
                       {n, images.channels, images.height, images.width}, torch::kUInt8);
  return bytes.to(torch::kFloat).div_(255.0f);
}

torch::Tensor Labels(const ImageSet& images) {
  return torch::tensor(std::vector<int64_t>(images.labels.begin(), images.labels.end()),
                       torch::kLong);
}

}  // namespace advlab::adversarial
