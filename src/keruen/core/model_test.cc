#include "keruen/core/model.h"

#include <gtest/gtest.h>

namespace keruen {
namespace {

TEST(ModelTest, EnumerationNamesRoundTrip) {
  for (IdKind k : kAllIdKinds) EXPECT_EQ(ParseIdKind(IdKindName(k)), k);
  for (DeclarationKind k : {DeclarationKind::kImport, DeclarationKind::kExport,
                            DeclarationKind::kTransit, DeclarationKind::kWaybill}) {
    EXPECT_EQ(ParseDeclarationKind(DeclarationKindName(k)), k);
  }
  for (AlertStatus s : {AlertStatus::kOpen, AlertStatus::kAssigned, AlertStatus::kTruePositive,
                        AlertStatus::kFalsePositive, AlertStatus::kClosed}) {
    EXPECT_EQ(ParseAlertStatus(AlertStatusName(s)), s);
  }
  for (Severity s :
       {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    EXPECT_EQ(ParseSeverity(SeverityName(s)), s);
  }
  EXPECT_EQ(ParseMovementState("diverted"), MovementState::kDiverted);
  EXPECT_FALSE(ParseAlertStatus("Open").has_value());
  EXPECT_FALSE(ParseIdKind("passport").has_value());
}

TEST(ModelTest, PartyIdFindsTheFirstOfAKind) {
  Party p;
  p.ids = {{IdKind::kInn, "7707083893"}, {IdKind::kOgrn, "1027700132195"}};
  EXPECT_EQ(p.Id(IdKind::kOgrn), "1027700132195");
  EXPECT_EQ(p.Id(IdKind::kBin), "");
}

}  // namespace
}  // namespace keruen
