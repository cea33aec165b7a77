#include "keruen/core/movement.h"

#include <gtest/gtest.h>

namespace keruen {
namespace {

TEST(MovementTest, FollowsTheNormalLifecycle) {
  Movement m;
  m.id = "T1";
  for (MovementState s : {MovementState::kReleased, MovementState::kEntered, MovementState::kExited,
                          MovementState::kDischarged}) {
    ASSERT_TRUE(AdvanceMovement(m, s, 10, "step").has_value());
  }
  EXPECT_EQ(m.state, MovementState::kDischarged);
  EXPECT_EQ(m.history.size(), 4u);
}

TEST(MovementTest, RefusesSkippingOrGoingBack) {
  Movement m;
  m.id = "T2";
  auto skip = AdvanceMovement(m, MovementState::kExited, 1, "");
  ASSERT_FALSE(skip.has_value());
  EXPECT_EQ(skip.error().code, ErrorCode::kConflict);
  EXPECT_EQ(m.state, MovementState::kLodged);
  ASSERT_TRUE(AdvanceMovement(m, MovementState::kReleased, 1, "").has_value());
  EXPECT_FALSE(AdvanceMovement(m, MovementState::kLodged, 2, "").has_value());
  EXPECT_FALSE(IsMovementTransitionAllowed(MovementState::kDischarged, MovementState::kExited));
}

TEST(MovementTest, OverdueAndDivertedBranches) {
  EXPECT_TRUE(IsMovementTransitionAllowed(MovementState::kEntered, MovementState::kOverdue));
  EXPECT_TRUE(IsMovementTransitionAllowed(MovementState::kOverdue, MovementState::kExited));
  EXPECT_TRUE(IsMovementTransitionAllowed(MovementState::kOverdue, MovementState::kDiverted));
  EXPECT_TRUE(IsMovementTransitionAllowed(MovementState::kDiverted, MovementState::kDischarged));
  EXPECT_FALSE(IsMovementTransitionAllowed(MovementState::kDiverted, MovementState::kExited));
}

TEST(MovementTest, OpensForTransitWithResolvedPosts) {
  auto posts = BorderPosts::LoadDefault();
  ASSERT_TRUE(posts.has_value());
  Declaration d;
  d.id = "26KZ0101T0004217";
  d.kind = DeclarationKind::kTransit;
  d.lodged_at = 1000;
  d.itinerary.entry_post = "Жайсан";
  d.itinerary.exit_post = "Korday";
  d.itinerary.limit_date = 5000;
  d.transport.seals = {"ENS-KZ-1"};
  ASSERT_TRUE(DeclarationHasMovement(d));
  Movement m = MovementForDeclaration(d, *posts);
  EXPECT_EQ(m.entry_post_id, "KZ-BCP-008");
  EXPECT_EQ(m.exit_post_id, "KZ-BCP-044");
  EXPECT_EQ(m.seals, d.transport.seals);
  ASSERT_EQ(m.history.size(), 1u);
  EXPECT_EQ(m.history[0].at, 1000);
  d.kind = DeclarationKind::kImport;
  EXPECT_FALSE(DeclarationHasMovement(d));
}

}  // namespace
}  // namespace keruen
