# The embedded compute shaders: name=file.comp[:DEFINE=1,DEFINE2=2]. Each becomes
# hearth::shaders::<name> (a std::span<const uint32_t> of SPIR-V) in "shaders/spirv.h".
# matmul/matmul_shaders.cmake appends the matrix-product kernels (one variant per tensor type).
set(HEARTH_SHADER_SPECS
    fill_u32=${CMAKE_CURRENT_LIST_DIR}/fill_u32.comp
)
set(HEARTH_SHADER_DEPENDS "")
file(GLOB HEARTH_SHADER_INCLUDES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.glsl ${CMAKE_CURRENT_LIST_DIR}/matmul/*.glsl)
include(${CMAKE_CURRENT_LIST_DIR}/matmul/matmul_shaders.cmake OPTIONAL)

hearth_embed_shaders(
    OUT_HEADER ${CMAKE_CURRENT_BINARY_DIR}/shaders/spirv.h
    NAMESPACE hearth::shaders
    SHADERS ${HEARTH_SHADER_SPECS}
    DEPENDS ${HEARTH_SHADER_INCLUDES})
add_custom_target(hearth_shaders DEPENDS ${HEARTH_SHADER_OUTPUTS})
add_dependencies(hearth_vulkan hearth_shaders)
