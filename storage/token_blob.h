// The per-token data of a generated message (base/token_info.h) as the compact BLOB kept in
// messages.token_data, appended batch by batch as the reply streams.
//
// Each token is one fixed 46-byte record, little-endian, so that batches concatenate and a
// reader can index the n-th token without parsing the ones before it:
//   u32 id | u16 probability (p * 65535, rounded) | u8 part (0 answer, 1 thinking) | u8 n_top |
//   u32 begin | u32 end (byte range in the part's text) | 5 x (u32 id, u16 probability)
// 46 bytes against the 50-odd a token's text and its row overhead take: a 1000-token reply
// stores 45 KiB.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/token_info.h"

namespace hearth::storage {

inline constexpr size_t kTokenRecordBytes = 46;

void append_token_records(std::span<const TokenInfo> tokens, std::vector<uint8_t>& out);
std::vector<uint8_t> encode_token_records(std::span<const TokenInfo> tokens);
// Whole records only: a blob whose length is not a multiple of the record (damage) loses its
// incomplete tail, nothing more.
std::vector<TokenInfo> decode_token_records(std::span<const uint8_t> blob);

}  // namespace hearth::storage
