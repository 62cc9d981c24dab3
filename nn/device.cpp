#include "nn/device.h"

#include "core/error.h"

namespace advlab::nn {

torch::Device ResolveDevice(const std::string& name) {
  torch::Device device(name);
  if (device.is_cuda() && !torch::cuda::is_available()) {
    throw InputError("device: " + name + " requested but LibTorch sees no CUDA device");
  }
  return device;
}

}  // namespace advlab::nn
