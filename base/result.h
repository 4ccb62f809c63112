// Errors as values. Every library boundary in Hearth returns Result<T>: either a
// value or an Error whose message a user can act on ("stories.gguf: file is
// truncated at byte 1234; download it again"), plus a short stable code that
// tests and callers can branch on, plus where in our source it was raised.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace hearth {

// __builtin_FILE/__builtin_LINE rather than std::source_location: clang 14 (our
// fuzzing compiler) cannot use libstdc++ 12's source_location.
struct Error {
    std::string code;     // stable, dotted tag such as "gguf.truncated" or "disk.full"
    std::string message;  // complete sentence for the user
    const char* file = "";  // where in Hearth's source the error was raised
    int line = 0;
};

inline Error make_error(std::string code, std::string message,
                        const char* file = __builtin_FILE(), int line = __builtin_LINE()) {
    return Error{std::move(code), std::move(message), file, line};
}

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
    Result(Error error) : v_(std::move(error)) {}  // NOLINT

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<0>(v_); }
    const T& value() const& { assert(ok()); return std::get<0>(v_); }
    T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { assert(!ok()); return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

// Result<void> has no value, only success or an Error.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : err_(std::move(error)), failed_(true) {}  // NOLINT

    bool ok() const { return !failed_; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { assert(failed_); return err_; }

private:
    Error err_;
    bool failed_ = false;
};

using Status = Result<void>;

}  // namespace hearth
