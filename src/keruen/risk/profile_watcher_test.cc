#include "keruen/risk/profile_watcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace keruen::risk {
namespace {

using ::testing::HasSubstr;

ProfileSchema Schema() {
  ProfileSchema s;
  s.fields.push_back({"destination", FieldType::kText, false, ""});
  s.params.push_back({"Q6", "min_parts", 5, 2, 100, ""});
  return s;
}

std::string Profiles(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += "profile p" + std::to_string(i) + "\n  when destination = RU\n  score +10\nend\n";
  }
  return text;
}

class ProfileWatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/watched-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".krp";
  }
  void TearDown() override { std::filesystem::remove(path_); }

  // Writes the file and moves its modification time forward, as a save would, so the change
  // is seen even when two writes fall within the file system's time resolution.
  void Write(const std::string& text) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << text;
    std::filesystem::last_write_time(path_, next_mtime_);
    next_mtime_ += std::chrono::seconds(1);
  }

  std::string path_;
  std::filesystem::file_time_type next_mtime_ =
      std::filesystem::file_time_type::clock::now() - std::chrono::hours(1);
};

TEST_F(ProfileWatcherTest, OpensAndReloadsOnlyWhenTheFileChanges) {
  Write(Profiles(1));
  auto watcher = ProfileWatcher::Open(path_, Schema());
  ASSERT_TRUE(watcher.has_value()) << watcher.error().message;
  ProfileWatcher& w = **watcher;
  EXPECT_EQ(w.current()->profiles().size(), 1u);
  EXPECT_EQ(w.generation(), 1);
  EXPECT_EQ(w.last_error(), std::nullopt);

  auto unchanged = w.Poll();
  ASSERT_TRUE(unchanged.has_value());
  EXPECT_FALSE(*unchanged);
  EXPECT_EQ(w.generation(), 1);

  const auto before = w.current();
  Write(Profiles(3) + "rule Q6 min_parts 7\n");
  auto reloaded = w.Poll();
  ASSERT_TRUE(reloaded.has_value()) << reloaded.error().message;
  EXPECT_TRUE(*reloaded);
  EXPECT_EQ(w.current()->profiles().size(), 3u);
  EXPECT_EQ(w.current()->Param("Q6", "min_parts"), 7);
  EXPECT_EQ(w.generation(), 2);
  EXPECT_EQ(before->profiles().size(), 1u);  // a reader's old set is untouched by the swap
}

TEST_F(ProfileWatcherTest, KeepsThePreviousSetWhenTheNewFileIsRefused) {
  Write(Profiles(2));
  auto watcher = ProfileWatcher::Open(path_, Schema());
  ASSERT_TRUE(watcher.has_value()) << watcher.error().message;
  ProfileWatcher& w = **watcher;

  Write("profile p\n  when destinaton = RU\n  score +10\nend\n");
  auto refused = w.Poll();
  ASSERT_FALSE(refused.has_value());
  EXPECT_THAT(refused.error().message, HasSubstr(":2:8: unknown field \"destinaton\""));
  EXPECT_EQ(w.current()->profiles().size(), 2u);
  EXPECT_EQ(w.generation(), 1);
  ASSERT_TRUE(w.last_error().has_value());
  EXPECT_EQ(w.last_error()->message, refused.error().message);

  auto again = w.Poll();  // the same refused version is reported once
  ASSERT_TRUE(again.has_value());
  EXPECT_FALSE(*again);
  EXPECT_TRUE(w.last_error().has_value());

  Write(Profiles(4));
  auto fixed = w.Poll();
  ASSERT_TRUE(fixed.has_value()) << fixed.error().message;
  EXPECT_TRUE(*fixed);
  EXPECT_EQ(w.current()->profiles().size(), 4u);
  EXPECT_EQ(w.last_error(), std::nullopt);
  EXPECT_EQ(w.generation(), 2);
}

TEST_F(ProfileWatcherTest, KeepsThePreviousSetWhenTheFileDisappears) {
  Write(Profiles(1));
  auto watcher = ProfileWatcher::Open(path_, Schema());
  ASSERT_TRUE(watcher.has_value()) << watcher.error().message;
  std::filesystem::remove(path_);
  auto gone = (*watcher)->Poll();
  ASSERT_FALSE(gone.has_value());
  EXPECT_EQ(gone.error().code, ErrorCode::kIo);
  EXPECT_EQ((*watcher)->current()->profiles().size(), 1u);
}

TEST_F(ProfileWatcherTest, RefusesToOpenABrokenFile) {
  Write("profile p\n  score +10\nend\n");
  auto watcher = ProfileWatcher::Open(path_, Schema());
  ASSERT_FALSE(watcher.has_value());
  EXPECT_THAT(watcher.error().message, HasSubstr(":1:1: profile \"p\" has no conditions"));
  EXPECT_FALSE(ProfileWatcher::Open(path_ + ".absent", Schema()).has_value());
}

}  // namespace
}  // namespace keruen::risk
