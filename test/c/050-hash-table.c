/* a chained hash table with string keys: insert, update, lookup, delete. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NBUCKETS 8

struct entry {
	char *key;
	int value;
	struct entry *next;
};

struct table {
	struct entry *buckets[NBUCKETS];
	int count;
};

static unsigned hash(const char *s)
{
	unsigned h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static struct entry *lookup(struct table *t, const char *key)
{
	struct entry *e;
	for (e = t->buckets[hash(key) % NBUCKETS]; e; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

static void put(struct table *t, const char *key, int value)
{
	struct entry *e = lookup(t, key);
	if (e) {
		e->value = value;
		return;
	}
	e = malloc(sizeof *e);
	e->key = malloc(strlen(key) + 1);
	strcpy(e->key, key);
	e->value = value;
	unsigned b = hash(key) % NBUCKETS;
	e->next = t->buckets[b];
	t->buckets[b] = e;
	t->count++;
}

static int del(struct table *t, const char *key)
{
	struct entry **pp = &t->buckets[hash(key) % NBUCKETS];
	for (; *pp; pp = &(*pp)->next) {
		if (strcmp((*pp)->key, key) == 0) {
			struct entry *dead = *pp;
			*pp = dead->next;
			free(dead->key);
			free(dead);
			t->count--;
			return 1;
		}
	}
	return 0;
}

static void destroy(struct table *t)
{
	int i;
	for (i = 0; i < NBUCKETS; i++) {
		struct entry *e = t->buckets[i];
		while (e) {
			struct entry *next = e->next;
			free(e->key);
			free(e);
			e = next;
		}
		t->buckets[i] = NULL;
	}
	t->count = 0;
}

int main(void)
{
	static const char *words[] = { "the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog", "the", "fox" };
	struct table t;
	memset(&t, 0, sizeof t);
	size_t i;
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		struct entry *e = lookup(&t, words[i]);
		put(&t, words[i], e ? e->value + 1 : 1);
	}
	printf("distinct=%d\n", t.count);
	const char *probe[] = { "the", "fox", "dog", "cat" };
	for (i = 0; i < 4; i++) {
		struct entry *e = lookup(&t, probe[i]);
		printf("%s -> %d\n", probe[i], e ? e->value : -1);
	}
	printf("hash(the)=%u bucket=%u\n", hash("the"), hash("the") % NBUCKETS);
	int dfox = del(&t, "fox");
	int dcat = del(&t, "cat");
	printf("del fox=%d del cat=%d count=%d\n", dfox, dcat, t.count);
	int b, longest = 0;
	for (b = 0; b < NBUCKETS; b++) {
		int len = 0;
		struct entry *e;
		for (e = t.buckets[b]; e; e = e->next)
			len++;
		if (len > longest)
			longest = len;
		printf("%d", len);
	}
	printf(" longest=%d\n", longest);
	destroy(&t);
	printf("count after destroy=%d\n", t.count);
	return 0;
}
