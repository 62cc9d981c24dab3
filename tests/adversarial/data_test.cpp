#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <set>

#include "adversarial/data_options.h"
#include "adversarial/idx_file.h"
#include "adversarial/image_folder.h"
#include "adversarial/label_sets.h"
#include "core/error.h"
#include "tests/temp_dir.h"

using namespace advlab::adversarial;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

std::string BigEndian(uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

void WriteGz(const fs::path& path, const std::string& bytes) {
  gzFile file = gzopen(path.c_str(), "wb");
  REQUIRE(file);
  gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(file);
}

// Two 2x3 images with pixel values 0..11 and labels 7, 3.
void WriteTinyIdx(const fs::path& images, const fs::path& labels) {
  std::string image_bytes = BigEndian(0x803) + BigEndian(2) + BigEndian(2) + BigEndian(3);
  for (int i = 0; i < 12; ++i) image_bytes += static_cast<char>(i);
  WriteGz(images, image_bytes);
  WriteGz(labels, BigEndian(0x801) + BigEndian(2) + "\x07\x03");
}

}  // namespace

TEST_CASE("IDX files are read gzipped or plain", "[adversarial][data]") {
  advlab::testing::TempDir dir;
  WriteTinyIdx(dir / "i.gz", dir / "l.gz");
  ImageSet set = ReadIdx(dir / "i.gz", dir / "l.gz");
  CHECK(set.size() == 2);
  CHECK(set.height == 2);
  CHECK(set.width == 3);
  CHECK(set.labels == std::vector<int>{7, 3});
  CHECK(set.pixels[11] == 11);
  CHECK(set.First(1).pixels.size() == 6);

  std::ofstream(dir / "plain", std::ios::binary)
      << BigEndian(0x801) + BigEndian(2) + std::string("\x07\x03");
  CHECK(ReadIdx(dir / "i.gz", dir / "plain").labels == std::vector<int>{7, 3});
}

TEST_CASE("a Fashion-MNIST folder of plain (unzipped) IDX files is found", "[adversarial][data]") {
  advlab::testing::TempDir dir;
  std::string image_bytes = BigEndian(0x803) + BigEndian(2) + BigEndian(2) + BigEndian(3);
  for (int i = 0; i < 12; ++i) image_bytes += static_cast<char>(i);
  std::ofstream(dir / "t10k-images-idx3-ubyte", std::ios::binary) << image_bytes;
  std::ofstream(dir / "t10k-labels-idx1-ubyte", std::ios::binary)
      << BigEndian(0x801) + BigEndian(2) + std::string("\x07\x03");
  DataOptions options;
  options.root = dir.path();
  CHECK(LoadSplit(options, "test").labels == std::vector<int>{7, 3});
  CHECK_THROWS_WITH(LoadSplit(options, "train"), Contains("train-images-idx3-ubyte.gz"));
}

TEST_CASE("malformed IDX files name the file", "[adversarial][data]") {
  advlab::testing::TempDir dir;
  WriteTinyIdx(dir / "i.gz", dir / "l.gz");
  WriteGz(dir / "short.gz", BigEndian(0x803) + BigEndian(2) + BigEndian(2) + BigEndian(3) + "xy");
  CHECK_THROWS_WITH(ReadIdx(dir / "short.gz", dir / "l.gz"),
                    Contains("short.gz") && Contains("promises"));
  WriteGz(dir / "magic.gz", BigEndian(0x1234) + BigEndian(2) + "ab");
  CHECK_THROWS_WITH(ReadIdx(dir / "i.gz", dir / "magic.gz"),
                    Contains("magic.gz") && Contains("magic"));
  WriteGz(dir / "three.gz", BigEndian(0x801) + BigEndian(3) + "abc");
  CHECK_THROWS_WITH(ReadIdx(dir / "i.gz", dir / "three.gz"), Contains("3 labels for 2 images"));
  CHECK_THROWS_AS(ReadIdx(dir / "absent.gz", dir / "l.gz"), advlab::InputError);
}

TEST_CASE("image folders give one class per sorted folder", "[adversarial][data]") {
  advlab::testing::TempDir dir;
  fs::create_directories(dir / "root" / "dog");
  fs::create_directories(dir / "root" / "cat");
  cv::imwrite((dir / "root" / "dog" / "a.png").string(),
              cv::Mat(10, 10, CV_8UC3, cv::Scalar(0, 0, 255)));
  cv::imwrite((dir / "root" / "cat" / "b.png").string(), cv::Mat(4, 4, CV_8UC1, cv::Scalar(200)));
  std::ofstream(dir / "root" / "cat" / "notes.txt") << "ignored";

  ImageSet rgb = ReadImageFolder(dir / "root", 3, 8);
  CHECK(rgb.class_names == std::vector<std::string>{"cat", "dog"});
  CHECK(rgb.labels == std::vector<int>{0, 1});
  CHECK(rgb.image_bytes() == 3 * 8 * 8);
  // The red dog image: channel 0 (R) is full, channel 2 (B) empty, in CHW order.
  CHECK(rgb.pixels[rgb.image_bytes() + 0] == 255);
  CHECK(rgb.pixels[rgb.image_bytes() + 2 * 64] == 0);
  CHECK(ReadImageFolder(dir / "root", 1, 8).pixels[0] == 200);

  std::ofstream(dir / "root" / "cat" / "broken.png") << "not a png";
  CHECK_THROWS_WITH(ReadImageFolder(dir / "root", 1, 8), Contains("broken.png"));
  fs::remove(dir / "root" / "cat" / "broken.png");

  // A valid PNG header claiming 100000 x 100000 pixels: an input error, not
  // OpenCV's exception (exit 1) or a 10 GB allocation.
  std::string ihdr = std::string("IHDR") + std::string("\x00\x01\x86\xA0\x00\x01\x86\xA0", 8) +
                     std::string("\x08\x00\x00\x00\x00", 5);
  const uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(ihdr.data()), ihdr.size());
  std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string("\x00\x00\x00\x0d", 4) + ihdr;
  for (int shift : {24, 16, 8, 0}) png += static_cast<char>((crc >> shift) & 0xff);
  std::ofstream(dir / "root" / "cat" / "huge.png", std::ios::binary) << png;
  CHECK_THROWS_WITH(ReadImageFolder(dir / "root", 1, 8), Contains("huge.png"));
  CHECK_THROWS_AS(ReadImageFolder(dir / "absent", 1, 8), advlab::InputError);
}

TEST_CASE("label sets: the shipped Fashion-MNIST file and bad files", "[adversarial][labels]") {
  LabelSets sets =
      ReadLabelSets(fs::path(ADVLAB_SOURCE_DIR) / "adversarial/data/fashion_mnist_labels.yaml");
  CHECK(sets.classes.size() == 10);
  CHECK(sets.sets.front().name == "names");
  CHECK(sets.Find("synonyms").trained);
  CHECK_FALSE(sets.Find("heldout_synonyms").trained);
  CHECK(sets.Find("descriptions").labels[7] == "footwear with laces for running and sport");
  CHECK_THROWS_WITH(sets.Find("nope"), Contains("fashion_mnist_labels.yaml") && Contains("nope"));
  CHECK(ApplyTemplate("a photo of a {}", "coat") == "a photo of a coat");

  advlab::testing::TempDir dir;
  std::ofstream(dir / "bad.yaml") << "classes: [a, b]\ntrained:\n  - {name: s, members: [x]}\n";
  CHECK_THROWS_WITH(ReadLabelSets(dir / "bad.yaml"),
                    Contains("bad.yaml") && Contains("set 's' has 1 labels for 2 classes"));
  std::ofstream(dir / "typo.yaml") << "classes: [a, b]\ntemplate: [x]\n";
  CHECK_THROWS_WITH(ReadLabelSets(dir / "typo.yaml"), Contains("template"));
}

TEST_CASE("a folder without train/ and test/ is split per class, never evaluated on training",
          "[adversarial][data]") {
  advlab::testing::TempDir dir;
  for (const char* name : {"cat", "dog"}) {
    fs::create_directories(dir / "root" / name);
    for (int i = 0; i < 10; ++i) {
      // Each image's grey value identifies it: class * 100 + index.
      const int value = (name[0] == 'd') * 100 + i;
      cv::imwrite((dir / "root" / name / (std::to_string(i) + ".png")).string(),
                  cv::Mat(4, 4, CV_8UC1, cv::Scalar(value)));
    }
  }
  DataOptions options;
  options.source = "folder";
  options.root = dir / "root";
  options.size = 4;
  ImageSet train = LoadSplit(options, "train"), test = LoadSplit(options, "test");
  CHECK(train.size() == 16);
  CHECK(test.size() == 4);
  // Stratified: two test images per class.
  CHECK(std::count(test.labels.begin(), test.labels.end(), 0) == 2);
  // Disjoint: no grey value (image) is in both parts.
  std::set<int> seen;
  for (size_t i = 0; i < train.size(); ++i) seen.insert(train.pixels[i * 16]);
  for (size_t i = 0; i < test.size(); ++i) CHECK_FALSE(seen.count(test.pixels[i * 16]));
  // The same seed, the same split; another seed, another one.
  CHECK(LoadSplit(options, "test").pixels == test.pixels);
  options.split_seed = 7;
  CHECK(LoadSplit(options, "test").pixels != test.pixels);
  CHECK_THAT(DescribeSplits(options), Contains("stratified") && Contains("20%"));
  // data.test_fraction: 0 asks for the training images explicitly.
  options.test_fraction = 0;
  CHECK(LoadSplit(options, "test").size() == 20);
  CHECK_THAT(DescribeSplits(options), Contains("as asked"));
}
