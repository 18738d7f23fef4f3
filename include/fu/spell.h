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
 * the hunspell base path (see fu_draft_check() in draft.h); words: a
 * file of extra words, or NULL.
 * FU_ENOTFOUND (with a message) when the dictionary is missing.
 */
int fu_spell_check(fu_spell_word **out, size_t *n, fu_db *db,
		   const char *text, const char *const *ignore,
		   size_t nignore, const char *dictionary, const char *words);
void fu_spell_free(fu_spell_word *list, size_t n);

#endif
