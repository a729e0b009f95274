/* malloc, calloc, realloc and free: a growable vector and a 2-D array. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct vec {
	int *data;
	size_t len, cap;
};

static void vec_push(struct vec *v, int x)
{
	if (v->len == v->cap) {
		size_t ncap = v->cap ? v->cap * 2 : 2;
		int *nd = realloc(v->data, ncap * sizeof *nd);
		if (!nd)
			exit(1);
		v->data = nd;
		v->cap = ncap;
		printf("grow to %zu\n", ncap);
	}
	v->data[v->len++] = x;
}

int main(void)
{
	struct vec v = { NULL, 0, 0 };
	int i;
	for (i = 0; i < 20; i++)
		vec_push(&v, i * i);
	long sum = 0;
	size_t k;
	for (k = 0; k < v.len; k++)
		sum += v.data[k];
	printf("len=%zu cap=%zu sum=%ld last=%d\n", v.len, v.cap, sum, v.data[v.len - 1]);
	free(v.data);

	/* calloc zero-fills */
	long *z = calloc(10, sizeof *z);
	if (!z)
		return 1;
	int zeros = 0;
	for (i = 0; i < 10; i++)
		zeros += z[i] == 0;
	printf("calloc zeros=%d\n", zeros);

	/* realloc keeps the prefix when shrinking and growing */
	for (i = 0; i < 10; i++)
		z[i] = i + 1;
	z = realloc(z, 4 * sizeof *z);
	printf("shrunk: %ld %ld %ld %ld\n", z[0], z[1], z[2], z[3]);
	z = realloc(z, 100 * sizeof *z);
	printf("grown keeps: %ld %ld\n", z[0], z[3]);
	free(z);

	/* realloc(NULL, n) behaves like malloc */
	char *s = realloc(NULL, 6);
	strcpy(s, "hello");
	printf("%s\n", s);
	free(s);
	free(NULL);   /* a no-op */

	/* a 2-D array of rows */
	int rows = 4, cols = 5;
	int **grid = malloc(rows * sizeof *grid);
	for (i = 0; i < rows; i++) {
		grid[i] = malloc(cols * sizeof **grid);
		int j;
		for (j = 0; j < cols; j++)
			grid[i][j] = i * 10 + j;
	}
	printf("grid[3][4]=%d grid[2][0]=%d\n", grid[3][4], grid[2][0]);
	for (i = 0; i < rows; i++)
		free(grid[i]);
	free(grid);

	/* a struct with a copied string */
	struct person { char *name; int age; } *p = malloc(sizeof *p);
	p->name = malloc(strlen("Ada Lovelace") + 1);
	strcpy(p->name, "Ada Lovelace");
	p->age = 36;
	printf("%s, %d\n", p->name, p->age);
	free(p->name);
	free(p);
	return 0;
}
