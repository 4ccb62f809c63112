# Cooperative-matrix prefill kernels (VK_NV_cooperative_matrix), appended to HEARTH_SHADER_SPECS.
# One variant per tensor type, like matmul_<type> (TYPE_<NAME> picks the dequantizer):
#   matmul_coopmat_<type>      float16 fragments multiplied with cooperative matrices
#   matmul_coopmat_emu_<type>  the same kernel with the fragment operations in plain code, so tests
#                              on devices without cooperative matrices (lavapipe) cover its tiling
set(_cm_dir ${CMAKE_CURRENT_LIST_DIR})
foreach(_t F32 F16 BF16 Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 Q2_K Q3_K Q4_K Q5_K Q6_K)
  string(TOLOWER ${_t} _n)
  list(APPEND HEARTH_SHADER_SPECS
       matmul_coopmat_${_n}=${_cm_dir}/matmul_coopmat.comp:TYPE_${_t}=1,COOPMAT_EMULATE=0
       matmul_coopmat_emu_${_n}=${_cm_dir}/matmul_coopmat.comp:TYPE_${_t}=1,COOPMAT_EMULATE=1)
endforeach()
