// OpSDot (4450) on two 32-bit words holding 4 x int8 (packed vector format 0), declared through
// GL_EXT_spirv_intrinsics because glslang 11 has no GL_EXT_integer_dot_product. The including
// shader must enable GL_EXT_spirv_intrinsics; the device must enable shaderIntegerDotProduct.
spirv_instruction(extensions = ["SPV_KHR_integer_dot_product"], capabilities = [6019, 6018], id = 4450)
int sdot4x8(uint a, uint b, spirv_literal int packed_format);
