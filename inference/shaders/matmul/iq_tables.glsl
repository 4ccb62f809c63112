// Values of the GGUF IQ formats as llama.cpp defines them in ggml/src/ggml-common.h at commit
// 3f545beccee69d9975f466ec7e45fd9aacd8ba90 (MIT licence), taken from the shared test data's
// formats/iq-tables.json by scripts/gen_iq_tables.py. Generated: do not edit.

const int kvalues_iq4nl[16] = int[](-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113);
