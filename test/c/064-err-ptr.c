/* ERR_PTR / IS_ERR / PTR_ERR: errors encoded in the top page of pointer values. */
#include <stdio.h>
#include <stdlib.h>

#define MAX_ERRNO 4095
#define ENOENT 2
#define ENOMEM 12
#define EINVAL 22

#define IS_ERR_VALUE(x) ((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline int IS_ERR(const void *ptr)
{
	return IS_ERR_VALUE((unsigned long)ptr);
}

static inline int IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR_VALUE((unsigned long)ptr);
}

struct inode {
	unsigned long ino;
	int mode;
};

static struct inode table[3] = { { 1, 0755 }, { 2, 0644 }, { 3, 0600 } };

static struct inode *iget(long ino)
{
	if (ino < 0)
		return ERR_PTR(-EINVAL);
	if (ino == 0)
		return NULL;
	if (ino > 3)
		return ERR_PTR(-ENOENT);
	return &table[ino - 1];
}

int main(void)
{
	long inos[] = { 2, 7, -1, 0, 3 };
	int i;
	for (i = 0; i < 5; i++) {
		struct inode *in = iget(inos[i]);
		if (IS_ERR(in))
			printf("iget(%ld): error %ld\n", inos[i], PTR_ERR(in));
		else if (!in)
			printf("iget(%ld): NULL\n", inos[i]);
		else
			printf("iget(%ld): ino %lu mode %o\n", inos[i], in->ino, in->mode);
		printf("  IS_ERR_OR_NULL=%d\n", IS_ERR_OR_NULL(in));
	}
	void *e = ERR_PTR(-ENOMEM);
	printf("PTR_ERR(ERR_PTR(-ENOMEM))=%ld IS_ERR=%d\n", PTR_ERR(e), IS_ERR(e));
	printf("edge: %d %d %d\n", IS_ERR(ERR_PTR(-4095)), IS_ERR(ERR_PTR(-4096)), IS_ERR(ERR_PTR(-1)));
	void *heap = malloc(8);
	printf("heap pointer is not an error: %d\n", IS_ERR(heap));
	free(heap);
	return 0;
}
