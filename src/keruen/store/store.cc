#include "keruen/store/store.h"

namespace keruen {
namespace {

template <typename T, typename Query, typename Find>
Result<int64_t> ForEach(Find&& find, const std::function<bool(const T&)>& visit) {
  Query q;
  q.limit = 1000;
  int64_t visited = 0;
  for (;;) {
    auto page = find(q);
    if (!page) return tl::unexpected(page.error());
    for (const T& item : page->items) {
      ++visited;
      if (!visit(item)) return visited;
    }
    if (page->next.empty()) return visited;
    q.after = page->next;
  }
}

}  // namespace

Result<int64_t> ForEachDeclaration(Store& store,
                                   const std::function<bool(const Declaration&)>& visit) {
  return ForEach<Declaration, DeclarationQuery>(
      [&store](const DeclarationQuery& q) { return store.FindDeclarations(q); }, visit);
}

Result<int64_t> ForEachPayment(Store& store, const std::function<bool(const Payment&)>& visit) {
  return ForEach<Payment, PaymentQuery>(
      [&store](const PaymentQuery& q) { return store.FindPayments(q); }, visit);
}

}  // namespace keruen
