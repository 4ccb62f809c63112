// Whether Hearth can run what the Hub lists, judged before anything is downloaded: by the quant
// tag in a file name and by the architecture the Hub's GGUF summary names. The engine's own
// tables decide (tensor types in inference/tensor, architectures in inference/arch), so the
// listing follows the engine without a copied list. The GGUF header still decides after download.
#pragma once

#include <string>
#include <string_view>

namespace hearth::dl {

// Empty when files of this quant level can run (or the level is unknown: "" says nothing);
// otherwise why not ("TQ1_0 weights are not supported by Hearth yet; ...").
std::string quant_cannot_run(std::string_view quant);

// Empty when Hearth runs this `general.architecture` (or it is not known); otherwise why not.
std::string arch_cannot_run(std::string_view arch);

}  // namespace hearth::dl
