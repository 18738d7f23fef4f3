/* SPDX-License-Identifier: MIT */
/*
 * spell.h - spelling, checked with hunspell (loaded with dlopen when a
 * draft is checked, so that no other command pays for it).
 */
#ifndef FU_SPELL_H
#define FU_SPELL_H

#include <stddef.h>

#include "fu/fu.h"

typedef struct fu_spell_word {
	char *word;
	char **suggestions;
	size_t nsuggestions;
} fu_spell_word;

/*
 * The words of text the dictionary does not know, each once, in order,
 * with up to three suggestions; ignore[] (nignore strings) are names
 * whose words are never flagged (compared without case). dictionary:
 * the hunspell base path (see fu_draft_check() in draft.h); words[]
 * (nwords paths): personal dictionaries in hunspell's format (a word a
 * line, "word/model" for its affixes, "*word" for a word that is
 * wrong, "#" comments), missing ones skipped.
 * FU_ENOTFOUND (with a message) when the dictionary is missing.
 */
int fu_spell_check(fu_spell_word **out, size_t *n, fu_db *db,
		   const char *text, const char *const *ignore,
		   size_t nignore, const char *dictionary,
		   const char *const *words, size_t nwords);

/*
 * Add one word (letters, and apostrophes inside) to the personal
 * dictionary at path, creating it (and its directories, 0700) when
 * missing: appended as a line, the file never rewritten. *added is 1,
 * or 0 when the word was there. FU_EINVALID for what is not one word,
 * or a file that cannot be written.
 */
int fu_spell_add_word(fu_db *db, const char *path, const char *word,
		      int *added);
void fu_spell_free(fu_spell_word *list, size_t n);

#endif
