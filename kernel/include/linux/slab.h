#ifndef _LINUX_SLAB_H
#define	_LINUX_SLAB_H

#include <linux/config.h>
#include <linux/gfp.h>
#include <linux/types.h>

/*
 * kmalloc() and kfree() are builtins of the simulator (BUILTINS.md,
 * "Memory"): it knows the size of every object, so it can report NULL and
 * ERR_PTR dereferences, overruns, use after free, double free and leaks,
 * and it can make the Nth kmalloc() fail on request (fault injection).
 * kmalloc(0) returns a unique non-NULL object of size 0, as 2.6.13 does.
 * Memory from kmalloc() is not zeroed.
 */
extern void *kmalloc(size_t size, gfp_t flags);
extern void kfree(const void *);

/* mm/slab.c, C on top of kmalloc(): each counts as one kmalloc() */
extern void *kcalloc(size_t, size_t, gfp_t);
extern void *kzalloc(size_t, gfp_t);
extern char *kstrdup(const char *s, gfp_t gfp);

/*
 * The model has no slab caches: a kmem_cache_t only remembers the object
 * size, and objects come from kmalloc().
 */
typedef struct kmem_cache_s {
	const char *name;
	size_t objsize;
} kmem_cache_t;

#define	SLAB_HWCACHE_ALIGN	0x00002000UL
#define	SLAB_RECLAIM_ACCOUNT	0x00020000UL
#define	SLAB_PANIC		0x00040000UL

extern kmem_cache_t *kmem_cache_create(const char *name, size_t size,
				       size_t align, unsigned long flags,
				       void (*ctor)(void *, kmem_cache_t *, unsigned long),
				       void (*dtor)(void *, kmem_cache_t *, unsigned long));
extern int kmem_cache_destroy(kmem_cache_t *cachep);
extern void *kmem_cache_alloc(kmem_cache_t *cachep, gfp_t flags);
extern void kmem_cache_free(kmem_cache_t *cachep, void *objp);

#endif	/* _LINUX_SLAB_H */
