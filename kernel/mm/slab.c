/*
 * linux/mm/slab.c
 *
 * kmalloc() and kfree() are builtins of the simulator (BUILTINS.md,
 * "Memory"); what is here is the C around them.  There are no slab caches:
 * a kmem_cache_t hands out kmalloc()ed objects of its size.
 */

#include <linux/config.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/module.h>

/**
 * kcalloc - allocate memory for an array. The memory is set to zero.
 * @n: number of elements.
 * @size: element size.
 * @flags: the type of memory to allocate.
 */
void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	void *ret = NULL;

	if (n != 0 && size > INT_MAX / n)
		return ret;

	ret = kmalloc(n * size, flags);
	if (ret)
		memset(ret, 0, n * size);
	return ret;
}
EXPORT_SYMBOL(kcalloc);

/**
 * kzalloc - allocate memory. The memory is set to zero.
 * @size: how many bytes of memory are required.
 * @flags: the type of memory to allocate.
 */
void *kzalloc(size_t size, gfp_t flags)
{
	void *ret = kmalloc(size, flags);

	if (ret)
		memset(ret, 0, size);
	return ret;
}
EXPORT_SYMBOL(kzalloc);

/*
 * kstrdup - allocate space for and copy an existing string
 *
 * @s: the string to duplicate
 * @gfp: the GFP mask used in the kmalloc() call when allocating memory
 */
char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;

	len = strlen(s) + 1;
	buf = kmalloc(len, gfp);
	if (buf)
		memcpy(buf, s, len);
	return buf;
}
EXPORT_SYMBOL(kstrdup);

kmem_cache_t *kmem_cache_create(const char *name, size_t size, size_t align,
		unsigned long flags,
		void (*ctor)(void*, kmem_cache_t *, unsigned long),
		void (*dtor)(void*, kmem_cache_t *, unsigned long))
{
	kmem_cache_t *cachep;

	cachep = kmalloc(sizeof(*cachep), GFP_KERNEL);
	if (!cachep) {
		if (flags & SLAB_PANIC)
			panic("kmem_cache_create(): failed to create slab `%s'\n",
			      name);
		return NULL;
	}
	cachep->name = name;
	cachep->objsize = size;
	return cachep;
}
EXPORT_SYMBOL(kmem_cache_create);

int kmem_cache_destroy(kmem_cache_t *cachep)
{
	kfree(cachep);
	return 0;
}
EXPORT_SYMBOL(kmem_cache_destroy);

void *kmem_cache_alloc(kmem_cache_t *cachep, gfp_t flags)
{
	return kmalloc(cachep->objsize, flags);
}
EXPORT_SYMBOL(kmem_cache_alloc);

void kmem_cache_free(kmem_cache_t *cachep, void *objp)
{
	kfree(objp);
}
EXPORT_SYMBOL(kmem_cache_free);
