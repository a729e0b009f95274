/* two- and three-dimensional arrays, row-major layout. */
#include <stdio.h>

#define N 3

static void matmul(int a[N][N], int b[N][N], int out[N][N])
{
	int i, j, k;
	for (i = 0; i < N; i++)
		for (j = 0; j < N; j++) {
			out[i][j] = 0;
			for (k = 0; k < N; k++)
				out[i][j] += a[i][k] * b[k][j];
		}
}

static int trace(int m[][N])
{
	int i, t = 0;
	for (i = 0; i < N; i++)
		t += m[i][i];
	return t;
}

int main(void)
{
	int a[N][N] = { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } };
	int id[N][N] = { { 1 }, { 0, 1 }, { [2] = 1 } };
	int r[N][N];
	matmul(a, a, r);
	int i, j;
	for (i = 0; i < N; i++) {
		for (j = 0; j < N; j++)
			printf("%4d", r[i][j]);
		printf("\n");
	}
	matmul(a, id, r);
	printf("a*I == a: %d\n", r[1][2] == a[1][2] && r[2][0] == a[2][0]);
	printf("trace(a)=%d trace(a*a)=%d\n", trace(a), trace((matmul(a, a, r), r)));

	/* row-major: a[1][0] follows a[0][2] */
	int *flat = &a[0][0];
	printf("flat[3]=%d flat[8]=%d\n", flat[3], flat[8]);
	printf("sizeof a=%zu sizeof a[0]=%zu sizeof a[0][0]=%zu\n", sizeof a, sizeof a[0], sizeof a[0][0]);

	char grid[2][3][4];
	int k;
	for (i = 0; i < 2; i++)
		for (j = 0; j < 3; j++)
			for (k = 0; k < 4; k++)
				grid[i][j][k] = (char)('a' + i * 12 + j * 4 + k);
	printf("grid[1][2][3]=%c grid[0][1][0]=%c\n", grid[1][2][3], grid[0][1][0]);
	printf("sizeof grid[1]=%zu\n", sizeof grid[1]);

	const char *words[2][2] = { { "top-left", "top-right" }, { "bottom-left", "bottom-right" } };
	printf("%s %s\n", words[1][0], words[0][1]);
	return 0;
}
