// Value rules for documents that parsed: codes, ranges and cross-field consistency.
// Every problem is reported with the field path (`items[1].hs: "85423" is not 6-10 digits`)
// so a declarant can fix them all in one pass.
#ifndef KERUEN_CORE_VALIDATE_H_
#define KERUEN_CORE_VALIDATE_H_

#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/model.h"

namespace keruen {

// Problems found, in document order; empty when the document is acceptable.
std::vector<Error> ValidateDeclaration(const Declaration& d);
std::vector<Error> ValidatePayment(const Payment& p);

// The first problem as an error, or Ok.
Status CheckDeclaration(const Declaration& d);
Status CheckPayment(const Payment& p);

}  // namespace keruen

#endif  // KERUEN_CORE_VALIDATE_H_
