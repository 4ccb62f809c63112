#include "inference/sampling/reply_record.h"

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "base/json.h"

namespace hearth::sampling {

namespace {

// The shortest decimal that reads back as the same float ("0.8", not "0.800000011920929").
json::Value float_value(float f) {
    json::Value v = json::Value::number_value(static_cast<double>(f));
    char buf[32];
    for (int digits = 6; digits <= 9; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, static_cast<double>(f));
        if (std::strtof(buf, nullptr) == f) break;
    }
    v.str = buf;
    return v;
}

// The seed is a full 64-bit value: written as a number while it fits int64, else as a string.
json::Value seed_value(uint64_t seed) {
    if (seed <= static_cast<uint64_t>(INT64_MAX)) return json::Value::integer_value(static_cast<int64_t>(seed));
    return json::Value::string_value(std::to_string(seed));
}

Error bad(const std::string& what) {
    return make_error("sampling.bad_json", "The saved generation settings are damaged (" + what + ").");
}

// Reads optional fields; the first wrong type is remembered.
struct Reader {
    const json::Value& obj;
    std::string problem;

    void real(const char* key, float& out) {
        if (const json::Value* v = obj.find(key)) {
            if (v->is_number()) out = static_cast<float>(v->num);
            else if (problem.empty()) problem = std::string(key) + " is not a number";
        }
    }
    void real(const char* key, double& out) {
        if (const json::Value* v = obj.find(key)) {
            if (v->is_number()) out = v->num;
            else if (problem.empty()) problem = std::string(key) + " is not a number";
        }
    }
    void integer(const char* key, int32_t& out) {
        if (const json::Value* v = obj.find(key)) {
            auto i = v->as_int();
            if (i && *i >= INT32_MIN && *i <= INT32_MAX) out = static_cast<int32_t>(*i);
            else if (problem.empty()) problem = std::string(key) + " is not a whole number";
        }
    }
    void seed(const char* key, uint64_t& out) {
        const json::Value* v = obj.find(key);
        if (!v) return;
        if (auto i = v->as_int(); i && *i >= 0) {
            out = static_cast<uint64_t>(*i);
            return;
        }
        if (v->is_string() && !v->str.empty() && v->str.find_first_not_of("0123456789") == std::string::npos) {
            errno = 0;
            const unsigned long long s = std::strtoull(v->str.c_str(), nullptr, 10);
            if (errno == 0) {
                out = s;
                return;
            }
        }
        if (problem.empty()) problem = std::string(key) + " is not a seed";
    }
};

json::Value sampler_value(const SamplerParams& p) {
    json::Value o = json::Value::object_value();
    o.set("temperature", float_value(p.temperature));
    o.set("top_k", json::Value::integer_value(p.top_k));
    o.set("top_p", float_value(p.top_p));
    o.set("min_p", float_value(p.min_p));
    o.set("repeat_penalty", float_value(p.repeat_penalty));
    o.set("frequency_penalty", float_value(p.frequency_penalty));
    o.set("presence_penalty", float_value(p.presence_penalty));
    o.set("penalty_last_n", json::Value::integer_value(p.penalty_last_n));
    o.set("seed", seed_value(p.seed));
    return o;
}

Result<SamplerParams> read_sampler(const json::Value& o) {
    if (!o.is_object()) return bad("the settings are not a JSON object");
    SamplerParams p;
    Reader r{o, {}};
    r.real("temperature", p.temperature);
    r.integer("top_k", p.top_k);
    r.real("top_p", p.top_p);
    r.real("min_p", p.min_p);
    r.real("repeat_penalty", p.repeat_penalty);
    r.real("frequency_penalty", p.frequency_penalty);
    r.real("presence_penalty", p.presence_penalty);
    r.integer("penalty_last_n", p.penalty_last_n);
    r.seed("seed", p.seed);
    if (!r.problem.empty()) return bad(r.problem);
    return p;
}

}  // namespace

std::string sampler_params_json(const SamplerParams& p) { return json::serialize(sampler_value(p)); }

Result<SamplerParams> sampler_params_from_json(std::string_view text) {
    auto v = json::parse(text);
    if (!v) return bad(v.error().message);
    return read_sampler(*v);
}

std::string reply_record_json(const ReplyRecord& r) {
    json::Value o = json::Value::object_value();
    o.set("n_prompt", json::Value::integer_value(r.n_prompt));
    o.set("n_reused", json::Value::integer_value(r.n_reused));
    o.set("n_generated", json::Value::integer_value(r.n_generated));
    o.set("ttft_ms", json::Value::number_value(r.ttft_ms));
    o.set("prefill_ms", json::Value::number_value(r.prefill_ms));
    o.set("decode_ms", json::Value::number_value(r.decode_ms));
    o.set("prefill_tok_s", json::Value::number_value(r.prefill_tok_s));
    o.set("decode_tok_s", json::Value::number_value(r.decode_tok_s));
    o.set("n_shifts", json::Value::integer_value(r.n_shifts));
    o.set("stop", json::Value::string_value(std::string(stop_reason_code(r.stop))));
    o.set("sampler", sampler_value(r.sampler));
    return json::serialize(o);
}

Result<ReplyRecord> reply_record_from_json(std::string_view text) {
    auto v = json::parse(text);
    if (!v) return bad(v.error().message);
    if (!v->is_object()) return bad("the statistics are not a JSON object");
    ReplyRecord rec;
    Reader r{*v, {}};
    r.integer("n_prompt", rec.n_prompt);
    r.integer("n_reused", rec.n_reused);
    r.integer("n_generated", rec.n_generated);
    r.real("ttft_ms", rec.ttft_ms);
    r.real("prefill_ms", rec.prefill_ms);
    r.real("decode_ms", rec.decode_ms);
    r.real("prefill_tok_s", rec.prefill_tok_s);
    r.real("decode_tok_s", rec.decode_tok_s);
    r.integer("n_shifts", rec.n_shifts);
    if (!r.problem.empty()) return bad(r.problem);
    if (const json::Value* s = v->find("stop")) {
        auto reason = s->is_string() ? parse_stop_reason(s->str) : std::nullopt;
        if (!reason) return bad("unknown stop reason");
        rec.stop = *reason;
    }
    if (const json::Value* s = v->find("sampler")) {
        auto p = read_sampler(*s);
        if (!p) return p.error();
        rec.sampler = *p;
    }
    return rec;
}

}  // namespace hearth::sampling
