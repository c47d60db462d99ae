"""The original post-norm block, y = LN1(x + MHA(x, x)), out = LN2(y + FFN(y)), instead of pre-norm."""

FAILS = []


class TransformerEncoderBlock(TransformerEncoderBlock):
    def forward(self, x, mask=None):
        p = self.params
        y = self.ln1.forward(x + self.attn.forward(x, x, mask))
        self.z = y
        self.pre = y @ p["W1"] + p["b1"]
        self.hidden = np.maximum(self.pre, 0.0)
        return self.ln2.forward(y + self.hidden @ p["W2"] + p["b2"])
