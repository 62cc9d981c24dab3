#pragma once
// `advlab clip train`: contrastive training of the lab's dual encoder on
// image-caption pairs, each caption drawn from a trained label set and a
// template, then zero-shot accuracy on the test split under every label set.
//
// The loss is CLIP's symmetric cross-entropy over the batch's image-caption
// similarity matrix, with one deliberate difference: every caption of the
// image's class counts as a positive (targets spread evenly over them).
// With ten classes a batch of 256 holds about 25 images per class, and
// plain InfoNCE would push apart images and captions that mean the same.
//
// Writes metrics.csv (per check), zero_shot.csv, checkpoints/model.pt,
// figures/ and report.html into the run directory.
#include <filesystem>
#include <string>
#include <vector>

#include "adversarial/clip_options.h"
#include "adversarial/image_set.h"
#include "adversarial/label_sets.h"
#include "adversarial/summaries.h"

namespace advlab::adversarial {

struct ClipTrainSummary {
  int steps = 0;
  double train_seconds = 0;       // optimisation only, checks excluded
  double seconds_to_target = -1;  // -1: target accuracy not reached
  double accuracy = 0;            // class names, "a photo of a {}", whole test split
  std::vector<ZeroShotRow> zero_shot;
};

// What training reads, loaded (and so checked) before the run directory
// exists, so bad input stops the job with nothing written.
struct ClipTrainInputs {
  LabelSets sets;
  ImageSet train, test;
};
ClipTrainInputs LoadClipTrainInputs(const ClipTrainOptions& options);

ClipTrainSummary TrainClip(const ClipTrainOptions& options, const ClipTrainInputs& inputs,
                           const std::filesystem::path& run_dir);

}  // namespace advlab::adversarial
