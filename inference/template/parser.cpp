#include "inference/template/parser.h"

#include "inference/template/parser_internal.h"

namespace hearth::tmpl {

// Parses until `{% <one of ends>`; consumes that `{%` and name and reports which it was.
Result<Body> Parser::body(std::initializer_list<std::string_view> ends, std::string* found, std::size_t opened_at) {
    DepthGuard guard(depth);
    if (depth > max_depth) return fail(opened_at, "blocks are nested too deeply");
    Body out;
    while (true) {
        const Token& t = peek();
        if (t.type == TokenType::End) {
            if (ends.size() == 0) return out;
            const std::string_view closing = *(ends.end() - 1);  // endif, endfor, …: always listed last
            return fail(opened_at, "this block is never closed with {% " + std::string(closing) + " %}");
        }
        if (t.type == TokenType::Text) {
            auto s = stmt(StmtKind::Text, t.offset);
            s->text = t.text;
            ++p;
            out.push_back(std::move(s));
            continue;
        }
        if (t.type == TokenType::VarBegin) {
            ++p;
            auto s = stmt(StmtKind::Output, t.offset);
            auto e = expression();
            if (!e) return e.error();
            s->expr = std::move(*e);
            if (peek().type != TokenType::VarEnd)
                return fail(peek().offset, "expected '}}' but found " + describe(peek()));
            ++p;
            out.push_back(std::move(s));
            continue;
        }
        if (t.type != TokenType::BlockBegin) return fail(t.offset, "unexpected " + describe(t));
        const Token& name = peek(1);
        if (name.type != TokenType::Name) return fail(name.offset, "expected a tag name after '{%'");
        for (auto end : ends) {
            if (name.text == end) {
                p += 2;
                if (found) *found = name.text;
                return out;
            }
        }
        p += 2;
        auto s = statement(name.text, t.offset);
        if (!s) return s.error();
        out.push_back(std::move(*s));
    }
}

Result<StmtPtr> Parser::statement(const std::string& tag, std::size_t at) {
    if (tag == "if") return if_stmt(at);
    if (tag == "for") return for_stmt(at);
    if (tag == "set") return set_stmt(at);
    if (tag == "macro") return macro_stmt(at);
    if (tag == "with") return with_stmt(at);
    if (tag == "filter") return filter_stmt(at);
    if (tag == "break" || tag == "continue") {
        auto s = stmt(tag == "break" ? StmtKind::Break : StmtKind::Continue, at);
        if (auto e = expect_block_end(); !e) return e.error();
        return s;
    }
    if (tag == "generation") {  // Hugging Face's assistant-mask marker: renders its body
        if (auto e = expect_block_end(); !e) return e.error();
        auto s = stmt(StmtKind::Block, at);
        auto b = body({"endgeneration"}, nullptr, at);
        if (!b) return b.error();
        s->body = std::move(*b);
        if (auto e = expect_block_end(); !e) return e.error();
        return s;
    }
    if (tag.rfind("end", 0) == 0 || tag == "else" || tag == "elif")
        return fail(at, "'{% " + tag + " %}' does not close any open block");
    return fail(at, "the tag '" + tag + "' is not supported in chat templates");
}

Result<StmtPtr> Parser::if_stmt(std::size_t at) {
    auto s = stmt(StmtKind::If, at);
    while (true) {
        auto cond = expression();
        if (!cond) return cond.error();
        if (auto e = expect_block_end(); !e) return e.error();
        std::string found;
        auto b = body({"elif", "else", "endif"}, &found, at);
        if (!b) return b.error();
        s->conds.push_back(std::move(*cond));
        s->bodies.push_back(std::move(*b));
        if (found == "elif") continue;
        if (found == "else") {
            if (auto e = expect_block_end(); !e) return e.error();
            auto eb = body({"endif"}, nullptr, at);
            if (!eb) return eb.error();
            s->else_body = std::move(*eb);
        }
        if (auto e = expect_block_end(); !e) return e.error();
        return s;
    }
}

Result<std::vector<std::string>> Parser::target_names() {
    std::vector<std::string> names;
    const bool paren = skip_op("(");
    do {
        auto n = expect_name();
        if (!n) return n.error();
        names.push_back(std::move(*n));
    } while (skip_op(","));
    if (paren) {
        if (auto s = expect_op(")"); !s) return s.error();
    }
    return names;
}

Result<StmtPtr> Parser::for_stmt(std::size_t at) {
    auto s = stmt(StmtKind::For, at);
    auto names = target_names();
    if (!names) return names.error();
    s->targets = std::move(*names);
    if (!skip_name("in")) return fail(peek().offset, "expected 'in' but found " + describe(peek()));
    auto iter = expression(false);
    if (!iter) return iter.error();
    s->expr = std::move(*iter);
    if (skip_name("if")) {
        auto cond = expression();
        if (!cond) return cond.error();
        s->cond = std::move(*cond);
    }
    if (is_name("recursive")) return fail(peek().offset, "recursive loops are not supported");
    if (auto e = expect_block_end(); !e) return e.error();
    std::string found;
    auto b = body({"else", "endfor"}, &found, at);
    if (!b) return b.error();
    s->body = std::move(*b);
    if (found == "else") {
        if (auto e = expect_block_end(); !e) return e.error();
        auto eb = body({"endfor"}, nullptr, at);
        if (!eb) return eb.error();
        s->else_body = std::move(*eb);
    }
    if (auto e = expect_block_end(); !e) return e.error();
    return s;
}

Result<ExprPtr> Parser::tuple_expression() {
    const std::size_t at = peek().offset;
    auto first = expression();
    if (!first) return first;
    if (!is_op(",")) return first;
    auto t = node(ExprKind::Tuple, at);
    t->children.push_back(std::move(*first));
    while (skip_op(",")) {
        if (peek().type == TokenType::BlockEnd) break;
        auto item = expression();
        if (!item) return item;
        t->children.push_back(std::move(*item));
    }
    return t;
}

Result<StmtPtr> Parser::set_stmt(std::size_t at) {
    auto s = stmt(StmtKind::Set, at);
    auto first = expect_name();
    if (!first) return first.error();
    s->targets.push_back(std::move(*first));
    if (skip_op(".")) {
        auto attr = expect_name();
        if (!attr) return attr.error();
        s->name = std::move(*attr);
    } else {
        while (skip_op(",")) {
            auto n = expect_name();
            if (!n) return n.error();
            s->targets.push_back(std::move(*n));
        }
    }
    if (skip_op("=")) {
        auto value = tuple_expression();
        if (!value) return value.error();
        s->expr = std::move(*value);
        if (auto e = expect_block_end(); !e) return e.error();
        return s;
    }
    if (s->targets.size() != 1 || !s->name.empty()) return fail(peek().offset, "expected '=' in this set");
    s->kind = StmtKind::SetBlock;
    if (skip_op("|")) {  // {% set x | upper %}…{% endset %}
        auto f = filter(nullptr);
        if (!f) return f.error();
        s->expr = std::move(*f);
        while (skip_op("|")) {
            auto g = filter(std::move(s->expr));
            if (!g) return g.error();
            s->expr = std::move(*g);
        }
    }
    if (auto e = expect_block_end(); !e) return e.error();
    auto b = body({"endset"}, nullptr, at);
    if (!b) return b.error();
    s->body = std::move(*b);
    if (auto e = expect_block_end(); !e) return e.error();
    return s;
}

Result<StmtPtr> Parser::macro_stmt(std::size_t at) {
    auto s = stmt(StmtKind::Macro, at);
    auto name = expect_name();
    if (!name) return name.error();
    s->name = std::move(*name);
    if (auto e = expect_op("("); !e) return e.error();
    while (!is_op(")")) {
        auto param = expect_name();
        if (!param) return param.error();
        ExprPtr def;
        if (skip_op("=")) {
            auto d = expression();
            if (!d) return d.error();
            def = std::move(*d);
        }
        s->params.emplace_back(std::move(*param), std::move(def));
        if (!skip_op(",")) break;
    }
    if (auto e = expect_op(")"); !e) return e.error();
    if (auto e = expect_block_end(); !e) return e.error();
    auto b = body({"endmacro"}, nullptr, at);
    if (!b) return b.error();
    s->body = std::move(*b);
    if (is_name(s->name)) ++p;  // {% endmacro name %}
    if (auto e = expect_block_end(); !e) return e.error();
    return s;
}

Result<StmtPtr> Parser::with_stmt(std::size_t at) {
    auto s = stmt(StmtKind::With, at);
    while (peek().type != TokenType::BlockEnd) {
        auto name = expect_name();
        if (!name) return name.error();
        if (auto e = expect_op("="); !e) return e.error();
        auto value = expression();
        if (!value) return value.error();
        s->targets.push_back(std::move(*name));
        s->values.push_back(std::move(*value));
        if (!skip_op(",")) break;
    }
    if (auto e = expect_block_end(); !e) return e.error();
    auto b = body({"endwith"}, nullptr, at);
    if (!b) return b.error();
    s->body = std::move(*b);
    if (auto e = expect_block_end(); !e) return e.error();
    return s;
}

Result<StmtPtr> Parser::filter_stmt(std::size_t at) {
    auto s = stmt(StmtKind::FilterBlock, at);
    auto f = filter(nullptr);
    if (!f) return f.error();
    s->expr = std::move(*f);
    while (skip_op("|")) {
        auto g = filter(std::move(s->expr));
        if (!g) return g.error();
        s->expr = std::move(*g);
    }
    if (auto e = expect_block_end(); !e) return e.error();
    auto b = body({"endfilter"}, nullptr, at);
    if (!b) return b.error();
    s->body = std::move(*b);
    if (auto e = expect_block_end(); !e) return e.error();
    return s;
}

Result<Template> parse_template(std::string_view source, const TemplateLimits& limits) {
    if (source.size() > limits.max_template_bytes)
        return make_error("template.too_large", "The chat template is " + std::to_string(source.size()) +
                                                    " bytes, more than the " + std::to_string(limits.max_template_bytes) +
                                                    " bytes accepted.");
    Template t;
    t.source.reserve(source.size());
    for (std::size_t k = 0; k < source.size(); ++k) {
        if (source[k] == '\r') {
            t.source += '\n';
            if (k + 1 < source.size() && source[k + 1] == '\n') ++k;
        } else {
            t.source += source[k];
        }
    }
    if (!t.source.empty() && t.source.back() == '\n') t.source.pop_back();
    auto toks = tokenize(t.source);
    if (!toks) return toks.error();
    Parser parser{*toks, t.source, limits.max_depth};
    auto b = parser.body({}, nullptr, 0);
    if (!b) return b.error();
    t.body = std::move(*b);
    return t;
}

}  // namespace hearth::tmpl
