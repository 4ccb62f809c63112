// Activations quantized for integer dot products: per 32 values one scale d, the 32 int8 values
// packed 4 per word, and d * sum(q) over the block (s) and over each 16-value half (s_lo, s_hi)
// for the formats with an offset or a min (Q2_K's mins change every 16 values).
// 48 bytes, so qs starts 16-byte aligned.
struct BlockQ8 {
    float d;
    float s;
    float s_lo;
    float s_hi;
    uint qs[8];
};
