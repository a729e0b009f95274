/* arrays of structs, iteration by index and by pointer. */
#include <stdio.h>
#include <string.h>

struct item {
	char name[12];
	int qty;
	unsigned price_cents;
};

int main(void)
{
	struct item stock[] = {
		{ "apple", 3, 50 },
		{ "bread", 1, 250 },
		{ "cheese", 2, 725 },
		{ "dates", 10, 15 },
	};
	int n = sizeof stock / sizeof stock[0];
	unsigned total = 0;
	int i;
	for (i = 0; i < n; i++)
		total += stock[i].qty * stock[i].price_cents;
	printf("items=%d total=%u.%02u\n", n, total / 100, total % 100);

	struct item *it, *best = stock;
	for (it = stock; it < stock + n; it++)
		if (it->qty * it->price_cents > best->qty * best->price_cents)
			best = it;
	printf("largest line: %s (index %td)\n", best->name, best - stock);

	strcpy(stock[1].name, "bagel");
	stock[1].qty++;
	for (i = 0; i < n; i++)
		printf("%-8s|%3d|%5u\n", stock[i].name, stock[i].qty, stock[i].price_cents);
	printf("sizeof(struct item)=%zu sizeof stock=%zu\n", sizeof(struct item), sizeof stock);
	return 0;
}
