"""Affine.forward flattens by assigning x.shape, which reshapes the caller's array."""

FAILS = ["ch04_backprop::Affine::input_not_modified"]


class Affine(Affine):
    def forward(self, x):
        self.original_x_shape = x.shape
        x.shape = (x.shape[0], -1)
        self.x = x
        return x @ self.W + self.b
