#include "coopmat_fixture.h"

#include <cstring>

namespace hearth::test {

std::vector<Shape> coopmat_shapes(TensorType t) {
    const uint32_t bs = traits(t).block_size;
    std::vector<Shape> s = {{1, 256, 1}, {64, 256, 64}, {67, 512, 67}, {130, 256, 9}, {100, 1024, 33}};
    if (bs == 32) s.push_back({19, 32, 7});
    if (bs == 1) {
        s.push_back({13, 7, 3});    // K below one group of 4
        s.push_back({70, 99, 66});  // K not a multiple of the K step or of 4
    }
    return s;
}

}  // namespace hearth::test
