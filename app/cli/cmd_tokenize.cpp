// `hearth-cli tokenize -m FILE -p TEXT [--no-bos] [--no-special] [--ids]`: the ids a model's
// tokenizer gives for a text, one `id 'piece'` per line, or the ids alone on one line.
#include <cstdio>
#include <string>

#include "app/cli/commands.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/tokenizer/tokenizer.h"
#include "inference/tokenizer/utf8.h"

namespace hearth::cli {

// Whole UTF-8 characters stay as they are; newlines, tabs, other control bytes and bytes that are
// not part of a character are escaped so that each token fits on one line.
static std::string printable(const std::string& piece) {
    std::string out;
    for (size_t i = 0; i < piece.size();) {
        const auto c = static_cast<unsigned char>(piece[i]);
        const size_t n = utf8::char_len(piece, i);
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\\' || c == '\'') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && n == 1)) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        } else {
            out.append(piece, i, n);
        }
        i += n;
    }
    return out;
}

int cmd_tokenize(Args& args) {
    const auto model = args.value({"-m", "--model"});
    const auto text = args.value({"-p", "--prompt"});
    const bool no_bos = args.flag({"--no-bos"});
    const bool no_special = args.flag({"--no-special"});
    const bool ids_only = args.flag({"--ids"});
    if (!args.error.empty()) {
        std::fprintf(stderr, "error: tokenize: %s\n", args.error.c_str());
        return 2;
    }
    if (int rc = reject_unused(args, "tokenize")) return rc;
    if (!model || !text) {
        std::fprintf(stderr, "error: tokenize needs a model and a text: hearth-cli tokenize -m FILE -p TEXT\n");
        return 2;
    }
    auto file = GgufFile::open(*model);
    if (!file) return fail(file.error().message);
    auto tok = tokenizer_from_gguf(*file);
    if (!tok) return fail(tok.error().message);

    const auto ids = tokenize(*tok, *text, {.add_special = !no_bos, .parse_special = !no_special});
    if (ids_only) {
        std::string line;
        for (int32_t id : ids) line += (line.empty() ? "" : " ") + std::to_string(id);
        std::printf("%s\n", line.c_str());
        return 0;
    }
    for (int32_t id : ids)
        std::printf("%d '%s'\n", id, printable(token_to_piece(*tok, id, /*render_special=*/true)).c_str());
    return 0;
}

}  // namespace hearth::cli
