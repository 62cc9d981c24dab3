#pragma once
// The torch::Device named by a config's `device` key; asking for CUDA where
// LibTorch sees none is an InputError, not a crash inside the first kernel.
#include <torch/torch.h>

#include <string>

namespace advlab::nn {

torch::Device ResolveDevice(const std::string& name);

}  // namespace advlab::nn
