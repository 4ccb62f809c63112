// Delivers results from storage, download and worker threads to a QObject on its own thread,
// and never to one that is gone. Storage callbacks run on storage threads; posting a functor
// with QMetaObject::invokeMethod is safe only while the receiver exists, and a plain QPointer
// check races with the receiver's destructor. The gate closes (under its lock) in the owner's
// destructor, so a callback either posts before the owner starts dying (and Qt drops the
// pending event with the object) or finds the gate closed and drops the result.
#pragma once

#include <QMetaObject>
#include <QObject>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>

class UiGate {
public:
    explicit UiGate(QObject* owner) : state_(std::make_shared<State>()) { state_->owner = owner; }
    ~UiGate() { close(); }
    UiGate(const UiGate&) = delete;
    UiGate& operator=(const UiGate&) = delete;

    void close() {
        std::lock_guard lock(state_->mu);
        state_->owner = nullptr;
    }

    // Runs f on the owner's thread (later), from any thread.
    void post(std::function<void()> f) const { post(state_, std::move(f)); }

    // A callback for a storage/worker API: called on any thread with a T, it runs
    // f(T) on the owner's thread.
    template <class T, class F>
    std::function<void(T)> bind(F f) const {
        return [state = state_, f = std::move(f)](T value) mutable {
            post(state, [f, value = std::move(value)]() mutable { f(std::move(value)); });
        };
    }

private:
    struct State {
        std::mutex mu;
        QObject* owner = nullptr;
    };
    static void post(const std::shared_ptr<State>& state, std::function<void()> f) {
        std::lock_guard lock(state->mu);
        if (state->owner) QMetaObject::invokeMethod(state->owner, std::move(f), Qt::QueuedConnection);
    }
    std::shared_ptr<State> state_;
};
