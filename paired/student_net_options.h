#pragma once
// Sizes of the student network (see student_net.h for the architecture).
// Kept free of LibTorch so config parsing compiles in a second.
#include <string>

namespace advlab::paired {

struct StudentNetOptions {
  int conv_channels = 16;          // convolution filters on the 5x5 view
  int direction_embed = 5;         // direction embedding width
  std::string recurrent = "lstm";  // lstm | gru | none
  int hidden = 256;                // recurrent state width
  int head = 32;                   // actor and critic hidden units
  int actions = 7;                 // the reference's Discrete(7); 3 = turn/turn/forward only
};

}  // namespace advlab::paired
