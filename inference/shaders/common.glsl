// Shared by the engine's kernels (not the matmul family).
//
// The params buffer carries what changes between replays of a recorded graph, so the command
// buffer never has to be re-recorded for a new position or token:
//   params[0] = pos0      position of the first token of this batch
//   params[1] = n         tokens in this batch (<= the batch the graph was recorded for)
//   params[2] = 0, params[3] = 0
//   params[4 + t] = token id of batch row t
#extension GL_GOOGLE_include_directive : require

#define PARAM_POS0 0
#define PARAM_N 1
#define PARAM_TOKENS 4

// F16 values are stored two per 32-bit word (low half first, as in memory), so the kernels need
// no 16-bit storage feature.
vec2 load_half2(uint word) { return unpackHalf2x16(word); }
uint store_half2(vec2 v) { return packHalf2x16(v); }

float softcap(float x, float c) { return c > 0.0 ? c * tanh(x / c) : x; }
