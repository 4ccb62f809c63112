# Matrix-vector (decode) and matrix-matrix (prefill) kernels, appended to HEARTH_SHADER_SPECS.
# One variant per tensor type (TYPE_<NAME> picks the dequantizer in dequant.glsl):
#   matvec_<type>        shared-memory reduction          matvec_<type>_sg  subgroupAdd reduction
#   matmul_<type>        tiled, dequantizes into shared memory
#   matvec_q8_<type>(_sg) integer-dot-product decode (every quantized type), with quantize_q8
#   matmul_q8_<type>     integer-dot-product tiled prefill (every quantized type), with quantize_q8
set(_mm_dir ${CMAKE_CURRENT_LIST_DIR})
foreach(_t F32 F16 BF16 Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 Q2_K Q3_K Q4_K Q5_K Q6_K
           IQ4_NL IQ4_XS IQ2_XXS IQ2_XS IQ2_S IQ3_XXS IQ3_S IQ1_S IQ1_M)
  string(TOLOWER ${_t} _n)
  list(APPEND HEARTH_SHADER_SPECS
       matvec_${_n}=${_mm_dir}/matvec.comp:TYPE_${_t}=1
       matvec_${_n}_sg=${_mm_dir}/matvec.comp:TYPE_${_t}=1,USE_SUBGROUP=1
       matmul_${_n}=${_mm_dir}/matmul.comp:TYPE_${_t}=1)
endforeach()
foreach(_t Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 Q2_K Q3_K Q4_K Q5_K Q6_K)
  string(TOLOWER ${_t} _n)
  list(APPEND HEARTH_SHADER_SPECS
       matvec_q8_${_n}=${_mm_dir}/matvec_q8.comp:TYPE_${_t}=1
       matvec_q8_${_n}_sg=${_mm_dir}/matvec_q8.comp:TYPE_${_t}=1,USE_SUBGROUP=1
       matmul_q8_${_n}=${_mm_dir}/matmul_q8.comp:TYPE_${_t}=1)
endforeach()
list(APPEND HEARTH_SHADER_SPECS quantize_q8=${_mm_dir}/quantize_q8.comp)
