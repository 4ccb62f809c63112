// Tests (`is defined`), methods on values (str.strip, dict.get, list.append) and global
// functions (range, namespace, strftime_now), plus the rendering budget.
#include "inference/template/builtins.h"

#include <algorithm>
#include <ctime>

#include "inference/template/format.h"
#include "inference/template/operators.h"
#include "inference/template/string_ops.h"

namespace hearth::tmpl {

namespace {

Error type_error(const std::string& message) { return make_error("template.type", message); }

// Jinja's sandbox refuses ranges longer than this; Hugging Face renders in that sandbox.
constexpr std::int64_t kMaxRange = 100000;

Result<Value> make_string(std::string s, Budget& budget) {
    if (auto st = budget.charge(s.size()); !st) return st.error();
    return Value::string(std::move(s));
}

std::optional<std::string> optional_string(const Value* v) {
    if (!v || v->is_none() || v->is_undefined()) return std::nullopt;
    return to_str(*v);
}

Result<bool> prefix_test(const Value& s, const Value* arg, bool ends) {
    if (!arg) return type_error("startswith and endswith need an argument.");
    auto check = [&](const Value& p) -> Result<bool> {
        if (!p.is_string()) return type_error("startswith and endswith need strings.");
        if (p.s.size() > s.s.size()) return false;
        return ends ? s.s.compare(s.s.size() - p.s.size(), p.s.size(), p.s) == 0 : s.s.compare(0, p.s.size(), p.s) == 0;
    };
    if (arg->is_list()) {
        for (const auto& p : arg->list->items) {
            auto r = check(p);
            if (!r || *r) return r;
        }
        return false;
    }
    return check(*arg);
}

Result<Value> string_method(const Value& v, std::string_view name, const CallArgs& args, Budget& budget) {
    const std::string& s = v.s;
    if (name == "strip" || name == "lstrip" || name == "rstrip") {
        const bool left = name != "rstrip", right = name != "lstrip";
        return make_string(py_strip(s, optional_string(args.get(0, "chars")), left, right), budget);
    }
    if (name == "upper") return make_string(ascii_upper(s), budget);
    if (name == "lower") return make_string(ascii_lower(s), budget);
    if (name == "title") return make_string(py_title(s), budget);
    if (name == "capitalize") return make_string(py_capitalize(s), budget);
    if (name == "startswith" || name == "endswith") {
        auto r = prefix_test(v, args.get(0, "prefix"), name == "endswith");
        if (!r) return r.error();
        return Value::boolean(*r);
    }
    if (name == "split") {
        const Value* maxsplit = args.get(1, "maxsplit");
        auto sep = optional_string(args.get(0, "sep"));
        if (sep && sep->empty()) return make_error("template.value", "split: the separator is empty.");
        auto parts = py_split(s, sep, maxsplit && maxsplit->is_integral() ? maxsplit->as_int() : -1);
        if (auto st = budget.charge(s.size() + parts.size() * sizeof(Value)); !st) return st.error();
        std::vector<Value> items;
        items.reserve(parts.size());
        for (auto& p : parts) items.push_back(Value::string(std::move(p)));
        return Value::new_list(std::move(items));
    }
    if (name == "replace") {
        const Value* old = args.get(0, "old");
        const Value* with = args.get(1, "new");
        const Value* count = args.get(2, "count");
        if (!old || !with || !old->is_string() || !with->is_string()) return type_error("replace needs two strings.");
        const std::size_t worst = s.size() + (s.size() + 1) * (with->s.size() > old->s.size() ? with->s.size() - old->s.size() : 0);
        if (auto st = budget.charge(worst); !st) return st.error();
        return Value::string(py_replace(s, old->s, with->s, count && count->is_integral() ? count->as_int() : -1));
    }
    if (name == "find" || name == "count") {
        const Value* sub = args.get(0, "sub");
        if (!sub || !sub->is_string()) return type_error(std::string(name) + " needs a string.");
        if (name == "find") {
            const std::size_t at = s.find(sub->s);
            return Value::integer(at == std::string::npos ? -1 : static_cast<std::int64_t>(utf8_length(s.substr(0, at))));
        }
        if (sub->s.empty()) return Value::integer(static_cast<std::int64_t>(utf8_length(s)) + 1);
        std::int64_t n = 0;
        for (std::size_t at = s.find(sub->s); at != std::string::npos; at = s.find(sub->s, at + sub->s.size())) ++n;
        return Value::integer(n);
    }
    if (name == "join") {
        const Value* seq = args.get(0, "iterable");
        if (!seq) return type_error("join needs a list.");
        auto items = iterate(*seq, budget);
        if (!items) return items.error();
        std::string out;
        for (std::size_t k = 0; k < items->size(); ++k) {
            if (!(*items)[k].is_string()) return type_error("join needs a list of strings.");
            if (k) out += s;
            out += (*items)[k].s;
            if (out.size() > budget.limits.max_alloc_bytes) break;
        }
        return make_string(std::move(out), budget);
    }
    if (name == "format") {
        auto r = brace_format(s, args);
        if (!r) return r.error();
        return make_string(std::move(*r), budget);
    }
    return make_error("template.no_method", "a string has no method '" + std::string(name) + "'.");
}

Result<Value> dict_method(const Value& v, std::string_view name, const CallArgs& args, Budget& budget) {
    const auto& items = v.dict->items;
    if (name == "get") {
        const Value* key = args.get(0, "key");
        const Value* def = args.get(1, "default");
        if (!key) return type_error("get needs a key.");
        if (key->is_string())
            if (const Value* found = v.dict->find(key->s)) return *found;
        return def ? *def : Value::none();
    }
    if (name == "items" || name == "keys" || name == "values") {
        std::vector<Value> out;
        out.reserve(items.size());
        for (const auto& [k, item] : items) {
            if (name == "items") out.push_back(Value::new_list({Value::string(k), item}, true));
            else if (name == "keys") out.push_back(Value::string(k));
            else out.push_back(item);
        }
        if (auto st = budget.charge(out.size() * sizeof(Value)); !st) return st.error();
        return Value::new_list(std::move(out));
    }
    if (name == "cycle" && v.dict->find("index0") && !args.pos.empty()) {  // loop.cycle('odd', 'even')
        const std::int64_t index = v.dict->find("index0")->as_int();
        return args.pos[static_cast<std::size_t>(index % static_cast<std::int64_t>(args.pos.size()))];
    }
    return make_error("template.no_method", "a dict has no method '" + std::string(name) + "'.");
}

Result<Value> list_method(const Value& v, std::string_view name, const CallArgs& args, Budget& budget) {
    if (name == "append") {
        const Value* item = args.get(0, "object");
        if (!item) return type_error("append needs a value.");
        if (auto st = budget.charge(sizeof(Value)); !st) return st.error();
        v.list->items.push_back(*item);
        v.list->depth = std::max(v.list->depth, item->depth() + 1);
        budget.note_mutation(v);
        if (v.list->depth > budget.limits.max_depth)
            return make_error("template.depth", "a list is nested more than " + std::to_string(budget.limits.max_depth) + " levels deep.");
        return Value::none();
    }
    if (name == "index" || name == "count") {
        const Value* item = args.get(0, "value");
        if (!item) return type_error(std::string(name) + " needs a value.");
        std::int64_t n = 0;
        WalkCounter counter;
        for (std::size_t k = 0; k < v.list->items.size(); ++k) {
            const bool equal = values_equal(v.list->items[k], *item, &counter);
            if (counter.exhausted()) return make_error("template.too_slow", "list." + std::string(name) + ": comparing takes too long.");
            if (!equal) continue;
            if (name == "index") return Value::integer(static_cast<std::int64_t>(k));
            ++n;
        }
        if (name == "index") return make_error("template.value", "the value is not in the list.");
        return Value::integer(n);
    }
    return make_error("template.no_method", "a list has no method '" + std::string(name) + "'.");
}

// Days since 1970-01-01 → civil date (proleptic Gregorian), after Howard Hinnant's algorithm.
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
}

// strftime in the C locale, UTC, independent of the process locale and time zone.
std::string format_time(const std::string& fmt, std::int64_t t) {
    static const char* months[] = {"January", "February", "March", "April", "May", "June", "July",
                                   "August", "September", "October", "November", "December"};
    static const char* days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    std::int64_t day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    const std::int64_t secs = t - day * 86400;
    std::int64_t year;
    unsigned month, mday;
    civil_from_days(day, year, month, mday);
    const int weekday = static_cast<int>(((day % 7) + 11) % 7);  // 1970-01-01 was a Thursday
    std::int64_t jan1 = day - (mday - 1);
    for (unsigned m = 1; m < month; ++m) {
        static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        jan1 -= len[m - 1] + (m == 2 && leap ? 1 : 0);
    }
    const int hour = static_cast<int>(secs / 3600), minute = static_cast<int>(secs / 60 % 60), second = static_cast<int>(secs % 60);
    auto two = [](long v) { char b[24]; std::snprintf(b, sizeof b, "%02ld", v); return std::string(b); };
    std::string out;
    for (std::size_t k = 0; k < fmt.size(); ++k) {
        if (fmt[k] != '%' || k + 1 >= fmt.size()) { out += fmt[k]; continue; }
        const char c = fmt[++k];
        switch (c) {
            case 'Y': out += std::to_string(year); break;
            case 'y': out += two(static_cast<long>(((year % 100) + 100) % 100)); break;
            case 'm': out += two(month); break;
            case 'd': out += two(mday); break;
            case 'e': { char b[16]; std::snprintf(b, sizeof b, "%2u", mday); out += b; break; }
            case 'H': out += two(hour); break;
            case 'I': out += two(hour % 12 == 0 ? 12 : hour % 12); break;
            case 'M': out += two(minute); break;
            case 'S': out += two(second); break;
            case 'p': out += hour < 12 ? "AM" : "PM"; break;
            case 'b': case 'h': out += std::string(months[month - 1]).substr(0, 3); break;
            case 'B': out += months[month - 1]; break;
            case 'a': out += std::string(days[weekday]).substr(0, 3); break;
            case 'A': out += days[weekday]; break;
            case 'j': { char b[24]; std::snprintf(b, sizeof b, "%03ld", static_cast<long>(day - jan1 + 1)); out += b; break; }
            case '%': out += '%'; break;
            default: out += '%'; out += c;
        }
    }
    return out;
}

}  // namespace

const Value* CallArgs::get(std::size_t index, std::string_view name) const {
    if (index < pos.size()) return &pos[index];
    for (const auto& [k, v] : kw)
        if (k == name) return &v;
    return nullptr;
}

Budget::~Budget() { release(); }

Status Budget::charge(std::size_t bytes) {
    allocated += bytes;
    if (bytes > limits.max_alloc_bytes || allocated > limits.max_alloc_bytes)
        return make_error("template.too_large", "rendering needs more than " + std::to_string(limits.max_alloc_bytes) +
                                                    " bytes of memory; the template builds runaway strings or lists.");
    return {};
}

void Budget::note_mutation(const Value& container) {
    if (container.kind == Kind::List) {
        if (mutated_seen.insert(container.list.get()).second) mutated_lists.push_back(container.list);
    } else if (container.kind == Kind::Dict || container.kind == Kind::Namespace) {
        if (mutated_seen.insert(container.dict.get()).second) mutated_dicts.push_back(container.dict);
    }
}

void Budget::release() {
    // Move every changed container's contents out first, so that no cycle and no chain built by
    // mutation survives; what is left was nested at creation time, within max_depth.
    std::vector<Value> graveyard;
    for (auto& l : mutated_lists) {
        for (auto& v : l->items) graveyard.push_back(std::move(v));
        l->items.clear();
    }
    for (auto& d : mutated_dicts) {
        for (auto& kv : d->items) graveyard.push_back(std::move(kv.second));
        d->items.clear();
    }
    mutated_lists.clear();
    mutated_dicts.clear();
    mutated_seen.clear();
    graveyard.clear();
}

Result<bool> call_test(std::string_view name, const Value& v, const CallArgs& args, WalkCounter* counter) {
    const Value* arg = args.get(0, "other");
    if (name == "defined") return !v.is_undefined();
    if (name == "undefined") return v.is_undefined();
    if (name == "none") return v.is_none();
    if (name == "boolean") return v.kind == Kind::Bool;
    if (name == "true") return v.kind == Kind::Bool && v.b;
    if (name == "false") return v.kind == Kind::Bool && !v.b;
    if (name == "integer") return v.kind == Kind::Int;
    if (name == "float") return v.kind == Kind::Float;
    if (name == "number") return v.is_number();
    if (name == "string") return v.is_string();
    if (name == "mapping") return v.is_dict();
    if (name == "iterable") return v.is_list() || v.is_string() || v.is_dict() || v.is_undefined();
    if (name == "sequence") return v.is_list() || v.is_string() || v.is_dict() || v.is_undefined();
    if (name == "callable") return v.kind == Kind::Callable;
    if (name == "lower" || name == "upper") {
        if (!v.is_string()) return false;
        const std::string s = to_str(v);
        bool cased = false;
        for (char c : s) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) cased = true;
            if (name == "lower" && c >= 'A' && c <= 'Z') return false;
            if (name == "upper" && c >= 'a' && c <= 'z') return false;
        }
        return cased;
    }
    if (name == "escaped") return false;
    if (name == "odd" || name == "even" || name == "divisibleby") {
        if (!v.is_integral()) return type_error(std::string("the '") + std::string(name) + "' test needs an integer.");
        if (name == "divisibleby") {
            const Value* n = args.get(0, "num");
            if (!n || !n->is_integral() || n->as_int() == 0) return type_error("divisibleby needs a non-zero integer.");
            return n->as_int() == -1 || v.as_int() % n->as_int() == 0;
        }
        const bool odd = v.as_int() % 2 != 0;
        return name == "odd" ? odd : !odd;
    }
    if (name == "sameas") {
        if (!arg) return type_error("sameas needs a value.");
        if (v.kind != arg->kind) return false;
        if (v.is_none() || v.is_undefined()) return true;
        if (v.kind == Kind::Bool) return v.b == arg->b;
        if (v.is_list()) return v.list == arg->list;
        if (v.kind == Kind::Dict || v.kind == Kind::Namespace) return v.dict == arg->dict;
        return values_equal(v, *arg, counter);
    }
    static const std::pair<const char*, const char*> comparisons[] = {
        {"eq", "=="}, {"equalto", "=="}, {"==", "=="}, {"ne", "!="}, {"!=", "!="},
        {"lt", "<"}, {"lessthan", "<"}, {"<", "<"}, {"le", "<="}, {"<=", "<="},
        {"gt", ">"}, {"greaterthan", ">"}, {">", ">"}, {"ge", ">="}, {">=", ">="}, {"in", "in"}};
    for (const auto& [test, op] : comparisons) {
        if (name != test) continue;
        const Value* other = args.get(0, name == "in" ? "seq" : "other");
        if (!other) return type_error("the '" + std::string(name) + "' test needs a value to compare with.");
        return compare_op(op, v, *other, counter);
    }
    return make_error("template.unknown_test", "there is no test named '" + std::string(name) + "'.");
}

Result<Value> call_method(const Value& v, std::string_view name, const CallArgs& args, Budget& budget) {
    if (v.is_string()) return string_method(v, name, args, budget);
    if (v.is_dict()) return dict_method(v, name, args, budget);
    if (v.is_list() && !v.list->is_tuple) return list_method(v, name, args, budget);
    if (v.is_list() && (name == "index" || name == "count")) return list_method(v, name, args, budget);
    return make_error("template.no_method", std::string("a value of type '") + type_name(v) + "' has no method '" +
                                                std::string(name) + "'.");
}

bool is_global_function(std::string_view name) {
    return name == "range" || name == "namespace" || name == "dict" || name == "strftime_now";
}

Result<Value> call_global(std::string_view name, const CallArgs& args, Budget& budget) {
    if (name == "range") {
        std::int64_t start = 0, stop = 0, step = 1;
        for (const auto& a : args.pos)
            if (!a.is_integral()) return type_error("range needs integers.");
        if (args.pos.size() == 1) {
            stop = args.pos[0].as_int();
        } else if (args.pos.size() == 2 || args.pos.size() == 3) {
            start = args.pos[0].as_int();
            stop = args.pos[1].as_int();
            if (args.pos.size() == 3) step = args.pos[2].as_int();
        } else {
            return type_error("range takes one to three integers.");
        }
        if (step == 0) return make_error("template.value", "range: the step cannot be zero.");
        const long double count_ld = step > 0 ? (static_cast<long double>(stop) - start + step - 1) / step
                                              : (static_cast<long double>(start) - stop - step - 1) / -step;
        const std::int64_t count = count_ld <= 0 ? 0 : static_cast<std::int64_t>(count_ld);
        if (count > kMaxRange)
            return make_error("template.too_large", "range: more than " + std::to_string(kMaxRange) + " numbers.");
        if (auto st = budget.charge(static_cast<std::size_t>(count) * sizeof(Value)); !st) return st.error();
        std::vector<Value> items;
        items.reserve(static_cast<std::size_t>(count));
        for (std::int64_t k = 0; k < count; ++k) items.push_back(Value::integer(start + k * step));
        return Value::new_list(std::move(items));
    }
    if (name == "namespace" || name == "dict") {
        Value out = name == "namespace" ? Value::new_namespace() : Value::new_dict();
        for (const auto& a : args.pos) {
            if (!a.is_dict()) return type_error(std::string(name) + "() takes keyword arguments or a dict.");
            for (const auto& [k, item] : a.dict->items) out.dict->set(k, item);
        }
        for (const auto& [k, item] : args.kw) out.dict->set(k, item);
        if (auto st = budget.charge(out.dict->items.size() * sizeof(Value)); !st) return st.error();
        return out;
    }
    if (name == "strftime_now") {
        const Value* fmt = args.get(0, "format");
        if (!fmt || !fmt->is_string()) return type_error("strftime_now needs a format string.");
        if (fmt->s.size() > 256) return type_error("strftime_now: the format is longer than 256 characters.");
        return make_string(format_time(fmt->s, budget.now_unix), budget);
    }
    return make_error("template.undefined", "there is no function named '" + std::string(name) + "'.");
}

}  // namespace hearth::tmpl
