#include "paired/ued_checkpoint.h"

#include <sstream>
#include <stdexcept>

#include "core/config.h"
#include "core/error.h"
#include "nn/checkpoint.h"
#include "paired/ued_runner.h"

namespace advlab::paired {

std::string FormatStudentNetOptions(const StudentNetOptions& o) {
  std::ostringstream text;
  text << "student:\n  conv_channels: " << o.conv_channels
       << "\n  direction_embed: " << o.direction_embed << "\n  recurrent: " << o.recurrent
       << "\n  hidden: " << o.hidden << "\n  head: " << o.head << "\n  actions: " << o.actions
       << "\n";
  return text.str();
}

StudentNetOptions ParseStudentNetOptions(const std::string& yaml, const std::string& source) {
  core::Config config = core::Config::FromString(yaml, source);
  StudentNetOptions options = ReadStudentNetOptions(config, "student");
  config.RejectUnknownKeys();
  return options;
}

namespace {

std::string RngState(const std::mt19937_64& rng) {
  std::ostringstream out;
  out << rng;
  return out.str();
}

void SetRngState(std::mt19937_64& rng, const std::string& state) {
  std::istringstream in(state);
  in >> rng;
}

// The teacher's per-world generators (one line each) of this rank's worlds.
std::string MyTeacherWorlds(const std::string& all, const rl::WorldShard& shard,
                            const std::filesystem::path& path) {
  std::istringstream in(all);
  std::string mine;
  int64_t world = 0;
  for (std::string line; std::getline(in, line); ++world) {
    if (world >= shard.begin && world < shard.end()) mine += line + '\n';
  }
  if (world != shard.total) {
    throw InputError(path.string() + ": teacher/worlds holds " + std::to_string(world) +
                     " worlds, the run has " + std::to_string(shard.total));
  }
  return mine;
}

// FNV-1a over the bytes of every parameter of `modules`.
uint64_t WeightsDigest(const std::vector<const torch::nn::Module*>& modules) {
  uint64_t hash = 1469598103934665603ULL;
  for (const torch::nn::Module* module : modules) {
    for (const torch::Tensor& p : module->parameters()) {
      const torch::Tensor bytes = p.detach().to(torch::kCPU).contiguous();
      const auto* data = static_cast<const uint8_t*>(bytes.data_ptr());
      for (size_t i = 0; i < bytes.nbytes(); ++i) hash = (hash ^ data[i]) * 1099511628211ULL;
    }
  }
  return hash;
}

}  // namespace

int CheckpointedUpdates(const std::filesystem::path& checkpoint) {
  return static_cast<int>(nn::CheckpointReader(checkpoint).Integer("counters/next_update"));
}

void UedRunner::Save(const std::filesystem::path& path) const {
  // Every rank's teacher worlds, in world order: a resume may share them out
  // among another number of ranks.
  const std::string teacher_worlds =
      teacher_ ? ranks_.Concatenate(teacher_->worlds().SaveRandomState()) : std::string();
  // Everything else is identical on every rank, by construction; the
  // weights are checked, so a drift cannot pass unnoticed into a checkpoint.
  std::vector<const torch::nn::Module*> learners = {protagonist_->net().get()};
  if (antagonist_) learners.push_back(antagonist_->net().get());
  if (teacher_) learners.push_back(teacher_->net().get());
  ranks_.CheckIdentical("weights", WeightsDigest(learners));
  if (ranks_.rank() != 0) return;
  nn::CheckpointWriter writer;
  writer.Integer("counters/next_update", next_update_);
  writer.Integer("counters/env_steps", env_steps_);
  writer.Integer("counters/student_updates", student_updates_);
  writer.Integer("counters/replay_iterations", replay_iterations_);
  writer.Text("rng/levels", RngState(level_rng_));
  writer.Text("rng/replay", RngState(replay_rng_));
  writer.Text("rng/editor", RngState(editor_rng_));
  auto student = [&](const std::string& name, StudentAgent& agent) {
    writer.Module(name + "/net", *agent.net());
    writer.Optimizer(name + "/optimizer", agent.optimizer());
    writer.Generator(name + "/generator", agent.generator());
    writer.Text(name + "/options", FormatStudentNetOptions(options_.student));
  };
  student("protagonist", *protagonist_);
  if (antagonist_) student("antagonist", *antagonist_);
  if (teacher_) {
    writer.Module("teacher/net", *teacher_->net());
    writer.Optimizer("teacher/optimizer", teacher_->optimizer());
    writer.Generator("teacher/generator", teacher_->generator());
    writer.Text("teacher/worlds", teacher_worlds);
  }
  if (protagonist_buffer_) writer.Text("buffer/protagonist", protagonist_buffer_->Serialize());
  if (antagonist_buffer_) writer.Text("buffer/antagonist", antagonist_buffer_->Serialize());
  writer.Save(path);
}

void UedRunner::Load(const std::filesystem::path& path) {
  nn::CheckpointReader reader(path);
  next_update_ = static_cast<int>(reader.Integer("counters/next_update"));
  env_steps_ = reader.Integer("counters/env_steps");
  student_updates_ = reader.Integer("counters/student_updates");
  replay_iterations_ = reader.Integer("counters/replay_iterations");
  SetRngState(level_rng_, reader.Text("rng/levels"));
  SetRngState(replay_rng_, reader.Text("rng/replay"));
  SetRngState(editor_rng_, reader.Text("rng/editor"));
  auto student = [&](const std::string& name, StudentAgent& agent) {
    reader.Module(name + "/net", *agent.net());
    reader.Optimizer(name + "/optimizer", agent.optimizer());
    reader.Generator(name + "/generator", agent.generator());
  };
  student("protagonist", *protagonist_);
  if (antagonist_) student("antagonist", *antagonist_);
  if (teacher_) {
    reader.Module("teacher/net", *teacher_->net());
    reader.Optimizer("teacher/optimizer", teacher_->optimizer());
    reader.Generator("teacher/generator", teacher_->generator());
    teacher_->worlds().LoadRandomState(
        MyTeacherWorlds(reader.Text("teacher/worlds"), ranks_.shard(), path));
  }
  auto buffer = [&](const std::string& name, LevelBuffer& b) {
    const std::string text = reader.Text(name);
    try {
      b.Deserialize(text);
    } catch (const std::runtime_error& e) {
      throw InputError(path.string() + ": " + name + ": " + e.what());
    }
  };
  if (protagonist_buffer_) buffer("buffer/protagonist", *protagonist_buffer_);
  if (antagonist_buffer_) buffer("buffer/antagonist", *antagonist_buffer_);
}

}  // namespace advlab::paired
