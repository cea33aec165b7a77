// ISO 20022 pacs.008 (FI to FI customer credit transfer) messages in, Keruen payments out.
//
// Banks hand payments over as pacs.008 XML: one group header and one or more credit transfer
// transactions (CdtTrfTxInf). Each transaction becomes one `Payment`, in the shape the JSON
// payments of shared/spec/payment.example.json already take, so everything downstream
// (storage, screening, rules) sees one model whatever the format.
//
// Versions: elements are matched by local name and the namespace is only checked to say
// "pacs.008", so 001.02 to 001.12 all read (BICFI, or BIC in the oldest versions).
//
// Field mapping (all paths below CdtTrfTxInf):
//   id           PmtId/TxId, else PmtId/EndToEndId (unless "NOTPROVIDED"), else
//                GrpHdr/MsgId + "-" + the 1-based transaction index
//   executed_at  IntrBkSttlmDt (or the group header's), else AccptncDtTm, else GrpHdr/CreDtTm
//   amount       IntrBkSttlmAmt with its Ccy attribute
//   debtor       Dbtr (Nm, PstlAdr/Ctry or CtryOfRes, PstlAdr lines, Id/OrgId|PrvtId/Othr),
//                DbtrAcct/Id/IBAN or Id/Othr/Id, DbtrAgt/FinInstnId/BICFI
//   creditor     the same from Cdtr, CdtrAcct, CdtrAgt
//   intermediary_bics  IntrmyAgt1..3/FinInstnId/BICFI
//   remittance   every RmtInf/Ustrd line, then every Strd/RfrdDocInf/Nb (an invoice, type
//                CINV, as "Invoice <Nb>"), separated by spaces
//   purpose      Purp/Cd or Purp/Prtry
// Identifiers (Othr/Id with SchmeNm/Cd or SchmeNm/Prtry) are kept when the scheme names one
// Keruen knows: BIN, IIN, INN, OGRN, EORI, VAT (any case), or the ISO code TXID (tax id)
// read by the party's country (KZ: BIN for organisations, IIN for persons; RU, KG, BY: INN;
// otherwise VAT). Other schemes (LEI, customer numbers, ...) are not identities Keruen can
// compare and are left out.
//
// Untrusted input: parsed with core/xml.h (no DTD, no entities, no network); a message over
// `kMaxPacs008Bytes` is refused. Errors name the source, the line and the element path,
// e.g. "batch.xml:31: CdtTrfTxInf[2]/IntrBkSttlmAmt: missing the Ccy attribute". Each
// payment is also checked with core/validate.h (currency, BICs, names).
#ifndef KERUEN_PAYMENTS_PACS008_H_
#define KERUEN_PAYMENTS_PACS008_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/core/model.h"

namespace keruen::payments {

// A bank batch is rarely above a few MB; anything this large is refused before parsing.
inline constexpr size_t kMaxPacs008Bytes = 64u << 20;

// True when `text` looks like XML (its first non-blank character is '<'), which is how the
// CLI and the API tell pacs.008 from JSON payments.
bool LooksLikeXml(std::string_view text);

// The payments of one pacs.008 message, in document order. All-or-nothing: the first problem
// fails the whole message. `source` (a file name or "api") goes into errors.
Result<std::vector<Payment>> ParsePacs008(std::string_view xml, std::string_view source);

}  // namespace keruen::payments

#endif  // KERUEN_PAYMENTS_PACS008_H_
