// The movement state machine, modelled on NCTS.
//
//   lodged -> released -> entered -> exited -> discharged
//
// `overdue` is reached from released or entered when the limit date passes before exit;
// `diverted` from released, entered or overdue when the goods leave the approved route or
// country. An overdue movement that then exits continues to exited; discharge closes
// either exited path. Tracking (a later engine) drives the transitions from positions and
// checkpoint events; this header only says which transitions are legal.
#ifndef KERUEN_CORE_MOVEMENT_H_
#define KERUEN_CORE_MOVEMENT_H_

#include "keruen/core/error.h"
#include "keruen/core/model.h"
#include "keruen/core/reference.h"

namespace keruen {

bool IsMovementTransitionAllowed(MovementState from, MovementState to);

// Moves `m` to `to` at `at`, recording the reason; refuses an illegal transition.
Status AdvanceMovement(Movement& m, MovementState to, Timestamp at, std::string reason);

// Transit and export declarations travel, so they get a movement; others do not.
bool DeclarationHasMovement(const Declaration& d);

// The movement a declaration opens: lodged at lodged_at, with its seals, its limit date and
// its entry and exit posts resolved against `posts` (left empty when unknown).
Movement MovementForDeclaration(const Declaration& d, const BorderPosts& posts);

}  // namespace keruen

#endif  // KERUEN_CORE_MOVEMENT_H_
