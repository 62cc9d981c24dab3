#pragma once
// The student actor-critic of the reference (dcd models/multigrid_models.py):
//
//   view [N,3,5,5] -> Conv2d(3->16, 3x3, valid) -> flatten (144) -> ReLU --+
//   direction [N]  -> one-hot(4) -> Linear(4->5) -------------------------+-> concat (149)
//        -> LSTM 256 (or GRU, or none) -> actor:  Linear(256->32) tanh -> logits [N, A]
//                                      -> critic: Linear(256->32) tanh -> value  [N]
//
//   option            default  meaning
//   conv_channels     16       convolution filters
//   direction_embed   5        direction embedding width
//   recurrent         lstm     lstm | gru | none
//   hidden            256      recurrent state width (or MLP width when none)
//   head              32       actor and critic hidden units
//   actions           7        logits (the reference's Discrete(7); 3 = move only)
#include <torch/torch.h>

#include <string>

#include "paired/student_net_options.h"

namespace advlab::paired {

// Recurrent state: h (and c for an LSTM), each [N, hidden]; empty for "none".
struct RecurrentState {
  torch::Tensor h, c;
  RecurrentState Index(const torch::Tensor& rows) const;
  RecurrentState To(torch::Device device) const;
};

struct PolicyOutput {
  torch::Tensor logits;  // [N, A]
  torch::Tensor value;   // [N]
  RecurrentState state;
};

class StudentNetImpl : public torch::nn::Module {
 public:
  explicit StudentNetImpl(const StudentNetOptions& options);

  RecurrentState InitialState(int64_t batch) const;
  // One step for N worlds. `starts` [N] float: 1 where an episode begins
  // (the state is zeroed there first).
  PolicyOutput Step(const torch::Tensor& view, const torch::Tensor& direction,
                    const RecurrentState& state, const torch::Tensor& starts);
  // A whole rollout for N worlds: inputs [T, N, ...], `starts` [T, N]; the
  // convolution and heads run once over all T*N steps, the recurrence step by
  // step. Returns logits [T, N, A] and values [T, N].
  PolicyOutput Unroll(const torch::Tensor& view, const torch::Tensor& direction,
                      const RecurrentState& initial, const torch::Tensor& starts);

  const StudentNetOptions& options() const { return options_; }

 private:
  torch::Tensor Encode(const torch::Tensor& view, const torch::Tensor& direction);
  torch::Tensor Recur(const torch::Tensor& x, RecurrentState& state, const torch::Tensor& starts);

  StudentNetOptions options_;
  torch::nn::Conv2d conv_{nullptr};
  torch::nn::Linear direction_{nullptr};
  torch::nn::LSTMCell lstm_{nullptr};
  torch::nn::GRUCell gru_{nullptr};
  torch::nn::Linear feedforward_{nullptr};
  torch::nn::Linear actor_hidden_{nullptr}, actor_out_{nullptr};
  torch::nn::Linear critic_hidden_{nullptr}, critic_out_{nullptr};
};
TORCH_MODULE(StudentNet);

}  // namespace advlab::paired
