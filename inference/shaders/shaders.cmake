# The embedded compute shaders: name=file.comp[:DEFINE=1,DEFINE2=2]. Each becomes
# hearth::shaders::<name> (a std::span<const uint32_t> of SPIR-V) in "shaders/spirv.h".
# matmul/matmul_shaders.cmake appends the matrix-product kernels (one variant per tensor type).
set(HEARTH_SHADER_SPECS
    fill_u32=${CMAKE_CURRENT_LIST_DIR}/fill_u32.comp
    rms_norm=${CMAKE_CURRENT_LIST_DIR}/rms_norm.comp
    rope=${CMAKE_CURRENT_LIST_DIR}/rope.comp
    kv_write=${CMAKE_CURRENT_LIST_DIR}/kv_write.comp
    kv_write_f32=${CMAKE_CURRENT_LIST_DIR}/kv_write.comp:KV_F32=1
    glu=${CMAKE_CURRENT_LIST_DIR}/glu.comp
    add=${CMAKE_CURRENT_LIST_DIR}/add.comp
    unary=${CMAKE_CURRENT_LIST_DIR}/unary.comp
    softmax=${CMAKE_CURRENT_LIST_DIR}/softmax.comp
    argmax=${CMAKE_CURRENT_LIST_DIR}/argmax.comp
    top_k=${CMAKE_CURRENT_LIST_DIR}/top_k.comp
    kv_rope_shift=${CMAKE_CURRENT_LIST_DIR}/kv_rope_shift.comp
    kv_rope_shift_f32=${CMAKE_CURRENT_LIST_DIR}/kv_rope_shift.comp:KV_F32=1
    attention=${CMAKE_CURRENT_LIST_DIR}/attention.comp
    attention_f32kv=${CMAKE_CURRENT_LIST_DIR}/attention.comp:KV_F32=1
    attention_combine=${CMAKE_CURRENT_LIST_DIR}/attention_combine.comp
    attention_prefill=${CMAKE_CURRENT_LIST_DIR}/attention_prefill.comp
    attention_prefill_f32kv=${CMAKE_CURRENT_LIST_DIR}/attention_prefill.comp:KV_F32=1
    attention_prefill_cpu=${CMAKE_CURRENT_LIST_DIR}/attention_prefill.comp:CPU_DRIVER=1
    attention_prefill_cpu_f32kv=${CMAKE_CURRENT_LIST_DIR}/attention_prefill.comp:CPU_DRIVER=1,KV_F32=1
    logsumexp=${CMAKE_CURRENT_LIST_DIR}/logsumexp.comp
    sum_squares=${CMAKE_CURRENT_LIST_DIR}/sum_squares.comp
)
# Embedding lookup, one variant per table type (get_rows_<type>; the C++ side lists them in
# vulkan/elementwise.cpp). A type whose dequantizer exists in matmul/dequant.glsl is one word here.
set(HEARTH_GET_ROWS_TYPES F32 F16 BF16 Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 Q2_K Q3_K Q4_K Q5_K Q6_K
    IQ4_NL IQ4_XS IQ3_XXS IQ3_S IQ2_XXS IQ2_XS IQ2_S IQ1_S IQ1_M)
foreach(_t ${HEARTH_GET_ROWS_TYPES})
  string(TOLOWER ${_t} _n)
  list(APPEND HEARTH_SHADER_SPECS get_rows_${_n}=${CMAKE_CURRENT_LIST_DIR}/get_rows.comp:TYPE_${_t}=1)
endforeach()
set(HEARTH_SHADER_DEPENDS "")
file(GLOB HEARTH_SHADER_INCLUDES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.glsl ${CMAKE_CURRENT_LIST_DIR}/matmul/*.glsl)
include(${CMAKE_CURRENT_LIST_DIR}/matmul/matmul_shaders.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/matmul/coopmat_shaders.cmake)

hearth_embed_shaders(
    OUT_HEADER ${CMAKE_CURRENT_BINARY_DIR}/shaders/spirv.h
    NAMESPACE hearth::shaders
    SHADERS ${HEARTH_SHADER_SPECS}
    DEPENDS ${HEARTH_SHADER_INCLUDES})
add_custom_target(hearth_shaders DEPENDS ${HEARTH_SHADER_OUTPUTS})
add_dependencies(hearth_vulkan hearth_shaders)
