/* SPDX-License-Identifier: MIT */
/*
 * cmd_draft.c - fu draft REF [ACTION]: the follow-up message for an
 * action fu due shows, written from what the user logged. The library
 * gathers, renders and checks (draft.h); this file parses, runs the
 * editor, and prints.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "fu/buf.h"
#include "fu/date.h"
#include "fu/draft.h"
#include "fu/json.h"
#include "fu/rules.h"
#include "fu/text.h"
#include "opt.h"

enum { O_TO = 1, O_CHANNEL, O_EML, O_EDIT, O_SENT, O_SEND, O_ADD_WORD };

static const opt_spec draft_options[] = {
	{ "to", 0, "CONTACT", O_TO,
	  "the person to write to, when the action names several or none" },
	{ "channel", 0, "CHANNEL", O_CHANNEL,
	  "email, phone or letter instead of the channel the rules chose" },
	{ "eml", 0, "FILE", O_EML,
	  "also write the draft as an e-mail message (.eml) to FILE" },
	{ "edit", 'e', NULL, O_EDIT,
	  "open the draft in $VISUAL (else $EDITOR) first" },
	{ "sent", 0, NULL, O_SENT,
	  "also log that you sent it, so that fu due moves on" },
	{ "send", 0, NULL, O_SEND,
	  "send it through your mailer (mail.sendmail); logged once it took it" },
	{ "add-word", 0, "WORD", O_ADD_WORD,
	  "add WORD to your personal dictionary, so that the spelling "
	  "check accepts it (repeatable; REF may then be left out)" },
	{ NULL, 0, NULL, 0, NULL }
};

/* The message as text: newlines and tabs kept, anything else that could
 * drive the terminal made visible (fu_text_escape). */
static void put_text(FILE *f, const char *s)
{
	fu_buf b = FU_BUF_INIT;
	fu_text_escape(&b, s, FU_TEXT_LINES);
	fputs(b.data, f);
	fu_buf_free(&b);
}

static int check_action(const char *a)
{
	if (strchr(a, ':') || fu_draft_is_message(a) >= 0)
		return FU_EXIT_OK;
	return cli_fail(FU_EXIT_INVALID, "unknown action '%s': use %s", a,
			fu_action_kind_names());
}

/* Read a whole file (the edited draft). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fu_buf b = FU_BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		fu_buf_add(&b, chunk, n);
	int bad = ferror(f) || b.failed || memchr(b.data, '\0', b.len);
	fclose(f);
	if (bad) {
		fu_buf_free(&b);
		return NULL;
	}
	return fu_buf_detach(&b);
}

/* Let the user edit text in $VISUAL or $EDITOR (run by the shell, so
 * "code --wait" works), through a private temporary file. */
static int edit_text(char **out, const char *text)
{
	*out = NULL;
	const char *ed = getenv("VISUAL");
	if (!ed || !*ed)
		ed = getenv("EDITOR");
	if (!ed || !*ed)
		return cli_fail(FU_EXIT_FAILURE, "--edit needs an editor: set "
				"VISUAL or EDITOR");
	const char *tmp = getenv("TMPDIR");
	fu_buf path = FU_BUF_INIT, cmdline = FU_BUF_INIT;
	fu_buf_printf(&path, "%s/fu-draft-XXXXXX.txt",
		      tmp && *tmp ? tmp : "/tmp");
	fu_buf_printf(&cmdline, "%s \"$@\"", ed);
	int rc = FU_EXIT_OK, made = 0;
	if (path.failed || cmdline.failed) {
		rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
		goto done;
	}
	int fd = mkstemps(path.data, 4);
	if (fd < 0) {
		rc = cli_fail(FU_EXIT_FAILURE, "cannot create a file for the "
			      "editor in %s: %s", tmp && *tmp ? tmp : "/tmp",
			      strerror(errno));
		goto done;
	}
	made = 1;
	size_t len = strlen(text), off = 0;
	int err = fchmod(fd, 0600) ? errno : 0;
	while (!err && off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno != EINTR)
			err = errno;
		else if (w > 0)
			off += (size_t)w;
	}
	if (close(fd) && !err)
		err = errno;
	if (err) {
		rc = cli_fail(FU_EXIT_FAILURE, "cannot write %s: %s", path.data,
			      strerror(err));
		goto done;
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		rc = cli_fail(FU_EXIT_FAILURE, "cannot start the editor: %s",
			      strerror(errno));
		goto done;
	}
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL); /* fu ignores it; the editor not */
		execl("/bin/sh", "sh", "-c", cmdline.data, ed, path.data,
		      (char *)NULL);
		_exit(127);
	}
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		rc = cli_fail(FU_EXIT_FAILURE, "the editor (%s) failed: nothing "
			      "done", ed);
		goto done;
	}
	if (!(*out = slurp(path.data)))
		rc = cli_fail(FU_EXIT_FAILURE, "cannot read the edited draft "
			      "%s", path.data);
done:
	if (made)
		unlink(path.data);
	fu_buf_free(&path);
	fu_buf_free(&cmdline);
	return rc;
}

static cJSON *others_json(const fu_draft_other *v, size_t n, int action)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < n; i++) {
		cJSON *x = cJSON_CreateObject();
		cJSON_AddNumberToObject(x, "id", (double)v[i].application_id);
		cJSON_AddStringToObject(x, "company", v[i].company);
		cJSON_AddStringToObject(x, "role", v[i].role);
		if (action)
			cJSON_AddStringToObject(x, "action", v[i].action);
		cJSON_AddItemToArray(a, x);
	}
	return a;
}

static cJSON *draft_json(const fu_draft *d, const fu_draft_input *in,
			 int64_t sent, int sending, char *const *added,
			 size_t nadded)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "action", in->action);
	const char *ch = in->channel ? fu_channel_name(in->channel) : NULL;
	cJSON_AddItemToObject(o, "channel", ch ? cJSON_CreateString(ch)
					       : cJSON_CreateNull());
	if (in->contact_id && in->channel) {
		cJSON *to = cJSON_CreateObject();
		cJSON_AddNumberToObject(to, "id", (double)in->contact_id);
		cJSON_AddStringToObject(to, "name", in->contact_name);
		cJSON_AddItemToObject(to, "email", in->contact_email
				      ? cJSON_CreateString(in->contact_email)
				      : cJSON_CreateNull());
		cJSON_AddItemToObject(o, "to", to);
	} else {
		cJSON_AddNullToObject(o, "to");
	}
	cJSON_AddItemToObject(o, "subject", d->subject
			      ? cJSON_CreateString(d->subject)
			      : cJSON_CreateNull());
	cJSON_AddStringToObject(o, "body", d->body);
	if (in->application_id) {
		cJSON *a = cJSON_CreateObject();
		cJSON_AddNumberToObject(a, "id", (double)in->application_id);
		cJSON_AddStringToObject(a, "company", in->company);
		cJSON_AddStringToObject(a, "role", in->role);
		cJSON_AddItemToObject(o, "application", a);
	} else {
		cJSON_AddNullToObject(o, "application");
	}
	cJSON *w = cJSON_AddArrayToObject(o, "warnings");
	for (size_t i = 0; w && i < d->nwarnings; i++)
		cJSON_AddItemToArray(w, cJSON_CreateString(d->warnings[i]));
	cJSON_AddStringToObject(o, "key", in->key);
	cJSON_AddNumberToObject(o, "seq", in->seq);
	cJSON_AddStringToObject(o, "template", d->source);
	cJSON_AddItemToObject(o, "sent_event", sent
			      ? cJSON_CreateNumber((double)sent)
			      : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "message_id", d->message_id
			      ? cJSON_CreateString(d->message_id)
			      : cJSON_CreateNull());
	cJSON_AddBoolToObject(o, "sent", sending && sent);
	/* what it was written to */
	cJSON_AddItemToObject(o, "situation", in->situation
			      ? cJSON_CreateString(in->situation)
			      : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "wording", !strcmp(in->action, "nudge")
			      ? cJSON_CreateNumber(fu_draft_wording(in))
			      : cJSON_CreateNull());
	cJSON_AddBoolToObject(o, "agency", fu_draft_agency(in));
	cJSON *t = cJSON_AddArrayToObject(o, "topics");
	for (size_t i = 0; t && i < in->ntopics; i++)
		cJSON_AddItemToArray(t, cJSON_CreateString(in->topics[i]));
	cJSON_AddItemToObject(o, "also", others_json(in->also, in->nalso, 1));
	cJSON_AddItemToObject(o, "others", others_json(in->others,
						       in->nothers, 0));
	cJSON_AddItemToObject(o, "scheduled", fu_json_time(in->scheduled_at));
	char day[FU_DAY_LEN];
	cJSON_AddItemToObject(o, "answer_by", in->answer_at
			      ? cJSON_CreateString(fu_time_day(day, in->answer_at))
			      : cJSON_CreateNull());
	cJSON *aw = cJSON_AddArrayToObject(o, "added_words");
	for (size_t i = 0; aw && i < nadded; i++)
		cJSON_AddItemToArray(aw, cJSON_CreateString(added[i]));
	return o;
}

/* --add-word: each word into the personal dictionary; the words added
 * in *added (the caller frees them). */
static int add_words(cli *c, char *const *words, size_t n, char ***added,
		     size_t *nadded, char **path)
{
	*path = fu_draft_dictionary_path();
	if (!*path)
		return cli_fail(FU_EXIT_FAILURE, "--add-word: no place for a "
				"personal dictionary (set XDG_CONFIG_HOME or "
				"HOME)");
	for (size_t i = 0; i < n; i++) {
		int new = 0;
		int lrc = fu_spell_add_word(c->db, *path, words[i], &new);
		if (lrc)
			return cli_lib_fail(c, lrc);
		if (new && strlist_push(added, nadded, words[i]))
			return cli_fail(FU_EXIT_FAILURE, "out of memory");
	}
	return FU_EXIT_OK;
}

typedef struct draft_args {
	const char *ref, *action, *to, *chan, *eml;
	int edit, sent, send;
	char **words;
	size_t nwords;
} draft_args;

/* fu draft REF ...: gather, render, edit, check, write, log. added[]:
 * the words --add-word just added (for --json). */
static int draft(cli *c, const draft_args *a, char *const *added,
		 size_t nadded)
{
	int rc = FU_EXIT_OK;
	if (a->action && (rc = check_action(a->action)))
		return rc;
	fu_draft_request req = { 0 };
	req.action = a->action;
	if (a->chan && (fu_channel_parse(&req.channel, a->chan) != FU_OK ||
			(req.channel != FU_CH_EMAIL &&
			 req.channel != FU_CH_PHONE &&
			 req.channel != FU_CH_LETTER)))
		return cli_fail(FU_EXIT_INVALID, "--channel takes email, phone "
				"or letter, not '%s'", a->chan);
	if (a->eml && !*a->eml)
		return cli_fail(FU_EXIT_INVALID, "--eml needs a file name");
	fu_ref r;
	if ((rc = cli_ref(c, &r, a->ref, FU_REF_ANY)))
		return rc;
	if (r.type == FU_REF_APPLICATION)
		req.application_id = r.id;
	else
		req.contact_id = r.id;
	if (a->to) {
		fu_ref t;
		/* among the people of the application first */
		int lrc = fu_ref_person(&t, c->db, a->to, req.application_id,
					req.contact_id);
		if (lrc)
			return cli_lib_fail(c, lrc);
		req.to = t.id;
	}
	int edit = a->edit, sent = a->sent, send = a->send;
	const char *eml = a->eml;
	fu_draft_input *in = NULL;
	fu_draft *d = NULL;
	char *tmpl = NULL, *path = NULL, *text = NULL, *edited = NULL;
	int64_t event = 0;
	int lrc = fu_draft_gather(&in, c->db, &req);
	if (lrc) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	int message = fu_draft_is_message(in->action) == 1;
	if (!message && (sent || eml || send)) {
		rc = cli_fail(FU_EXIT_INVALID, "%s is a checklist, not a "
			      "message: %s does not apply", in->action,
			      sent ? "--sent" : send ? "--send" : "--eml");
		goto done;
	}
	if ((eml || send) && in->channel != FU_CH_EMAIL) {
		rc = cli_fail(FU_EXIT_INVALID, "%s e-mail, and this draft "
			      "goes by %s (use --channel email)", send
			      ? "--send sends" : "--eml writes",
			      fu_channel_name(in->channel));
		goto done;
	}
	lrc = fu_draft_template_find(&tmpl, &path, c->db, in, NULL);
	if (lrc && lrc != FU_ENOTFOUND) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	if ((lrc = fu_draft_render(&d, c->db, in, tmpl, path))) {
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	if (edit) {
		if (!(text = fu_draft_text(d))) {
			rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
			goto done;
		}
		if ((rc = edit_text(&edited, text)))
			goto done;
		if ((lrc = fu_draft_set_text(d, c->db, in, edited))) {
			rc = cli_lib_fail(c, lrc);
			goto done;
		}
	}
	/* --eml - (or /dev/stdout): the message itself is the output; a
	 * message fu writes carries a Message-ID of fu's: a reply to it
	 * threads back (fu mail scan) */
	int eml_out = eml && (!strcmp(eml, "-") || !strcmp(eml, "/dev/stdout"));
	fu_buf msg = FU_BUF_INIT;
	if ((lrc = fu_draft_check(d, c->db, in, NULL, NULL)) ||
	    (eml && (lrc = fu_draft_new_message_id(c->db, d, in))) ||
	    (eml_out && (lrc = fu_draft_eml(&msg, c->db, d, in))) ||
	    (eml && !eml_out && (lrc = fu_draft_write_eml(c->db, d, in, eml))) ||
	    (sent && (lrc = fu_draft_mark_sent_as(c->db, in, d->message_id,
						  &event))) ||
	    (send && (lrc = fu_draft_send(c->db, d, in, &event)))) {
		fu_buf_free(&msg);
		rc = cli_lib_fail(c, lrc);
		goto done;
	}
	if (eml_out) {
		fwrite(msg.data, 1, msg.len, stdout);
		fu_buf_free(&msg);
	} else if (c->json) {
		rc = cli_json(c, draft_json(d, in, event, send, added,
					    nadded));
	} else {
		free(text);
		if (!(text = fu_draft_text(d))) {
			rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
			goto done;
		}
		put_text(stdout, text);
	}
	fflush(stdout);
	for (size_t i = 0; i < d->nwarnings; i++) {
		fputs("fu: warning: ", stderr);
		cli_put(stderr, d->warnings[i]);
		fputc('\n', stderr);
	}
	/* rule 18: recorded, but sent before it opens it breaks the
	 * cadence */
	fu_action_kind k = FU_ACT_NONE;
	if (event && fu_action_kind_parse(&k, in->action) == FU_OK &&
	    fu_action_is_follow_up(k) && c->now < in->not_before) {
		char h[FU_HUMAN_LEN];
		fprintf(stderr, "fu: warning: the %s opens on %s: sent now, it "
			"breaks the cadence (rule 18)\n", in->action,
			cli_from(h, c, in->not_before));
	}
	if (event && !c->json) {
		fprintf(stderr, "fu: %slogged sent (event %lld) to ",
			send ? "handed to your mailer and " : "",
			(long long)event);
		cli_put(stderr, in->contact_name);
		fprintf(stderr, " by %s; fu due moves on\n",
			fu_channel_name(in->channel));
	}
done:
	free(tmpl);
	free(path);
	free(text);
	free(edited);
	fu_draft_free(d);
	fu_draft_input_free(in);
	return rc;
}

static int cmd_draft(cli *c, int argc, char **argv)
{
	draft_args a = { 0 };
	char **added = NULL, *dict = NULL;
	size_t nadded = 0;
	const char *arg;
	int id, rc = FU_EXIT_OK;
	opt_state st;
	opt_init(&st, argc, argv);
	while (rc == FU_EXIT_OK &&
	       (id = opt_next(c, &st, draft_options, &arg)) != OPT_END) {
		switch (id) {
		case OPT_ERROR: rc = FU_EXIT_USAGE; break;
		case OPT_POSITIONAL:
			if (!a.ref)
				a.ref = arg;
			else if (!a.action)
				a.action = arg;
			else
				rc = cli_usage_fail(c, "unexpected '%s'", arg);
			break;
		case O_TO: a.to = arg; break;
		case O_CHANNEL: a.chan = arg; break;
		case O_EML: a.eml = arg; break;
		case O_EDIT: a.edit = 1; break;
		case O_SENT: a.sent = 1; break;
		case O_SEND: a.send = 1; break;
		case O_ADD_WORD:
			if (strlist_push(&a.words, &a.nwords, arg))
				rc = cli_fail(FU_EXIT_FAILURE, "out of memory");
			break;
		}
	}
	if (rc == FU_EXIT_OK && c->help) {
		rc = cli_help(c);
		goto done;
	}
	if (rc == FU_EXIT_OK && !a.ref && !a.nwords)
		rc = cli_usage_fail(c, "missing the REF (an application or a "
				    "contact)");
	if (rc == FU_EXIT_OK && !a.ref &&
	    (a.action || a.to || a.chan || a.eml || a.edit || a.sent ||
	     a.send))
		rc = cli_usage_fail(c, "missing the REF to draft for");
	if (rc == FU_EXIT_OK && a.send && a.sent)
		rc = cli_usage_fail(c, "--send logs the sent itself: leave "
				    "--sent out");
	if (rc == FU_EXIT_OK && a.eml && c->json &&
	    (!strcmp(a.eml, "-") || !strcmp(a.eml, "/dev/stdout")))
		rc = cli_usage_fail(c, "--eml %s writes the message on standard "
				    "output, where --json would go", a.eml);
	if (rc || (rc = cli_open(c, a.sent || a.send || a.nwords ? CLI_WRITE
						      : CLI_READ)))
		goto done;
	/* the words first, so that this draft's check honours them */
	if (a.nwords &&
	    (rc = add_words(c, a.words, a.nwords, &added, &nadded, &dict)))
		goto done;
	if (a.nwords && !a.ref && c->json) {
		cJSON *o = cJSON_CreateObject();
		if (o) {
			cJSON_AddStringToObject(o, "dictionary", dict);
			cJSON *w = cJSON_AddArrayToObject(o, "added_words");
			for (size_t i = 0; w && i < nadded; i++)
				cJSON_AddItemToArray(w, cJSON_CreateString(added[i]));
		}
		rc = cli_json(c, o);
		goto done;
	}
	for (size_t i = 0; i < a.nwords; i++) {
		int new = 0;
		for (size_t k = 0; k < nadded && !new; k++)
			new = !strcmp(added[k], a.words[i]);
		/* beside a draft, on standard error: the draft is what
		 * standard output holds */
		FILE *f = a.ref ? stderr : stdout;
		fprintf(f, "%s'", a.ref ? "fu: " : "");
		cli_put(f, a.words[i]);
		fprintf(f, "' %s ", new ? "added to" : "is already in");
		cli_put(f, dict);
		fputc('\n', f);
	}
	if (a.ref)
		rc = draft(c, &a, added, nadded);
done:
	for (size_t i = 0; i < a.nwords; i++)
		free(a.words[i]);
	free(a.words);
	for (size_t i = 0; i < nadded; i++)
		free(added[i]);
	free(added);
	free(dict);
	return rc;
}

const cmd cmd_draft_def = {
	.name = "draft",
	.fn = cmd_draft,
	.summary = "write the follow-up message for an action",
	.usage = "fu draft REF [ACTION] [--to CONTACT] [--channel email|phone|letter]\n"
		 "       [--eml FILE] [--edit] [--sent|--send] [--add-word WORD]...\n"
		 "fu draft --add-word WORD...",
	.options = draft_options,
};
