#pragma once
// The advlab subcommands. Each takes the arguments after its name, prints
// its own --help, and returns the exit status (0 ok; InputError propagates
// and becomes 2 in main).
#include <string>
#include <vector>

namespace advlab {

using Args = std::vector<std::string>;

int ForecastCommand(const Args& args);
int ReportCommand(const Args& args);
int DemoCommand(const Args& args);
int MazeCommand(const Args& args);
int LifeCommand(const Args& args);
int SideEffectsCommand(const Args& args);
int LaunchCommand(const Args& args);
int LanguageCommand(const Args& args);
int CraftingCommand(const Args& args);
int PairedCommand(const Args& args);
int EvalCommand(const Args& args);
int ClipCommand(const Args& args);
int AttackCommand(const Args& args);
int CompareCommand(const Args& args);

}  // namespace advlab
