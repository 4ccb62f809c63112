// Activations quantized for integer dot products: per 32 values one scale d, the sum
// s = d * sum(q) (for formats with an offset or a min), and the 32 int8 values packed 4 per word.
struct BlockQ8 {
    float d;
    float s;
    uint qs[8];
};
