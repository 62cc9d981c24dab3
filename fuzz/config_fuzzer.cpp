// The config layer (core/config.h): any bytes are a config whose keys can
// be read with every accessor, or an InputError.
#include <cstdint>
#include <string>

#include "core/config.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    advlab::core::Config config = advlab::core::Config::FromString(text, "fuzz.yaml");
    auto tolerate = [](auto read) {
      try {
        read();
      } catch (const advlab::InputError&) {
      }
    };
    tolerate([&] { config.Int("seed", 0, 0, 1000); });
    tolerate([&] { config.Number("fit.bootstrap", 1, 0, 1e9); });
    tolerate([&] { config.Bool("ued.clip_regret", true); });
    tolerate([&] { config.Choice("ued.method", "dr", {"dr", "paired"}); });
    tolerate([&] { config.Strings("eval.mazes", {}); });
    tolerate([&] { config.Numbers("forecast.levels", {}, 0, 1); });
    tolerate([&] { config.NumberMap("data.ceilings", 0, 1e9); });
    tolerate([&] { config.RejectUnknownKeys(); });
    (void)config.ResolvedYaml();
  } catch (const advlab::InputError&) {
  }
  return 0;
}
