#pragma once
// The learner's belief about the teacher's reward weights w: prior N(0, I),
// and a Laplace approximation of the posterior (its mode by Newton's method,
// its covariance the inverse of the negative Hessian there), refitted after
// each message from all messages so far. Likelihood of one message, with
// beta the teacher's assumed rationality and s its sentiment:
//   evaluative   |s| log sigmoid(beta sign(s) w . phi(chosen))        (both listeners)
//   descriptive  |s| log sigmoid(beta sign(s) w_f) for the named feature f;
//                the pragmatic listener adds that the teacher named f among
//                the features the options showed because it matters most:
//                alpha w_f^2 - log sum_g exp(alpha w_g^2)
//   imperative   literal: log sigmoid(beta w . phi(named)), the named object
//                is good; pragmatic: beta w . phi(named) - log sum_k exp(beta
//                w . phi(option k)), it was the best of the options
// (Sumers et al. 2021's literal and pragmatic listeners, reduced to these
// terms; README.md says what differs.) Torch-free (Eigen).
#include <Eigen/Dense>
#include <vector>

#include "language/feedback_language.h"

namespace advlab::language {

enum class Listener { kLiteral, kPragmatic };
std::string ListenerName(Listener listener);

struct Observation {
  Form form = Form::kEvaluative;
  double sentiment = 0;                      // evaluative, descriptive
  std::vector<double> chosen;                // evaluative: phi of the chosen object
  int feature = -1;                          // descriptive
  std::vector<int> present;                  // descriptive: the features the options showed
  std::vector<std::vector<double>> options;  // imperative: phi of every option
  int named = -1;                            // imperative: the option named
};

class RewardPosterior {
 public:
  RewardPosterior(int features, Listener listener, double beta = 2.0, double alpha = 1.0);
  void Add(const Observation& observation);
  const Eigen::VectorXd& mean() const { return mean_; }
  const Eigen::MatrixXd& covariance() const { return covariance_; }
  // log prior + log likelihood of the messages, up to a constant, and its gradient.
  double LogPosterior(const Eigen::VectorXd& w) const;
  Eigen::VectorXd Gradient(const Eigen::VectorXd& w) const;

 private:
  void Fit();
  int features_;
  Listener listener_;
  double beta_, alpha_;
  std::vector<Observation> observations_;
  Eigen::VectorXd mean_;
  Eigen::MatrixXd covariance_;
};

}  // namespace advlab::language
