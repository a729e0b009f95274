/* string literals, char arrays, escapes, concatenation, manual string functions. */
#include <stdio.h>

static unsigned my_strlen(const char *s)
{
	const char *p = s;
	while (*p)
		p++;
	return (unsigned)(p - s);
}

static void my_upper(char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

int main(void)
{
	char a[] = "hello";
	char b[10] = "hi";
	const char *lit = "literal";
	char c[4] = { 'a', 'b', 'c', '\0' };
	printf("%s %s %s %s\n", a, b, lit, c);
	printf("lens %u %u %u\n", my_strlen(a), my_strlen(b), my_strlen("concat" "enated"));
	printf("b tail zeroed: %d %d\n", b[2], b[9]);

	my_upper(a);
	printf("upper=%s\n", a);
	a[0] = 'J';
	printf("modified=%s\n", a);

	printf("tab[\t] quote[\"] backslash[\\] hex[\x41] octal[\102] q[\?]\n");
	const char *esc = "\a\b\f\n\r\t\v";
	const char *e;
	for (e = esc; *e; e++)
		printf("%d ", *e);
	printf("\n");
	printf("%c%c%c\n", "xyz"[2], *"abc", *(lit + 3));

	/* embedded NUL ends the string but not the array */
	char z[] = "ab\0cd";
	printf("sizeof z=%zu strlen=%u z[3]=%c\n", sizeof z, my_strlen(z), z[3]);

	/* 2-D char array of words */
	char words[3][6] = { "one", "two", "three" };
	int i;
	for (i = 0; i < 3; i++)
		printf("%s(%u) ", words[i], my_strlen(words[i]));
	printf("\n");

	/* high-bit characters are negative chars */
	char hi = "\xe9"[0];
	printf("hi=%d unsigned=%d\n", hi, (unsigned char)hi);
	puts("puts adds a newline");
	putchar('!');
	putchar('\n');
	return 0;
}
