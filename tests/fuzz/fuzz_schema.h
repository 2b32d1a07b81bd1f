// The table schema the expression and stats targets type their inputs by: a column of every
// primitive type, a name that needs quoting, and a nested struct.
#pragma once

#include <string_view>

namespace delta::fuzz {

constexpr std::string_view kEveryTypeSchema =
    R"j({"type":"struct","fields":[)j"
    R"j({"name":"s","type":"string","nullable":true,"metadata":{}},)j"
    R"j({"name":"l","type":"long","nullable":true,"metadata":{}},)j"
    R"j({"name":"i","type":"integer","nullable":true,"metadata":{}},)j"
    R"j({"name":"sh","type":"short","nullable":true,"metadata":{}},)j"
    R"j({"name":"b","type":"byte","nullable":true,"metadata":{}},)j"
    R"j({"name":"f","type":"float","nullable":true,"metadata":{}},)j"
    R"j({"name":"d","type":"double","nullable":true,"metadata":{}},)j"
    R"j({"name":"bo","type":"boolean","nullable":true,"metadata":{}},)j"
    R"j({"name":"bin","type":"binary","nullable":true,"metadata":{}},)j"
    R"j({"name":"dt","type":"date","nullable":true,"metadata":{}},)j"
    R"j({"name":"ts","type":"timestamp","nullable":true,"metadata":{}},)j"
    R"j({"name":"tn","type":"timestamp_ntz","nullable":true,"metadata":{}},)j"
    R"j({"name":"dec","type":"decimal(38,6)","nullable":true,"metadata":{}},)j"
    R"j({"name":"dec2","type":"decimal(5,2)","nullable":true,"metadata":{}},)j"
    R"j({"name":"weird col","type":"long","nullable":true,"metadata":{}},)j"
    R"j({"name":"n","type":{"type":"struct","fields":[)j"
    R"j({"name":"x","type":"long","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}}]})j";

}  // namespace delta::fuzz
