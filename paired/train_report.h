#pragma once
// The training run's presentation, apart from its computation
// (train_job.cpp): learning-curve figures read back from metrics.csv,
// galleries of the levels played and buffered, and the report's prose and
// sections. Everything it states comes in computed.
#include <cstddef>
#include <filesystem>

#include "paired/eval_job.h"
#include "paired/train_options.h"
#include "paired/train_summary.h"
#include "report/html_report.h"

namespace advlab::paired {

class UedRunner;
class LevelBuffer;

// The levels the protagonist played this iteration, with how it did.
void WritePlayedGallery(const UedRunner& runner, const std::filesystem::path& png);
// The twelve highest-scoring levels of the buffer.
void WriteBufferGallery(const LevelBuffer& buffer, const std::filesystem::path& png);

// The titled section the final evaluation fills (EvaluateAndWrite).
report::ReportSection EvaluationSection(const TrainOptions& options);

// Renders the figures and writes report.json and report.html: the summary
// card (key numbers, and warnings: a budget far below the papers', training
// levels that did not grow more complex), learning curves (`tail`: the
// updates averaged for the final solved rate), the level galleries, then
// `evaluation` (with `evaluated`, its numbers) when there is one.
void WriteTrainingReport(const TrainOptions& options, const UedRunner& runner,
                         const TrainSummary& summary, size_t tail,
                         const report::ReportSection* evaluation, const EvalSummary* evaluated,
                         const std::filesystem::path& run_dir);

}  // namespace advlab::paired
