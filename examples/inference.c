/*
 * The smallest use of libactfn: one activation over an array, forward and
 * backward, on whichever path this CPU takes.
 *
 *   cc inference.c $(pkg-config --cflags --libs actfn) -o inference
 */
#include <stdio.h>

#include <actfn.h>

int main(void)
{
    float x[8] = {-3.0f, -1.0f, -0.5f, 0.0f, 0.5f, 1.0f, 2.0f, 3.0f};
    float y[8], dy[8] = {1, 1, 1, 1, 1, 1, 1, 1}, dx[8];

    /* params NULL: gelu's defaults (it has none) */
    actfn_status st = actfn_forward_f32(ACTFN_GELU, NULL, x, y, 8);
    if (st == ACTFN_OK)
        st = actfn_backward_f32(ACTFN_GELU, NULL, x, dy, dx, 8);
    if (st != ACTFN_OK) {
        fprintf(stderr, "inference: %s\n", actfn_strerror(st));
        return 1;
    }
    printf("libactfn %s, path %s\n", actfn_version(), actfn_isa_name(actfn_active_isa()));
    for (int i = 0; i < 8; i++)
        printf("gelu(%5.2f) = %9.6f   gelu'(%5.2f) = %9.6f\n", x[i], y[i], x[i], dx[i]);
    /* gelu(0) = 0, gelu'(0) = 1/2 */
    return y[3] == 0.0f && dx[3] == 0.5f ? 0 : 1;
}
