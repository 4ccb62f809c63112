// The parsed template: plain node structs, one kind tag each, children owned by unique_ptr.
// `pos` is the byte offset of the node's first token, for line:column in error messages.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "inference/template/value.h"

namespace hearth::tmpl {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
    Literal,   // value
    Name,      // name
    List,      // children = items
    Tuple,     // children = items
    Dict,      // children = key0, value0, key1, value1, …
    Attr,      // children[0].name
    Item,      // children[0][children[1]]
    Slice,     // children[0][children[1]:children[2]:children[3]] (missing parts are null)
    Call,      // children[0](args, kwargs)
    Filter,    // children[0] | name(args, kwargs)
    Test,      // children[0] is [not] name(args)
    Unary,     // op children[0]; op is "-", "+" or "not"
    Binary,    // children[0] op children[1]; op is + - * / // % ** ~ and or
    Compare,   // children[0] ops[0] children[1] ops[1] children[2] … (chained, as in Python)
    Cond,      // children[0] if children[1] else children[2] (else part may be null)
};

struct Expr {
    ExprKind kind = ExprKind::Literal;
    std::size_t pos = 0;
    Value value;
    std::string name;  // Name, Attr, Filter, Test; operator for Unary and Binary
    bool negated = false;  // Test: `is not`
    std::vector<ExprPtr> children;
    std::vector<std::string> ops;  // Compare
    std::vector<ExprPtr> args;
    std::vector<std::pair<std::string, ExprPtr>> kwargs;
};

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

enum class StmtKind {
    Text,      // text
    Output,    // {{ expr }}
    If,        // conds[k] → bodies[k]; else_body
    For,       // for targets in expr [if cond]: body [else else_body]
    Set,       // set targets = expr, or set targets[0].attr = expr
    SetBlock,  // set targets[0] %} body {% endset (optionally | filter)
    Macro,     // macro name(params) body
    With,      // with targets = values: body
    FilterBlock,  // filter (expr is a Filter node with a null operand): body
    Break,
    Continue,
    Block,     // a body with no effect of its own, e.g. {% generation %} from Hugging Face
};

struct Stmt {
    StmtKind kind = StmtKind::Text;
    std::size_t pos = 0;
    std::string text;
    std::string name;  // Macro name; Set: attribute when assigning to `ns.attr`
    std::vector<std::string> targets;
    ExprPtr expr;
    ExprPtr cond;                  // For: loop filter
    std::vector<ExprPtr> conds;    // If
    std::vector<Body> bodies;      // If
    std::vector<ExprPtr> values;   // With
    Body body;
    Body else_body;
    std::vector<std::pair<std::string, ExprPtr>> params;  // Macro: name and default (null: none)
};

struct Template {
    std::string source;  // normalized source, kept for positions in runtime errors
    Body body;
};

}  // namespace hearth::tmpl
