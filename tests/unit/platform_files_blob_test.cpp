// platform/files/blob_store: content addressing, idempotent puts, corruption and missing blobs.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "platform/crypto.hpp"
#include "platform/files/blob_store.hpp"
#include "platform_test_db.hpp"

namespace platform::files {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

class PlatformBlobStore : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(platform::crypto_init());
    dir_ = fs::temp_directory_path() / gongkai_test::unique_name("gk-blobs");
    store_ = std::make_unique<BlobStore>(dir_ / "blobs");  // root does not exist yet
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  static std::size_t files_under(const fs::path& p) {
    std::size_t n = 0;
    for (auto& e : fs::recursive_directory_iterator(p)) n += e.is_regular_file();
    return n;
  }
  fs::path dir_;
  std::unique_ptr<BlobStore> store_;
};

TEST_F(PlatformBlobStore, PutThenReadGivesTheBytesBack) {
  const std::string bytes = "政务公开\0binary\xFF"s;
  auto ref = store_->put(bytes);
  ASSERT_TRUE(ref.ok()) << ref.error().message;
  EXPECT_EQ(ref->sha256, platform::sha256_hex(bytes));
  EXPECT_EQ(ref->size, bytes.size());
  EXPECT_TRUE(store_->exists(ref->sha256));
  const auto path = store_->path_of(ref->sha256);
  EXPECT_EQ(path, dir_ / "blobs" / ref->sha256.substr(0, 2) / ref->sha256.substr(2, 2) / ref->sha256);
  EXPECT_TRUE(fs::is_regular_file(path));
  auto back = store_->read(ref->sha256);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, bytes);
  // The empty blob is a blob too.
  auto empty = store_->put("");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(*store_->read(empty->sha256), "");
}

TEST_F(PlatformBlobStore, PuttingTheSameBytesTwiceIsANoOp) {
  auto a = store_->put("same bytes");
  ASSERT_TRUE(a.ok());
  const auto path = store_->path_of(a->sha256);
  struct stat before {};
  ASSERT_EQ(::stat(path.c_str(), &before), 0);
  auto b = store_->put("same bytes");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->sha256, b->sha256);
  struct stat after {};
  ASSERT_EQ(::stat(path.c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino);  // not rewritten
  EXPECT_EQ(files_under(dir_ / "blobs"), 1u);  // and no temporary files left behind
  ASSERT_TRUE(store_->put("other bytes").ok());
  EXPECT_EQ(files_under(dir_ / "blobs"), 2u);
}

TEST_F(PlatformBlobStore, DetectsCorruptionAndRepairsOnPut) {
  auto ref = store_->put("original content");
  ASSERT_TRUE(ref.ok());
  { std::ofstream(store_->path_of(ref->sha256), std::ios::binary | std::ios::trunc) << "tampered content"; }
  auto r = store_->read(ref->sha256);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "blob_corrupt");
  EXPECT_FALSE(r.error().message.empty());
  ASSERT_TRUE(store_->put("original content").ok());  // storing the real bytes again repairs the copy
  EXPECT_EQ(*store_->read(ref->sha256), "original content");
}

TEST_F(PlatformBlobStore, MissingAndMalformedNames) {
  const std::string absent(64, 'a');
  EXPECT_FALSE(store_->exists(absent));
  EXPECT_EQ(store_->read(absent).error().code, "blob_missing");
  for (const std::string& bad : std::vector<std::string>{"", "../../etc/passwd", std::string(64, 'A'), std::string(63, 'a'),
                                std::string(65, 'a'), "../" + std::string(61, 'a')}) {
    EXPECT_TRUE(store_->path_of(bad).empty()) << bad;
    EXPECT_FALSE(store_->exists(bad)) << bad;
    EXPECT_EQ(store_->read(bad).error().code, "blob_missing") << bad;
  }
}

TEST_F(PlatformBlobStore, ReportsWriteFailure) {
  // A root below a regular file can never be created.
  { std::ofstream(dir_.string() + "-file") << "x"; }
  BlobStore bad(fs::path(dir_.string() + "-file") / "blobs");
  auto r = bad.put("bytes");
  fs::remove(dir_.string() + "-file");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "blob_write_failed");
}

TEST_F(PlatformBlobStore, ConcurrentPutsOfTheSameBytes) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) ok += store_->put("shared " + std::to_string(i)).ok();
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 40);
  EXPECT_EQ(files_under(dir_ / "blobs"), 10u);
  EXPECT_EQ(*store_->read(platform::sha256_hex("shared 3")), "shared 3");
}

}  // namespace
}  // namespace platform::files
