#include "adversarial/load_model.h"

#include "adversarial/clip_model.h"
#include "adversarial/torchscript_clip.h"

namespace advlab::adversarial {

std::unique_ptr<DualEncoder> LoadDualEncoder(const ModelSource& source, torch::Device device) {
  if (source.kind == "torchscript") {
    return std::make_unique<TorchScriptClip>(source.torchscript, device);
  }
  return ClipModel::Load(source.checkpoint, device);
}

}  // namespace advlab::adversarial
