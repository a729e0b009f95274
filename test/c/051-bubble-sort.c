/* bubble sort, insertion sort and selection sort on ints and strings. */
#include <stdio.h>
#include <string.h>

static void bubble(int *a, int n)
{
	int i, j, swapped;
	for (i = 0; i < n - 1; i++) {
		swapped = 0;
		for (j = 0; j < n - 1 - i; j++)
			if (a[j] > a[j + 1]) {
				int t = a[j];
				a[j] = a[j + 1];
				a[j + 1] = t;
				swapped = 1;
			}
		if (!swapped)
			break;
	}
}

static void insertion(long *a, int n)
{
	int i;
	for (i = 1; i < n; i++) {
		long key = a[i];
		int j = i - 1;
		while (j >= 0 && a[j] < key) {     /* descending */
			a[j + 1] = a[j];
			j--;
		}
		a[j + 1] = key;
	}
}

static void selection_str(const char **a, int n)
{
	int i, j;
	for (i = 0; i < n - 1; i++) {
		int min = i;
		for (j = i + 1; j < n; j++)
			if (strcmp(a[j], a[min]) < 0)
				min = j;
		const char *t = a[i];
		a[i] = a[min];
		a[min] = t;
	}
}

static void print_ints(const int *a, int n)
{
	int i;
	for (i = 0; i < n; i++)
		printf("%d%c", a[i], i == n - 1 ? '\n' : ' ');
}

int main(void)
{
	int a[] = { 5, -3, 9, 0, 12, -3, 7, 1, 100, -50 };
	int n = sizeof a / sizeof a[0];
	print_ints(a, n);
	bubble(a, n);
	print_ints(a, n);

	long l[] = { 3, 1000000000000L, -2, 7, 7, 0 };
	insertion(l, 6);
	int i;
	for (i = 0; i < 6; i++)
		printf("%ld ", l[i]);
	printf("\n");

	const char *s[] = { "pear", "apple", "fig", "banana", "Apple", "cherry" };
	selection_str(s, 6);
	for (i = 0; i < 6; i++)
		printf("%s ", s[i]);
	printf("\n");

	int sorted[] = { 1, 2, 3 };
	bubble(sorted, 3);
	print_ints(sorted, 3);
	int one[] = { 42 };
	bubble(one, 1);
	print_ints(one, 1);
	return 0;
}
