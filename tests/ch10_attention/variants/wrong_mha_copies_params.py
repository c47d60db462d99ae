"""Copies the weight and bias arrays in __init__: in-place updates of the parameters never reach the layer."""

FAILS = [
    "ch10_attention::MultiHeadAttention::follows_param_updates",
    "ch10_attention::TransformerEncoderBlock::params_by_reference",
]

_reference_mha_init = MultiHeadAttention.__init__


class MultiHeadAttention(MultiHeadAttention):
    def __init__(self, Wq, Wk, Wv, Wo, bq, bk, bv, bo, num_heads):
        arrays = [np.array(a, copy=True) for a in (Wq, Wk, Wv, Wo, bq, bk, bv, bo)]
        _reference_mha_init(self, *arrays, num_heads)
