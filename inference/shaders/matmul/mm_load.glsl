// Byte-granular reads from the weight buffer, which is bound as 32-bit words so that no 8- or
// 16-bit storage feature is needed. Quant blocks are 2-byte aligned only (Q4_0 is 18 bytes), so
// every multi-byte read below accepts any even byte offset.
//
// Expects: layout(std430, binding = 0) readonly buffer Weights { uint wdata[]; };

uint ld_u8(uint o) { return (wdata[o >> 2] >> ((o & 3u) * 8u)) & 0xFFu; }

// o must be even.
uint ld_u16(uint o) { return (wdata[o >> 2] >> ((o & 2u) * 8u)) & 0xFFFFu; }

// Four little-endian bytes starting at an even offset.
uint ld_u32(uint o) {
    uint w = o >> 2;
    if ((o & 2u) == 0u) return wdata[w];
    return (wdata[w] >> 16) | (wdata[w + 1u] << 16);
}

float ld_f16(uint o) { return unpackHalf2x16(ld_u16(o)).x; }

// Bytes b0..b3 of a word as a vec4.
vec4 bytes4(uint v) {
    return vec4(float(v & 0xFFu), float((v >> 8) & 0xFFu), float((v >> 16) & 0xFFu), float(v >> 24));
}
// The same bytes read as int8.
vec4 sbytes4(uint v) {
    return vec4(float(int(v << 24) >> 24), float(int(v << 16) >> 24), float(int(v << 8) >> 24),
                float(int(v) >> 24));
}

// 16 bytes starting at an even offset, as 4 little-endian words: 4 word loads, plus a fifth
// and funnel shifts when the offset is only 2-byte aligned (every other 18-byte Q4_0 block).
// The fifth word holds bytes o+14 and o+15, so it is inside the binding too.
uvec4 ld16(uint o) {
    uint w = o >> 2;
    uvec4 a = uvec4(wdata[w], wdata[w + 1u], wdata[w + 2u], wdata[w + 3u]);
    if ((o & 2u) == 0u) return a;
    uint e = wdata[w + 4u];
    return uvec4((a.x >> 16) | (a.y << 16), (a.y >> 16) | (a.z << 16), (a.z >> 16) | (a.w << 16),
                 (a.w >> 16) | (e << 16));
}
