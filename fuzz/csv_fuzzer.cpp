// The CSV reader (core/csv_reader.h): any bytes are a table whose cells
// can be read, or an InputError naming the line.
#include <cstdint>
#include <string>

#include "core/csv_reader.h"
#include "core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    advlab::core::CsvTable table = advlab::core::ParseCsv(text, "fuzz.csv");
    for (const advlab::core::CsvRow& row : table.rows) {
      for (const std::string& column : table.header) {
        try {
          table.OptionalNumber(row, column);
        } catch (const advlab::InputError&) {
        }
      }
    }
  } catch (const advlab::InputError&) {
  }
  return 0;
}
