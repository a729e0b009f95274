/* int (*p)[4]: pointer to an array, as for rows of a 2-D array. */
#include <stdio.h>

static int row_sum(int (*row)[4])
{
	int s = 0, i;
	for (i = 0; i < 4; i++)
		s += (*row)[i];
	return s;
}

static void scale_rows(int (*m)[4], int rows, int k)
{
	int i, j;
	for (i = 0; i < rows; i++)
		for (j = 0; j < 4; j++)
			m[i][j] *= k;
}

int main(void)
{
	int m[3][4] = { { 1, 2, 3, 4 }, { 5, 6, 7, 8 }, { 9, 10, 11, 12 } };
	int (*p)[4] = m;
	printf("sizeof *p=%zu\n", sizeof *p);
	printf("p[1][2]=%d (*(p+2))[0]=%d\n", p[1][2], (*(p + 2))[0]);
	p++;
	printf("after p++: (*p)[0]=%d\n", (*p)[0]);
	printf("row sums: %d %d %d\n", row_sum(&m[0]), row_sum(m + 1), row_sum(p + 1));
	printf("rows between: %td\n", &m[2] - &m[0]);
	scale_rows(m, 3, 2);
	printf("m[2][3]=%d\n", m[2][3]);

	int one[4] = { 7, 7, 7, 7 };
	int (*pa)[4] = &one;
	(*pa)[3] = 1;
	printf("one: %d %d, sum %d\n", one[0], one[3], row_sum(pa));

	/* array of pointers vs pointer to array */
	int *ap[3];
	int i;
	for (i = 0; i < 3; i++)
		ap[i] = m[i];
	printf("ap[2][1]=%d sizeof ap=%zu sizeof pa=%zu\n", ap[2][1], sizeof ap, sizeof pa);
	return 0;
}
