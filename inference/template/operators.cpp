#include "inference/template/operators.h"

#include <climits>
#include <cmath>

#include "inference/template/format.h"

namespace hearth::tmpl {

namespace {

Error type_error(const std::string& message) { return make_error("template.type", message); }

Error overflow() {
    return make_error("template.overflow", "an integer result does not fit in 64 bits.");
}

Error operand_error(std::string_view op, const Value& a, const Value& b) {
    return type_error("unsupported operand types for " + std::string(op) + ": '" + type_name(a) + "' and '" +
                      type_name(b) + "'.");
}

// One string per code point.
std::vector<std::string> characters(const std::string& s) {
    std::vector<std::string> out;
    const auto starts = utf8_starts(s);
    out.reserve(starts.size());
    for (std::size_t k = 0; k < starts.size(); ++k) {
        const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : s.size();
        out.emplace_back(s.substr(starts[k], end - starts[k]));
    }
    return out;
}

Result<std::int64_t> slice_index(const std::optional<Value>& v, std::int64_t fallback) {
    if (!v || v->is_none()) return fallback;
    if (!v->is_integral()) return type_error("slice indices must be integers or none.");
    return v->as_int();
}

Error too_slow() {
    return make_error("template.too_slow", "comparing these values takes too long; they are nested and shared too widely.");
}

Result<bool> less_than(const Value& a, const Value& b, int depth, WalkCounter& counter) {
    if (depth > 200) return type_error("values nested too deeply to compare.");
    if (++counter.visited > counter.limit) return too_slow();
    if (a.is_number() && b.is_number()) {
        if (a.is_integral() && b.is_integral()) return a.as_int() < b.as_int();
        return a.as_float() < b.as_float();
    }
    if (a.is_string() && b.is_string()) return a.s < b.s;
    if (a.is_list() && b.is_list() && a.list->is_tuple == b.list->is_tuple) {
        const auto& x = a.list->items;
        const auto& y = b.list->items;
        for (std::size_t k = 0; k < x.size() && k < y.size(); ++k) {
            if (values_equal(x[k], y[k], &counter)) continue;
            if (counter.exhausted()) return too_slow();
            return less_than(x[k], y[k], depth + 1, counter);
        }
        return x.size() < y.size();
    }
    return type_error(std::string("'<' is not supported between '") + type_name(a) + "' and '" + type_name(b) + "'.");
}

Result<Value> repeat(const Value& seq, std::int64_t count, Budget& budget) {
    if (count < 0) count = 0;
    const std::size_t unit = seq.is_string() ? seq.s.size() : seq.list->items.size() * sizeof(Value);
    if (unit != 0 && static_cast<std::uint64_t>(count) > budget.limits.max_alloc_bytes / unit + 1)
        return make_error("template.too_large", "a repeated string or list would be larger than the memory allowed.");
    if (auto s = budget.charge(unit * static_cast<std::size_t>(count)); !s) return s.error();
    if (seq.is_string()) {
        std::string out;
        out.reserve(seq.s.size() * static_cast<std::size_t>(count));
        for (std::int64_t k = 0; k < count; ++k) out += seq.s;
        return Value::string(std::move(out));
    }
    std::vector<Value> items;
    for (std::int64_t k = 0; k < count; ++k)
        items.insert(items.end(), seq.list->items.begin(), seq.list->items.end());
    return Value::new_list(std::move(items), seq.list->is_tuple);
}

Result<Value> int_pow(std::int64_t base, std::int64_t exp) {
    std::int64_t result = 1;
    while (exp > 0) {
        if (exp & 1) {
            if (__builtin_mul_overflow(result, base, &result)) return overflow();
        }
        exp >>= 1;
        if (exp > 0 && __builtin_mul_overflow(base, base, &base)) return overflow();
    }
    return Value::integer(result);
}

}  // namespace

Value get_attr(const Value& obj, std::string_view name) {
    if (obj.kind == Kind::Dict || obj.kind == Kind::Namespace) {
        if (const Value* v = obj.dict->find(name)) return *v;
    }
    return Value::undefined(std::string(name));
}

Result<Value> get_item(const Value& obj, const Value& key, Budget& budget) {
    if ((obj.is_list() || obj.is_string()) && key.is_integral()) {
        std::int64_t index = key.as_int();
        if (obj.is_list()) {
            const auto n = static_cast<std::int64_t>(obj.list->items.size());
            if (index < 0) index += n;
            if (index < 0 || index >= n) return Value::undefined();
            return obj.list->items[static_cast<std::size_t>(index)];
        }
        const auto starts = utf8_starts(obj.s);
        const auto n = static_cast<std::int64_t>(starts.size());
        if (index < 0) index += n;
        if (index < 0 || index >= n) return Value::undefined();
        const std::size_t begin = starts[static_cast<std::size_t>(index)];
        const std::size_t end = index + 1 < n ? starts[static_cast<std::size_t>(index + 1)] : obj.s.size();
        if (auto s = budget.charge(end - begin); !s) return s.error();
        return Value::string(obj.s.substr(begin, end - begin));
    }
    if (key.is_string()) return get_attr(obj, key.s);
    return Value::undefined();
}

Result<Value> slice(const Value& obj, const std::optional<Value>& start_v, const std::optional<Value>& stop_v,
                    const std::optional<Value>& step_v, Budget& budget) {
    if (!obj.is_list() && !obj.is_string())
        return type_error(std::string("a value of type ") + type_name(obj) + " cannot be sliced.");
    auto step = slice_index(step_v, 1);
    if (!step) return step.error();
    if (*step == 0) return make_error("template.value", "a slice step cannot be zero.");
    if (*step == INT64_MIN) return overflow();
    std::vector<std::string> chars;
    if (obj.is_string()) chars = characters(obj.s);
    const auto length = static_cast<std::int64_t>(obj.is_string() ? chars.size() : obj.list->items.size());
    const std::int64_t lower = *step > 0 ? 0 : -1;
    const std::int64_t upper = *step > 0 ? length : length - 1;
    auto clamp = [&](std::int64_t v) {
        if (v < 0) {
            v += length;
            if (v < lower) v = lower;
        } else if (v > upper) {
            v = upper;
        }
        return v;
    };
    auto start = slice_index(start_v, *step > 0 ? lower : upper);
    auto stop = slice_index(stop_v, *step > 0 ? upper : lower);
    if (!start) return start.error();
    if (!stop) return stop.error();
    const std::int64_t from = (start_v && !start_v->is_none()) ? clamp(*start) : *start;
    const std::int64_t to = (stop_v && !stop_v->is_none()) ? clamp(*stop) : *stop;
    std::vector<std::size_t> picked;
    for (std::int64_t k = from; *step > 0 ? k < to : k > to; k += *step) {
        picked.push_back(static_cast<std::size_t>(k));
        if (*step > 0 ? k > INT64_MAX - *step : k < INT64_MIN - *step) break;
    }
    if (obj.is_string()) {
        std::string out;
        for (auto k : picked) out += chars[k];
        if (auto s = budget.charge(out.size()); !s) return s.error();
        return Value::string(std::move(out));
    }
    std::vector<Value> items;
    items.reserve(picked.size());
    for (auto k : picked) items.push_back(obj.list->items[k]);
    if (auto s = budget.charge(items.size() * sizeof(Value)); !s) return s.error();
    return Value::new_list(std::move(items), obj.list->is_tuple);
}

Result<std::vector<Value>> iterate(const Value& v, Budget& budget) {
    std::vector<Value> out;
    switch (v.kind) {
        case Kind::Undefined: return out;
        case Kind::List: out = v.list->items; break;
        case Kind::Dict:
            for (const auto& kv : v.dict->items) out.push_back(Value::string(kv.first));
            break;
        case Kind::String:
            for (auto& c : characters(v.s)) out.push_back(Value::string(std::move(c)));
            break;
        default: return type_error(std::string("a value of type ") + type_name(v) + " cannot be iterated over.");
    }
    if (auto s = budget.charge(out.size() * sizeof(Value)); !s) return s.error();
    return out;
}

Result<Value> unary_op(std::string_view op, const Value& v) {
    if (!v.is_number()) return type_error("bad operand type for unary " + std::string(op) + ": '" + type_name(v) + "'.");
    if (op == "+") return v.kind == Kind::Float ? v : Value::integer(v.as_int());
    if (v.kind == Kind::Float) return Value::number(-v.f);
    if (v.as_int() == INT64_MIN) return overflow();
    return Value::integer(-v.as_int());
}

Result<Value> binary_op(std::string_view op, const Value& a, const Value& b, Budget& budget) {
    if (op == "~") {
        std::string out = to_str(a, budget.limits.max_alloc_bytes) + to_str(b, budget.limits.max_alloc_bytes);
        if (auto s = budget.charge(out.size()); !s) return s.error();
        return Value::string(std::move(out));
    }
    const bool ints = a.is_integral() && b.is_integral();
    const bool nums = a.is_number() && b.is_number();
    if (op == "+") {
        if (ints) {
            std::int64_t r;
            if (__builtin_add_overflow(a.as_int(), b.as_int(), &r)) return overflow();
            return Value::integer(r);
        }
        if (nums) return Value::number(a.as_float() + b.as_float());
        if (a.is_string() && b.is_string()) {
            if (auto s = budget.charge(a.s.size() + b.s.size()); !s) return s.error();
            return Value::string(a.s + b.s);
        }
        if (a.is_list() && b.is_list() && a.list->is_tuple == b.list->is_tuple) {
            if (auto s = budget.charge((a.list->items.size() + b.list->items.size()) * sizeof(Value)); !s) return s.error();
            std::vector<Value> items = a.list->items;
            items.insert(items.end(), b.list->items.begin(), b.list->items.end());
            return Value::new_list(std::move(items), a.list->is_tuple);
        }
        return operand_error(op, a, b);
    }
    if (op == "-") {
        if (ints) {
            std::int64_t r;
            if (__builtin_sub_overflow(a.as_int(), b.as_int(), &r)) return overflow();
            return Value::integer(r);
        }
        if (nums) return Value::number(a.as_float() - b.as_float());
        return operand_error(op, a, b);
    }
    if (op == "*") {
        if (ints) {
            std::int64_t r;
            if (__builtin_mul_overflow(a.as_int(), b.as_int(), &r)) return overflow();
            return Value::integer(r);
        }
        if (nums) return Value::number(a.as_float() * b.as_float());
        if ((a.is_string() || a.is_list()) && b.is_integral()) return repeat(a, b.as_int(), budget);
        if (a.is_integral() && (b.is_string() || b.is_list())) return repeat(b, a.as_int(), budget);
        return operand_error(op, a, b);
    }
    if (op == "/" || op == "//" || op == "%") {
        if (!nums) {
            if (op == "%" && a.is_string()) {  // "%s and %s" % (x, y), or % x for one value
                CallArgs args;
                if (b.is_list() && b.list->is_tuple) args.pos = b.list->items;
                else args.pos.push_back(b);
                auto r = percent_format(a.s, args);
                if (!r) return r.error();
                if (auto st = budget.charge(r->size()); !st) return st.error();
                return Value::string(std::move(*r));
            }
            return operand_error(op, a, b);
        }
        if (ints) {
            const std::int64_t x = a.as_int(), y = b.as_int();
            if (y == 0) return make_error("template.value", "division by zero.");
            if (op == "/") return Value::number(static_cast<double>(x) / static_cast<double>(y));
            if (x == INT64_MIN && y == -1) return op == "%" ? Value::integer(0) : Result<Value>(overflow());
            std::int64_t q = x / y, r = x % y;
            if (r != 0 && ((r < 0) != (y < 0))) {
                q -= 1;
                r += y;
            }
            return Value::integer(op == "//" ? q : r);
        }
        const double x = a.as_float(), y = b.as_float();
        if (y == 0.0) return make_error("template.value", "division by zero.");
        if (op == "/") return Value::number(x / y);
        double r = std::fmod(x, y);
        if (r != 0.0 && ((r < 0) != (y < 0))) r += y;
        if (op == "%") return Value::number(r);
        return Value::number(std::floor(x / y));
    }
    if (op == "**") {
        if (ints && b.as_int() >= 0) return int_pow(a.as_int(), b.as_int());
        if (nums) return Value::number(std::pow(a.as_float(), b.as_float()));
        return operand_error(op, a, b);
    }
    return type_error("unknown operator " + std::string(op) + ".");
}

Result<bool> compare_op(std::string_view op, const Value& a, const Value& b, WalkCounter* counter_in) {
    WalkCounter local;
    WalkCounter& counter = counter_in ? *counter_in : local;
    auto checked = [&](bool r) -> Result<bool> {
        if (counter.exhausted()) return too_slow();
        return r;
    };
    if (op == "==") return checked(values_equal(a, b, &counter));
    if (op == "!=") return checked(!values_equal(a, b, &counter));
    if (op == "in" || op == "not in") {
        bool found = false;
        if (b.is_string()) {
            if (!a.is_string()) return type_error(std::string("'in <string>' needs a string on the left, not '") + type_name(a) + "'.");
            found = b.s.find(a.s) != std::string::npos;
        } else if (b.is_list()) {
            for (const auto& item : b.list->items)
                if (values_equal(a, item, &counter)) { found = true; break; }
            if (counter.exhausted()) return too_slow();
        } else if (b.kind == Kind::Dict || b.kind == Kind::Namespace) {
            found = a.is_string() && b.dict->find(a.s) != nullptr;
        } else if (!b.is_undefined()) {
            return type_error(std::string("a value of type '") + type_name(b) + "' cannot be searched with 'in'.");
        }
        return op == "in" ? found : !found;
    }
    if (op == "<") return less_than(a, b, 0, counter);
    if (op == ">") return less_than(b, a, 0, counter);
    if (op == "<=" || op == ">=") {
        auto r = op == "<=" ? less_than(b, a, 0, counter) : less_than(a, b, 0, counter);
        if (!r) return r;
        return !*r;
    }
    return type_error("unknown comparison " + std::string(op) + ".");
}

}  // namespace hearth::tmpl
