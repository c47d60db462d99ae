"""scaled_dot_product_attention(q, k, v, mask) without a default for mask: a call without a mask raises TypeError."""

FAILS = [
    "ch10_attention::scaled_dot_product_attention::default_mask",
]

_sdpa = scaled_dot_product_attention


def scaled_dot_product_attention(q, k, v, mask):
    return _sdpa(q, k, v, mask)
