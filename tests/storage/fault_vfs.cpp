#include "tests/storage/fault_vfs.h"

#include <cstring>

namespace hearth::storage::test {

namespace {

// Our file: the header SQLite sees, followed in the same allocation by the real VFS's file.
struct FaultFile {
    sqlite3_file base;
    FaultVfs::State* state;
    bool faulty;  // a main database or WAL file: the files a commit writes
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

FaultFile* ff(sqlite3_file* f) { return reinterpret_cast<FaultFile*>(f); }
sqlite3_file* real(sqlite3_file* f) { return ff(f)->real(); }
const sqlite3_io_methods* rm(sqlite3_file* f) { return real(f)->pMethods; }
FaultVfs::State* st(sqlite3_vfs* v) { return static_cast<FaultVfs::State*>(v->pAppData); }
sqlite3_vfs* rv(sqlite3_vfs* v) { return st(v)->real; }

const sqlite3_io_methods kMethods = {
    3,
    [](sqlite3_file* f) { return rm(f)->xClose(real(f)); },
    [](sqlite3_file* f, void* buf, int amt, sqlite3_int64 off) { return rm(f)->xRead(real(f), buf, amt, off); },
    [](sqlite3_file* f, const void* buf, int amt, sqlite3_int64 off) {
        FaultFile* file = ff(f);
        if (file->faulty) {
            if (const int rc = file->state->fault_rc.load(); rc != SQLITE_OK) {
                file->state->failed.fetch_add(1);
                return rc;
            }
        }
        return rm(f)->xWrite(real(f), buf, amt, off);
    },
    [](sqlite3_file* f, sqlite3_int64 size) { return rm(f)->xTruncate(real(f), size); },
    [](sqlite3_file* f, int flags) { return rm(f)->xSync(real(f), flags); },
    [](sqlite3_file* f, sqlite3_int64* size) { return rm(f)->xFileSize(real(f), size); },
    [](sqlite3_file* f, int lock) { return rm(f)->xLock(real(f), lock); },
    [](sqlite3_file* f, int lock) { return rm(f)->xUnlock(real(f), lock); },
    [](sqlite3_file* f, int* out) { return rm(f)->xCheckReservedLock(real(f), out); },
    [](sqlite3_file* f, int op, void* arg) { return rm(f)->xFileControl(real(f), op, arg); },
    [](sqlite3_file* f) { return rm(f)->xSectorSize(real(f)); },
    [](sqlite3_file* f) { return rm(f)->xDeviceCharacteristics(real(f)); },
    [](sqlite3_file* f, int page, int size, int extend, void volatile** out) {
        return rm(f)->xShmMap(real(f), page, size, extend, out);
    },
    [](sqlite3_file* f, int offset, int n, int flags) { return rm(f)->xShmLock(real(f), offset, n, flags); },
    [](sqlite3_file* f) { rm(f)->xShmBarrier(real(f)); },
    [](sqlite3_file* f, int del) { return rm(f)->xShmUnmap(real(f), del); },
    [](sqlite3_file* f, sqlite3_int64 off, int amt, void** out) { return rm(f)->xFetch(real(f), off, amt, out); },
    [](sqlite3_file* f, sqlite3_int64 off, void* p) { return rm(f)->xUnfetch(real(f), off, p); },
};

int open_file(sqlite3_vfs* v, const char* name, sqlite3_file* f, int flags, int* out_flags) {
    FaultFile* file = ff(f);
    file->base.pMethods = nullptr;
    file->state = st(v);
    file->faulty = (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL)) != 0;
    const int rc = rv(v)->xOpen(rv(v), name, file->real(), flags, out_flags);
    // SQLite closes a file whose open failed only when it has methods; ours forward to the
    // real file's, so ours exist exactly when the real ones do.
    if (file->real()->pMethods) file->base.pMethods = &kMethods;
    return rc;
}

}  // namespace

FaultVfs::FaultVfs() {
    state_.real = sqlite3_vfs_find(nullptr);
    if (!state_.real) return;
    std::memcpy(&vfs_, state_.real, sizeof vfs_);
    vfs_.iVersion = state_.real->iVersion < 3 ? state_.real->iVersion : 3;
    vfs_.szOsFile = static_cast<int>(sizeof(FaultFile)) + state_.real->szOsFile;
    vfs_.pNext = nullptr;
    vfs_.zName = "hearth_fault";
    vfs_.pAppData = &state_;
    vfs_.xOpen = open_file;
    vfs_.xDelete = [](sqlite3_vfs* v, const char* n, int sync) { return rv(v)->xDelete(rv(v), n, sync); };
    vfs_.xAccess = [](sqlite3_vfs* v, const char* n, int flags, int* out) { return rv(v)->xAccess(rv(v), n, flags, out); };
    vfs_.xFullPathname = [](sqlite3_vfs* v, const char* n, int size, char* out) {
        return rv(v)->xFullPathname(rv(v), n, size, out);
    };
    vfs_.xDlOpen = [](sqlite3_vfs* v, const char* n) { return rv(v)->xDlOpen(rv(v), n); };
    vfs_.xDlError = [](sqlite3_vfs* v, int n, char* out) { rv(v)->xDlError(rv(v), n, out); };
    vfs_.xDlSym = [](sqlite3_vfs* v, void* h, const char* s) { return rv(v)->xDlSym(rv(v), h, s); };
    vfs_.xDlClose = [](sqlite3_vfs* v, void* h) { rv(v)->xDlClose(rv(v), h); };
    vfs_.xRandomness = [](sqlite3_vfs* v, int n, char* out) { return rv(v)->xRandomness(rv(v), n, out); };
    vfs_.xSleep = [](sqlite3_vfs* v, int us) { return rv(v)->xSleep(rv(v), us); };
    vfs_.xCurrentTime = [](sqlite3_vfs* v, double* out) { return rv(v)->xCurrentTime(rv(v), out); };
    vfs_.xGetLastError = [](sqlite3_vfs* v, int n, char* out) { return rv(v)->xGetLastError(rv(v), n, out); };
    if (vfs_.iVersion >= 2)
        vfs_.xCurrentTimeInt64 = [](sqlite3_vfs* v, sqlite3_int64* out) { return rv(v)->xCurrentTimeInt64(rv(v), out); };
    if (vfs_.iVersion >= 3) {
        vfs_.xSetSystemCall = [](sqlite3_vfs* v, const char* n, sqlite3_syscall_ptr p) {
            return rv(v)->xSetSystemCall(rv(v), n, p);
        };
        vfs_.xGetSystemCall = [](sqlite3_vfs* v, const char* n) { return rv(v)->xGetSystemCall(rv(v), n); };
        vfs_.xNextSystemCall = [](sqlite3_vfs* v, const char* n) { return rv(v)->xNextSystemCall(rv(v), n); };
    }
    registered_ = sqlite3_vfs_register(&vfs_, /*makeDflt=*/1) == SQLITE_OK;
}

FaultVfs::~FaultVfs() {
    if (!registered_) return;
    sqlite3_vfs_unregister(&vfs_);
    sqlite3_vfs_register(state_.real, /*makeDflt=*/1);
}

void FaultVfs::fail_writes(WriteFault fault) {
    state_.fault_rc.store(fault == WriteFault::disk_full  ? SQLITE_FULL
                          : fault == WriteFault::io_error ? SQLITE_IOERR_WRITE
                                                          : SQLITE_OK);
}

}  // namespace hearth::storage::test
