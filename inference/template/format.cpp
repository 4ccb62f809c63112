#include "inference/template/format.h"

namespace hearth::tmpl {

namespace {

Error format_error(const std::string& what) { return make_error("template.value", "format: " + what + "."); }

}  // namespace

Result<std::string> percent_format(const std::string& fmt, const CallArgs& args) {
    std::string out;
    std::size_t next = 0;
    for (std::size_t k = 0; k < fmt.size(); ++k) {
        if (fmt[k] != '%') { out += fmt[k]; continue; }
        if (++k >= fmt.size()) return format_error("the format ends inside a % conversion");
        const char c = fmt[k];
        if (c == '%') { out += '%'; continue; }
        if (c != 's' && c != 'r' && c != 'd' && c != 'i')
            return format_error(std::string("the conversion %") + c + " is not supported (only %s %r %d %i)");
        if (next >= args.pos.size()) return format_error("not enough arguments for the format string");
        const Value& v = args.pos[next++];
        if (c == 's') out += to_str(v);
        else if (c == 'r') out += to_repr(v);
        else if (v.is_number()) out += std::to_string(v.kind == Kind::Float ? static_cast<std::int64_t>(v.f) : v.as_int());
        else return format_error(std::string("%") + c + " needs a number, not '" + type_name(v) + "'");
    }
    if (next < args.pos.size()) return format_error("not all arguments were used by the format string");
    return out;
}

Result<std::string> brace_format(const std::string& fmt, const CallArgs& args) {
    std::string out;
    std::size_t next = 0;
    for (std::size_t k = 0; k < fmt.size(); ++k) {
        const char c = fmt[k];
        if (c == '}') {
            if (k + 1 < fmt.size() && fmt[k + 1] == '}') { out += '}'; ++k; continue; }
            return format_error("a single '}' in the format string");
        }
        if (c != '{') { out += c; continue; }
        if (k + 1 < fmt.size() && fmt[k + 1] == '{') { out += '{'; ++k; continue; }
        const std::size_t close = fmt.find('}', k);
        if (close == std::string::npos) return format_error("a '{' is never closed");
        const std::string field = fmt.substr(k + 1, close - k - 1);
        k = close;
        const Value* v = nullptr;
        if (field.empty()) {
            v = next < args.pos.size() ? &args.pos[next++] : nullptr;
        } else if (field.find_first_not_of("0123456789") == std::string::npos && field.size() < 9) {
            const auto index = static_cast<std::size_t>(std::stoul(field));
            v = index < args.pos.size() ? &args.pos[index] : nullptr;
        } else if (field.find_first_of(":!.[") != std::string::npos) {
            return format_error("the field {" + field + "} uses options, which are not supported");
        } else {
            for (const auto& [name, value] : args.kw)
                if (name == field) v = &value;
        }
        if (!v) return format_error("no argument for the field {" + field + "}");
        out += to_str(*v);
    }
    return out;
}

}  // namespace hearth::tmpl
