// A SQLite VFS for tests: wraps the default one and, on demand, fails every write to a database
// file or its write-ahead log with SQLITE_FULL (a full disk) or SQLITE_IOERR_WRITE (a disk
// error). While a FaultVfs lives it is SQLite's default VFS, so every connection the storage
// library opens goes through it; destroy it only after those connections are closed.
#pragma once

#include <sqlite3.h>

#include <atomic>

namespace hearth::storage::test {

enum class WriteFault { none, disk_full, io_error };

class FaultVfs {
public:
    FaultVfs();
    ~FaultVfs();
    FaultVfs(const FaultVfs&) = delete;
    FaultVfs& operator=(const FaultVfs&) = delete;

    bool registered() const { return registered_; }
    void fail_writes(WriteFault fault);
    int failed_writes() const { return state_.failed.load(); }

    // Shared with the C callbacks through sqlite3_vfs::pAppData.
    struct State {
        sqlite3_vfs* real = nullptr;
        std::atomic<int> fault_rc{SQLITE_OK};  // what writes return; SQLITE_OK: pass through
        std::atomic<int> failed{0};
    };

private:
    State state_;
    sqlite3_vfs vfs_{};
    bool registered_ = false;
};

}  // namespace hearth::storage::test
