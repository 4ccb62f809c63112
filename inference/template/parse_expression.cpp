// Expressions, from the conditional `a if b else c` down to literals, in Jinja2's precedence
// order: or, and, not, comparisons (in, not in, ==, …), + -, ~, * / // %, **, unary - +, then
// postfix .attr [item] (call) and the filter and test chain (| f, is t), then primaries.
#include "inference/template/parser_internal.h"

namespace hearth::tmpl {

Result<ExprPtr> Parser::expression(bool with_cond) {
    DepthGuard guard(depth);
    if (depth > max_depth) return fail(peek().offset, "expressions are nested too deeply");
    auto left = or_expr();
    if (!left) return left;
    ExprPtr e = std::move(*left);
    while (with_cond && is_name("if")) {
        const std::size_t at = peek().offset;
        ++p;
        auto cond = or_expr();
        if (!cond) return cond;
        ExprPtr otherwise;
        if (skip_name("else")) {
            auto o = expression();
            if (!o) return o;
            otherwise = std::move(*o);
        }
        auto c = node(ExprKind::Cond, at);
        c->children.push_back(std::move(e));
        c->children.push_back(std::move(*cond));
        c->children.push_back(std::move(otherwise));
        e = std::move(c);
    }
    return e;
}

// A left-associative chain of one precedence level: next (op next)*.
Result<ExprPtr> Parser::binary_chain(Result<ExprPtr> (Parser::*next)(), std::initializer_list<std::string_view> ops,
                                     bool names) {
    auto left = (this->*next)();
    if (!left) return left;
    ExprPtr e = std::move(*left);
    while (true) {
        std::string op;
        for (auto candidate : ops)
            if (names ? is_name(candidate) : is_op(candidate)) op = std::string(candidate);
        if (op.empty()) return e;
        const std::size_t at = peek().offset;
        ++p;
        auto right = (this->*next)();
        if (!right) return right;
        auto b = node(ExprKind::Binary, at);
        b->name = op;
        b->children.push_back(std::move(e));
        b->children.push_back(std::move(*right));
        e = std::move(b);
    }
}

Result<ExprPtr> Parser::or_expr() { return binary_chain(&Parser::and_expr, {"or"}, true); }
Result<ExprPtr> Parser::and_expr() { return binary_chain(&Parser::not_expr, {"and"}, true); }

Result<ExprPtr> Parser::not_expr() {
    if (is_name("not")) {
        const std::size_t at = peek().offset;
        ++p;
        DepthGuard guard(depth);
        if (depth > max_depth) return fail(at, "expressions are nested too deeply");
        auto operand = not_expr();
        if (!operand) return operand;
        auto u = node(ExprKind::Unary, at);
        u->name = "not";
        u->children.push_back(std::move(*operand));
        return u;
    }
    return compare();
}

Result<ExprPtr> Parser::compare() {
    auto first = math1();
    if (!first) return first;
    ExprPtr cmp;
    ExprPtr e = std::move(*first);
    while (true) {
        std::string op;
        if (peek().type == TokenType::Op &&
            (peek().text == "==" || peek().text == "!=" || peek().text == "<" || peek().text == ">" ||
             peek().text == "<=" || peek().text == ">=")) {
            op = peek().text;
            ++p;
        } else if (is_name("in")) {
            op = "in";
            ++p;
        } else if (is_name("not") && is_name("in", 1)) {
            op = "not in";
            p += 2;
        } else {
            break;
        }
        if (!cmp) {
            cmp = node(ExprKind::Compare, e->pos);
            cmp->children.push_back(std::move(e));
        }
        auto right = math1();
        if (!right) return right;
        cmp->ops.push_back(op);
        cmp->children.push_back(std::move(*right));
    }
    return cmp ? std::move(cmp) : std::move(e);
}

Result<ExprPtr> Parser::math1() { return binary_chain(&Parser::concat, {"+", "-"}, false); }
Result<ExprPtr> Parser::concat() { return binary_chain(&Parser::math2, {"~"}, false); }
Result<ExprPtr> Parser::math2() { return binary_chain(&Parser::pow_expr, {"*", "/", "//", "%"}, false); }
Result<ExprPtr> Parser::pow_expr() { return binary_chain(&Parser::unary_with_filter, {"**"}, false); }
Result<ExprPtr> Parser::unary_with_filter() { return unary(true); }

Result<ExprPtr> Parser::unary(bool with_filter) {
    DepthGuard guard(depth);
    if (depth > max_depth) return fail(peek().offset, "expressions are nested too deeply");
    ExprPtr e;
    if (is_op("-") || is_op("+")) {
        const std::size_t at = peek().offset;
        const std::string op = toks[p++].text;
        auto operand = unary(false);
        if (!operand) return operand;
        e = node(ExprKind::Unary, at);
        e->name = op;
        e->children.push_back(std::move(*operand));
    } else {
        auto prim = primary();
        if (!prim) return prim;
        e = std::move(*prim);
    }
    auto post = postfix(std::move(e));
    if (!post) return post;
    e = std::move(*post);
    if (with_filter) return filter_chain(std::move(e));
    return e;
}

Result<ExprPtr> Parser::primary() {
    const Token& t = peek();
    switch (t.type) {
        case TokenType::Name: {
            ++p;
            auto e = node(ExprKind::Literal, t.offset);
            if (t.text == "true" || t.text == "True") e->value = Value::boolean(true);
            else if (t.text == "false" || t.text == "False") e->value = Value::boolean(false);
            else if (t.text == "none" || t.text == "None") e->value = Value::none();
            else {
                e->kind = ExprKind::Name;
                e->name = t.text;
            }
            return e;
        }
        case TokenType::String: {
            auto e = node(ExprKind::Literal, t.offset);
            std::string s;
            while (peek().type == TokenType::String) s += toks[p++].text;  // 'a' 'b' is 'ab'
            e->value = Value::string(std::move(s));
            return e;
        }
        case TokenType::Int: {
            ++p;
            auto e = node(ExprKind::Literal, t.offset);
            e->value = Value::integer(t.int_value);
            return e;
        }
        case TokenType::Float: {
            ++p;
            auto e = node(ExprKind::Literal, t.offset);
            e->value = Value::number(t.float_value);
            return e;
        }
        case TokenType::Op:
            if (t.text == "(") return paren();
            if (t.text == "[") return list_literal();
            if (t.text == "{") return dict_literal();
            break;
        default: break;
    }
    return fail(t.offset, "expected an expression but found " + describe(t));
}

Result<ExprPtr> Parser::paren() {
    const std::size_t at = peek().offset;
    ++p;
    if (skip_op(")")) return node(ExprKind::Tuple, at);
    auto first = expression();
    if (!first) return first;
    if (!is_op(",")) {
        if (auto s = expect_op(")"); !s) return s.error();
        return first;
    }
    auto t = node(ExprKind::Tuple, at);
    t->children.push_back(std::move(*first));
    while (skip_op(",")) {
        if (is_op(")")) break;
        auto item = expression();
        if (!item) return item;
        t->children.push_back(std::move(*item));
    }
    if (auto s = expect_op(")"); !s) return s.error();
    return t;
}

Result<ExprPtr> Parser::list_literal() {
    auto l = node(ExprKind::List, peek().offset);
    ++p;
    while (!is_op("]")) {
        auto item = expression();
        if (!item) return item;
        l->children.push_back(std::move(*item));
        if (!skip_op(",")) break;
    }
    if (auto s = expect_op("]"); !s) return s.error();
    return l;
}

Result<ExprPtr> Parser::dict_literal() {
    auto d = node(ExprKind::Dict, peek().offset);
    ++p;
    while (!is_op("}")) {
        auto key = expression();
        if (!key) return key;
        if (auto s = expect_op(":"); !s) return s.error();
        auto value = expression();
        if (!value) return value;
        d->children.push_back(std::move(*key));
        d->children.push_back(std::move(*value));
        if (!skip_op(",")) break;
    }
    if (auto s = expect_op("}"); !s) return s.error();
    return d;
}

Status Parser::call_args(Expr& e) {
    if (auto s = expect_op("("); !s) return s;
    while (!is_op(")")) {
        if (peek().type == TokenType::Name && is_op("=", 1)) {
            std::string key = toks[p].text;
            p += 2;
            auto value = expression();
            if (!value) return value.error();
            e.kwargs.emplace_back(std::move(key), std::move(*value));
        } else {
            if (is_op("*") || is_op("**")) return fail(peek().offset, "*args and **kwargs are not supported");
            if (!e.kwargs.empty()) return fail(peek().offset, "a positional argument follows a keyword argument");
            auto value = expression();
            if (!value) return value.error();
            e.args.push_back(std::move(*value));
        }
        if (!skip_op(",")) break;
    }
    return expect_op(")");
}

Result<ExprPtr> Parser::subscript(ExprPtr target) {
    const std::size_t at = peek().offset;
    ++p;  // [
    ExprPtr parts[3];
    int part = 0;
    bool is_slice = false;
    while (true) {
        if (is_op(":")) {
            is_slice = true;
            if (++part > 2) return fail(peek().offset, "a slice has at most three parts");
            ++p;
            continue;
        }
        if (is_op("]")) break;
        if (parts[part]) return fail(peek().offset, "expected ']' but found " + describe(peek()));
        auto e = expression();
        if (!e) return e;
        parts[part] = std::move(*e);
    }
    ++p;  // ]
    if (!is_slice) {
        if (!parts[0]) return fail(at, "an empty subscript []");
        auto item = node(ExprKind::Item, at);
        item->children.push_back(std::move(target));
        item->children.push_back(std::move(parts[0]));
        return item;
    }
    auto slice = node(ExprKind::Slice, at);
    slice->children.push_back(std::move(target));
    for (auto& part_expr : parts) slice->children.push_back(std::move(part_expr));
    return slice;
}

Result<ExprPtr> Parser::postfix(ExprPtr e) {
    while (true) {
        if (is_op(".")) {
            const std::size_t at = peek().offset;
            ++p;
            if (peek().type == TokenType::Int) {  // x.0 is x[0]
                auto item = node(ExprKind::Item, at);
                auto index = node(ExprKind::Literal, peek().offset);
                index->value = Value::integer(toks[p++].int_value);
                item->children.push_back(std::move(e));
                item->children.push_back(std::move(index));
                e = std::move(item);
                continue;
            }
            auto name = expect_name();
            if (!name) return name.error();
            auto attr = node(ExprKind::Attr, at);
            attr->name = std::move(*name);
            attr->children.push_back(std::move(e));
            e = std::move(attr);
        } else if (is_op("[")) {
            auto s = subscript(std::move(e));
            if (!s) return s;
            e = std::move(*s);
        } else if (is_op("(")) {
            auto call = node(ExprKind::Call, peek().offset);
            call->children.push_back(std::move(e));
            if (auto s = call_args(*call); !s) return s.error();
            e = std::move(call);
        } else {
            return e;
        }
    }
}

Result<ExprPtr> Parser::filter(ExprPtr operand) {
    const std::size_t at = peek().offset;
    auto name = expect_name();
    if (!name) return name.error();
    auto f = node(ExprKind::Filter, at);
    f->name = std::move(*name);
    f->children.push_back(std::move(operand));
    if (is_op("(")) {
        if (auto s = call_args(*f); !s) return s.error();
    }
    return f;
}

Result<ExprPtr> Parser::filter_chain(ExprPtr e) {
    while (true) {
        if (skip_op("|")) {
            auto f = filter(std::move(e));
            if (!f) return f;
            e = std::move(*f);
        } else if (is_name("is")) {
            const std::size_t at = peek().offset;
            ++p;
            auto t = node(ExprKind::Test, at);
            t->negated = skip_name("not");
            auto name = expect_name();
            if (!name) return name.error();
            t->name = std::move(*name);
            t->children.push_back(std::move(e));
            const Token& next = peek();
            if (is_op("(")) {
                if (auto s = call_args(*t); !s) return s.error();
            } else if ((next.type == TokenType::Name || next.type == TokenType::String || next.type == TokenType::Int ||
                        next.type == TokenType::Float || is_op("[") || is_op("{")) &&
                       !is_name("else") && !is_name("or") && !is_name("and")) {
                if (is_name("is")) return fail(next.offset, "tests cannot be chained with 'is'");
                auto arg = primary();
                if (!arg) return arg;
                auto post = postfix(std::move(*arg));
                if (!post) return post;
                t->args.push_back(std::move(*post));
            }
            e = std::move(t);
        } else if (is_op("(")) {
            auto call = node(ExprKind::Call, peek().offset);
            call->children.push_back(std::move(e));
            if (auto s = call_args(*call); !s) return s.error();
            e = std::move(call);
        } else {
            return e;
        }
    }
}

}  // namespace hearth::tmpl
