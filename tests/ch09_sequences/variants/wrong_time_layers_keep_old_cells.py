"""TimeRNN, TimeLSTM and TimeGRU append each forward's cells to the list made in __init__ and never clear it: backward
then walks the cells of the first forward."""

FAILS = [
    "ch09_sequences::TimeGRU::repeated_calls",
    "ch09_sequences::TimeLSTM::repeated_calls",
    "ch09_sequences::TimeRNN::repeated_calls",
]


def _keep_old_cells(cls):
    class Kept(cls):
        def forward(self, xs):
            old = self.layers
            hs = super().forward(xs)
            self.layers = old + self.layers
            return hs

    Kept.__name__ = cls.__name__
    return Kept


TimeRNN = _keep_old_cells(TimeRNN)
TimeLSTM = _keep_old_cells(TimeLSTM)
TimeGRU = _keep_old_cells(TimeGRU)
