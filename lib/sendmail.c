/* SPDX-License-Identifier: MIT */
/*
 * sendmail.c - fu draft --send: an e-mail draft handed to the user's own
 * mailer (config mail.sendmail, "sendmail -t -oi" unless set: msmtp,
 * postfix and exim provide it) the way fu notify hands it its digest
 * (mailer.c: composed there, run without a shell, the message on its
 * standard input); the sent is logged, with the message's Message-ID,
 * only when the mailer exits 0.
 */
#include <stdlib.h>
#include <string.h>

#include "fu/config.h"
#include "fu/mailer.h"
#include "fu/spawn.h"
#include "draft_internal.h"
#include "internal.h"

int fu_draft_send(fu_db *db, fu_draft *d, const fu_draft_input *in,
		  int64_t *event_id)
{
	if (event_id)
		*event_id = 0;
	char *line = NULL;
	int rc = fu_config_get(&line, db, "mail.sendmail");
	if (rc && rc != FU_ENOTFOUND)
		return rc;
	char **argv = NULL;
	rc = fu_mail_sendmail(&argv, db, line);
	free(line);
	if (rc)
		return rc;
	fu_mail m;
	char *id = NULL;
	if (!(rc = fu_draft_new_message_id(db, d, in)) &&
	    !(rc = fu__draft_mail(&m, &id, db, d, in)) &&
	    (rc = fu_mail_send(db, &m, argv, "the mailer")) == FU_ERROR) {
		char why[sizeof db->msg];
		memcpy(why, db->msg, sizeof why);
		rc = fu__error(db, rc, "%s; nothing logged", why);
	}
	free(id);
	fu_spawn_free(argv);
	if (rc)
		return rc;
	if ((rc = fu_draft_mark_sent_as(db, in, d->message_id, event_id))) {
		char why[sizeof db->msg];
		memcpy(why, db->msg, sizeof why);
		rc = fu__error(db, rc, "the message was sent (Message-ID <%s>) "
			       "but not logged: %s", d->message_id, why);
	}
	return rc;
}
