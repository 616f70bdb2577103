/* Guarded pages for the tests: a read-write page with PROT_NONE pages on
 * both sides, so that any access past a buffer placed flush against either
 * end faults.  In bytes: elements of any dtype are placed in it.  Include
 * after <cmocka.h> (it asserts); needs _GNU_SOURCE for MAP_ANONYMOUS under
 * -std=c11. */
#ifndef ACTFN_TESTS_GUARD_PAGE_H
#define ACTFN_TESTS_GUARD_PAGE_H

#include <stddef.h>
#include <sys/mman.h>
#include <unistd.h>

typedef struct {
    unsigned char *map;
    size_t page;
    unsigned char *lo, *hi; /* the read-write page [lo, hi), PROT_NONE on both sides */
} guarded;

static inline void guarded_init(guarded *g)
{
    g->page = (size_t)sysconf(_SC_PAGESIZE);
    g->map = mmap(NULL, 3 * g->page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(g->map != MAP_FAILED);
    assert_int_equal(mprotect(g->map, g->page, PROT_NONE), 0);
    assert_int_equal(mprotect(g->map + 2 * g->page, g->page, PROT_NONE), 0);
    g->lo = g->map + g->page;
    g->hi = g->lo + g->page;
}
static inline void guarded_free(guarded *g) { munmap(g->map, 3 * g->page); }

#endif
