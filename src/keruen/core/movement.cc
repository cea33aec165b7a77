#include "keruen/core/movement.h"

namespace keruen {

bool IsMovementTransitionAllowed(MovementState from, MovementState to) {
  using S = MovementState;
  switch (from) {
    case S::kLodged:
      return to == S::kReleased;
    case S::kReleased:
      return to == S::kEntered || to == S::kExited || to == S::kOverdue || to == S::kDiverted;
    case S::kEntered:
      return to == S::kExited || to == S::kOverdue || to == S::kDiverted;
    case S::kOverdue:
      return to == S::kExited || to == S::kDiverted;
    case S::kExited:
      return to == S::kDischarged;
    case S::kDiverted:
      return to == S::kDischarged;
    case S::kDischarged:
      return false;
  }
  return false;
}

Status AdvanceMovement(Movement& m, MovementState to, Timestamp at, std::string reason) {
  if (!IsMovementTransitionAllowed(m.state, to)) {
    return MakeError(ErrorCode::kConflict, "movement " + m.id + " cannot go from " +
                                               std::string(MovementStateName(m.state)) + " to " +
                                               std::string(MovementStateName(to)));
  }
  m.state = to;
  m.history.push_back({to, at, std::move(reason)});
  return Ok();
}

bool DeclarationHasMovement(const Declaration& d) {
  return d.kind == DeclarationKind::kTransit || d.kind == DeclarationKind::kExport;
}

Movement MovementForDeclaration(const Declaration& d, const BorderPosts& posts) {
  Movement m;
  m.id = d.id;
  m.state = MovementState::kLodged;
  m.seals = d.transport.seals;
  m.limit_date = d.itinerary.limit_date;
  if (const BorderPost* p = posts.Resolve(d.itinerary.entry_post)) m.entry_post_id = p->id;
  if (const BorderPost* p = posts.Resolve(d.itinerary.exit_post)) m.exit_post_id = p->id;
  m.history.push_back({MovementState::kLodged, d.lodged_at, "declaration lodged"});
  return m;
}

}  // namespace keruen
