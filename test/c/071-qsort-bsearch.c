/* qsort and bsearch from stdlib.h with comparator callbacks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>

struct emp {
	const char *name;
	int dept;
	long salary;
};

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);       /* no overflow, unlike x - y */
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_emp(const void *a, const void *b)
{
	const struct emp *x = a, *y = b;
	if (x->dept != y->dept)
		return x->dept - y->dept;
	if (x->salary != y->salary)
		return x->salary < y->salary ? 1 : -1;   /* descending */
	return strcmp(x->name, y->name);
}

int main(void)
{
	int nums[] = { 42, -7, 2147483647, 0, -2147483647 - 1, 13, 13, 99 };
	size_t n = sizeof nums / sizeof nums[0], i;
	qsort(nums, n, sizeof nums[0], cmp_int);
	for (i = 0; i < n; i++)
		printf("%d ", nums[i]);
	printf("\n");
	int key = 13;
	int *hit = bsearch(&key, nums, n, sizeof nums[0], cmp_int);
	printf("bsearch 13: %s value %d\n", hit ? "found" : "missing", hit ? *hit : 0);
	key = 14;
	printf("bsearch 14: %s\n", bsearch(&key, nums, n, sizeof nums[0], cmp_int) ? "found" : "missing");

	const char *words[] = { "delta", "alpha", "charlie", "bravo", "echo" };
	qsort(words, 5, sizeof words[0], cmp_str);
	for (i = 0; i < 5; i++)
		printf("%s ", words[i]);
	printf("\n");
	const char *wkey = "charlie";
	const char **w = bsearch(&wkey, words, 5, sizeof words[0], cmp_str);
	printf("charlie at index %td\n", w ? w - words : (ptrdiff_t)-1);

	struct emp staff[] = {
		{ "eve", 2, 5000 }, { "bob", 1, 4000 }, { "amy", 2, 7000 },
		{ "dan", 1, 4000 }, { "cat", 3, 1000 }, { "fay", 2, 5000 },
	};
	qsort(staff, 6, sizeof staff[0], cmp_emp);
	for (i = 0; i < 6; i++)
		printf("%d %-3s %ld\n", staff[i].dept, staff[i].name, staff[i].salary);
	return 0;
}
