#include "nn/checkpoint.h"

#include <ATen/CPUGeneratorImpl.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "core/error.h"
#include "paired/student_net.h"
#include "tests/temp_dir.h"

using namespace advlab::paired;
using namespace advlab::nn;
using Catch::Matchers::Contains;

TEST_CASE("checkpoints round-trip networks, optimisers, generators and text", "[checkpoint]") {
  advlab::testing::TempDir dir;
  StudentNetOptions options;
  options.hidden = 8;
  torch::manual_seed(3);
  StudentNet net(options);
  torch::optim::Adam optimizer(net->parameters(), torch::optim::AdamOptions(1e-3));
  // One step so the optimiser has state.
  net->Step(torch::ones({2, 3, 5, 5}), torch::zeros({2}, torch::kLong), net->InitialState(2),
            torch::ones({2}))
      .value.sum()
      .backward();
  optimizer.step();
  auto generator = at::make_generator<at::CPUGeneratorImpl>(9);
  torch::rand({5}, generator);
  CheckpointWriter writer;
  writer.Module("net", *net);
  writer.Optimizer("optimizer", optimizer);
  writer.Generator("generator", generator);
  writer.Integer("update", 42);
  writer.Text("note", "hello: world\n");
  writer.Save(dir / "c.pt");
  CHECK_FALSE(std::filesystem::exists(dir / "c.pt.tmp"));

  torch::manual_seed(4);
  StudentNet other(options);
  torch::optim::Adam other_optimizer(other->parameters(), torch::optim::AdamOptions(1e-3));
  auto other_generator = at::make_generator<at::CPUGeneratorImpl>(1);
  CheckpointReader reader(dir / "c.pt");
  reader.Module("net", *other);
  reader.Optimizer("optimizer", other_optimizer);
  reader.Generator("generator", other_generator);
  CHECK(reader.Integer("update") == 42);
  CHECK(reader.Text("note") == "hello: world\n");
  auto a = net->parameters(), b = other->parameters();
  for (size_t i = 0; i < a.size(); ++i) CHECK(torch::equal(a[i], b[i]));
  CHECK(torch::equal(torch::rand({5}, generator), torch::rand({5}, other_generator)));
  CHECK_THROWS_WITH(reader.Integer("missing"), Contains("c.pt") && Contains("missing"));
}

TEST_CASE("corrupt or missing checkpoints are input errors naming the file", "[checkpoint]") {
  advlab::testing::TempDir dir;
  std::ofstream(dir / "junk.pt") << "not a checkpoint";
  CHECK_THROWS_WITH(CheckpointReader(dir / "junk.pt"), Contains("junk.pt"));
  CHECK_THROWS_AS(CheckpointReader(dir / "absent.pt"), advlab::InputError);
}

TEST_CASE("a checkpoint changed after it was written fails its checksum", "[checkpoint]") {
  advlab::testing::TempDir dir;
  StudentNetOptions options;
  options.hidden = 8;
  StudentNet net(options);
  CheckpointWriter writer;
  writer.Module("net", *net);
  writer.Save(dir / "c.pt");
  std::string bytes;
  {
    std::ifstream in(dir / "c.pt", std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  CheckpointReader(dir / "c.pt");  // intact: loads
  // 64 flipped bytes in the middle: a network with other weights, were it loaded.
  std::string flipped = bytes;
  for (size_t i = 0; i < 64; ++i) flipped[flipped.size() / 2 + i] ^= 0x5a;
  std::ofstream(dir / "flipped.pt", std::ios::binary) << flipped;
  CHECK_THROWS_WITH(CheckpointReader(dir / "flipped.pt"),
                    Contains("flipped.pt") && Contains("checksum mismatch"));
  // A truncated copy has lost its trailer.
  std::ofstream(dir / "short.pt", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  CHECK_THROWS_WITH(CheckpointReader(dir / "short.pt"), Contains("short.pt"));
}

TEST_CASE("an entry read as the wrong kind is an input error naming it", "[checkpoint]") {
  advlab::testing::TempDir dir;
  CheckpointWriter writer;
  writer.Integer("update", 42);
  writer.Text("note", "hello");
  writer.Save(dir / "c.pt");
  CheckpointReader reader(dir / "c.pt");
  CHECK_THROWS_WITH(reader.Integer("note"), Contains("'note': not an integer"));
  CHECK_THROWS_WITH(reader.Text("update"), Contains("'update': not text"));
  auto generator = at::make_generator<at::CPUGeneratorImpl>(9);
  CHECK_THROWS_WITH(reader.Generator("update", generator), Contains("not a generator state"));
}

TEST_CASE("a malformed archive with a valid checksum is an input error (fuzzer finding)",
          "[checkpoint]") {
  // LibTorch threw torch::jit::ErrorReport, not c10::Error, for this archive:
  // it escaped the loader as an internal error (exit 1).
  advlab::testing::TempDir dir;
  std::ifstream in(
      std::string(ADVLAB_SOURCE_DIR) + "/tests/fuzz_corpus/checkpoint/jit_error_finding.pt",
      std::ios::binary);
  const std::string archive((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(archive.size() > 1000);
  std::ofstream(dir / "c.pt", std::ios::binary) << archive << ChecksumTrailer(archive);
  CHECK_THROWS_AS(CheckpointReader(dir / "c.pt"), advlab::InputError);
}
