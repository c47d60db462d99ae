"""Never passes the mask on to the attention of the heads."""

FAILS = []


class MultiHeadAttention(MultiHeadAttention):
    def forward(self, x_q, x_kv, mask=None):
        return super().forward(x_q, x_kv, None)
