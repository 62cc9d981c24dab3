#include "nn/device.h"

#include <optional>

#include "core/error.h"

namespace advlab::nn {

torch::Device ResolveDevice(const std::string& name) {
  std::optional<torch::Device> parsed;
  try {
    parsed.emplace(name);
  } catch (const c10::Error&) {
    throw InputError("device: '" + name + "' is not a device (cpu, cuda, cuda:N)");
  }
  const torch::Device device = *parsed;
  if (device.is_cuda() && !torch::cuda::is_available()) {
    throw InputError("device: " + name + " requested but LibTorch sees no CUDA device");
  }
  return device;
}

}  // namespace advlab::nn
