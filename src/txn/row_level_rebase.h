// Row-level concurrency at rebase: a winning commit that removed a file this transaction read
// row by row (Transaction::RecordReadRows) and re-added it with a larger deletion vector only
// deleted rows. That is no conflict when none of those rows is one our result depends on; when
// we re-add the file with a deletion vector too, our remove and add are restaged on top of the
// winner's: remove(the winner's add) + add(the file, both DVs united, in a new DV file).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "delta/actions.h"
#include "delta/deletion_vector.h"
#include "delta/status.h"
#include "txn/transaction_state.h"

namespace delta {

/// The row-level state of one commit's attempts. Not thread-safe.
class RowLevelRebase {
 public:
  explicit RowLevelRebase(TransactionState& s) : s_(s) {}

  /// Winner `version` removed the file and re-added it as `winner_add` (a file of
  /// RebaseInfo::row_level_files). Conflict when its deletion vector brings back a row deleted
  /// before (kConcurrentWrite) or deletes a row our result depends on
  /// (kConcurrentDeleteDelete when we remove the file too, else kConcurrentDeleteRead); errors
  /// of LoadDeletionVector as they are.
  Status Absorb(int64_t version, const AddFile& winner_add);

  /// Restages our remove and re-add of every file absorbed since the last call (one new DV file
  /// for all of them); nothing when there is none.
  Status Apply();

 private:
  struct File {
    AddFile live;          // the latest add of the file (views in s_.rebase_copies)
    DeletionVector dv;     // its deletion vector, loaded
    bool pending = false;  // absorbed since the last Apply
    int64_t version = -1;  // the winner that re-added it last
  };
  Result<DeletionVector> Load(const AddFile& add) const;

  TransactionState& s_;
  std::map<std::string, File, std::less<>> files_;
};

}  // namespace delta
