#pragma once
// Users' own labelled images: root/<class name>/*.png|jpg|jpeg, classes in
// sorted folder order, every image converted to `channels` (1 or 3) and
// resized to size x size. An unreadable image is an InputError naming it.
#include <filesystem>

#include "adversarial/image_set.h"

namespace advlab::adversarial {

ImageSet ReadImageFolder(const std::filesystem::path& root, int channels, int size);

}  // namespace advlab::adversarial
