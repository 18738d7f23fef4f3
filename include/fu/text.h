/* SPDX-License-Identifier: MIT */
/*
 * text.h - showing stored text safely. What fu prints for people passes
 * through here, so that nothing in a record, wherever it came from (fu
 * itself, an import, another program, an old version, a synced
 * machine), can drive a terminal or turn its writing direction.
 */
#ifndef FU_TEXT_H
#define FU_TEXT_H

#include "fu/buf.h"

enum {
	FU_TEXT_LINES = 1 << 0 /* keep line breaks and tabs (a message) */
};

/*
 * Append s to b with everything that is not plain text made visible:
 *   - a byte that is not part of valid UTF-8 (a raw 8-bit C1 control
 *     such as 0x9b CSI among them): \xNN;
 *   - C0 controls and DEL: \e for ESC, \n for a line break (a tab is a
 *     space), \xNN for the others; with FU_TEXT_LINES, line breaks and
 *     tabs are kept;
 *   - C1 controls as UTF-8 (U+0080..U+009F), bidirectional controls
 *     (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) and the
 *     line and paragraph separators (U+2028, U+2029): \uNNNN.
 * s NULL is "".
 */
void fu_text_escape(fu_buf *b, const char *s, int flags);

/* Whether the code point is one fu_text_escape() shows as \uNNNN. */
int fu_text_hidden_code_point(unsigned cp);

#endif
