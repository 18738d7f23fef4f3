/* SPDX-License-Identifier: MIT */
/*
 * spell.c - spelling, checked with hunspell (libhunspell): the words of
 * a draft the dictionary does not know, with suggestions (draft.h).
 *
 * A word is a run of letters (with apostrophes inside, as in "don't");
 * hyphens and other punctuation separate words. Never flagged: words
 * with digits, all-capital words (acronyms), capitalised words inside a
 * sentence (proper nouns: products, places), e-mail addresses and URLs
 * (a blank-separated chunk holding '@', "://" or starting "www."), and
 * the words of the names the caller passes (people, companies, roles),
 * also with a possessive "'s".
 *
 * libhunspell is loaded with dlopen when a draft is first checked, not
 * linked: it is C++ and would bring libstdc++ into every fu process
 * (doubling the start-up of fu --version, fu due, fu log) for the one
 * command that spells. Its soname is found at build time (FU_HUNSPELL_SO,
 * CMakeLists.txt); FU_HUNSPELL_LIBRARY overrides it (tests use it).
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <hunspell.h>

#include "fu/buf.h"
#include "fu/spell.h"

#define DEFAULT_DICTIONARY "/usr/share/hunspell/en_US"
#ifndef FU_HUNSPELL_SO
#define FU_HUNSPELL_SO "libhunspell-1.7.so.0"
#endif
#define MAX_SUGGESTIONS 3
#define MAX_WORD 100

/* --- the library, loaded on first use ----------------------------------- */

static struct hunspell_api {
	Hunhandle *(*create)(const char *, const char *);
	void (*destroy)(Hunhandle *);
	int (*spell)(Hunhandle *, const char *);
	int (*suggest)(Hunhandle *, char ***, const char *);
	void (*free_list)(Hunhandle *, char ***, int);
	int (*add)(Hunhandle *, const char *);
	int (*add_affix)(Hunhandle *, const char *, const char *); /* or NULL */
	int (*remove)(Hunhandle *, const char *);                  /* or NULL */
} hs;

/* A function of the library, or 0: ISO C has no conversion from the
 * object pointer dlsym returns to a function pointer; POSIX guarantees
 * the representation, so copy it. */
static int sym(void *lib, const char *name, void *fn, size_t size)
{
	void *p = dlsym(lib, name);
	if (!p || size != sizeof p)
		return 0;
	memcpy(fn, &p, size);
	return 1;
}

#define SYM(lib, name, field) sym(lib, name, &hs.field, sizeof hs.field)

/* Load libhunspell once per process (it stays loaded: dlclose of a C++
 * library buys nothing at exit). FU_ENOTFOUND when it is not there. */
static int load_hunspell(fu_db *db)
{
	static int loaded, failed;
	if (loaded)
		return FU_OK;
	const char *env = getenv("FU_HUNSPELL_LIBRARY");
	const char *name = env && *env ? env : FU_HUNSPELL_SO;
	void *lib = failed ? NULL : dlopen(name, RTLD_NOW | RTLD_LOCAL);
	if (lib && SYM(lib, "Hunspell_create", create) &&
	    SYM(lib, "Hunspell_destroy", destroy) &&
	    SYM(lib, "Hunspell_spell", spell) &&
	    SYM(lib, "Hunspell_suggest", suggest) &&
	    SYM(lib, "Hunspell_free_list", free_list) &&
	    SYM(lib, "Hunspell_add", add)) {
		/* a personal dictionary's "word/model" and "*word" (older
		 * libraries lack them: the word alone, or nothing) */
		if (!SYM(lib, "Hunspell_add_with_affix", add_affix))
			hs.add_affix = NULL;
		if (!SYM(lib, "Hunspell_remove", remove))
			hs.remove = NULL;
		loaded = 1;
		return FU_OK;
	}
	if (lib)
		dlclose(lib);
	failed = 1;
	return fu__error(db, FU_ENOTFOUND, "cannot load the spelling library "
			 "%s (install libhunspell-1.7-0): spelling not checked",
			 name);
}

/* One code point at p (valid UTF-8 assumed, else one byte): its length. */
static size_t cp_at(const unsigned char *p, uint32_t *cp)
{
	if (*p < 0x80) {
		*cp = *p;
		return 1;
	}
	size_t n = (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3
		 : (*p & 0xf8) == 0xf0 ? 4 : 1;
	uint32_t v = n == 2 ? *p & 0x1f : n == 3 ? *p & 0x0f : *p & 0x07;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		v = (v << 6) | (p[i] & 0x3f);
	}
	*cp = n == 1 ? 0xfffd : v;
	return n;
}

static int is_letter(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	/* Latin letters and beyond, but not the symbols of Latin-1, nor
	 * general punctuation, arrows and other symbols */
	return c >= 0xc0 && c != 0xd7 && c != 0xf7 &&
	       !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0x3000 && c <= 0x303f) &&
	       c != 0xfffd;
}

static int is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static int is_apostrophe(uint32_t c)
{
	return c == '\'' || c == 0x2019;
}

/* fn gets each word, and whether it starts a sentence (or a line). */
typedef void (*word_fn)(void *ctx, const char *w, size_t n, int start);

/* Call fn for each word of text, skipping addresses and URLs. */
static void each_word(const char *text, word_fn fn, void *ctx)
{
	const unsigned char *p = (const unsigned char *)text;
	int start = 1;
	while (*p) {
		size_t blank = strspn((const char *)p, " \t\r\n");
		if (memchr(p, '\n', blank))
			start = 1;
		p += blank;
		size_t len = strcspn((const char *)p, " \t\r\n");
		if (!len)
			continue;
		const char *chunk = (const char *)p;
		int skip = memchr(chunk, '@', len) != NULL ||
			   strncasecmp(chunk, "www.", 4) == 0;
		for (size_t i = 0; !skip && i + 3 <= len; i++)
			skip = memcmp(chunk + i, "://", 3) == 0;
		const unsigned char *end = p + len;
		if (skip)
			start = 0;
		while (!skip && p < end) {
			uint32_t c;
			size_t k = cp_at(p, &c);
			if (!is_letter(c) && !is_digit(c)) {
				if (c == '.' || c == '!' || c == '?')
					start = 1;
				p += k;
				continue;
			}
			const unsigned char *begin = p;
			int digits = 0;
			while (p < end) {
				k = cp_at(p, &c);
				if (is_letter(c) || is_digit(c)) {
					digits |= is_digit(c);
					p += k;
					continue;
				}
				if (is_apostrophe(c) && p + k < end) {
					uint32_t c2;
					cp_at(p + k, &c2);
					if (is_letter(c2)) {
						p += k;
						continue;
					}
				}
				break;
			}
			if (!digits)
				fn(ctx, (const char *)begin,
				   (size_t)(p - begin), start);
			start = 0;
		}
		p = end;
	}
}

/* The list of words never flagged. */
typedef struct wordset {
	char **v;
	size_t n, cap;
	int failed;
} wordset;

static void set_add(void *ctx, const char *w, size_t n, int start)
{
	wordset *s = ctx;
	(void)start;
	if (s->failed)
		return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 32;
		char **v = realloc(s->v, cap * sizeof *v);
		if (!v) {
			s->failed = 1;
			return;
		}
		s->v = v;
		s->cap = cap;
	}
	if (!(s->v[s->n] = strndup(w, n)))
		s->failed = 1;
	else
		s->n++;
}

static void set_free(wordset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static int set_has(const wordset *s, const char *w, size_t n)
{
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->v[i]) == n && strncasecmp(s->v[i], w, n) == 0)
			return 1;
	return 0;
}

/* Length without a possessive "'s" or "’s". */
static size_t stem_len(const char *w, size_t n)
{
	if (n > 2 && (w[n - 1] == 's' || w[n - 1] == 'S') && w[n - 2] == '\'')
		return n - 2;
	if (n > 4 && (w[n - 1] == 's' || w[n - 1] == 'S') &&
	    memcmp(w + n - 4, "\xe2\x80\x99", 3) == 0)
		return n - 4;
	return n;
}

static int all_caps(const char *w, size_t n)
{
	size_t letters = 0;
	for (size_t i = 0; i < n; i++) {
		if (w[i] >= 'a' && w[i] <= 'z')
			return 0;
		if ((unsigned char)w[i] >= 0x80)
			return 0;
		letters += w[i] >= 'A' && w[i] <= 'Z';
	}
	return letters >= 2;
}

typedef struct checker {
	Hunhandle *h;
	const wordset *ignore;
	fu_spell_word *out;
	size_t n, cap;
	int failed;
} checker;

static void check_word(void *ctx, const char *w, size_t n, int start)
{
	checker *k = ctx;
	/* a capital inside a sentence: a proper noun (a product, a place,
	 * a person the caller did not name), which no dictionary knows */
	int proper = !start && w[0] >= 'A' && w[0] <= 'Z';
	if (k->failed || n > MAX_WORD || proper || all_caps(w, n) ||
	    set_has(k->ignore, w, stem_len(w, n)) || set_has(k->ignore, w, n))
		return;
	char word[MAX_WORD + 1];
	memcpy(word, w, n);
	word[n] = '\0';
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->out[i].word, word) == 0)
			return;
	if (hs.spell(k->h, word))
		return;
	/* a possessive of a known word (one of the personal dictionary:
	 * "kubectl's") */
	size_t stem = stem_len(word, n);
	if (stem < n) {
		char base[MAX_WORD + 1];
		memcpy(base, word, stem);
		base[stem] = '\0';
		if (hs.spell(k->h, base))
			return;
	}
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 8;
		fu_spell_word *v = realloc(k->out, cap * sizeof *v);
		if (!v) {
			k->failed = 1;
			return;
		}
		k->out = v;
		k->cap = cap;
	}
	fu_spell_word *s = &k->out[k->n];
	memset(s, 0, sizeof *s);
	if (!(s->word = strdup(word))) {
		k->failed = 1;
		return;
	}
	k->n++;
	char **list = NULL;
	int ns = hs.suggest(k->h, &list, word);
	size_t keep = ns > MAX_SUGGESTIONS ? MAX_SUGGESTIONS
					   : ns > 0 ? (size_t)ns : 0;
	if (keep && (s->suggestions = calloc(keep, sizeof *s->suggestions))) {
		for (size_t i = 0; i < keep; i++) {
			if (!(s->suggestions[i] = strdup(list[i]))) {
				k->failed = 1;
				break;
			}
			s->nsuggestions++;
		}
	} else if (keep) {
		k->failed = 1;
	}
	if (ns > 0)
		hs.free_list(k->h, &list, ns);
}

/* Add the words of a personal dictionary to the dictionary, in
 * hunspell's own format (hunspell(5)): a word a line; "word/model"
 * takes the affixes of model ("Kubernetes/Linux"); "*word" marks a
 * word as wrong. Blank lines and "#" comments are skipped. A missing
 * file is fine. */
static void add_words(Hunhandle *h, const char *path)
{
	FILE *f = path ? fopen(path, "r") : NULL;
	if (!f)
		return;
	char line[256];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		char *w = line + strspn(line, " \t");
		size_t n = strlen(w);
		while (n && (w[n - 1] == ' ' || w[n - 1] == '\t'))
			w[--n] = '\0';
		if (!n || *w == '#')
			continue;
		char *model = strchr(w, '/');
		if (*w == '*') {
			if (w[1] && hs.remove)
				hs.remove(h, w + 1);
		} else if (model && model != w) {
			*model++ = '\0';
			if (*model && hs.add_affix)
				hs.add_affix(h, w, model);
			else
				hs.add(h, w);
		} else if (!model) {
			hs.add(h, w);
		}
	}
	fclose(f);
}

void fu_spell_free(fu_spell_word *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++) {
		free(list[i].word);
		for (size_t j = 0; j < list[i].nsuggestions; j++)
			free(list[i].suggestions[j]);
		free(list[i].suggestions);
	}
	free(list);
}

static void count_word(void *ctx, const char *w, size_t n, int start)
{
	size_t *count = ctx;
	(void)w;
	(void)n;
	(void)start;
	(*count)++;
}

int fu_spell_add_word(fu_db *db, const char *path, const char *word,
		      int *added)
{
	*added = 0;
	size_t len = word ? strlen(word) : 0, words = 0;
	if (!len)
		return fu__error(db, FU_EINVALID, "--add-word is empty");
	/* one word, as the check sees one: letters, and apostrophes
	 * inside (a word with a digit is never flagged) */
	each_word(word, count_word, &words);
	int digit = strcspn(word, "0123456789") != len;
	if (words != 1 || digit || len > MAX_WORD || strpbrk(word, " \t/*#-.") ||
	    word[0] == '\'')
		return fu__error(db, FU_EINVALID, "'%s' is not one word: add "
				 "letters only (and an apostrophe inside), one "
				 "word each time%s", word, digit ? "; a word "
				 "with a digit is never flagged" : "");
	int rc = FU_OK;
	FILE *f = fopen(path, "r");
	if (f) {
		char line[256];
		while (!*added && fgets(line, sizeof line, f)) {
			line[strcspn(line, "\r\n/")] = '\0';
			if (strcmp(line, word) == 0)
				*added = -1; /* there already */
		}
		fclose(f);
		if (*added) {
			*added = 0;
			return FU_OK;
		}
	} else if (errno != ENOENT) {
		return fu__error(db, FU_EINVALID, "cannot read %s: %s", path,
				 strerror(errno));
	}
	/* the directory, private as fu's own files are */
	fu_buf dir = FU_BUF_INIT;
	fu_buf_puts(&dir, path);
	for (size_t i = 1; !dir.failed && i < dir.len; i++) {
		if (dir.data[i] != '/')
			continue;
		dir.data[i] = '\0';
		if (mkdir(dir.data, 0700) != 0 && errno != EEXIST)
			rc = fu__error(db, FU_EINVALID, "cannot create %s: %s",
				       dir.data, strerror(errno));
		dir.data[i] = '/';
		if (rc)
			break;
	}
	if (!rc && dir.failed)
		rc = fu__error(db, FU_ERROR, "out of memory");
	fu_buf_free(&dir);
	if (rc)
		return rc;
	/* appended, never rewritten: what the file held stays */
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return fu__error(db, FU_EINVALID, "cannot write %s: %s", path,
				 strerror(errno));
	/* a last line without its newline gets one first */
	struct stat st;
	int nl = 0;
	if (fstat(fd, &st) == 0 && st.st_size > 0) {
		int rfd = open(path, O_RDONLY | O_CLOEXEC);
		char last = '\n';
		if (rfd >= 0) {
			if (pread(rfd, &last, 1, st.st_size - 1) != 1)
				last = '\n';
			close(rfd);
		}
		nl = last != '\n';
	}
	fu_buf b = FU_BUF_INIT;
	fu_buf_printf(&b, "%s%s\n", nl ? "\n" : "", word);
	size_t off = 0;
	while (!b.failed && off < b.len) {
		ssize_t w = write(fd, b.data + off, b.len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			rc = fu__error(db, FU_EINVALID, "cannot write %s: %s",
				       path, strerror(errno));
			break;
		}
		off += (size_t)w;
	}
	if (!rc && b.failed)
		rc = fu__error(db, FU_ERROR, "out of memory");
	if (close(fd) != 0 && !rc)
		rc = fu__error(db, FU_EINVALID, "cannot write %s: %s", path,
			       strerror(errno));
	fu_buf_free(&b);
	if (!rc)
		*added = 1;
	return rc;
}

int fu_spell_check(fu_spell_word **out, size_t *n, fu_db *db,
		   const char *text, const char *const *ignore,
		   size_t nignore, const char *dictionary,
		   const char *const *words, size_t nwords)
{
	*out = NULL;
	*n = 0;
	const char *env = getenv("FU_DICTIONARY");
	const char *base = dictionary ? dictionary
			 : env && *env ? env : DEFAULT_DICTIONARY;
	fu_buf aff = FU_BUF_INIT, dic = FU_BUF_INIT;
	fu_buf_printf(&aff, "%s.aff", base);
	fu_buf_printf(&dic, "%s.dic", base);
	int rc = FU_OK;
	if (aff.failed || dic.failed) {
		rc = fu__error(db, FU_ERROR, "out of memory");
		goto done;
	}
	if (access(aff.data, R_OK) != 0 || access(dic.data, R_OK) != 0) {
		rc = fu__error(db, FU_ENOTFOUND, "no spelling dictionary at %s "
			       "(install hunspell-en-us, or set FU_DICTIONARY): "
			       "spelling not checked", dic.data);
		goto done;
	}
	if ((rc = load_hunspell(db)))
		goto done;
	Hunhandle *h = hs.create(aff.data, dic.data);
	if (!h) {
		rc = fu__error(db, FU_ENOTFOUND, "cannot load the spelling "
			       "dictionary %s: spelling not checked", dic.data);
		goto done;
	}
	for (size_t i = 0; i < nwords; i++)
		add_words(h, words[i]);
	wordset skip = { 0 };
	for (size_t i = 0; i < nignore; i++)
		if (ignore[i])
			each_word(ignore[i], set_add, &skip);
	checker k = { h, &skip, NULL, 0, 0, skip.failed };
	each_word(text ? text : "", check_word, &k);
	set_free(&skip);
	hs.destroy(h);
	if (k.failed) {
		fu_spell_free(k.out, k.n);
		rc = fu__error(db, FU_ERROR, "out of memory");
		goto done;
	}
	*out = k.out;
	*n = k.n;
done:
	fu_buf_free(&aff);
	fu_buf_free(&dic);
	return rc;
}
