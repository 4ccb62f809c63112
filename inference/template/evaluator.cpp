#include "inference/template/evaluator.h"

#include <cmath>
#include <optional>

#include "inference/template/builtins.h"
#include "inference/template/lexer.h"
#include "inference/template/operators.h"

namespace hearth::tmpl {

namespace {

struct Frame {
    std::vector<std::pair<std::string, Value>> vars;
    bool barrier = false;  // a macro's scope: names below it (the caller's) are not visible

    Value* find(std::string_view name) {
        for (auto& kv : vars)
            if (kv.first == name) return &kv.second;
        return nullptr;
    }
    void set(const std::string& name, Value v) {
        if (Value* existing = find(name)) *existing = std::move(v);
        else vars.emplace_back(name, std::move(v));
    }
};

enum class Flow { Normal, Break, Continue, Error };

class Evaluator {
public:
    Evaluator(const Template& tpl, const TemplateLimits& limits, Budget& budget)
        : tpl_(tpl), limits_(limits), budget_(budget) {}

    Result<std::string> run(const DictData& globals) {
        frames_.emplace_back();
        for (const auto& [k, v] : globals.items) frames_.back().set(k, v);
        // Jinja defines a template's top-level macros before rendering starts.
        for (const auto& s : tpl_.body)
            if (s->kind == StmtKind::Macro) frames_.back().set(s->name, Value::macro(s.get()));
        std::string output;
        out_ = &output;
        const Flow flow = exec_body(tpl_.body);
        budget_.release();  // break reference cycles before the last references go
        frames_.clear();
        if (flow == Flow::Error) return *error_;
        if (flow != Flow::Normal) return make_error("template.syntax", "Chat template: '{% break %}' or '{% continue %}' outside a loop.");
        return output;
    }

private:
    const Template& tpl_;
    const TemplateLimits& limits_;
    Budget& budget_;
    std::vector<Frame> frames_;
    std::string* out_ = nullptr;
    std::uint64_t steps_ = 0;
    int depth_ = 0;
    std::optional<Error> error_;

    struct DepthGuard {
        int& d;
        explicit DepthGuard(int& depth) : d(depth) { ++d; }
        ~DepthGuard() { --d; }
    };

    std::string where(std::size_t pos) const { return "Chat template, " + describe_position(tpl_.source, pos) + ": "; }

    bool fail(std::size_t pos, const std::string& code, const std::string& message) {
        if (!error_) error_ = make_error(code, where(pos) + message);
        return false;
    }
    bool fail(std::size_t pos, const Error& e) {
        if (!error_) {
            if (e.code == "template.raised") error_ = make_error(e.code, e.message + " (" + where(pos).substr(0, where(pos).size() - 2) + ")");
            else error_ = make_error(e.code, where(pos) + e.message);
        }
        return false;
    }

    bool tick(std::size_t pos) {
        if (++steps_ > limits_.max_steps)
            return fail(pos, "template.too_slow", "rendering took more than " + std::to_string(limits_.max_steps) +
                                                      " steps; the template may loop without end.");
        return true;
    }

    // Work proportional to a value's size (copying a long string, scanning a list for `in`,
    // joining it) counts as steps too, so that max_steps bounds time and not just node visits.
    bool spend(std::size_t pos, const Value& v) {
        std::uint64_t cost = 0;
        if (v.is_string()) cost = v.s.size() / 256;
        else if (v.is_list()) cost = v.list->items.size();
        else if (v.kind == Kind::Dict || v.kind == Kind::Namespace) cost = v.dict->items.size();
        if (cost == 0) return true;
        steps_ += cost;
        return tick(pos);
    }

    bool check_depth(std::size_t pos) {
        if (depth_ > 4 * limits_.max_depth)
            return fail(pos, "template.depth", "the template nests calls or expressions too deeply.");
        return true;
    }

    bool check_value_depth(std::size_t pos, const Value& v) {
        if (v.depth() > limits_.max_depth)
            return fail(pos, "template.depth", "a list or dict is nested more than " + std::to_string(limits_.max_depth) + " levels deep.");
        return true;
    }

    bool emit(std::size_t pos, std::string_view s) {
        if (out_->size() + s.size() > limits_.max_output_bytes)
            return fail(pos, "template.output_too_large", "the rendered prompt would be larger than " +
                                                              std::to_string(limits_.max_output_bytes) + " bytes.");
        out_->append(s);
        return true;
    }

    // ---- names -------------------------------------------------------------------------------

    Value lookup(const std::string& name) {
        for (std::size_t k = frames_.size(); k-- > 0;) {
            if (Value* v = frames_[k].find(name)) return *v;
            if (frames_[k].barrier) {
                if (Value* g = frames_[0].find(name)) return *g;
                break;
            }
        }
        if (name == "raise_exception" || is_global_function(name)) return Value::builtin(name);
        return Value::undefined(name);
    }

    Value* lookup_ref(const std::string& name) {
        for (std::size_t k = frames_.size(); k-- > 0;) {
            if (Value* v = frames_[k].find(name)) return v;
            if (frames_[k].barrier) return frames_[0].find(name);
        }
        return nullptr;
    }

    void assign(const std::string& name, Value v) { frames_.back().set(name, std::move(v)); }

    bool bind_targets(std::size_t pos, const std::vector<std::string>& targets, const Value& v) {
        if (targets.size() == 1) {
            assign(targets[0], v);
            return true;
        }
        if (!v.is_list())
            return fail(pos, "template.type", std::string("cannot unpack a value of type ") + type_name(v) + " into " +
                                                  std::to_string(targets.size()) + " names.");
        if (v.list->items.size() != targets.size())
            return fail(pos, "template.type", "cannot unpack " + std::to_string(v.list->items.size()) + " values into " +
                                                  std::to_string(targets.size()) + " names.");
        for (std::size_t k = 0; k < targets.size(); ++k) assign(targets[k], v.list->items[k]);
        return true;
    }

    // ---- expressions -------------------------------------------------------------------------

    bool eval_args(const Expr& e, CallArgs& args) {
        for (const auto& a : e.args) {
            Value v;
            if (!eval(*a, v)) return false;
            args.pos.push_back(std::move(v));
        }
        for (const auto& [k, a] : e.kwargs) {
            Value v;
            if (!eval(*a, v)) return false;
            args.kw.emplace_back(k, std::move(v));
        }
        return true;
    }

    bool undefined_error(std::size_t pos, const Value& v) {
        return fail(pos, "template.undefined", v.s.empty() ? "a value is undefined." : "'" + v.s + "' is undefined.");
    }

    bool eval(const Expr& e, Value& out) {
        DepthGuard guard(depth_);
        if (!check_depth(e.pos) || !tick(e.pos)) return false;
        switch (e.kind) {
            case ExprKind::Literal: out = e.value; return true;
            case ExprKind::Name: out = lookup(e.name); return spend(e.pos, out);
            case ExprKind::List:
            case ExprKind::Tuple: {
                std::vector<Value> items;
                items.reserve(e.children.size());
                for (const auto& c : e.children) {
                    Value v;
                    if (!eval(*c, v)) return false;
                    items.push_back(std::move(v));
                }
                if (auto s = budget_.charge(items.size() * sizeof(Value)); !s) return fail(e.pos, s.error());
                out = Value::new_list(std::move(items), e.kind == ExprKind::Tuple);
                return check_value_depth(e.pos, out);
            }
            case ExprKind::Dict: {
                out = Value::new_dict();
                for (std::size_t k = 0; k + 1 < e.children.size(); k += 2) {
                    Value key, value;
                    if (!eval(*e.children[k], key) || !eval(*e.children[k + 1], value)) return false;
                    if (!key.is_string())
                        return fail(e.children[k]->pos, "template.type", "dict keys must be strings in chat templates.");
                    out.dict->set(std::move(key.s), std::move(value));
                }
                if (auto s = budget_.charge(e.children.size() * sizeof(Value)); !s) return fail(e.pos, s.error());
                return check_value_depth(e.pos, out);
            }
            case ExprKind::Attr: {
                Value obj;
                if (!eval(*e.children[0], obj)) return false;
                if (obj.is_undefined()) return undefined_error(e.pos, obj);
                out = get_attr(obj, e.name);
                return spend(e.pos, out);
            }
            case ExprKind::Item: {
                Value obj, key;
                if (!eval(*e.children[0], obj) || !eval(*e.children[1], key)) return false;
                if (obj.is_undefined()) return undefined_error(e.pos, obj);
                if (obj.is_string() && !spend(e.pos, obj)) return false;
                auto r = get_item(obj, key, budget_);
                if (!r) return fail(e.pos, r.error());
                out = std::move(*r);
                return true;
            }
            case ExprKind::Slice: {
                Value obj;
                if (!eval(*e.children[0], obj)) return false;
                if (obj.is_undefined()) return undefined_error(e.pos, obj);
                if (!spend(e.pos, obj)) return false;
                std::optional<Value> parts[3];
                for (int k = 0; k < 3; ++k) {
                    if (!e.children[k + 1]) continue;
                    Value v;
                    if (!eval(*e.children[k + 1], v)) return false;
                    parts[k] = std::move(v);
                }
                auto r = slice(obj, parts[0], parts[1], parts[2], budget_);
                if (!r) return fail(e.pos, r.error());
                out = std::move(*r);
                return true;
            }
            case ExprKind::Call: return eval_call(e, out);
            case ExprKind::Filter: {
                Value subject;
                if (!eval(*e.children[0], subject)) return false;
                return apply_filter(e, std::move(subject), out);
            }
            case ExprKind::Test: {
                Value subject;
                if (!eval(*e.children[0], subject)) return false;
                CallArgs args;
                if (!eval_args(e, args)) return false;
                for (const auto& a : args.pos)
                    if (!spend(e.pos, a)) return false;
                auto r = call_test(e.name, subject, args);
                if (!r) return fail(e.pos, r.error());
                out = Value::boolean(*r != e.negated);
                return true;
            }
            case ExprKind::Unary: {
                Value v;
                if (!eval(*e.children[0], v)) return false;
                if (e.name == "not") {
                    out = Value::boolean(!truthy(v));
                    return true;
                }
                if (v.is_undefined()) return undefined_error(e.pos, v);
                auto r = unary_op(e.name, v);
                if (!r) return fail(e.pos, r.error());
                out = std::move(*r);
                return true;
            }
            case ExprKind::Binary: {
                Value a;
                if (!eval(*e.children[0], a)) return false;
                if (e.name == "and") {
                    if (!truthy(a)) { out = std::move(a); return true; }
                    return eval(*e.children[1], out);
                }
                if (e.name == "or") {
                    if (truthy(a)) { out = std::move(a); return true; }
                    return eval(*e.children[1], out);
                }
                Value b;
                if (!eval(*e.children[1], b)) return false;
                if (e.name != "~") {
                    if (a.is_undefined()) return undefined_error(e.pos, a);
                    if (b.is_undefined()) return undefined_error(e.pos, b);
                }
                auto r = binary_op(e.name, a, b, budget_);
                if (!r) return fail(e.pos, r.error());
                out = std::move(*r);
                return true;
            }
            case ExprKind::Compare: {
                Value left;
                if (!eval(*e.children[0], left)) return false;
                for (std::size_t k = 0; k < e.ops.size(); ++k) {
                    Value right;
                    if (!eval(*e.children[k + 1], right)) return false;
                    if (!spend(e.pos, left) || !spend(e.pos, right)) return false;
                    WalkCounter counter;
                    auto r = compare_op(e.ops[k], left, right, &counter);
                    steps_ += counter.visited;
                    if (!r) return fail(e.pos, r.error());
                    if (!tick(e.pos)) return false;
                    if (!*r) { out = Value::boolean(false); return true; }
                    left = std::move(right);
                }
                out = Value::boolean(true);
                return true;
            }
            case ExprKind::Cond: {
                Value cond;
                if (!eval(*e.children[1], cond)) return false;
                if (truthy(cond)) return eval(*e.children[0], out);
                if (e.children[2]) return eval(*e.children[2], out);
                out = Value::undefined();
                return true;
            }
        }
        return fail(e.pos, "template.internal", "unknown expression.");
    }

    bool apply_filter(const Expr& e, Value subject, Value& out) {
        CallArgs args;
        if (!eval_args(e, args) || !spend(e.pos, subject)) return false;
        auto r = call_filter(e.name, subject, args, budget_);
        if (!r) return fail(e.pos, r.error());
        out = std::move(*r);
        return check_value_depth(e.pos, out);
    }

    // A filter chain parsed with a null innermost operand ({% filter %}, {% set x | f %}).
    bool apply_filter_chain(const Expr& e, Value subject, Value& out) {
        if (!tick(e.pos)) return false;
        Value inner;
        if (e.children[0]) {
            if (!apply_filter_chain(*e.children[0], std::move(subject), inner)) return false;
        } else {
            inner = std::move(subject);
        }
        return apply_filter(e, std::move(inner), out);
    }

    bool eval_call(const Expr& e, Value& out) {
        const Expr& callee = *e.children[0];
        if (callee.kind == ExprKind::Attr) {
            Value obj;
            if (!eval(*callee.children[0], obj)) return false;
            if (obj.is_undefined()) return undefined_error(callee.pos, obj);
            // A namespace or dict may hold a macro under that name; otherwise it is a method.
            Value held = get_attr(obj, callee.name);
            if (held.kind != Kind::Callable) {
                CallArgs args;
                if (!eval_args(e, args) || !spend(e.pos, obj)) return false;
                for (const auto& a : args.pos)
                    if (!spend(e.pos, a)) return false;
                auto r = call_method(obj, callee.name, args, budget_);
                if (!r) return fail(e.pos, r.error());
                out = std::move(*r);
                return check_value_depth(e.pos, out);
            }
            return call_value(e, held, out);
        }
        Value fn;
        if (!eval(callee, fn)) return false;
        return call_value(e, fn, out);
    }

    bool call_value(const Expr& e, const Value& fn, Value& out) {
        if (fn.is_undefined()) return undefined_error(e.pos, fn);
        if (fn.kind != Kind::Callable)
            return fail(e.pos, "template.type", std::string("a value of type ") + type_name(fn) + " cannot be called.");
        CallArgs args;
        if (!eval_args(e, args)) return false;
        if (fn.fn->macro) return call_macro(e.pos, *fn.fn->macro, args, out);
        if (fn.fn->builtin == "raise_exception") {
            const Value* msg = args.get(0, "message");
            return fail(e.pos, make_error("template.raised", msg ? to_str(*msg) : "the chat template raised an error"));
        }
        auto r = call_global(fn.fn->builtin, args, budget_);
        if (!r) return fail(e.pos, r.error());
        out = std::move(*r);
        return true;
    }

    bool call_macro(std::size_t pos, const Stmt& macro, const CallArgs& args, Value& out) {
        if (args.pos.size() > macro.params.size())
            return fail(pos, "template.type", "macro '" + macro.name + "' takes at most " +
                                                  std::to_string(macro.params.size()) + " arguments.");
        Frame frame;
        frame.barrier = true;
        for (std::size_t k = 0; k < macro.params.size(); ++k) {
            const auto& [name, def] = macro.params[k];
            if (k < args.pos.size()) {
                frame.set(name, args.pos[k]);
                continue;
            }
            bool found = false;
            for (const auto& [kname, kvalue] : args.kw) {
                if (kname == name) {
                    frame.set(name, kvalue);
                    found = true;
                }
            }
            if (found) continue;
            Value v = Value::undefined(name);
            if (def && !eval(*def, v)) return false;
            frame.set(name, std::move(v));
        }
        for (const auto& [kname, kvalue] : args.kw) {
            bool known = false;
            for (const auto& param : macro.params) known = known || param.first == kname;
            if (!known) return fail(pos, "template.type", "macro '" + macro.name + "' has no argument named '" + kname + "'.");
        }
        DepthGuard guard(depth_);
        if (!check_depth(pos)) return false;
        frames_.push_back(std::move(frame));
        std::string captured;
        std::string* saved = out_;
        out_ = &captured;
        const Flow flow = exec_body(macro.body);
        out_ = saved;
        frames_.pop_back();
        if (flow == Flow::Error) return false;
        if (auto s = budget_.charge(captured.size()); !s) return fail(pos, s.error());
        out = Value::string(std::move(captured));
        return true;
    }

    // ---- statements --------------------------------------------------------------------------

    Flow exec_body(const Body& body) {
        for (const auto& s : body) {
            const Flow flow = exec(*s);
            if (flow != Flow::Normal) return flow;
        }
        return Flow::Normal;
    }

    Flow exec(const Stmt& s) {
        DepthGuard guard(depth_);
        if (!check_depth(s.pos) || !tick(s.pos)) return Flow::Error;
        switch (s.kind) {
            case StmtKind::Text: return emit(s.pos, s.text) ? Flow::Normal : Flow::Error;
            case StmtKind::Output: {
                Value v;
                if (!eval(*s.expr, v)) return Flow::Error;
                if (v.is_string()) return emit(s.pos, v.s) ? Flow::Normal : Flow::Error;
                return emit(s.pos, to_str(v, limits_.max_output_bytes)) ? Flow::Normal : Flow::Error;
            }
            case StmtKind::If: {
                for (std::size_t k = 0; k < s.conds.size(); ++k) {
                    Value cond;
                    if (!eval(*s.conds[k], cond)) return Flow::Error;
                    if (truthy(cond)) return exec_body(s.bodies[k]);
                }
                return exec_body(s.else_body);
            }
            case StmtKind::For: return exec_for(s);
            case StmtKind::Set: return exec_set(s) ? Flow::Normal : Flow::Error;
            case StmtKind::SetBlock: {
                Value captured;
                if (!capture(s, captured)) return Flow::Error;
                if (s.expr) {
                    Value filtered;
                    if (!apply_filter_chain(*s.expr, std::move(captured), filtered)) return Flow::Error;
                    captured = std::move(filtered);
                }
                assign(s.targets[0], std::move(captured));
                return Flow::Normal;
            }
            case StmtKind::Macro: assign(s.name, Value::macro(&s)); return Flow::Normal;
            case StmtKind::With: {
                Frame frame;
                for (std::size_t k = 0; k < s.targets.size(); ++k) {
                    Value v;
                    if (!eval(*s.values[k], v)) return Flow::Error;
                    frame.set(s.targets[k], std::move(v));
                }
                frames_.push_back(std::move(frame));
                const Flow flow = exec_body(s.body);
                frames_.pop_back();
                return flow;
            }
            case StmtKind::FilterBlock: {
                Value captured, filtered;
                if (!capture(s, captured) || !apply_filter_chain(*s.expr, std::move(captured), filtered)) return Flow::Error;
                return emit(s.pos, to_str(filtered)) ? Flow::Normal : Flow::Error;
            }
            case StmtKind::Break: return Flow::Break;
            case StmtKind::Continue: return Flow::Continue;
            case StmtKind::Block: return exec_body(s.body);
        }
        return Flow::Error;
    }

    bool capture(const Stmt& s, Value& out) {
        std::string captured;
        std::string* saved = out_;
        out_ = &captured;
        const Flow flow = exec_body(s.body);
        out_ = saved;
        if (flow == Flow::Error) return false;
        if (flow != Flow::Normal) return fail(s.pos, "template.syntax", "'break' or 'continue' inside a block that is not a loop.");
        out = Value::string(std::move(captured));
        return true;
    }

    bool exec_set(const Stmt& s) {
        Value v;
        if (!eval(*s.expr, v)) return false;
        if (!s.name.empty()) {
            Value* target = lookup_ref(s.targets[0]);
            if (!target || target->kind != Kind::Namespace)
                return fail(s.pos, "template.type", "only a namespace() object can have attributes assigned ('" +
                                                        s.targets[0] + "." + s.name + "').");
            target->dict->set(s.name, std::move(v));
            budget_.note_mutation(*target);
            return check_value_depth(s.pos, *target);
        }
        return bind_targets(s.pos, s.targets, v);
    }

    Flow exec_for(const Stmt& s) {
        Value iterable;
        if (!eval(*s.expr, iterable) || !spend(s.pos, iterable)) return Flow::Error;
        auto listed = iterate(iterable, budget_);
        if (!listed) { fail(s.expr->pos, listed.error()); return Flow::Error; }
        std::vector<Value> items = std::move(*listed);
        if (s.cond) {  // `for x in xs if cond`: filtered first, so loop.length counts what is kept
            std::vector<Value> kept;
            for (auto& item : items) {
                if (!tick(s.pos)) return Flow::Error;
                frames_.emplace_back();
                Value keep;
                const bool ok = bind_targets(s.pos, s.targets, item) && eval(*s.cond, keep);
                frames_.pop_back();
                if (!ok) return Flow::Error;
                if (truthy(keep)) kept.push_back(std::move(item));
            }
            items = std::move(kept);
        }
        if (items.empty()) {
            frames_.emplace_back();
            const Flow flow = exec_body(s.else_body);
            frames_.pop_back();
            return flow;
        }
        const auto n = static_cast<std::int64_t>(items.size());
        for (std::int64_t k = 0; k < n; ++k) {
            if (!tick(s.pos)) return Flow::Error;
            frames_.emplace_back();
            if (!bind_targets(s.pos, s.targets, items[static_cast<std::size_t>(k)])) return Flow::Error;
            Value loop = Value::new_dict();
            auto& d = *loop.dict;
            d.items.reserve(12);
            d.items.emplace_back("index", Value::integer(k + 1));
            d.items.emplace_back("index0", Value::integer(k));
            d.items.emplace_back("revindex", Value::integer(n - k));
            d.items.emplace_back("revindex0", Value::integer(n - k - 1));
            d.items.emplace_back("first", Value::boolean(k == 0));
            d.items.emplace_back("last", Value::boolean(k == n - 1));
            d.items.emplace_back("length", Value::integer(n));
            d.items.emplace_back("depth", Value::integer(1));
            d.items.emplace_back("depth0", Value::integer(0));
            d.items.emplace_back("previtem", k > 0 ? items[static_cast<std::size_t>(k - 1)] : Value::undefined("previtem"));
            d.items.emplace_back("nextitem", k + 1 < n ? items[static_cast<std::size_t>(k + 1)] : Value::undefined("nextitem"));
            frames_.back().set("loop", std::move(loop));
            const Flow flow = exec_body(s.body);
            frames_.pop_back();
            if (flow == Flow::Error) return flow;
            if (flow == Flow::Break) break;
        }
        return Flow::Normal;
    }
};

}  // namespace

Result<std::string> render(const Template& tpl, const DictData& globals, const TemplateLimits& limits,
                           std::int64_t now_unix) {
    Budget budget(limits);
    budget.now_unix = now_unix;
    Evaluator evaluator(tpl, limits, budget);
    return evaluator.run(globals);
}

}  // namespace hearth::tmpl
