// The JSON writer is public (the command-line tool writes its JSON with it): delta/json_writer.h.
#pragma once

#include "delta/json_writer.h"
