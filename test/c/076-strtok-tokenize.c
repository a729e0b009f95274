/* splitting strings: strtok, and a manual splitter with strchr/strspn/strcspn. */
#include <stdio.h>
#include <string.h>

int main(void)
{
	char line[] = "  alpha,beta;;gamma , delta  ";
	char *tok;
	int n = 0;
	for (tok = strtok(line, " ,;"); tok; tok = strtok(NULL, " ,;"))
		printf("tok %d: [%s]\n", n++, tok);

	const char *cfg = "name=value\nsize=42\n# comment\nempty=\n";
	const char *p = cfg;
	while (*p) {
		size_t len = strcspn(p, "\n");
		if (*p != '#') {
			const char *eq = memchr(p, '=', len);
			if (eq)
				printf("key=[%.*s] val=[%.*s]\n", (int)(eq - p), p, (int)(len - (size_t)(eq - p) - 1), eq + 1);
		}
		p += len;
		p += strspn(p, "\n");
	}
	printf("strspn=%zu strcspn=%zu\n", strspn("aabbcx", "ab"), strcspn("hello world", " "));

	char path[] = "/usr/local/lib";
	char *parts[8];
	int np = 0;
	char *s = path;
	while (s && np < 8) {
		char *slash = strchr(s, '/');
		if (slash)
			*slash = '\0';
		if (*s)
			parts[np++] = s;
		s = slash ? slash + 1 : NULL;
	}
	int i;
	for (i = np - 1; i >= 0; i--)
		printf("%s%s", parts[i], i ? " <- " : "\n");
	return 0;
}
