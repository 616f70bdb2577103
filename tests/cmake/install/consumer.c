/* A minimal libactfn consumer, built against an installed copy only: through
 * pkg-config (shared and static) and through find_package(actfn).  Exits 0
 * when relu and sigmoid give the right values. */
#include <math.h>
#include <stdio.h>

#include <actfn.h>

int main(void)
{
    const float x[] = {-88.0f, -4.0f, -1.0f, -0.5f, 0.0f, 0.5f, 1.0f, 4.0f, 88.0f};
    enum { N = sizeof x / sizeof x[0] };
    float relu[N], sig[N];
    actfn_status s1 = actfn_forward_f32(ACTFN_RELU, NULL, x, relu, N);
    actfn_status s2 = actfn_forward_f32(ACTFN_SIGMOID, NULL, x, sig, N);
    if (s1 != ACTFN_OK || s2 != ACTFN_OK) {
        fprintf(stderr, "consumer: status %s / %s\n", actfn_strerror(s1), actfn_strerror(s2));
        return 1;
    }
    int bad = 0;
    for (int i = 0; i < N; i++) {
        float r = x[i] > 0.0f ? x[i] : 0.0f;
        double s = 1.0 / (1.0 + exp(-(double)x[i]));
        printf("x=%-6g relu=%-6g sigmoid=%.9g\n", x[i], relu[i], sig[i]);
        if (relu[i] != r)
            bad++;
        if (!(fabs(sig[i] - s) <= 4 * 0x1p-24 * s + 0x1p-149)) /* subnormal at -88 */
            bad++;
    }
    printf("libactfn %s, path %s: %s\n", actfn_version(), actfn_isa_name(actfn_active_isa()),
           bad ? "WRONG" : "ok");
    return bad != 0;
}
