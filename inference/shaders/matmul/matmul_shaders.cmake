# Matrix-vector (decode) and matrix-matrix (prefill) kernels, appended to HEARTH_SHADER_SPECS.
list(APPEND HEARTH_SHADER_SPECS)
