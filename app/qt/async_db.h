// A view-model's handle on the database: queues reads and writes on storage's threads and
// hands each result back on the view-model's own thread (through its UiGate), so the UI
// thread never waits on disk and never hears from a query after the view-model is gone.
#pragma once

#include <functional>
#include <utility>

#include "app/qt/ui_gate.h"
#include "storage/database.h"

class AsyncDb {
public:
    explicit AsyncDb(QObject* owner) : gate_(owner) {}

    void attach(hearth::storage::Database* db) { db_ = db; }
    bool ready() const { return db_ != nullptr; }
    hearth::storage::Database* get() const { return db_; }
    const UiGate& gate() const { return gate_; }

    template <class T>
    void read(std::function<hearth::Result<T>(hearth::storage::Connection&)> fn,
              std::function<void(hearth::Result<T>)> on_ui) {
        if (!db_) return;
        db_->read_async<T>(std::move(fn), gate_.bind<hearth::Result<T>>(std::move(on_ui)));
    }
    template <class T>
    void write(std::function<hearth::Result<T>(hearth::storage::Connection&)> fn,
               std::function<void(hearth::Result<T>)> on_ui = [](hearth::Result<T>) {}) {
        if (!db_) return;
        db_->write<T>(std::move(fn), gate_.bind<hearth::Result<T>>(std::move(on_ui)));
    }

private:
    hearth::storage::Database* db_ = nullptr;
    UiGate gate_;
};

// Status-returning storage calls inside write<bool>/read<bool> jobs.
inline hearth::Result<bool> as_bool(const hearth::Status& s) {
    if (!s) return s.error();
    return true;
}
