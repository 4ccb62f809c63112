# The list of embedded compute shaders: name=file.comp[:DEFINE=1,...]. Each becomes
# hearth::shaders::<name> (a std::span<const uint32_t> of SPIR-V) in "shaders/spirv.h".
set(HEARTH_SHADER_SPECS
    fill_u32=${CMAKE_CURRENT_LIST_DIR}/fill_u32.comp
)
hearth_embed_shaders(
    OUT_HEADER ${CMAKE_CURRENT_BINARY_DIR}/shaders/spirv.h
    NAMESPACE hearth::shaders
    SHADERS ${HEARTH_SHADER_SPECS})
add_custom_target(hearth_shaders DEPENDS ${HEARTH_SHADER_OUTPUTS})
add_dependencies(hearth_vulkan hearth_shaders)
