// The parser's shared state and helpers, split over parse_expression.cpp (expressions, in
// Jinja2's precedence order) and parser.cpp (statements and blocks). Internal to the module.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "inference/template/ast.h"
#include "inference/template/lexer.h"

namespace hearth::tmpl {

struct Parser {
    const std::vector<Token>& toks;
    std::string_view src;
    int max_depth;
    std::size_t p = 0;
    int depth = 0;

    struct DepthGuard {
        int& d;
        explicit DepthGuard(int& depth) : d(depth) { ++d; }
        ~DepthGuard() { --d; }
    };

    const Token& peek(std::size_t k = 0) const {
        const std::size_t at = p + k;
        return at < toks.size() ? toks[at] : toks.back();
    }
    bool is_op(std::string_view op, std::size_t k = 0) const {
        return peek(k).type == TokenType::Op && peek(k).text == op;
    }
    bool is_name(std::string_view name, std::size_t k = 0) const {
        return peek(k).type == TokenType::Name && peek(k).text == name;
    }
    bool skip_op(std::string_view op) {
        if (!is_op(op)) return false;
        ++p;
        return true;
    }
    bool skip_name(std::string_view name) {
        if (!is_name(name)) return false;
        ++p;
        return true;
    }

    Error fail(std::size_t at, const std::string& what) const {
        return make_error("template.syntax", "Chat template, " + describe_position(src, at) + ": " + what + ".");
    }

    static std::string describe(const Token& t) {
        switch (t.type) {
            case TokenType::Text: return "text";
            case TokenType::VarBegin: return "'{{'";
            case TokenType::VarEnd: return "'}}'";
            case TokenType::BlockBegin: return "'{%'";
            case TokenType::BlockEnd: return "'%}'";
            case TokenType::Name: return "'" + t.text + "'";
            case TokenType::String: return "a string";
            case TokenType::Int:
            case TokenType::Float: return "a number";
            case TokenType::Op: return "'" + t.text + "'";
            case TokenType::End: return "the end of the template";
        }
        return "a token";
    }

    Status expect_op(std::string_view op) {
        if (skip_op(op)) return {};
        return fail(peek().offset, "expected '" + std::string(op) + "' but found " + describe(peek()));
    }
    Status expect_block_end() {
        if (peek().type == TokenType::BlockEnd) { ++p; return {}; }
        return fail(peek().offset, "expected '%}' but found " + describe(peek()));
    }
    Result<std::string> expect_name() {
        if (peek().type != TokenType::Name) return fail(peek().offset, "expected a name but found " + describe(peek()));
        return toks[p++].text;
    }

    static ExprPtr node(ExprKind kind, std::size_t pos) {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->pos = pos;
        return e;
    }

    // expressions (parse_expression.cpp)
    Result<ExprPtr> expression(bool with_cond = true);
    Result<ExprPtr> binary_chain(Result<ExprPtr> (Parser::*next)(), std::initializer_list<std::string_view> ops,
                                 bool names);
    Result<ExprPtr> or_expr();
    Result<ExprPtr> and_expr();
    Result<ExprPtr> not_expr();
    Result<ExprPtr> compare();
    Result<ExprPtr> math1();
    Result<ExprPtr> concat();
    Result<ExprPtr> math2();
    Result<ExprPtr> pow_expr();
    Result<ExprPtr> unary_with_filter();
    Result<ExprPtr> unary(bool with_filter);
    Result<ExprPtr> primary();
    Result<ExprPtr> paren();
    Result<ExprPtr> list_literal();
    Result<ExprPtr> dict_literal();
    Status call_args(Expr& e);
    Result<ExprPtr> subscript(ExprPtr target);
    Result<ExprPtr> postfix(ExprPtr e);
    Result<ExprPtr> filter(ExprPtr operand);
    Result<ExprPtr> filter_chain(ExprPtr e);

    // statements (parser.cpp)
    static StmtPtr stmt(StmtKind kind, std::size_t pos) {
        auto s = std::make_unique<Stmt>();
        s->kind = kind;
        s->pos = pos;
        return s;
    }
    Result<Body> body(std::initializer_list<std::string_view> ends, std::string* found, std::size_t opened_at);
    Result<StmtPtr> statement(const std::string& tag, std::size_t at);
    Result<StmtPtr> if_stmt(std::size_t at);
    Result<std::vector<std::string>> target_names();
    Result<StmtPtr> for_stmt(std::size_t at);
    Result<ExprPtr> tuple_expression();
    Result<StmtPtr> set_stmt(std::size_t at);
    Result<StmtPtr> macro_stmt(std::size_t at);
    Result<StmtPtr> with_stmt(std::size_t at);
    Result<StmtPtr> filter_stmt(std::size_t at);
};

}  // namespace hearth::tmpl
