/*
 * Trains, then runs, a two-layer perceptron whose activations come from
 * libactfn: hidden = gelu(W1·x + b1), out = sigmoid(w2·hidden + b2), on a
 * synthetic task (is the point (x0, x1) inside the circle of radius 1.2?),
 * binary cross-entropy, full-batch gradient descent.  The activations'
 * gradients are libactfn's backward calls; the matrix products are plain
 * loops.  Fails (exit 1) unless the loss falls to a third of its start and
 * the test accuracy passes 90%.
 *
 *   cc mlp_train.c $(pkg-config --cflags --libs actfn) -lm -o mlp_train
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <actfn.h>

#define IN 2
#define HID 16
#define NTRAIN 512
#define NTEST 512
#define EPOCHS 400
#define LR 0.5f

static unsigned long long rng_state = 0x9e3779b97f4a7c15ull;
static float uniform(float lo, float hi) /* a small LCG: the run is reproducible */
{
    rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
    return lo + (hi - lo) * (float)(rng_state >> 40) / (float)(1ull << 24);
}

static void make_data(float (*x)[IN], float *t, int n)
{
    for (int i = 0; i < n; i++) {
        x[i][0] = uniform(-2, 2);
        x[i][1] = uniform(-2, 2);
        t[i] = x[i][0] * x[i][0] + x[i][1] * x[i][1] < 1.44f ? 1.0f : 0.0f;
    }
}

typedef struct model {
    float w1[HID][IN], b1[HID], w2[HID], b2;
} model;

/* One batch forward: pre-activations z (n × HID), hidden h, outputs p. */
static int forward(const model *m, float (*x)[IN], int n, float *z, float *h, float *zo, float *p)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < HID; j++)
            z[i * HID + j] = m->w1[j][0] * x[i][0] + m->w1[j][1] * x[i][1] + m->b1[j];
    if (actfn_forward_f32(ACTFN_GELU, NULL, z, h, (size_t)n * HID) != ACTFN_OK)
        return -1;
    for (int i = 0; i < n; i++) {
        float s = m->b2;
        for (int j = 0; j < HID; j++)
            s += m->w2[j] * h[i * HID + j];
        zo[i] = s;
    }
    return actfn_forward_f32(ACTFN_SIGMOID, NULL, zo, p, (size_t)n) == ACTFN_OK ? 0 : -1;
}

static float bce(const float *p, const float *t, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++) {
        float q = fminf(fmaxf(p[i], 1e-7f), 1 - 1e-7f);
        s -= t[i] * log(q) + (1 - t[i]) * log(1 - q);
    }
    return (float)(s / n);
}

int main(void)
{
    static float x[NTRAIN][IN], t[NTRAIN], xt[NTEST][IN], tt[NTEST];
    static float z[NTRAIN * HID], h[NTRAIN * HID], dh[NTRAIN * HID], dz[NTRAIN * HID];
    static float zo[NTRAIN], p[NTRAIN], dp[NTRAIN], dzo[NTRAIN];
    model m;
    make_data(x, t, NTRAIN);
    make_data(xt, tt, NTEST);
    for (int j = 0; j < HID; j++) {
        m.w1[j][0] = uniform(-1, 1);
        m.w1[j][1] = uniform(-1, 1);
        m.b1[j] = uniform(-0.5f, 0.5f);
        m.w2[j] = uniform(-0.5f, 0.5f);
    }
    m.b2 = 0;

    float first = 0, loss = 0;
    for (int e = 0; e < EPOCHS; e++) {
        if (forward(&m, x, NTRAIN, z, h, zo, p) != 0)
            return 1;
        loss = bce(p, t, NTRAIN);
        if (e == 0)
            first = loss;
        if (e % 100 == 0)
            printf("epoch %3d  loss %.4f\n", e, loss);
        /* dL/dp of the mean BCE, then back through sigmoid with libactfn */
        for (int i = 0; i < NTRAIN; i++) {
            float q = fminf(fmaxf(p[i], 1e-7f), 1 - 1e-7f);
            dp[i] = (q - t[i]) / (q * (1 - q)) / NTRAIN;
        }
        if (actfn_backward_f32(ACTFN_SIGMOID, NULL, zo, dp, dzo, NTRAIN) != ACTFN_OK)
            return 1;
        float gw2[HID] = {0}, gb2 = 0;
        for (int i = 0; i < NTRAIN; i++) {
            gb2 += dzo[i];
            for (int j = 0; j < HID; j++) {
                gw2[j] += dzo[i] * h[i * HID + j];
                dh[i * HID + j] = dzo[i] * m.w2[j];
            }
        }
        /* back through gelu with libactfn: dz = dh · gelu'(z) */
        if (actfn_backward_f32(ACTFN_GELU, NULL, z, dh, dz, (size_t)NTRAIN * HID) != ACTFN_OK)
            return 1;
        for (int j = 0; j < HID; j++) {
            float g0 = 0, g1 = 0, gb = 0;
            for (int i = 0; i < NTRAIN; i++) {
                g0 += dz[i * HID + j] * x[i][0];
                g1 += dz[i * HID + j] * x[i][1];
                gb += dz[i * HID + j];
            }
            m.w1[j][0] -= LR * g0;
            m.w1[j][1] -= LR * g1;
            m.b1[j] -= LR * gb;
            m.w2[j] -= LR * gw2[j];
        }
        m.b2 -= LR * gb2;
    }
    printf("epoch %3d  loss %.4f  (from %.4f)\n", EPOCHS, loss, first);

    /* Inference on points the model has not seen. */
    if (forward(&m, xt, NTEST, z, h, zo, p) != 0)
        return 1;
    int right = 0;
    for (int i = 0; i < NTEST; i++)
        right += (p[i] > 0.5f) == (tt[i] > 0.5f);
    printf("test accuracy %.1f%% on %d points (path %s)\n", 100.0 * right / NTEST, NTEST,
           actfn_isa_name(actfn_active_isa()));
    if (!(loss < first / 3) || right < NTEST * 9 / 10) {
        fprintf(stderr, "mlp_train: the loss did not fall enough or the accuracy is low\n");
        return 1;
    }
    return 0;
}
