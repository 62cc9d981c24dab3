#pragma once
// The teacher (adversary) policy of the reference (dcd multigrid_models.py,
// adversary branch), one logit per designable cell:
//
//   grid [N,3,15,15] -> Conv2d(3->128, 3x3, valid) -> flatten (13*13*128) -> ReLU --+
//   (with the LSTM the flatten is position-major, channels last; the reference
//   flattens channel-major: the same function class up to a fixed permutation
//   of the projection's columns, whose initialisation does not see the order)
//   time step [N]    -> one-hot(N_steps+1) -> Linear(->10) -----------------------+-> concat
//   noise [N,50]     -> as is --------------------------------------------------+
//        -> (LSTM 256 | none) -> actor: Linear(->32) tanh -> logits [N, 169]
//                              -> critic: Linear(->32) tanh -> value [N]
#include <torch/torch.h>

#include "paired/student_net.h"
#include "paired/teacher_net_options.h"
#include "paired/teacher_projection.h"

namespace advlab::paired {

class TeacherNetImpl : public torch::nn::Module {
 public:
  // `grid` is the level size including the border; `steps` the design episode length.
  TeacherNetImpl(const TeacherNetOptions& options, int grid, int steps, int noise_dim);

  RecurrentState InitialState(int64_t batch) const;
  // With `cache` (kept by the caller over one design episode, empty at its
  // start; grad mode off, weights unchanged meanwhile) an incremental
  // teacher on the CPU projects the image incrementally.
  PolicyOutput Step(const torch::Tensor& grid, const torch::Tensor& time_step,
                    const torch::Tensor& noise, const RecurrentState& state,
                    ProjectionCache* cache = nullptr);
  // A whole design episode, inputs [T, N, ...], from `initial`.
  PolicyOutput Unroll(const torch::Tensor& grid, const torch::Tensor& time_step,
                      const torch::Tensor& noise, const RecurrentState& initial);

 private:
  torch::Tensor Encode(const torch::Tensor& grid, const torch::Tensor& time_step,
                       const torch::Tensor& noise);
  // The features after the image: the time step's embedding and the noise.
  torch::Tensor EncodeTimeAndNoise(const torch::Tensor& time_step, const torch::Tensor& noise);
  PolicyOutput Heads(const torch::Tensor& core);

  TeacherNetOptions options_;
  int steps_;
  torch::nn::Conv2d conv_{nullptr};
  torch::nn::Linear time_{nullptr};
  // The LSTM as projections instead of an LSTMCell: the input projection of
  // a whole design episode is one product (the input is 21,692 wide at the
  // reference size; per-step cells each built a 22M-entry weight gradient),
  // split into the image part (teacher_projection.h computes it
  // incrementally) and the time and noise part with the bias.
  torch::nn::Linear lstm_image_{nullptr}, lstm_extra_{nullptr}, lstm_hidden_{nullptr};
  torch::Tensor EncodeImage(const torch::Tensor& grid);
  RecurrentState Recur(const torch::Tensor& projected, const RecurrentState& state);
  torch::nn::Linear actor_hidden_{nullptr}, actor_out_{nullptr};
  torch::nn::Linear critic_hidden_{nullptr}, critic_out_{nullptr};
};
TORCH_MODULE(TeacherNet);

}  // namespace advlab::paired
