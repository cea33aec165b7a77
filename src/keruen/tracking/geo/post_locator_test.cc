#include "keruen/tracking/geo/post_locator.h"

#include <gtest/gtest.h>

namespace keruen::tracking {
namespace {

TEST(PostLocatorTest, FindsThePostAtOrNearAPosition) {
  auto posts = BorderPosts::LoadDefault();
  ASSERT_TRUE(posts) << posts.error().ToString();
  const PostLocator locator(*posts);
  // Kordai's own coordinates (data/border_posts.csv).
  const BorderPost* at = locator.NearestPost({43.0254, 74.7054}, 5);
  ASSERT_NE(at, nullptr);
  EXPECT_EQ(at->id, "KZ-BCP-044");
  // 0.027 degrees of latitude north of Khorgos / Nur Zholy is 3.0 km.
  double km = 0;
  const BorderPost* near = locator.NearestPost({44.1574 + 0.027, 80.4023}, 5, &km);
  ASSERT_NE(near, nullptr);
  EXPECT_EQ(near->id, "KZ-BCP-040");
  EXPECT_NEAR(km, 3.0, 0.01);
  EXPECT_EQ(locator.NearestPost({44.1574 + 0.027, 80.4023}, 2), nullptr);
  // Astana is hundreds of km from any post.
  EXPECT_EQ(locator.NearestPost({51.1472, 71.4222}, 5), nullptr);
  EXPECT_NE(locator.NearestPost({51.1472, 71.4222}, 1000), nullptr);
}

}  // namespace
}  // namespace keruen::tracking
