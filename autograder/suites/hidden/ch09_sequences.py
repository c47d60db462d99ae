"""Hidden checks for ch09_sequences: state handling, other sizes, repeated ids, ignored labels, clipping in
place and sampling, for grading only."""

import numpy as np

from autograder.engine.checks import Suite
from autograder.engine.compare import as_array, assert_close, assert_equal, assert_unchanged, fail, require, shapes
from autograder.engine.gradcheck import numerical_gradient
from autograder.engine.inputs import call_text
from autograder.suites.public.ch09_sequences import (
    BLOCKS, CELL_BACKWARD_HINTS, CELL_FORWARD_HINTS, CLIP_HINT, D, LM_BLOCKS, LM_KEYS, TIME_AFFINE_HINTS, TIME_CELL,
    TIME_HINT, affine_case, assert_grads_list, backward_call, cell_arguments, cell_case, cell_numerical, cell_upstream,
    check_embedding_backward, check_embedding_forward, check_lm_gradient, check_loss_backward, check_loss_forward,
    check_time_affine_backward, check_time_backward, clipped, describe_length, draw_grads, gradient_name, lm_data,
    lm_params, lm_shapes, loss_case, ref_cell, ref_lm, ref_time, states, student_cell_backward, student_lm,
    student_time, time_case, time_context, time_numerical,
)

suite = Suite("ch09_sequences", public=False)

OTHER = {"n": 3, "steps": 5, "d": 2, "h": 4}  # N, T, D, H all different, and D < H unlike the public checks
STATE_HINT = ("with stateful=True, forward starts from self.h (and self.c) when set, and leaves the last states "
              "there; without stateful it always starts from zeros; set_state stores the states, reset_state "
              "forgets them")


# ---- one step: other sizes -------------------------------------------------------------------


def check_cell_other_sizes(t, cell):
    """Every gradient of a cell with N = 3, D = 5, H = 2 (other sizes than the public checks)."""
    n, d, h = 3, 5, 2
    values = cell_case(t.rng, cell, n, d, h)
    dout = cell_upstream(t.rng, cell, n, h)
    wrts = [k for k in ("x", "h_prev", "c_prev", "Wx", "Wh", "b") if k in values]
    want = {w: t.expect("d" + w, lambda ref, w=w: cell_numerical(ref, cell, values, dout, w)) for w in wrts}
    got = student_cell_backward(t, cell, values, dout)
    for w in wrts:
        assert_close(got[w], want[w], f"{backward_call(cell)}: {gradient_name(w)}",
                     context=shapes(**{k: values[k] for k in ("x", "Wx", "Wh")}), hint=CELL_BACKWARD_HINTS[cell])


for _cell in BLOCKS:
    suite.check(_cell, "backward_other_sizes", points=1)(lambda t, cell=_cell: check_cell_other_sizes(t, cell))


# ---- Time layers: BPTT, state ----------------------------------------------------------------


def last_step_only(steps):
    mask = np.zeros(steps)
    mask[-1] = 1.0
    return mask


def check_time_state(t, name):
    """Stateful: the second forward continues from the first's last states, kept in self.h (self.c)."""
    xs1, Wx, Wh, b = time_case(t.rng, name)
    xs2 = t.rng.normal(size=xs1.shape)

    def reference(ref):
        layer = getattr(ref, name)(Wx, Wh, b, stateful=True)
        layer.forward(xs1.copy())
        hs2 = layer.forward(xs2.copy())
        return (hs2, layer.h) + ((layer.c,) if name == "TimeLSTM" else ())

    want = t.expect("second", reference)
    layer = student_time(t, name, Wx, Wh, b, stateful=True)
    layer.call("forward", xs1)
    got = layer.call("forward", xs2)
    context = time_context(xs1, Wx, " Two forward calls in a row.")
    assert_close(got, want[0], f"{name}(Wx, Wh, b, stateful=True): the second forward(xs)", context=context,
                 hint=STATE_HINT)
    for attr, value in zip(("h", "c"), want[1:]):
        assert_close(layer.get(attr), value, f"{name}(..., stateful=True).{attr} after two forward calls",
                     context=context, hint="after forward, self.h (and self.c) hold the states of the last step")


def check_time_set_and_reset(t, name):
    xs, Wx, Wh, b = time_case(t.rng, name)
    state = states(t.rng, TIME_CELL[name])
    want_state = t.expect("from_state", lambda ref: ref_time(ref, name, xs, Wx, Wh, b, state=state))
    want_zero = t.expect("from_zero", lambda ref: ref_time(ref, name, xs, Wx, Wh, b))
    layer = student_time(t, name, Wx, Wh, b, stateful=True, state=state)
    args = ", ".join(("h", "c")[: len(state)])
    context = time_context(xs, Wx)
    assert_close(layer.call("forward", xs), want_state, f"{name}(..., stateful=True) after set_state({args}): forward(xs)",
                 context=context, hint=STATE_HINT)
    layer.call("reset_state")
    assert_close(layer.call("forward", xs), want_zero, f"{name}(..., stateful=True) after reset_state(): forward(xs)",
                 context=context, hint=STATE_HINT)
    if name == "TimeLSTM":  # set_state(h) alone: c starts at zeros
        want_h_only = t.expect("h_only", lambda ref: ref_time(ref, name, xs, Wx, Wh, b, state=state[:1]))
        layer.call("set_state", state[0])
        assert_close(layer.call("forward", xs), want_h_only,
                     f"{name}(..., stateful=True) after set_state(h) (no c): forward(xs)", context=context,
                     hint="a missing c means zeros; do not reuse the c of an earlier forward")


def check_time_not_stateful(t, name):
    xs1, Wx, Wh, b = time_case(t.rng, name)
    xs2 = t.rng.normal(size=xs1.shape)
    state = states(t.rng, TIME_CELL[name])
    want = t.expect("hs", lambda ref: [ref_time(ref, name, x, Wx, Wh, b) for x in (xs1, xs2)])
    layer = t.student.new(name, Wx, Wh, b)  # stateful left at its default, False
    layer.call("set_state", *state)
    for i, (xs, w) in enumerate(zip((xs1, xs2), want), start=1):
        assert_close(layer.call("forward", xs), w, f"{name}(Wx, Wh, b) (stateful at its default, False) after set_state: forward "
                     f"call number {i}", context=time_context(xs, Wx, " Must start from zeros every time."),
                     hint=STATE_HINT)


def check_time_inputs_unchanged(t, name):
    xs, Wx, Wh, b = time_case(t.rng, name)
    dhs = t.rng.normal(size=xs.shape[:2] + (Wh.shape[0],))
    want = t.expect("dxs", lambda ref: numerical_gradient(lambda a: ref_time(ref, name, a, Wx, Wh, b), xs.copy(), dhs))
    layer = student_time(t, name, Wx, Wh, b)
    forward = layer.attr("forward").run(xs)
    backward = layer.attr("backward").run(dhs)
    assert_close(backward.value, want, f"{name}.backward(dhs): dxs (returned)", context=time_context(xs, Wx),
                 hint=TIME_HINT)
    assert_unchanged(xs, forward.args[0], f"xs passed to {name}.forward", hint="never write into xs")
    assert_unchanged(dhs, backward.args[0], f"dhs passed to {name}.backward",
                     hint="dh = dhs[:, t] + dh makes a new array; dh = dhs[:, t]; dh += ... writes into the caller's dhs")


def check_time_by_reference(t, name):
    xs, Wx, Wh, b = time_case(t.rng, name)
    new = [t.rng.normal(scale=0.6, size=a.shape) for a in (Wx, Wh, b)]
    want = t.expect("hs", lambda ref: ref_time(ref, name, xs, *new))
    remotes = [t.student.put(a) for a in (Wx, Wh, b)]
    layer = t.student.new(name, *remotes)
    for remote, value in zip(remotes, new):
        remote.assign(value)
    assert_close(layer.call("forward", xs), want, f"{name}(Wx, Wh, b).forward(xs) after Wx, Wh, b were changed in place",
                 context=time_context(xs, Wx), hint="keep the arrays you are given (self.Wx = Wx), never copies: "
                 "an optimizer updates them in place")


for _name in TIME_CELL:
    suite.check(_name, "last_step_upstream", points=2)(lambda t, name=_name: check_time_backward(
        t, name, ["xs", "Wh", "h0"], dhs_mask=last_step_only, with_state=True))
    suite.check(_name, "backward_other_sizes", points=2)(lambda t, name=_name: check_time_backward(
        t, name, ["xs", "Wx", "Wh", "b", "h0"], with_state=True, **OTHER))
    suite.check(_name, "stateful", points=2)(lambda t, name=_name: check_time_state(t, name))
    suite.check(_name, "set_state_reset_state", points=1)(lambda t, name=_name: check_time_set_and_reset(t, name))
    suite.check(_name, "not_stateful_ignores_state", points=1)(lambda t, name=_name: check_time_not_stateful(t, name))
    suite.check(_name, "inputs_unchanged", points=1)(lambda t, name=_name: check_time_inputs_unchanged(t, name))
    suite.check(_name, "weights_by_reference", points=1)(lambda t, name=_name: check_time_by_reference(t, name))


# ---- Embedding -------------------------------------------------------------------------------


@suite.check("Embedding", "forward_any_shape", points=1)
def embedding_forward_shapes(t):
    check_embedding_forward(t, t.rng.integers(0, 7, size=5))
    check_embedding_forward(t, t.rng.integers(0, 7, size=(2, 3, 2)))


@suite.check("Embedding", "backward_repeated_indices", points=2)
def embedding_backward_repeated(t):
    check_embedding_backward(t, np.array([[1, 4, 1, 0], [4, 4, 2, 1]]))
    check_embedding_backward(t, np.array([3, 3, 3, 5, 0, 3]))


# ---- TimeSoftmaxWithLoss: ignored labels -----------------------------------------------------


@suite.check("TimeSoftmaxWithLoss", "forward_ignored_labels", points=1)
def loss_forward_ignored(t):
    check_loss_forward(t, ignored=3)


@suite.check("TimeSoftmaxWithLoss", "backward_ignored_labels", points=2)
def loss_backward_ignored(t):
    check_loss_backward(t, ignored=3)


@suite.check("TimeSoftmaxWithLoss", "custom_ignore_label", points=1)
def loss_custom_ignore_label(t):
    check_loss_forward(t, ignored=2, ignore_label=2)
    check_loss_backward(t, ignored=2, ignore_label=2, dout=0.6)


@suite.check("TimeSoftmaxWithLoss", "all_ignored", points=1)
def loss_all_ignored(t):
    """Every label ignored: loss 0 and a zero gradient, never nan; then a batch with valid labels still works."""
    xs = t.rng.normal(size=(2, 3, 4))
    ts = np.full((2, 3), -1)
    layer = t.student.new("TimeSoftmaxWithLoss")
    hint = "divide by max(n_valid, 1): with no valid position the loss is 0 and every gradient 0"
    assert_close(layer.call("forward", xs, ts), 0.0, "TimeSoftmaxWithLoss().forward(xs, ts) with every label -1",
                 context=shapes(xs=xs, ts=ts), hint=hint)
    assert_close(layer.call("backward", 1.0), np.zeros(xs.shape),
                 "TimeSoftmaxWithLoss().backward(1.0) after a forward with every label -1", context=shapes(xs=xs, ts=ts),
                 hint=hint)
    check_loss_backward(t, ignored=1, label="then")


# ---- clip_grads ------------------------------------------------------------------------------


@suite.check("clip_grads", "in_place", points=2)
def clip_in_place(t):
    """The arrays themselves are scaled: the grader keeps handles to them and reads them after the call."""
    grads = draw_grads(t.rng, 4.0)
    want = t.expect("clipped", lambda ref: clipped(grads, 1.5))
    arrays = [t.student.put(g) for g in grads]
    t.student.call("clip_grads", [a.as_handle() for a in arrays], 1.5)
    assert_grads_list([a.value() for a in arrays], want,
                      "the arrays passed to clip_grads(grads, max_norm=1.5) (global norm 4.0), read after the call",
                      CLIP_HINT + "; grads[i] = grads[i] * rate rebinds the list entry and leaves the array unchanged")


@suite.check("clip_grads", "below_threshold", points=1)
def clip_below(t):
    """Below max_norm nothing changes (not scaled up to max_norm); above it, the usual scaling."""
    for norm, max_norm in ((1.2, 2.0), (1.9, 2.0), (3.0, 2.0)):
        grads = draw_grads(t.rng, norm)
        want = t.expect(f"{norm}", lambda ref: clipped(grads, max_norm))
        remote = t.student.put(grads)
        t.student.call("clip_grads", remote, max_norm)
        assert_grads_list(remote.value(), want, f"grads after clip_grads(grads, max_norm={max_norm}) (global norm {norm})",
                          "clip only when the global norm exceeds max_norm; below it, leave every array as it is")


# ---- RnnLM -----------------------------------------------------------------------------------


@suite.check("RnnLM", "gradient_rnn", points=2)
def lm_gradient_rnn(t):
    check_lm_gradient(t, "rnn")


@suite.check("RnnLM", "gradient_gru", points=2)
def lm_gradient_gru(t):
    check_lm_gradient(t, "gru", dout=1.5)


SIZES = (7, 3, 4)


@suite.check("RnnLM", "stateful", points=1)
def lm_stateful(t):
    """Two forward calls continue one text; reset_state starts over."""
    params = lm_params(t.rng, *SIZES, "lstm")
    (xs1, ts1), (xs2, ts2) = lm_data(t.rng, SIZES[0]), lm_data(t.rng, SIZES[0])

    def reference(ref):
        net = ref_lm(ref, SIZES, "lstm", params)
        net.forward(xs1, ts1)
        second = net.forward(xs2, ts2)
        net.reset_state()
        return second, net.forward(xs2, ts2)

    want = t.expect("losses", reference)
    net = student_lm(t, SIZES, "lstm", params)
    net.call("forward", xs1, ts1)
    call = call_text("RnnLM", *SIZES, cell="lstm")
    assert_close(net.call("forward", xs2, ts2), want[0], f"{call}: the second forward(xs, ts) in a row",
                 context=shapes(xs=xs1), hint="the recurrent layer is stateful: the second call continues from the "
                 "state the first one left")
    net.call("reset_state")
    assert_close(net.call("forward", xs2, ts2), want[1], f"{call}: forward(xs, ts) after reset_state()",
                 context=shapes(xs=xs1), hint="reset_state() resets the recurrent layer's state")


def as_ids(got, length, V, what, hint):
    """A list of `length` ints in 0..V-1 (numpy integer scalars accepted)."""
    require(isinstance(got, list), f"{what} must return a list of ids, got {type(got).__name__}.", hint)
    require(len(got) == length, f"{what} returned {len(got)} ids, expected {length} (start_id not included).", hint)
    ids = []
    for i, value in enumerate(got):
        ok = type(value) is int or (isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iu")
        require(ok, f"{what}[{i}] is a {type(value).__name__}, expected an int id.", hint)
        require(0 <= int(value) < V, f"{what}[{i}] = {int(value)} is not an id of the vocabulary 0..{V - 1}.", hint)
        ids.append(int(value))
    return ids


GENERATE_HINT = ("reset the state, then length times: predict the scores of the last id as a (1, 1) array, softmax, "
                 "sample with np.random.default_rng(seed), feed the sample back; return the sampled ids as a list")


@suite.check("RnnLM", "generate_valid_reproducible", points=2)
def lm_generate_reproducible(t):
    """For each cell: 30 valid ids; the same seed gives the same list, on a fresh model and after a forward on a
    batch; another seed another list."""
    V = SIZES[0]
    for cell in LM_BLOCKS:
        params = lm_params(t.rng, *SIZES, cell, scale=1.0)
        xs, ts = lm_data(t.rng, V)
        net = student_lm(t, SIZES, cell, params)
        call = f"{call_text('RnnLM', *SIZES, cell=cell)}.generate(2, 30, seed=5)"
        first = as_ids(net.call("generate", 2, 30, seed=5), 30, V, call, GENERATE_HINT)
        net.call("forward", xs, ts)
        again = as_ids(net.call("generate", 2, 30, seed=5), 30, V, call, GENERATE_HINT)
        require(first == again, f"{call} gave {first} once and {again} the second time (after a forward on a batch "
                f"of {xs.shape[0]}, which left a state): the same seed must give the same ids.",
                "draw from np.random.default_rng(seed), never the global np.random; reset the state at the start")
        other = as_ids(net.call("generate", 2, 30, seed=6), 30, V, call.replace("seed=5", "seed=6"), GENERATE_HINT)
        require(other != first, f"{call} and seed=6 gave the same ids {first}: the seed must be used.", GENERATE_HINT)


@suite.check("RnnLM", "generate_samples_softmax", points=2)
def lm_generate_samples(t):
    """With affine_W = 0 the next-id distribution is softmax(affine_b) at every step: 1000 samples must follow it."""
    V, d, h = 4, 3, 3
    p = np.array([0.55, 0.25, 0.15, 0.05])
    params = {"embed_W": t.rng.normal(size=(V, d)), "rnn_Wx": t.rng.normal(size=(d, h)),
              "rnn_Wh": t.rng.normal(size=(h, h)), "rnn_b": np.zeros(h), "affine_W": np.zeros((h, V)),
              "affine_b": np.log(p) + 0.7}
    net = student_lm(t, (V, d, h), "rnn", params)
    call = f"{call_text('RnnLM', V, d, h, cell='rnn')}.generate(0, 1000, seed=3)"
    ids = as_ids(net.call("generate", 0, 1000, seed=3), 1000, V, call, GENERATE_HINT)
    freq = np.bincount(ids, minlength=V) / 1000
    if np.max(np.abs(freq - p)) > 0.08:
        fail(f"{call}: the ids occur with frequencies {np.round(freq, 3).tolist()}, expected about {p.tolist()} "
             "(the softmax of the scores, which here are the same at every step).",
             "sample from p = softmax(scores) (rng.choice(V, p=p)); taking the argmax always gives the same id")


def cycle_model():
    """An rnn RnnLM(6, 6, 6) that predicts id + 1 (mod 5) after ids 0..4 with probability above 0.999999, and
    never id 5 from a reset state. Hidden unit 5 is a flag: id 5 switches it on, and it then stays on (Wh[5, 5] = 3)
    and makes id 5 the prediction (score 40 against 20), so a state left by a batch holding id 5 shows."""
    V = 6
    affine_W = np.zeros((V, V))
    affine_W[np.arange(5), (np.arange(5) + 1) % 5] = 20.0
    affine_W[5, 5] = 40.0
    rnn_Wh = np.zeros((V, V))
    rnn_Wh[5, 5] = 3.0
    return {"embed_W": 3 * np.eye(V), "rnn_Wx": np.eye(V), "rnn_Wh": rnn_Wh, "rnn_b": np.zeros(V), "affine_W": affine_W,
            "affine_b": np.zeros(V)}


def cycle(start, length):
    return [(start + k) % 5 for k in range(1, length + 1)]


CYCLE_CONTEXT = "The model gives the next id, id + 1 (mod 5) after ids 0..4, a probability above 0.999999."


@suite.check("RnnLM", "generate_feeds_back", points=1)
def lm_generate_feeds_back(t):
    """generate must feed each sample back in: the cycle model's ids follow each other."""
    net = student_lm(t, (6, 6, 6), "rnn", cycle_model())
    start = int(t.rng.integers(0, 5))
    call = f"{call_text('RnnLM', 6, 6, 6, cell='rnn')}.generate({start}, 8, seed=0)"
    ids = as_ids(net.call("generate", start, 8, seed=0), 8, 6, call, GENERATE_HINT)
    assert_equal(np.array(ids), np.array(cycle(start, 8)), call, context=CYCLE_CONTEXT,
                 hint="feed each sampled id back as the next input; do not include start_id in the list")


@suite.check("RnnLM", "generate_starts_from_reset_state", points=1)
def lm_generate_reset(t):
    """After a forward on a batch holding id 5 (which leaves the flag unit on), generate must still start from zeros."""
    net = student_lm(t, (6, 6, 6), "rnn", cycle_model())
    xs = t.rng.integers(0, 5, size=(2, 4))
    xs[:, 1] = 5
    net.call("forward", xs, t.rng.integers(0, 6, size=(2, 4)))
    start = int(t.rng.integers(0, 5))
    call = f"{call_text('RnnLM', 6, 6, 6, cell='rnn')}.generate({start}, 6, seed=0) after forward(xs, ts)"
    ids = as_ids(net.call("generate", start, 6, seed=0), 6, 6, call, GENERATE_HINT)
    assert_equal(np.array(ids), np.array(cycle(start, 6)), call,
                 context=CYCLE_CONTEXT + " The forward left a state that would make it predict id 5.",
                 hint="generate starts from a reset state: call self.reset_state() before the first predict")


# ---- repeated use: forward twice, then backward twice with different upstream gradients ------------------

REPEATED = " forward was called twice (other inputs each time), then backward twice with different upstream gradients."
REPEATED_HINT = ("backward works from what the LAST forward saved, and sets every gradient anew at each call: never add "
                 "to the gradients of an earlier call, and never write into what forward saved (a second backward "
                 "must give the same answer for the same upstream gradient)")


def cell_gradients(layer, cell, dout):
    """{name: gradient} from one backward of the student's cell (dx, dh_prev[, dc_prev], dWx, dWh, db)."""
    got = layer.call("backward", *(tuple(dout) if cell == "LSTM" else (dout,)))
    names = ["d" + k for k in cell_arguments(cell)]
    require(isinstance(got, (tuple, list)) and len(got) == len(names),
            f"{backward_call(cell)} must return a tuple ({', '.join(names)}), got {describe_length(got)}.",
            CELL_BACKWARD_HINTS[cell])
    grads = dict(zip(cell_arguments(cell), got))
    grads.update((key, layer.get("d" + key)) for key in ("Wx", "Wh", "b"))
    return grads


def check_cell_repeated(t, cell):
    first = cell_case(t.rng, cell)
    second = {**cell_case(t.rng, cell), "Wx": first["Wx"], "Wh": first["Wh"], "b": first["b"]}
    douts = [cell_upstream(t.rng, cell) for _ in range(2)]
    wrts = [k for k in ("x", "h_prev", "c_prev", "Wx", "Wh", "b") if k in second]
    layer = t.student.new(cell, first["Wx"], first["Wh"], first["b"])
    layer.call("forward", *(first[k] for k in cell_arguments(cell)))
    layer.call("forward", *(second[k] for k in cell_arguments(cell)))
    context = shapes(**{k: second[k] for k in ("x", "Wx", "Wh")}) + REPEATED
    for i, dout in enumerate(douts, start=1):
        want = {w: t.expect(f"{i}d{w}", lambda ref, w=w: cell_numerical(ref, cell, second, dout, w)) for w in wrts}
        got = cell_gradients(layer, cell, dout)
        for w in wrts:
            assert_close(got[w], want[w], f"{backward_call(cell)}, call {i} of 2: {gradient_name(w)}", context=context,
                         hint=REPEATED_HINT)


def check_time_repeated(t, name):
    xs1, Wx, Wh, b = time_case(t.rng, name)
    values = (t.rng.normal(size=xs1.shape), Wx, Wh, b)
    douts = [t.rng.normal(size=xs1.shape[:2] + (Wh.shape[0],)) for _ in range(2)]
    layer = t.student.new(name, Wx, Wh, b)
    layer.call("forward", xs1)
    layer.call("forward", values[0])
    context = time_context(xs1, Wx, " Not stateful;" + REPEATED)
    for i, dhs in enumerate(douts, start=1):
        want = {w: t.expect(f"{i}d{w}", lambda ref, w=w: time_numerical(ref, name, values, None, dhs, w))
                for w in ("xs", "Wx", "Wh", "b")}
        got = {"xs": layer.call("backward", dhs)}
        got.update((w, layer.get("d" + w)) for w in ("Wx", "Wh", "b"))
        for w, value in got.items():
            where = "dxs (returned)" if w == "xs" else "self.d" + w
            assert_close(value, want[w], f"{name}.backward(dhs), call {i} of 2: {where}", context=context,
                         hint=REPEATED_HINT + "; make a new list of cells in every forward")


for _cell in BLOCKS:
    suite.check(_cell, "repeated_calls", points=1)(lambda t, cell=_cell: check_cell_repeated(t, cell))
for _name in TIME_CELL:
    suite.check(_name, "repeated_calls", points=1)(lambda t, name=_name: check_time_repeated(t, name))


@suite.check("Embedding", "repeated_calls", points=1)
def embedding_repeated(t):
    W = t.rng.normal(size=(7, D))
    idx1, idx2 = np.array([[0, 3, 3], [5, 1, 0]]), np.array([[2, 2, 6], [4, 2, 1]])
    layer = t.student.new("Embedding", W)
    layer.call("forward", idx1)
    layer.call("forward", idx2)
    context = shapes(W=W, idx=idx2) + REPEATED
    for i in (1, 2):
        dout = t.rng.normal(size=idx2.shape + (D,))
        want = t.expect(f"dW{i}", lambda ref: numerical_gradient(lambda W_: ref.Embedding(W_).forward(idx2), W.copy(), dout))
        layer.call("backward", dout)
        assert_close(layer.get("dW"), want, f"Embedding.backward(dout), call {i} of 2: self.dW", context=context,
                     hint=REPEATED_HINT + "; dW starts at zeros in every backward (np.zeros_like(W), then np.add.at)")


@suite.check("TimeAffine", "repeated_calls", points=1)
def time_affine_repeated(t):
    xs1, W, b = affine_case(t.rng)
    xs2 = t.rng.normal(size=xs1.shape)
    layer = t.student.new("TimeAffine", W, b)
    layer.call("forward", xs1)
    layer.call("forward", xs2)
    values = {"xs": xs2, "W": W, "b": b}

    def numerical(ref, w, dout):
        def f(a):
            v = {**values, w: a}
            return ref.TimeAffine(v["W"], v["b"]).forward(v["xs"])

        return numerical_gradient(f, values[w].copy(), dout)

    for i in (1, 2):
        dout = t.rng.normal(size=xs2.shape[:2] + (W.shape[1],))
        want = {w: t.expect(f"{i}d{w}", lambda ref, w=w: numerical(ref, w, dout)) for w in values}
        got = {"xs": layer.call("backward", dout), "W": layer.get("dW"), "b": layer.get("db")}
        for w, value in got.items():
            where = "dxs (returned)" if w == "xs" else "self.d" + w
            assert_close(value, want[w], f"TimeAffine.backward(dout), call {i} of 2: {where}",
                         context=shapes(xs=xs2, W=W) + REPEATED, hint=REPEATED_HINT + "; " + TIME_AFFINE_HINTS[w])


@suite.check("TimeSoftmaxWithLoss", "repeated_calls", points=1)
def loss_repeated(t):
    xs1, ts1 = loss_case(t.rng, ignored=2)
    xs2, ts2 = loss_case(t.rng, ignored=2)
    layer = t.student.new("TimeSoftmaxWithLoss")
    layer.call("forward", xs1, ts1)
    layer.call("forward", xs2, ts2)
    context = shapes(xs=xs2, ts=ts2) + " 2 positions have the label -1;" + REPEATED
    for i, dout in enumerate((1.3, 0.4), start=1):
        want = t.expect(f"dxs{i}", lambda ref: numerical_gradient(
            lambda a: ref.TimeSoftmaxWithLoss().forward(a, ts2), xs2.copy(), dout))
        assert_close(layer.call("backward", dout), want, f"TimeSoftmaxWithLoss().backward(dout={dout}), call {i} of 2",
                     context=context, hint=REPEATED_HINT + "; dx = y.copy() before subtracting the one-hot labels "
                     "(dx = y; dx[...] -= 1 changes the saved softmax)")


@suite.check("TimeSoftmaxWithLoss", "backward_default_dout", points=1)
def loss_backward_default(t):
    xs, ts = loss_case(t.rng, ignored=1)
    want = t.expect("dxs", lambda ref: numerical_gradient(lambda a: ref.TimeSoftmaxWithLoss().forward(a, ts), xs.copy()))
    layer = t.student.new("TimeSoftmaxWithLoss")
    layer.call("forward", xs, ts)
    assert_close(layer.call("backward"), want, "TimeSoftmaxWithLoss().backward() (dout left at its default, 1) after "
                 "forward(xs, ts)", context=shapes(xs=xs, ts=ts),
                 hint="backward(self, dout=1): the default upstream gradient of a loss is 1")


# ---- parameters held by reference ------------------------------------------------------------------------

BY_REFERENCE_HINT = ("keep the arrays you are given (self.W = W), never copies: an optimizer updates them in place, "
                     "and the layer must see the new values")


def check_by_reference(t, name, arrays, args, reference, what, context, pair=False):
    """Build the student's `name` on `arrays`, change them in place, then compare `forward(*args)` with the reference
    on the new values (`reference(ref, new)`)."""
    new = [t.rng.normal(scale=0.6, size=a.shape) for a in arrays]
    want = t.expect("out", lambda ref: reference(ref, new))
    remotes = [t.student.put(a) for a in arrays]
    layer = t.student.new(name, *remotes)
    for remote, value in zip(remotes, new):
        remote.assign(value)
    got = layer.call("forward", *args)
    if pair:  # the LSTM's (h_next, c_next), stacked in `want`
        require(isinstance(got, (tuple, list)) and len(got) == 2,
                f"{what} must return a pair (h_next, c_next), got {describe_length(got)}.", CELL_FORWARD_HINTS["LSTM"])
        for part, g, w in zip(("h_next", "c_next"), got, want):
            assert_close(g, w, f"{what}: {part}", context=context, hint=BY_REFERENCE_HINT)
    else:
        assert_close(got, want, what, context=context, hint=BY_REFERENCE_HINT)


def check_cell_by_reference(t, cell):
    values = cell_case(t.rng, cell)
    args = [values[k] for k in cell_arguments(cell)]

    def reference(ref, new):
        return ref_cell(ref, cell, {**values, "Wx": new[0], "Wh": new[1], "b": new[2]})

    check_by_reference(t, cell, [values["Wx"], values["Wh"], values["b"]], args, reference,
                       f"{cell}(Wx, Wh, b).forward({', '.join(cell_arguments(cell))}) after Wx, Wh, b were changed in "
                       "place", shapes(**{k: values[k] for k in ("x", "Wx", "Wh")}), pair=cell == "LSTM")


for _cell in BLOCKS:
    suite.check(_cell, "weights_by_reference", points=1)(lambda t, cell=_cell: check_cell_by_reference(t, cell))


@suite.check("Embedding", "weights_by_reference", points=1)
def embedding_by_reference(t):
    W = t.rng.normal(size=(7, D))
    idx = np.array([[1, 4, 6], [0, 4, 2]])
    check_by_reference(t, "Embedding", [W], [idx], lambda ref, new: ref.Embedding(new[0]).forward(idx.copy()),
                       "Embedding(W).forward(idx) after W was changed in place", shapes(W=W, idx=idx))


@suite.check("TimeAffine", "weights_by_reference", points=1)
def time_affine_by_reference(t):
    xs, W, b = affine_case(t.rng)
    check_by_reference(t, "TimeAffine", [W, b], [xs], lambda ref, new: ref.TimeAffine(*new).forward(xs.copy()),
                       "TimeAffine(W, b).forward(xs) after W and b were changed in place", shapes(xs=xs, W=W))


# ---- other shapes: N - T is not -1 (numpy reads a size of -1 as "infer") ---------------------------------

SHAPES_NOTE = " (N*T rows: a reshape to N - T rows, or any size but N*T, fails here)"


@suite.check("TimeAffine", "other_shapes", points=1)
def time_affine_other_shapes(t):
    """N = T = 1 and N = 3, T = 2: forward and every gradient."""
    for n, steps in ((1, 1), (3, 2)):
        xs, W, b = affine_case(t.rng, n=n, steps=steps)
        want = t.expect(f"out{n}{steps}", lambda ref: ref.TimeAffine(W, b).forward(xs.copy()))
        got = t.student.new("TimeAffine", W, b).call("forward", xs)
        assert_close(got, want, "TimeAffine(W, b).forward(xs)", context=shapes(xs=xs, W=W) + SHAPES_NOTE,
                     hint="out = (xs.reshape(N*T, D) @ W + b).reshape(N, T, M)")
        check_time_affine_backward(t, ["xs", "W", "b"], label=f"{n}{steps}", n=n, steps=steps)


@suite.check("TimeSoftmaxWithLoss", "other_shapes", points=1)
def loss_other_shapes(t):
    """N = T = 2 and N = 3, T = 2: loss and gradient."""
    for n, steps in ((2, 2), (3, 2)):
        check_loss_forward(t, label=f"loss{n}{steps}", n=n, steps=steps)
        check_loss_backward(t, label=f"dxs{n}{steps}", n=n, steps=steps)


@suite.check("TimeSoftmaxWithLoss", "one_valid_position", points=1)
def loss_one_valid(t):
    """Exactly one position is not ignored: the loss is that position's cross-entropy (divided by 1)."""
    check_loss_forward(t, ignored=5, label="loss23", n=2, steps=3)
    check_loss_backward(t, ignored=5, label="dxs23", dout=0.8, n=2, steps=3)
    check_loss_forward(t, label="loss11", n=1, steps=1)


LARGE_HINT = ("shift each row by its maximum before np.exp (x - max, not x + max) and take the log of the shifted "
              "softmax's sum: log_softmax = shifted - log(sum(exp(shifted)))")


@suite.check("TimeSoftmaxWithLoss", "large_scores_no_warning", points=1)
def loss_large_scores(t):
    """Scores of about +-1000 (each position's row moved by +1000 or -1000): finite, right values, no RuntimeWarning."""
    xs, ts = loss_case(t.rng, ignored=1)
    xs = xs + 1000.0 * t.rng.choice([-1.0, 1.0], size=xs.shape[:2] + (1,))
    dout = 0.9

    def reference(ref):
        layer = ref.TimeSoftmaxWithLoss()
        return layer.forward(xs.copy(), ts.copy()), layer.backward(dout)

    want = t.expect("both", reference)
    layer = t.student.new("TimeSoftmaxWithLoss")
    context = shapes(xs=xs, ts=ts) + " Every row of scores is moved by +1000 or -1000 (the softmax is the same)."
    forward = layer.attr("forward").run(xs, ts)
    assert_close(forward.value, want[0], "TimeSoftmaxWithLoss().forward(xs, ts)", context=context, hint=LARGE_HINT)
    backward = layer.attr("backward").run(dout)
    assert_close(backward.value, want[1], f"TimeSoftmaxWithLoss().backward(dout={dout})", context=context, hint=LARGE_HINT)
    for what, outcome in (("forward(xs, ts)", forward), (f"backward(dout={dout})", backward)):
        warned = [w for w in outcome.warnings if "RuntimeWarning" in w]
        require(not warned, f"TimeSoftmaxWithLoss().{what} with scores of about +-1000 warned: "
                f"{warned[0] if warned else ''}.", LARGE_HINT)


@suite.check("clip_grads", "small_global_norm", points=1)
def clip_small(t):
    """Global norms of about 1e-3, compared relative to their size: there the + 1e-6 of the formula shows."""
    for norm, max_norm in ((3e-3, 1e-3), (8e-4, 1e-3)):
        grads = draw_grads(t.rng, norm)
        want = t.expect(f"{norm}", lambda ref: clipped(grads, max_norm))
        remote = t.student.put(grads)
        t.student.call("clip_grads", remote, max_norm)
        got = remote.value()
        what = f"grads after clip_grads(grads, max_norm={max_norm}) (global norm {norm})"
        require(isinstance(got, list) and len(got) == len(want),
                f"{what} must still be a list of {len(want)} arrays, got {describe_length(got)}.", CLIP_HINT)
        scale = max(float(np.max(np.abs(w))) for w in want)
        for i, (g, w) in enumerate(zip(got, want)):
            assert_close(g, w, f"{what}[{i}]", atol=1e-6 * scale,
                         context="Compared relative to the gradients' size (about 1e-4).",
                         hint=CLIP_HINT + "; exactly max_norm / (norm + 1e-6): at a norm of 3e-3 the 1e-6 changes the "
                         "rate by 3e-4")


# ---- RnnLM: the defaults ---------------------------------------------------------------------------------


@suite.check("RnnLM", "defaults", points=1)
def lm_defaults(t):
    """RnnLM(V, D, H, seed=0) is an LSTM model (cell="lstm"); generate(start_id, length) works without a seed.
    (The constructor's seed is given: 0 keeps a wrong model's message the same from run to run.)"""
    V, d, h = SIZES
    call = call_text("RnnLM", V, d, h, seed=0)
    net = t.student.new("RnnLM", V, d, h, seed=0)
    got = net.get("params")
    require(isinstance(got, dict) and set(got) == set(LM_KEYS),
            f"{call}.params must be a dict with the keys {list(LM_KEYS)}, got "
            f"{sorted(got) if isinstance(got, dict) else type(got).__name__}.")
    for key, shape in lm_shapes(V, d, h, "lstm").items():
        arr = as_array(got[key], f"{call}.params['{key}']")
        require(arr.shape == shape, f"{call}.params['{key}'] has shape {arr.shape}, expected {shape}.",
                'the default cell is "lstm": rnn_Wx (D, 4H), rnn_Wh (H, 4H), rnn_b (4H,)')
    params = lm_params(t.rng, V, d, h, "lstm")
    for key in LM_KEYS:
        net.attr("params")[key].assign(params[key])
    xs, _ = lm_data(t.rng, V)
    want = t.expect("scores", lambda ref: ref_lm(ref, SIZES, "lstm", params).predict(xs.copy()))
    assert_close(net.call("predict", xs), want, f"{call}.predict(xs) (cell left at its default)", context=shapes(xs=xs),
                 hint='the default cell is "lstm"')
    as_ids(net.call("generate", 2, 6), 6, V, f"{call}.generate(2, 6) (seed left at its default, None)",
           "generate(self, start_id, length, seed=None): without a seed, sample from a fresh unseeded generator")
