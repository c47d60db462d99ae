"""SGD and Adam that turn a number lr into a constant schedule in the constructor and always call
self.schedule(step); Adam keeps its own update counter apart from the bias-correction t."""

FAILS = []


class SGD:
    def __init__(self, lr=0.01):
        self.schedule = lr if callable(lr) else (lambda step: lr)
        self.step = 0

    def update(self, params, grads):
        rate = self.schedule(self.step)
        self.step += 1
        for key, g in grads.items():
            np.subtract(params[key], rate * g, out=params[key])


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.schedule = lr if callable(lr) else (lambda step: lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.updates_done = 0
        self.m, self.v = {}, {}

    def update(self, params, grads):
        rate = self.schedule(self.updates_done)
        self.updates_done += 1
        t = self.updates_done
        for key in params:
            g = grads[key]
            self.m[key] = self.beta1 * self.m.get(key, 0.0) + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v.get(key, 0.0) + (1 - self.beta2) * g * g
            m_hat, v_hat = self.m[key] / (1 - self.beta1**t), self.v[key] / (1 - self.beta2**t)
            params[key] -= rate * m_hat / (np.sqrt(v_hat) + self.eps)
