#pragma once
// The crafting world's rules (Ask Your Humans, Chen et al. 2021, in the
// spirit of its Minecraft-like world), read from a data file such as
// crafting/data/recipes.yaml:
//   materials  raw units mined from resource cells, some only with a tool
//   stations   cells where crafting happens (one of each per layout)
//   tools      intermediate items: crafted once, kept, never consumed
//   forms      every material crafted in `units` at a form's station makes
//              the goal item "<material> <form>"
// Torch-free.
#include <filesystem>
#include <string>
#include <vector>

namespace advlab::envs::crafting {

struct Material {
  std::string name, resource;
  int tool = -1;  // index into tools, -1: mined by hand
};

struct Tool {
  std::string name;
  int station = 0;
  std::vector<int> inputs;  // units per material
};

struct Form {
  std::string name;
  int station = 0;
  int units = 1;
};

// A goal item: one material in one form.
struct Goal {
  int material = 0, form = 0;
  bool operator==(const Goal& o) const { return material == o.material && form == o.form; }
  bool operator<(const Goal& o) const {
    return material != o.material ? material < o.material : form < o.form;
  }
};

struct Recipes {
  std::vector<Material> materials;
  std::vector<std::string> stations;
  std::vector<Tool> tools;
  std::vector<Form> forms;

  int MaterialCount() const { return static_cast<int>(materials.size()); }
  int StationCount() const { return static_cast<int>(stations.size()); }
  int ToolCount() const { return static_cast<int>(tools.size()); }
  std::string GoalName(const Goal& goal) const;
  // Every goal item, material-major.
  std::vector<Goal> AllGoals() const;
  // Units of each material that making `goal` from nothing consumes (its
  // tools' inputs included): the resource cells a layout needs at least.
  std::vector<int> UnitsNeeded(const Goal& goal) const;
  // The tools needed before `goal` can be crafted, each after the tools its
  // own inputs need.
  std::vector<int> ToolsNeeded(const Goal& goal) const;
};

// InputError naming the file and the key for anything malformed.
Recipes LoadRecipes(const std::filesystem::path& path);

}  // namespace advlab::envs::crafting
