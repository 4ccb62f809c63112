// The one interface the generation loop needs from a compute backend. The CPU reference
// (inference/cpu) and the Vulkan engine (inference/vulkan) implement it.
//
// It is deliberately a single call. `eval(tokens, pos0, logits)` runs `tokens` at positions
// pos0 .. pos0+n-1 on top of the KV cache entries 0 .. pos0-1 and forgets any entries at or after
// pos0 from earlier calls. That one rule covers prefill (n > 1), decode (n == 1), reset (pos0 = 0)
// and reusing an unchanged prompt prefix (pos0 = length of the common prefix), so there is no
// separate truncate/reset call to get out of step with it.
//
// The KV cache has one owner at a time (claim_cache): a conversation that finds its claim
// replaced knows another one used the cache since, and evaluates its tokens again instead of
// reading someone else's keys.
//
// Two optional calls have defaults: `shift` (a context shift; the default says the backend has
// none) and `eval_candidates` (eval, then only what the sampler needs from the last row; the
// default reads the full row and summarises it on the CPU).
#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/result.h"
#include "inference/sampling/candidates.h"

namespace hearth::engine {

// Sees the input rows of every matrix product an eval computes: what an importance matrix is
// collected from (inference/quant/imatrix_collect.h). Called on the evaluating thread.
struct ActivationObserver {
    virtual ~ActivationObserver() = default;
    // `rows` holds n_rows vectors of n_cols floats, the input of the product with `weight`
    // (the tensor's name in the GGUF file).
    virtual void observe(std::string_view weight, const float* rows, int64_t n_rows, int64_t n_cols) = 0;
    // What a backend that sums on the device (Vulkan's activation taps) reports instead of rows:
    // sum2[c] is the sum of the squares of input column c over n_rows rows. It may come late: at
    // the latest when the observer is replaced or removed (set_activation_observer).
    virtual void observe_sums(std::string_view weight, const double* sum2, int64_t n_cols, double n_rows) = 0;
};

struct Backend {
    virtual ~Backend() = default;

    virtual const char* name() const = 0;  // "cpu", "vulkan: <device>"
    virtual int32_t n_ctx() const = 0;     // positions the KV cache holds
    virtual int32_t n_vocab() const = 0;
    virtual int32_t n_cached() const = 0;  // valid KV positions after the last eval

    // Preconditions (checked; violations return an error, code "engine.bad_eval"):
    // 0 <= pos0 <= n_cached(), tokens non-empty, pos0 + tokens.size() <= n_ctx(), every token in
    // [0, n_vocab). `logits` receives either the last position's row (size n_vocab) or every
    // position's row (size tokens.size() * n_vocab, row i for tokens[i]); any other size is an
    // error. On error the cache keeps only positions < pos0.
    virtual Status eval(std::span<const int32_t> tokens, int32_t pos0, std::span<float> logits) = 0;

    // Like eval, but returns for the last row only what a sampler needs (a RowSummary, see
    // sampling/candidates.h): the logits of req.ids, and of the other tokens the req.k best and
    // the log-sum-exp. Same preconditions and errors as eval, plus "engine.bad_eval" for k
    // outside 1 ..= kMaxCandidates or ids out of range, repeated or unsorted.
    virtual Status eval_candidates(std::span<const int32_t> tokens, int32_t pos0,
                                   const sampling::CandidateRequest& req, sampling::RowSummary& out);

    // Context shift: drops cache positions [keep, keep+discard), moves the later ones down and
    // re-rotates their keys by -discard positions, so n_cached() shrinks by `discard`. The caller
    // drops the same tokens from its own record. Errors: "engine.bad_shift" unless
    // 0 <= keep, 1 <= discard and keep + discard <= n_cached() (nothing changes then);
    // "engine.shift_unsupported" from backends without one (this default).
    virtual Status shift(int32_t keep, int32_t discard);

    // The caller's Stop flag (owned by the caller, outliving the backend's use; nullptr: none).
    // A backend that waits on a device checks it while waiting, so eval, eval_candidates and
    // shift return "engine.cancelled" within milliseconds of the flag being set, the cache then
    // keeping only positions < pos0 (the device may finish the step it was running; the next
    // call waits for that). The default ignores it: the CPU backend is checked between calls.
    virtual void set_cancel(const std::atomic<bool>* cancel) { (void)cancel; }

    // Reports every later eval's matrix-product inputs to `obs` (null: stop). The default says
    // the backend cannot ("engine.no_observer").
    virtual Status set_activation_observer(ActivationObserver* obs);

    // Cache ownership. Whoever is about to evaluate on top of what it left in the cache checks
    // owns_cache(its claim); anyone about to evaluate anything else takes a new claim first, which
    // invalidates every earlier one. generate() does both through Session::claim; code that calls
    // eval directly on a shared backend calls claim_cache() before. Claims are never 0.
    uint64_t claim_cache() { return owner_ = ++last_claim_; }
    bool owns_cache(uint64_t claim) const { return claim != 0 && claim == owner_; }

private:
    uint64_t owner_ = 0, last_claim_ = 0;
};

// The argument check of `shift` shared by the implementations.
Status check_shift(int32_t keep, int32_t discard, int32_t n_cached);

// The argument check of `eval_candidates`'s request shared by the implementations.
Status check_candidate_request(const sampling::CandidateRequest& req, int32_t n_vocab);

}  // namespace hearth::engine
