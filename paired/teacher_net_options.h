#pragma once
// Sizes of the teacher network (teacher_net.h). Free of LibTorch.
#include <string>

namespace advlab::paired {

struct TeacherNetOptions {
  int conv_channels = 128;         // dcd 128 (google's PAIRED gin: 256)
  int time_embed = 10;             // time-step embedding width
  std::string recurrent = "lstm";  // lstm (dcd PAIRED config) | none (REPAIRED, minimax configs)
  int hidden = 256;                // LSTM width
  int head = 32;                   // actor and critic hidden units
  // The LSTM input projection of a design episode computed incrementally
  // (teacher_projection.h): the same numbers as the dense product, about a
  // twelfth of its work at the reference sizes. false: the dense product.
  bool incremental = true;
};

}  // namespace advlab::paired
