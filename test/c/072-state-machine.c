/* a lexer written as an enum-driven state machine with a switch. */
#include <stdio.h>

enum state { S_START, S_IDENT, S_NUMBER, S_STRING, S_COMMENT };
enum tok { T_IDENT, T_NUMBER, T_STRING, T_PUNCT };

static const char *tok_names[] = { "ident", "number", "string", "punct" };

static void emit(enum tok t, const char *from, const char *to)
{
	printf("%-6s '%.*s'\n", tok_names[t], (int)(to - from), from);
}

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

int main(void)
{
	const char *src = "x1 = foo(42, \"hi there\") # comment\n+ y_2*7;";
	enum state st = S_START;
	const char *start = src, *p = src;
	int counts[4] = { 0 };
	for (;;) {
		char c = *p;
		switch (st) {
		case S_START:
			if (c == '\0')
				goto done;
			start = p;
			if (is_alpha(c))
				st = S_IDENT;
			else if (is_digit(c))
				st = S_NUMBER;
			else if (c == '"')
				st = S_STRING;
			else if (c == '#')
				st = S_COMMENT;
			else if (c != ' ' && c != '\n') {
				emit(T_PUNCT, p, p + 1);
				counts[T_PUNCT]++;
			}
			p++;
			break;
		case S_IDENT:
			if (is_alpha(c) || is_digit(c)) {
				p++;
			} else {
				emit(T_IDENT, start, p);
				counts[T_IDENT]++;
				st = S_START;
			}
			break;
		case S_NUMBER:
			if (is_digit(c)) {
				p++;
			} else {
				emit(T_NUMBER, start, p);
				counts[T_NUMBER]++;
				st = S_START;
			}
			break;
		case S_STRING:
			p++;
			if (c == '"') {
				emit(T_STRING, start, p);
				counts[T_STRING]++;
				st = S_START;
			}
			break;
		case S_COMMENT:
			if (c == '\n' || c == '\0')
				st = S_START;
			else
				p++;
			break;
		}
	}
done:
	printf("idents=%d numbers=%d strings=%d punct=%d\n", counts[T_IDENT], counts[T_NUMBER], counts[T_STRING], counts[T_PUNCT]);
	return 0;
}
