// One GS1 EPCIS 2.0 event, as Keruen keeps it.
//
// Border posts report trucks arriving, being inspected and departing as EPCIS events
// (docs/epcis.md). The tracking engine needs only a few dimensions of an event (what,
// when, where, why), so those are pulled out into plain fields, with vocabulary values
// folded to one spelling (internal/cbv.h) so that comparisons are string equality. The
// event's JSON as it was captured is kept next to them: a query returns it unchanged, and
// storage can persist `json` plus the indexed fields and rebuild nothing else.
#ifndef KERUEN_TRACKING_EPCIS_EVENT_H_
#define KERUEN_TRACKING_EPCIS_EVENT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/time.h"

namespace keruen::tracking {

enum class EpcisEventType {
  kObject,
  kAggregation,
  kTransaction,
  kTransformation,
  kAssociation,
};

// "ObjectEvent", "AggregationEvent", ... as in the "type" field.
std::string_view EpcisEventTypeName(EpcisEventType type);
std::optional<EpcisEventType> ParseEpcisEventType(std::string_view name);

// TransformationEvent has no action; every other type must have one.
enum class EpcisAction { kNone, kAdd, kObserve, kDelete };

// "ADD", "OBSERVE", "DELETE"; empty for kNone.
std::string_view EpcisActionName(EpcisAction action);
std::optional<EpcisAction> ParseEpcisAction(std::string_view name);

// A quantity of a class of objects (a lot, a product): quantityList, childQuantityList
// and the transformation's input/outputQuantityList.
struct EpcisQuantity {
  std::string epc_class;           // URI
  std::optional<double> quantity;  // absent means "an unknown quantity"
  std::string uom;                 // UN/ECE rec. 20 code ("KGM"), empty when counted in units
  bool operator==(const EpcisQuantity&) const = default;
};

// A business transaction (bill of lading, despatch advice, customs declaration...).
struct EpcisBizTransaction {
  std::string type;  // canonical: a bare CBV word ("bol") or a URI; empty when not given
  std::string id;    // the "bizTransaction" URI
  bool operator==(const EpcisBizTransaction&) const = default;
};

// An entry of sourceList / destinationList.
struct EpcisSourceDest {
  std::string type;  // canonical: "owning_party", "possessing_party", "location" or a URI
  std::string id;
  bool operator==(const EpcisSourceDest&) const = default;
};

// Marks an earlier event as erroneous (EPCIS 2.0 section 7.4.1.4).
struct EpcisErrorDeclaration {
  Timestamp declaration_time = 0;
  std::string reason;  // canonical: "did_not_occur", "incorrect_data", a URI, or empty
  std::vector<std::string> corrective_event_ids;
  bool operator==(const EpcisErrorDeclaration&) const = default;
};

struct EpcisEvent {
  EpcisEventType type = EpcisEventType::kObject;
  std::string event_id;  // the sender's eventID URI, empty when not given

  // When it happened, as UTC seconds (fractions of a second dropped), and the local
  // offset ("+06:00") the sender declared for display.
  Timestamp event_time = 0;
  std::string event_time_zone_offset;
  // When Keruen captured it: set by the capture, never taken from the sender.
  Timestamp record_time = 0;

  EpcisAction action = EpcisAction::kNone;
  std::string biz_step;      // canonical, see internal/cbv.h; empty when not given
  std::string disposition;   // canonical; empty when not given
  std::string read_point;    // readPoint.id, empty when not given
  std::string biz_location;  // bizLocation.id, empty when not given

  // What: instance identifiers by the list they came in, and the quantities of every
  // quantity list of the event (quantityList, childQuantityList, input/output...).
  std::vector<std::string> epc_list;     // epcList
  std::vector<std::string> child_epcs;   // childEPCs
  std::string parent_id;                 // parentID, empty when not given
  std::vector<std::string> input_epcs;   // inputEPCList (TransformationEvent)
  std::vector<std::string> output_epcs;  // outputEPCList (TransformationEvent)
  std::vector<EpcisQuantity> quantities;

  std::vector<EpcisBizTransaction> biz_transactions;
  std::vector<EpcisSourceDest> sources;
  std::vector<EpcisSourceDest> destinations;

  // Sensor data is not interpreted by Keruen yet, so it stays as (minified) JSON, empty
  // when the event has none.
  std::string sensor_element_list_json;
  std::optional<EpcisErrorDeclaration> error_declaration;
  std::vector<std::string> certification_info;  // URIs

  // The event as captured (minified JSON), and the @context that gives meaning to its
  // prefixed names: the enclosing document's, since a capture document declares the
  // namespaces once for all its events.
  std::string json;
  std::string context_json;

  bool operator==(const EpcisEvent&) const = default;
};

}  // namespace keruen::tracking

#endif  // KERUEN_TRACKING_EPCIS_EVENT_H_
