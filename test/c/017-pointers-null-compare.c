/* NULL, pointer comparison, pointers as booleans, void *. */
#include <stdio.h>
#include <stddef.h>
#include <string.h>

static const char *name_or_default(const char *s)
{
	return s ? s : "(default)";
}

static void *memfind(void *base, size_t n, unsigned char c)
{
	unsigned char *p = base;
	size_t i;
	for (i = 0; i < n; i++)
		if (p[i] == c)
			return p + i;
	return NULL;
}

int main(void)
{
	int *p = NULL;
	printf("p==NULL: %d !p: %d p==0: %d\n", p == NULL, !p, p == 0);
	printf("%s %s\n", name_or_default(NULL), name_or_default("given"));

	int a[4] = { 4, 3, 2, 1 };
	int *lo = &a[1], *hi = &a[3];
	printf("lo<hi:%d lo>hi:%d lo<=hi:%d lo!=hi:%d\n", lo < hi, lo > hi, lo <= hi, lo != hi);

	void *v = a;
	int *back = v;
	printf("back[2]=%d\n", back[2]);

	char data[] = "abcdef";
	char *hit = memfind(data, strlen(data), 'd');
	char *miss = memfind(data, strlen(data), 'z');
	printf("hit=%s miss_is_null=%d\n", hit ? hit : "none", miss == NULL);

	const char *strs[] = { "one", NULL, "three" };
	int i;
	for (i = 0; i < 3; i++)
		printf("%d:%s ", i, strs[i] ? strs[i] : "NULL");
	printf("\n");
	printf("sizeof(void *)=%zu sizeof(int *)=%zu sizeof(char **)=%zu\n", sizeof(void *), sizeof(int *), sizeof(char **));
	return 0;
}
