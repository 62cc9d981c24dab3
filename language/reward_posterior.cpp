#include "language/reward_posterior.h"

#include <cmath>

namespace advlab::language {
namespace {

// log sigmoid(z), stable for large |z|.
double LogSigmoid(double z) {
  return z >= 0 ? -std::log1p(std::exp(-z)) : z - std::log1p(std::exp(z));
}
double Sigmoid(double z) { return 1 / (1 + std::exp(-z)); }
double Sign(double s) { return s >= 0 ? 1.0 : -1.0; }

Eigen::VectorXd Vector(const std::vector<double>& v) {
  return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
}

}  // namespace

std::string ListenerName(Listener listener) {
  return listener == Listener::kLiteral ? "literal" : "pragmatic";
}

RewardPosterior::RewardPosterior(int features, Listener listener, double beta, double alpha)
    : features_(features),
      listener_(listener),
      beta_(beta),
      alpha_(alpha),
      mean_(Eigen::VectorXd::Zero(features)),
      covariance_(Eigen::MatrixXd::Identity(features, features)) {}

void RewardPosterior::Add(const Observation& observation) {
  observations_.push_back(observation);
  Fit();
}

double RewardPosterior::LogPosterior(const Eigen::VectorXd& w) const {
  double total = -0.5 * w.squaredNorm();
  const bool pragmatic = listener_ == Listener::kPragmatic;
  for (const Observation& o : observations_) {
    if (o.form == Form::kEvaluative) {
      total +=
          std::abs(o.sentiment) * LogSigmoid(beta_ * Sign(o.sentiment) * w.dot(Vector(o.chosen)));
    } else if (o.form == Form::kDescriptive) {
      total += std::abs(o.sentiment) * LogSigmoid(beta_ * Sign(o.sentiment) * w[o.feature]);
      if (pragmatic) {
        double most = -1e300;
        for (int g : o.present) most = std::max(most, alpha_ * w[g] * w[g]);
        double sum = 0;
        for (int g : o.present) sum += std::exp(alpha_ * w[g] * w[g] - most);
        total += alpha_ * w[o.feature] * w[o.feature] - most - std::log(sum);
      }
    } else {
      const double named = w.dot(Vector(o.options[static_cast<size_t>(o.named)]));
      if (!pragmatic) {
        total += LogSigmoid(beta_ * named);
      } else {
        double most = -1e300;
        for (const auto& x : o.options) most = std::max(most, beta_ * w.dot(Vector(x)));
        double sum = 0;
        for (const auto& x : o.options) sum += std::exp(beta_ * w.dot(Vector(x)) - most);
        total += beta_ * named - most - std::log(sum);
      }
    }
  }
  return total;
}

Eigen::VectorXd RewardPosterior::Gradient(const Eigen::VectorXd& w) const {
  Eigen::VectorXd g = -w;
  const bool pragmatic = listener_ == Listener::kPragmatic;
  for (const Observation& o : observations_) {
    if (o.form == Form::kEvaluative) {
      const Eigen::VectorXd x = Vector(o.chosen);
      const double z = beta_ * Sign(o.sentiment) * w.dot(x);
      g += std::abs(o.sentiment) * (1 - Sigmoid(z)) * beta_ * Sign(o.sentiment) * x;
    } else if (o.form == Form::kDescriptive) {
      const double z = beta_ * Sign(o.sentiment) * w[o.feature];
      g[o.feature] += std::abs(o.sentiment) * (1 - Sigmoid(z)) * beta_ * Sign(o.sentiment);
      if (pragmatic) {
        double most = -1e300;
        for (int f : o.present) most = std::max(most, alpha_ * w[f] * w[f]);
        double sum = 0;
        for (int f : o.present) sum += std::exp(alpha_ * w[f] * w[f] - most);
        g[o.feature] += 2 * alpha_ * w[o.feature];
        for (int f : o.present) {
          g[f] -= std::exp(alpha_ * w[f] * w[f] - most) / sum * 2 * alpha_ * w[f];
        }
      }
    } else {
      const Eigen::VectorXd named = Vector(o.options[static_cast<size_t>(o.named)]);
      if (!pragmatic) {
        g += (1 - Sigmoid(beta_ * w.dot(named))) * beta_ * named;
      } else {
        double most = -1e300;
        for (const auto& x : o.options) most = std::max(most, beta_ * w.dot(Vector(x)));
        double sum = 0;
        Eigen::VectorXd expected = Eigen::VectorXd::Zero(features_);
        for (const auto& x : o.options) {
          const double p = std::exp(beta_ * w.dot(Vector(x)) - most);
          sum += p;
          expected += p * Vector(x);
        }
        g += beta_ * (named - expected / sum);
      }
    }
  }
  return g;
}

void RewardPosterior::Fit() {
  // Newton's method from the last mode; the Hessian by central differences of
  // the exact gradient (a handful of features), kept negative definite.
  auto hessian = [&](const Eigen::VectorXd& w) {
    const double h = 1e-5;
    Eigen::MatrixXd H(features_, features_);
    for (int i = 0; i < features_; ++i) {
      Eigen::VectorXd up = w, down = w;
      up[i] += h;
      down[i] -= h;
      H.col(i) = (Gradient(up) - Gradient(down)) / (2 * h);
    }
    return Eigen::MatrixXd(0.5 * (H + H.transpose()));
  };
  Eigen::VectorXd w = mean_;
  for (int iteration = 0; iteration < 100; ++iteration) {
    const Eigen::VectorXd g = Gradient(w);
    if (g.norm() < 1e-10) break;
    Eigen::MatrixXd negative = -hessian(w);
    // Where the pragmatic terms make it indefinite, damp it until it is not.
    double damping = 0;
    Eigen::LLT<Eigen::MatrixXd> llt(negative);
    while (llt.info() != Eigen::Success) {
      damping = damping == 0 ? 1e-3 : damping * 10;
      llt.compute(negative + damping * Eigen::MatrixXd::Identity(features_, features_));
    }
    const Eigen::VectorXd step = llt.solve(g);
    double t = 1;
    const double before = LogPosterior(w);
    while (t > 1e-8 && LogPosterior(w + t * step) < before + 1e-4 * t * g.dot(step)) t *= 0.5;
    w += t * step;
    if ((t * step).norm() < 1e-12) break;
  }
  mean_ = w;
  Eigen::MatrixXd precision = -hessian(w);
  Eigen::LLT<Eigen::MatrixXd> llt(precision);
  if (llt.info() == Eigen::Success) {
    covariance_ = llt.solve(Eigen::MatrixXd::Identity(features_, features_));
  }
}

}  // namespace advlab::language
