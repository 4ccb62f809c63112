// Sums acc[o] (o < NOUT) over the workgroup and calls store_out(o, total) once per o, from
// thread o. With USE_SUBGROUP each subgroup first adds its lanes with subgroupAdd; otherwise a
// shared-memory tree does it all (workgroup size must then be a power of two).
//
// Expects: spec constant NOUT, a local array float acc[NOUT], and void store_out(uint, float).

shared float red_sh[gl_WorkGroupSize.x * NOUT];

void reduce_and_store(inout float acc[NOUT]) {
    uint tid = gl_LocalInvocationIndex;
#if defined(USE_SUBGROUP)
    for (uint o = 0u; o < NOUT; ++o) acc[o] = subgroupAdd(acc[o]);
    if (subgroupElect()) {
        for (uint o = 0u; o < NOUT; ++o) red_sh[gl_SubgroupID * NOUT + o] = acc[o];
    }
    barrier();
    for (uint o = tid; o < NOUT; o += gl_WorkGroupSize.x) {
        float s = 0.0;
        for (uint g = 0u; g < gl_NumSubgroups; ++g) s += red_sh[g * NOUT + o];
        store_out(o, s);
    }
#else
    for (uint o = 0u; o < NOUT; ++o) red_sh[o * gl_WorkGroupSize.x + tid] = acc[o];
    barrier();
    for (uint s = gl_WorkGroupSize.x / 2u; s > 0u; s >>= 1) {
        if (tid < s) {
            for (uint o = 0u; o < NOUT; ++o)
                red_sh[o * gl_WorkGroupSize.x + tid] += red_sh[o * gl_WorkGroupSize.x + tid + s];
        }
        barrier();
    }
    for (uint o = tid; o < NOUT; o += gl_WorkGroupSize.x) store_out(o, red_sh[o * gl_WorkGroupSize.x]);
#endif
}
