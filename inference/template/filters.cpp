// Jinja2's built-in filters, plus Hugging Face's tojson.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "inference/template/builtins.h"
#include "inference/template/format.h"
#include "inference/template/json.h"
#include "inference/template/operators.h"
#include "inference/template/string_ops.h"

namespace hearth::tmpl {

namespace {

Error type_error(const std::string& message) { return make_error("template.type", message); }

Result<Value> make_string(std::string s, Budget& budget) {
    if (auto st = budget.charge(s.size()); !st) return st.error();
    return Value::string(std::move(s));
}

Result<Value> make_list(std::vector<Value> items, Budget& budget) {
    if (auto st = budget.charge(items.size() * sizeof(Value)); !st) return st.error();
    return Value::new_list(std::move(items));
}

std::optional<std::string> optional_string(const Value* v) {
    if (!v || v->is_none() || v->is_undefined()) return std::nullopt;
    return to_str(*v);
}

// attribute="a.b.0" as Jinja's make_attrgetter reads it.
Value dotted_attr(const Value& item, const std::string& path, Budget& budget) {
    Value cur = item;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = path.find('.', start);
        const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        bool numeric = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (numeric && part.size() < 18) {
            auto r = get_item(cur, Value::integer(std::atoll(part.c_str())), budget);
            cur = r ? std::move(*r) : Value::undefined(part);
        } else {
            cur = get_attr(cur, part);
        }
        if (dot == std::string::npos) return cur;
        start = dot + 1;
    }
}

Result<std::int64_t> length_of(const Value& v) {
    switch (v.kind) {
        case Kind::Undefined: return 0;
        case Kind::String: return static_cast<std::int64_t>(utf8_length(v.s));
        case Kind::List: return static_cast<std::int64_t>(v.list->items.size());
        case Kind::Dict: return static_cast<std::int64_t>(v.dict->items.size());
        default: return type_error(std::string("a value of type '") + type_name(v) + "' has no length.");
    }
}

Result<Value> tojson_filter(const Value& v, const CallArgs& args, Budget& budget) {
    JsonOptions opt;
    opt.max_bytes = budget.limits.max_alloc_bytes;
    if (const Value* indent = args.get(0, "indent"); indent && !indent->is_none()) {
        if (!indent->is_integral()) return type_error("tojson: indent must be an integer.");
        opt.indent = static_cast<int>(std::clamp<std::int64_t>(indent->as_int(), 0, 64));
        opt.item_separator = ",";
    }
    if (const Value* a = args.get(99, "ensure_ascii")) opt.ensure_ascii = truthy(*a);
    if (const Value* a = args.get(99, "sort_keys")) opt.sort_keys = truthy(*a);
    if (const Value* sep = args.get(99, "separators"); sep && sep->is_list() && sep->list->items.size() == 2) {
        opt.item_separator = to_str(sep->list->items[0]);
        opt.key_separator = to_str(sep->list->items[1]);
    }
    auto json = to_json(v, opt);
    if (!json) return json.error();
    return Value::string(std::move(*json));
}

Result<Value> int_filter(const Value& v, const CallArgs& args) {
    const Value* def = args.get(0, "default");
    const Value fallback = def ? *def : Value::integer(0);
    if (v.is_integral()) return Value::integer(v.as_int());
    if (v.kind == Kind::Float) {
        if (!std::isfinite(v.f) || std::fabs(v.f) >= 9.2e18) return fallback;
        return Value::integer(static_cast<std::int64_t>(v.f));
    }
    if (!v.is_string()) return fallback;
    std::string s = py_strip(v.s, std::nullopt, true, true);
    s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
    if (s.empty()) return fallback;
    errno = 0;
    char* end = nullptr;
    const long long i = std::strtoll(s.c_str(), &end, 10);
    if (errno == 0 && end && *end == '\0') return Value::integer(i);
    const double d = std::strtod(s.c_str(), &end);
    if (end && *end == '\0' && std::isfinite(d) && std::fabs(d) < 9.2e18) return Value::integer(static_cast<std::int64_t>(d));
    return fallback;
}

Result<Value> float_filter(const Value& v, const CallArgs& args) {
    const Value* def = args.get(0, "default");
    const Value fallback = def ? *def : Value::number(0.0);
    if (v.is_number()) return Value::number(v.as_float());
    if (!v.is_string()) return fallback;
    const std::string s = py_strip(v.s, std::nullopt, true, true);
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (s.empty() || !end || *end != '\0') return fallback;
    return Value::number(d);
}

// select / reject / selectattr / rejectattr
Result<Value> select_filter(const Value& v, const CallArgs& args, bool by_attr, bool keep, Budget& budget) {
    auto items = iterate(v, budget);
    if (!items) return items.error();
    std::size_t next = 0;
    std::string attr;
    if (by_attr) {
        const Value* a = args.get(0, "attribute");
        if (!a) return type_error("selectattr and rejectattr need an attribute name.");
        attr = to_str(*a);
        next = 1;
    }
    std::optional<std::string> test;
    CallArgs test_args;
    if (next < args.pos.size()) {
        test = to_str(args.pos[next]);
        test_args.pos.assign(args.pos.begin() + static_cast<std::ptrdiff_t>(next) + 1, args.pos.end());
    }
    std::vector<Value> out;
    WalkCounter counter;  // one budget for the whole filter, not one per item
    for (auto& item : *items) {
        const Value subject = by_attr ? dotted_attr(item, attr, budget) : item;
        bool pass = truthy(subject);
        if (test) {
            auto r = call_test(*test, subject, test_args, &counter);
            if (!r) return r.error();
            pass = *r;
        }
        if (pass == keep) out.push_back(std::move(item));
    }
    return make_list(std::move(out), budget);
}

Result<Value> map_filter(const Value& v, const CallArgs& args, Budget& budget) {
    auto items = iterate(v, budget);
    if (!items) return items.error();
    std::vector<Value> out;
    if (const Value* attr = args.get(99, "attribute")) {
        const Value* def = args.get(99, "default");
        for (auto& item : *items) {
            Value got = dotted_attr(item, to_str(*attr), budget);
            if (got.is_undefined() && def) got = *def;
            out.push_back(std::move(got));
        }
        return make_list(std::move(out), budget);
    }
    if (args.pos.empty()) return type_error("map needs a filter name or attribute=.");
    const std::string name = to_str(args.pos[0]);
    CallArgs rest;
    rest.pos.assign(args.pos.begin() + 1, args.pos.end());
    rest.kw = args.kw;
    for (auto& item : *items) {
        auto r = call_filter(name, item, rest, budget);
        if (!r) return r;
        out.push_back(std::move(*r));
    }
    return make_list(std::move(out), budget);
}

Result<Value> sort_filter(const Value& v, const CallArgs& args, Budget& budget) {
    auto items = iterate(v, budget);
    if (!items) return items.error();
    const Value* rev = args.get(0, "reverse");
    const Value* cs = args.get(1, "case_sensitive");
    const Value* attr = args.get(2, "attribute");
    const bool reverse = rev && truthy(*rev);
    const bool case_sensitive = cs && truthy(*cs);
    std::vector<std::pair<Value, Value>> keyed;
    for (auto& item : *items) {
        Value key = attr ? dotted_attr(item, to_str(*attr), budget) : item;
        if (!case_sensitive && key.is_string()) key = Value::string(ascii_lower(key.s));
        keyed.emplace_back(std::move(key), std::move(item));
    }
    std::optional<Error> failure;
    WalkCounter counter;
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
        if (failure) return false;
        auto r = reverse ? compare_op("<", b.first, a.first, &counter) : compare_op("<", a.first, b.first, &counter);
        if (!r) { failure = r.error(); return false; }
        return *r;
    });
    if (failure) return *failure;
    std::vector<Value> out;
    for (auto& kv : keyed) out.push_back(std::move(kv.second));
    return make_list(std::move(out), budget);
}

std::string html_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&#34;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string indent_filter(std::string s, const CallArgs& args) {
    const Value* w = args.get(0, "width");
    const Value* first = args.get(1, "first");
    const Value* blank = args.get(2, "blank");
    std::string pad = "    ";
    if (w && w->is_string()) pad = w->s;
    else if (w && w->is_integral()) pad = std::string(static_cast<std::size_t>(std::clamp<std::int64_t>(w->as_int(), 0, 256)), ' ');
    s += '\n';
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < s.size()) {
        const std::size_t nl = s.find('\n', start);
        lines.push_back(s.substr(start, nl - start));
        start = nl + 1;
    }
    std::string out;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (k > 0) out += '\n';
        const bool indent = k > 0 && (!lines[k].empty() || (blank && truthy(*blank)));
        out += (indent ? pad : "") + lines[k];
    }
    if (first && truthy(*first)) out = pad + out;
    return out;
}

}  // namespace

Result<Value> call_filter(std::string_view name, const Value& v, const CallArgs& args, Budget& budget) {
    if (name == "safe" || name == "e" || name == "escape" || name == "string") {
        if (name == "safe" || (name == "string" && v.is_string())) return v;
        std::string s = to_str(v, budget.limits.max_alloc_bytes);
        if (name != "string") s = html_escape(s);
        return make_string(std::move(s), budget);
    }
    if (name == "default" || name == "d") {
        const Value* def = args.get(0, "default_value");
        const Value* boolean = args.get(1, "boolean");
        const bool use_default = v.is_undefined() || (boolean && truthy(*boolean) && !truthy(v));
        if (!use_default) return v;
        return def ? *def : Value::string("");
    }
    if (name == "length" || name == "count") {
        auto n = length_of(v);
        if (!n) return n.error();
        return Value::integer(*n);
    }
    if (name == "tojson") {
        auto r = tojson_filter(v, args, budget);
        if (r) {
            if (auto st = budget.charge(r->s.size()); !st) return st.error();
        }
        return r;
    }
    if (name == "trim") return make_string(py_strip(to_str(v), optional_string(args.get(0, "chars")), true, true), budget);
    if (name == "upper") return make_string(ascii_upper(to_str(v)), budget);
    if (name == "lower") return make_string(ascii_lower(to_str(v)), budget);
    if (name == "capitalize") return make_string(py_capitalize(to_str(v)), budget);
    if (name == "title") return make_string(jinja_title(to_str(v)), budget);
    if (name == "replace") {
        const Value* old = args.get(0, "old");
        const Value* with = args.get(1, "new");
        const Value* count = args.get(2, "count");
        if (!old || !with) return type_error("replace needs the text to find and its replacement.");
        const std::string s = to_str(v);
        const std::string o = to_str(*old), w = to_str(*with);
        const std::int64_t n = count && count->is_integral() ? count->as_int() : -1;
        // Bound the result before building it: every occurrence could grow by |w| - |o|.
        const std::size_t worst = s.size() + (s.size() + 1) * (w.size() > o.size() ? w.size() - o.size() : 0);
        if (auto st = budget.charge(worst); !st) return st.error();
        return Value::string(py_replace(s, o, w, n));
    }
    if (name == "join") {
        auto items = iterate(v, budget);
        if (!items) return items.error();
        const Value* sep = args.get(0, "d");
        const Value* attr = args.get(1, "attribute");
        const std::string separator = sep ? to_str(*sep) : "";
        std::string out;
        for (std::size_t k = 0; k < items->size(); ++k) {
            if (k) out += separator;
            out += to_str(attr ? dotted_attr((*items)[k], to_str(*attr), budget) : (*items)[k]);
            if (out.size() > budget.limits.max_alloc_bytes) break;
        }
        return make_string(std::move(out), budget);
    }
    if (name == "first" || name == "last") {
        auto items = iterate(v, budget);
        if (!items) return items.error();
        if (items->empty()) return Value::undefined();
        return name == "first" ? items->front() : items->back();
    }
    if (name == "list") {
        auto items = iterate(v, budget);
        if (!items) return items.error();
        return make_list(std::move(*items), budget);
    }
    if (name == "reverse") {
        auto items = iterate(v, budget);
        if (!items) return items.error();
        std::reverse(items->begin(), items->end());
        if (v.is_string()) {
            std::string out;
            for (auto& c : *items) out += c.s;
            return make_string(std::move(out), budget);
        }
        return make_list(std::move(*items), budget);
    }
    if (name == "int") return int_filter(v, args);
    if (name == "float") return float_filter(v, args);
    if (name == "abs") {
        if (v.kind == Kind::Float) return Value::number(std::fabs(v.f));
        if (v.is_integral()) return unary_op(v.as_int() < 0 ? "-" : "+", v);
        return type_error(std::string("abs needs a number, not '") + type_name(v) + "'.");
    }
    if (name == "round") {
        if (!v.is_number()) return type_error(std::string("round needs a number, not '") + type_name(v) + "'.");
        const Value* precision = args.get(0, "precision");
        const Value* method = args.get(1, "method");
        const double scale = std::pow(10.0, precision && precision->is_integral() ? static_cast<double>(std::clamp<std::int64_t>(precision->as_int(), -20, 20)) : 0.0);
        const std::string m = method ? to_str(*method) : "common";
        const double x = v.as_float() * scale;
        const double r = m == "ceil" ? std::ceil(x) : m == "floor" ? std::floor(x) : std::nearbyint(x);
        return Value::number(r / scale);
    }
    if (name == "items" || name == "dictsort") {
        if (v.is_undefined()) return make_list({}, budget);
        if (!v.is_dict()) return type_error(std::string(name) + " needs a mapping, not '" + type_name(v) + "'.");
        std::vector<Value> out;
        for (const auto& [k, item] : v.dict->items) out.push_back(Value::new_list({Value::string(k), item}, true));
        if (name == "dictsort") {
            std::stable_sort(out.begin(), out.end(), [](const Value& a, const Value& b) {
                return ascii_lower(a.list->items[0].s) < ascii_lower(b.list->items[0].s);
            });
        }
        return make_list(std::move(out), budget);
    }
    if (name == "select") return select_filter(v, args, false, true, budget);
    if (name == "reject") return select_filter(v, args, false, false, budget);
    if (name == "selectattr") return select_filter(v, args, true, true, budget);
    if (name == "rejectattr") return select_filter(v, args, true, false, budget);
    if (name == "map") return map_filter(v, args, budget);
    if (name == "sort") return sort_filter(v, args, budget);
    if (name == "sum") {
        auto items = iterate(v, budget);
        if (!items) return items.error();
        const Value* attr = args.get(0, "attribute");
        const Value* start = args.get(1, "start");
        Value total = start ? *start : Value::integer(0);
        for (auto& item : *items) {
            auto r = binary_op("+", total, attr ? dotted_attr(item, to_str(*attr), budget) : item, budget);
            if (!r) return r;
            total = std::move(*r);
        }
        return total;
    }
    if (name == "indent") {
        const std::string s = to_str(v);
        const Value* w = args.get(0, "width");
        if (w && w->is_string() && w->s.size() > 256) return type_error("indent: the indentation is longer than 256 characters.");
        const auto lines = static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')) + 2;
        if (auto st = budget.charge(s.size() + lines * 256); !st) return st.error();
        return Value::string(indent_filter(s, args));
    }
    if (name == "format") {
        auto r = percent_format(to_str(v), args);
        if (!r) return r.error();
        return make_string(std::move(*r), budget);
    }
    return make_error("template.unknown_filter", "there is no filter named '" + std::string(name) + "'.");
}

}  // namespace hearth::tmpl
