"""Copies every parameter array in __init__: an optimizer's in-place update of params never reaches the block."""

FAILS = [
    "ch10_attention::TransformerEncoderBlock::params_by_reference",
]

_reference_block_init = TransformerEncoderBlock.__init__


class TransformerEncoderBlock(TransformerEncoderBlock):
    def __init__(self, params, num_heads, eps=1e-5):
        _reference_block_init(self, {k: v.copy() for k, v in params.items()}, num_heads, eps)
