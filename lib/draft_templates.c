/* SPDX-License-Identifier: MIT */
/*
 * draft_templates.c - the built-in templates of fu draft: one for each
 * action and channel, and the checklists of the actions that are not
 * messages.
 */
#include <string.h>

#include "fu/draft.h"
#include "draft_internal.h"

/* --- the built-in templates ------------------------------------------------
 *
 * One for each action and channel (nudges have three wordings, taken in
 * turn by the nudge's number, so each differs from the one before). What
 * each must contain is RULES.md's "Drafts" table; the wording follows the
 * seeds: professional, concise, positive, no slang, a clear question or
 * next step. Optional details sit in {#x}...{/x} sections, so a built-in
 * never needs a value the user has not logged except the signature
 * (user.name, user.email, user.phone) and what the channel needs.
 */

#define HELLO_EMAIL "Dear {contact.first_name},\n\n"
#define HELLO_LETTER "Dear {contact.name},\n\n"
#define BYE_EMAIL "\nBest regards,\n{signature}\n"
#define BYE_LETTER "\nSincerely,\n\n{signature}\n"
#define EMAIL(subject, body) \
	"Subject: " subject "\n\n" HELLO_EMAIL body BYE_EMAIL
#define LETTER(body) HELLO_LETTER body BYE_LETTER
#define CALL(points, voicemail)                                              \
	"Call {contact.name}{#contact.title}, {contact.title}{/contact.title}" \
	"{#contact.company} at {contact.company}{/contact.company}: "          \
	"{contact.phone}\n\n"                                                  \
	"Talking points (note them down before you call):\n" points           \
	"\nIf you reach voicemail:\n"                                          \
	"Hello {contact.first_name}, this is {user.name}. " voicemail "\n"

/* "our interview on ..." or "my application of ..."; for talking
 * points, "your interview ..." */
#define STAGE_OUR                                                            \
	"{#interview_date}our interview on {interview_date}{/interview_date}" \
	"{^interview_date}my application of {applied_date}{/interview_date}"
#define STAGE_YOUR                                                           \
	"{#interview_date}your interview on {interview_date}{/interview_date}" \
	"{^interview_date}your application of {applied_date}"               \
	"{/interview_date}"

/* --- thank-you ------------------------------------------------------- */

#define THANK_YOU_SUBJECT                                                    \
	"Thank you{#role} - {role} {event.kind}{/role}{^role} for meeting " \
	"with me{/role}"

#define THANK_YOU_BODY                                                       \
	"{#role}\n"                                                          \
	"Thank you for the {event.kind} on {event.date}, about the {role} " \
	"position at {company}. I appreciated the chance to learn more "    \
	"about the role and the team.\n"                                    \
	"\n"                                                                 \
	"{#topic.1}I especially enjoyed our conversation about {topic.1}"   \
	"{#topic.2} and {topic.2}{/topic.2}, and it confirmed my interest "  \
	"in the position.{/topic.1}{^topic.1}Our conversation confirmed my " \
	"interest in the position.{/topic.1} I am confident that my "       \
	"experience would let me contribute to the team from the start.\n"  \
	"\n"                                                                 \
	"I look forward to hearing from you about the next steps.\n"        \
	"{/role}\n"                                                          \
	"{^role}\n"                                                          \
	"Thank you for meeting with me on {event.date}. I appreciated your " \
	"time and the advice you shared.\n"                                 \
	"\n"                                                                 \
	"{#topic.1}I especially valued our conversation about {topic.1}"    \
	"{#topic.2} and {topic.2}{/topic.2}, and I will put your "          \
	"suggestions to good use. {/topic.1}Our meeting added to my "       \
	"interest in {#contact.company}{contact.company}{/contact.company}" \
	"{^contact.company}your field{/contact.company}.\n"                 \
	"\n"                                                                 \
	"I look forward to hearing from you, and to staying in touch.\n"    \
	"{/role}\n"

#define THANK_YOU_CALL                                                       \
	CALL("- Thank them for the {event.kind} on {event.date}{#role}, "   \
	     "about the {role} position{/role}.\n"                            \
	     "{#topic.1}\n"                                                   \
	     "- Mention what stayed with you: {topic.1}{#topic.2}; {topic.2}" \
	     "{/topic.2}.\n"                                                  \
	     "{/topic.1}\n"                                                   \
	     "- {#role}Restate your interest in the role and what you would " \
	     "bring to the team.{/role}{^role}Say what you took from the "    \
	     "conversation, and that you would like to stay in touch.{/role}\n" \
	     "- Say that you look forward to hearing from them.\n",          \
	     "Thank you again for the {event.kind} on {event.date}{#role}, "  \
	     "about the {role} position{/role}. I enjoyed our conversation"   \
	     "{#role}, and I am very interested in the role{/role}. I look "  \
	     "forward to hearing from you. You can reach me at {user.phone}. " \
	     "Thank you, and have a good day.")

/* --- acknowledge ------------------------------------------------------ */

#define ACK_SUBJECT "Thank you for your {event.kind}{#role} - {role}{/role}"

#define ACK_BODY                                                             \
	"Thank you for your {event.kind} on {event.date}{#role}, about the " \
	"{role} position{/role}. {#role}I appreciate you keeping me "       \
	"informed, and I remain very interested in the role.{/role}"        \
	"{^role}I appreciate you taking the time to get in touch.{/role}"   \
	"{#expect_date} I look forward to hearing from you by "             \
	"{expect_date}.{/expect_date}\n"                                    \
	"\n"                                                                 \
	"Please let me know if I can provide anything else. My contact "   \
	"details are below.\n"

#define ACK_CALL                                                             \
	CALL("- Thank them for their {event.kind} on {event.date}{#role}, " \
	     "about the {role} position{/role}.\n"                          \
	     "- {#role}Say that you remain very interested in the role."   \
	     "{/role}{^role}Say that you appreciate their time.{/role}\n"   \
	     "- Ask whether they need anything else from you.\n"            \
	     "- Make sure they have your number and e-mail address: "       \
	     "{user.phone}, {user.email}.\n",                               \
	     "Thank you for your {event.kind}{#role} about the {role} "     \
	     "position{/role}; I appreciate it. If you need anything else " \
	     "from me, you can reach me at {user.phone}. Thank you, and "   \
	     "have a good day.")

/* --- connect --------------------------------------------------------- */

#define CONNECT_SUBJECT "Good to meet you"

#define CONNECT_BODY                                                         \
	"It was a pleasure to meet you on {event.date}{#topic.1}, and I "  \
	"enjoyed our conversation about {topic.1}{/topic.1}. I would like " \
	"to stay in touch.\n"                                               \
	"\n"                                                                 \
	"I am exploring my next role{#contact.company}, and I would be "   \
	"glad to learn more about your work at {contact.company}"          \
	"{/contact.company}{^contact.company}, and I would value your "    \
	"perspective{/contact.company}. Would you be open to a short call " \
	"or a coffee "                                                      \
	"in the next couple of weeks? I am happy to work around your "     \
	"schedule.\n"                                                       \
	"\n"                                                                 \
	"Thank you, and I hope to hear from you soon.\n"

#define CONNECT_CALL                                                         \
	CALL("- Remind them where you met: on {event.date}{#topic.1}, when " \
	     "you talked about {topic.1}{/topic.1}.\n"                      \
	     "- Say briefly who you are and what kind of role you are "     \
	     "looking for.\n"                                               \
	     "- Suggest a next step: a short call or a coffee in the next " \
	     "couple of weeks.\n",                                          \
	     "We met on {event.date}{#topic.1}, and talked about {topic.1}" \
	     "{/topic.1}. I enjoyed our conversation and would be glad to " \
	     "continue it over a short call or a coffee. You can reach me " \
	     "at {user.phone}. Thank you, and I hope to talk soon.")

/* --- intro-thanks ---------------------------------------------------- */

#define INTRODUCED                                                           \
	"{#introduced.name}{introduced.name}{/introduced.name}"             \
	"{^introduced.name}your contact{/introduced.name}"

#define INTRO_THANKS_SUBJECT "Thank you for the introduction"

#define INTRO_THANKS_BODY                                                    \
	"Thank you for introducing me to " INTRODUCED ". I appreciate you " \
	"thinking of me and taking the time to connect us.\n"               \
	"\n"                                                                 \
	"I will get in touch with {#introduced.name}"                      \
	"{introduced.first_name}{/introduced.name}{^introduced.name}them"  \
	"{/introduced.name} in the next day or two, and I will let you "   \
	"know how it goes.\n"                                               \
	"\n"                                                                 \
	"Thank you again for your help.\n"

#define INTRO_THANKS_CALL                                                    \
	CALL("- Thank them for introducing you to " INTRODUCED ".\n"        \
	     "- Say when you plan to get in touch, and that you will let "  \
	     "them know how it goes.\n"                                     \
	     "- Ask whether there is anything you should know before you "  \
	     "reach out.\n",                                                \
	     "I wanted to thank you for introducing me to " INTRODUCED     \
	     "; I really appreciate it. I will get in touch this week and " \
	     "let you know how it goes. You can reach me at {user.phone}. " \
	     "Thank you again.")

/* --- intro-reach-out ------------------------------------------------- */

#define REACH_OUT_SUBJECT                                                    \
	"{#introducer.name}Introduction through {introducer.name}"          \
	"{/introducer.name}{^introducer.name}Introduction{#role} - {role}"  \
	"{/role}{/introducer.name}"

#define REACH_OUT_BODY                                                       \
	"{#introducer.name}{introducer.name} suggested that I get in touch " \
	"with you, and I am glad for the introduction. {/introducer.name}"  \
	"My name is {user.name}, and I am exploring my next role{#role}; "  \
	"the {role} position at {company} is of real interest to me"       \
	"{/role}.\n"                                                        \
	"\n"                                                                 \
	"I would value the chance to learn about your work"                \
	"{#contact.company} at {contact.company}{/contact.company} and to " \
	"hear your advice. Would you have twenty minutes for a call or a "  \
	"coffee in the coming weeks? I am happy to work around your "      \
	"schedule.\n"                                                       \
	"\n"                                                                 \
	"Thank you for your time, and I look forward to hearing from you.\n"

#define REACH_OUT_CALL                                                       \
	CALL("- Say who you are{#introducer.name}, and that "              \
	     "{introducer.name} suggested you call{/introducer.name}.\n"    \
	     "- Explain briefly why you are getting in touch{#role}: the "  \
	     "{role} position at {company}{/role}.\n"                       \
	     "- Ask for twenty minutes for a call or a coffee in the "      \
	     "coming weeks.\n",                                             \
	     "{#introducer.name}{introducer.name} suggested that I call "   \
	     "you. {/introducer.name}I am exploring my next role and would " \
	     "value twenty minutes of your time for a call or a coffee. "   \
	     "You can reach me at {user.phone}. Thank you, and I look "     \
	     "forward to speaking with you.")

/* --- help-reminder --------------------------------------------------- */

#define HELP_SUBJECT "Following up on our conversation"

#define HELP_BODY                                                            \
	"Thank you again for offering to help{#topic.1} with {topics}"     \
	"{/topic.1} when we spoke on {event.date}. I really appreciate "    \
	"it.\n"                                                             \
	"\n"                                                                 \
	"{#urgent}I am writing a little sooner than I otherwise would, as " \
	"the timing matters for me. {/urgent}{#expect_date}You mentioned "  \
	"{expect_date}, so I wanted to follow up gently{/expect_date}"      \
	"{^expect_date}I wanted to follow up gently{/expect_date} and ask " \
	"whether I can send you anything that would help.\n"               \
	"\n"                                                                 \
	"I am grateful for your support.\n"

#define HELP_CALL                                                            \
	CALL("- Thank them again for offering to help{#topic.1} with "     \
	     "{topics}{/topic.1} when you spoke on {event.date}.\n"         \
	     "{#urgent}\n"                                                  \
	     "- Explain briefly why the timing matters.\n"                  \
	     "{/urgent}\n"                                                  \
	     "- Ask, lightly, how it is going, and whether you can send "   \
	     "anything that would help.\n",                                 \
	     "Thank you again for offering to help{#topic.1} with {topics}" \
	     "{/topic.1}. I wanted to check in gently and ask whether I can " \
	     "send you anything that would help. You can reach me at "      \
	     "{user.phone}. Thank you so much.")

/* --- application-check-in -------------------------------------------- */

#define APP_SUBJECT "Following up on my application - {role}"

#define APP_BODY                                                             \
	"I applied for the {role} position at {company} on {applied_date}, " \
	"and I am writing to make sure that my application reached you. "  \
	"Please let me know if I can provide anything else, such as "      \
	"references or work samples.\n"                                    \
	"\n"                                                                 \
	"I would also be glad to hear about the next steps in the process " \
	"and their timing. I remain very interested in the role and in the " \
	"work of your team.\n"                                             \
	"\n"                                                                 \
	"Thank you for your time and consideration.\n"

#define APP_CALL                                                             \
	CALL("- Introduce yourself: you applied for the {role} position on " \
	     "{applied_date}; if you applied by e-mail, give the subject "  \
	     "line of that e-mail.\n"                                       \
	     "- Ask whether your application arrived, and whether they "    \
	     "need anything else.\n"                                        \
	     "- Ask about the next steps and their timing.\n"               \
	     "- Say that you remain very interested in the role.\n",        \
	     "I applied for the {role} position on {applied_date}, and I "  \
	     "wanted to make sure that my application reached you and to "  \
	     "ask about the next steps. I remain very interested in the "   \
	     "role. You can reach me at {user.phone}. Thank you, and have " \
	     "a good day.")

/* --- interview-check-in ---------------------------------------------- */

#define IV_SUBJECT "Following up on my interview - {role}"

#define IV_BODY                                                              \
	"Thank you again for the interview on {interview_date}, about the " \
	"{role} position at {company}. {#expect_date}You mentioned that I " \
	"could expect to hear back by {expect_date}, so I wanted to ask "   \
	"politely whether there is any news, or whether the timeline has " \
	"changed.{/expect_date}{^expect_date}I wanted to ask politely "     \
	"whether a decision has been made, or whether there is an updated " \
	"timeline.{/expect_date}\n"                                        \
	"\n"                                                                 \
	"{#topic.1}Our conversation about {topic.1} confirmed my interest: " \
	"it is the kind of work I do well and want to do more of."         \
	"{/topic.1}{^topic.1}Our conversation confirmed my interest, and I " \
	"believe my experience matches what the team needs.{/topic.1} "    \
	"Please let me know if I can provide anything else.\n"             \
	"\n"                                                                 \
	"Thank you for your time, and I look forward to hearing from you.\n"

#define IV_CALL                                                              \
	CALL("- Thank them again for the interview on {interview_date}.\n" \
	     "- Ask politely whether a decision has been made, or whether " \
	     "the timeline has changed{#expect_date} (you were to hear "    \
	     "back by {expect_date}){/expect_date}.\n"                      \
	     "- Restate your interest, and how your experience fits what "  \
	     "the role needs{#topic.1} (you discussed {topic.1}){/topic.1}.\n" \
	     "- Ask whether they need anything else from you.\n",           \
	     "Thank you again for the interview on {interview_date}, about " \
	     "the {role} position. I wanted to ask whether there is any "   \
	     "news on your decision, or an updated timeline. I remain very " \
	     "interested in the role. You can reach me at {user.phone}. "   \
	     "Thank you, and have a good day.")

/* --- nudge: three wordings, in turn ---------------------------------- */

#define NUDGE1_SUBJECT "Checking in - {role}"
#define NUDGE1_BODY                                                          \
	"I hope you are well. I am following up on " STAGE_OUR ", for the " \
	"{role} position at {company}. Is there any news on your "         \
	"decision, or an updated timeline you could share?\n"              \
	"\n"                                                                 \
	"I remain very interested in the role and confident that I could " \
	"contribute to your team. Thank you for your time.\n"
#define NUDGE1_CALL                                                          \
	CALL("- Say who you are, and that you are following up on "        \
	     STAGE_YOUR ", for the {role} position.\n"                      \
	     "- Ask whether there is any news on the decision, or an "      \
	     "updated timeline.\n"                                          \
	     "- Restate your interest and what you would bring to the "     \
	     "team.\n",                                                     \
	     "I am following up on " STAGE_OUR ", for the {role} position. " \
	     "I wanted to ask whether there is any news, or an updated "    \
	     "timeline. I remain very interested. You can reach me at "     \
	     "{user.phone}. Thank you, and have a good day.")

#define NUDGE2_SUBJECT "Still very interested - {role}"
#define NUDGE2_BODY                                                          \
	"I wanted to check in once more about the {role} position at "     \
	"{company}. Since {#interview_date}our interview on "              \
	"{interview_date}{/interview_date}{^interview_date}I applied on "   \
	"{applied_date}{/interview_date}, my interest in the role has only " \
	"grown{#topic.1}, particularly after our conversation about "      \
	"{topic.1}{/topic.1}, and I believe my experience matches what the " \
	"team needs.\n"                                                     \
	"\n"                                                                 \
	"I would be grateful for a short update on where the process "     \
	"stands, and on whether I can provide anything more. Thank you "   \
	"again for your consideration.\n"
#define NUDGE2_CALL                                                          \
	CALL("- Mention " STAGE_YOUR ", and that your interest in the role " \
	     "has only grown{#topic.1} since you talked about {topic.1}"    \
	     "{/topic.1}.\n"                                                \
	     "- Ask for a short update on where the process stands.\n"      \
	     "- Offer to send anything more they need.\n",                  \
	     "I am calling to check in once more about the {role} "         \
	     "position{#interview_date}, for which I interviewed on "       \
	     "{interview_date}{/interview_date}. I am still very "          \
	     "interested, and I would be grateful for a short update when " \
	     "you have a moment. You can reach me at {user.phone}. Thank "  \
	     "you.")

#define NUDGE3_SUBJECT "Following up - {role}"
#define NUDGE3_STAGE                                                         \
	"{#interview_date}, for which I interviewed on {interview_date}"    \
	"{/interview_date}{^interview_date}, for which I applied on "      \
	"{applied_date}{/interview_date}"
#define NUDGE3_BODY                                                          \
	"I am following up on the {role} position at {company}"            \
	NUDGE3_STAGE ". I understand that hiring takes time, and I do not " \
	"want to take up much of yours: could you let me know whether the " \
	"position is still open, and if so, when you expect to decide?\n"  \
	"\n"                                                                 \
	"I would still very much welcome the chance to join your team. "   \
	"Thank you for your help.\n"
#define NUDGE3_CALL                                                          \
	CALL("- Acknowledge that hiring takes time, and keep the call "    \
	     "short.\n"                                                     \
	     "- Ask whether the {role} position is still open, and when "   \
	     "they expect to decide.\n"                                     \
	     "- Say that you would still welcome the chance to join the "   \
	     "team.\n",                                                     \
	     "I am calling about the {role} position" NUDGE3_STAGE ". I "   \
	     "know hiring takes time; could you let me know whether the "   \
	     "position is still open, and when you expect to decide? You "  \
	     "can reach me at {user.phone}. Thank you for your help.")

/* --- rejection-response ---------------------------------------------- */

#define REJ_SUBJECT "Thank you - {role}"

#define REJ_BODY                                                             \
	"Thank you for letting me know your decision about the {role} "    \
	"position at {company}. I appreciate the time you "                \
	"{#interview_date}and your colleagues gave me during the interview " \
	"process{/interview_date}{^interview_date}took to consider "        \
	"my application{/interview_date}.\n"                               \
	"\n"                                                                 \
	"I enjoyed learning about {company}, and I would be glad to be "   \
	"considered for future roles that match my experience. I hope we " \
	"can stay in touch.\n"                                             \
	"\n"                                                                 \
	"Thank you again for your consideration.\n"

#define REJ_CALL                                                             \
	CALL("- Thank them for letting you know, and for their time"       \
	     "{#interview_date} during the interview process"               \
	     "{/interview_date}.\n"                                          \
	     "- Ask to be kept in mind for future roles that match your "   \
	     "experience.\n"                                                \
	     "- If it feels right, ask whether they have any feedback for " \
	     "you.\n",                                                      \
	     "Thank you for letting me know your decision about the {role} " \
	     "position. I appreciated the chance to learn about {company}, " \
	     "and I would be glad to be considered for future roles. You "  \
	     "can reach me at {user.phone}. Thank you, and best wishes.")

/* --- withdraw-notice ------------------------------------------------- */

#define WD_SUBJECT "Withdrawing my application - {role}"

#define WD_BODY                                                              \
	"I am writing to withdraw my application for the {role} position " \
	"at {company}, as I have accepted another offer.\n"                \
	"\n"                                                                 \
	"Thank you for your time and consideration{#interview_date}, and " \
	"for the conversations we had during the process{/interview_date}. " \
	"I enjoyed learning about {company} and your team, and I hope our " \
	"paths cross again.\n"                                             \
	"\n"                                                                 \
	"I wish you every success in filling the role.\n"

#define WD_CALL                                                              \
	CALL("- Say that you have accepted another offer, and that you are " \
	     "withdrawing from the {role} position.\n"                      \
	     "- Thank them for their time and consideration.\n"             \
	     "- Say that you hope your paths cross again.\n",               \
	     "I am calling to let you know that I have accepted another "   \
	     "offer, so I am withdrawing my application for the {role} "    \
	     "position. Thank you very much for your time and "             \
	     "consideration. You can reach me at {user.phone} if you need " \
	     "anything. Best wishes.")

/* --- checklists: actions that are not messages ----------------------- */

#define FIND_CONTACT_LIST                                                    \
	"Find the person who hires for the {role} position at {company}:\n" \
	"- See who posted the job: the posting{#url} ({url}){/url}, or "   \
	"{company}'s page on LinkedIn.\n"                                  \
	"- Look on {company}'s website for the team's manager, or a "      \
	"recruiter for the role.\n"                                         \
	"- Ask your network whether anyone knows someone at {company}.\n"  \
	"- Once you have a name, record it, and fu suggests the check-in:\n" \
	"    fu add contact NAME --company \"{company}\" --email ADDRESS\n" \
	"    fu edit {application.id} --contact NAME\n"

#define CLOSURE_LIST                                                         \
	"Decide about the {role} position at {company}.\n"                 \
	"Why now: {reason}.\n"                                              \
	"\n"                                                                 \
	"- To keep going: follow up every two weeks or so, each time "     \
	"worded differently, and look for someone else at {company} to "   \
	"write to:\n"                                                       \
	"    fu edit {application.id} --contact NAME\n"                     \
	"- To stop: if you wish, send a short note thanking them for their " \
	"time, then record it:\n"                                          \
	"    fu close {application.id} --outcome withdrawn\n"               \
	"  (or --outcome no-response if you simply stop)\n"

#define OFFER_LIST                                                           \
	"Review the offer for the {role} position at {company} before you " \
	"answer{#deadline_date}; they expect your answer by "              \
	"{deadline_date}{/deadline_date}:\n"                               \
	"- Compare the salary with the usual range for a role of this "    \
	"responsibility, and for your experience and skills.\n"           \
	"- Review the benefits: health cover, retirement, paid leave, "    \
	"bonus and equity, flexibility.\n"                                  \
	"- Read up on negotiation, and decide what you would ask for and " \
	"why.\n"                                                            \
	"- Do not decide on the spot: thank them, and say when you will "  \
	"answer.\n"                                                         \
	"- When you have decided, record it (accepting lists the "         \
	"withdraw-notices you then owe):\n"                                \
	"    fu close {application.id} --outcome accepted\n"               \
	"    fu close {application.id} --outcome declined\n"

typedef struct builtin {
	const char *action;
	const char *channel; /* "email", "phone", "letter", "checklist" */
	const char *text;
} builtin;

/* Several entries for one action and channel are wordings taken in
 * turn by seq (nudges). */
static const builtin builtins[] = {
	{ "thank-you", "email", EMAIL(THANK_YOU_SUBJECT, THANK_YOU_BODY) },
	{ "thank-you", "letter", LETTER(THANK_YOU_BODY) },
	{ "thank-you", "phone", THANK_YOU_CALL },
	{ "acknowledge", "email", EMAIL(ACK_SUBJECT, ACK_BODY) },
	{ "acknowledge", "letter", LETTER(ACK_BODY) },
	{ "acknowledge", "phone", ACK_CALL },
	{ "connect", "email", EMAIL(CONNECT_SUBJECT, CONNECT_BODY) },
	{ "connect", "letter", LETTER(CONNECT_BODY) },
	{ "connect", "phone", CONNECT_CALL },
	{ "intro-thanks", "email", EMAIL(INTRO_THANKS_SUBJECT, INTRO_THANKS_BODY) },
	{ "intro-thanks", "letter", LETTER(INTRO_THANKS_BODY) },
	{ "intro-thanks", "phone", INTRO_THANKS_CALL },
	{ "intro-reach-out", "email", EMAIL(REACH_OUT_SUBJECT, REACH_OUT_BODY) },
	{ "intro-reach-out", "letter", LETTER(REACH_OUT_BODY) },
	{ "intro-reach-out", "phone", REACH_OUT_CALL },
	{ "help-reminder", "email", EMAIL(HELP_SUBJECT, HELP_BODY) },
	{ "help-reminder", "letter", LETTER(HELP_BODY) },
	{ "help-reminder", "phone", HELP_CALL },
	{ "application-check-in", "email", EMAIL(APP_SUBJECT, APP_BODY) },
	{ "application-check-in", "letter", LETTER(APP_BODY) },
	{ "application-check-in", "phone", APP_CALL },
	{ "interview-check-in", "email", EMAIL(IV_SUBJECT, IV_BODY) },
	{ "interview-check-in", "letter", LETTER(IV_BODY) },
	{ "interview-check-in", "phone", IV_CALL },
	{ "nudge", "email", EMAIL(NUDGE1_SUBJECT, NUDGE1_BODY) },
	{ "nudge", "email", EMAIL(NUDGE2_SUBJECT, NUDGE2_BODY) },
	{ "nudge", "email", EMAIL(NUDGE3_SUBJECT, NUDGE3_BODY) },
	{ "nudge", "letter", LETTER(NUDGE1_BODY) },
	{ "nudge", "letter", LETTER(NUDGE2_BODY) },
	{ "nudge", "letter", LETTER(NUDGE3_BODY) },
	{ "nudge", "phone", NUDGE1_CALL },
	{ "nudge", "phone", NUDGE2_CALL },
	{ "nudge", "phone", NUDGE3_CALL },
	{ "rejection-response", "email", EMAIL(REJ_SUBJECT, REJ_BODY) },
	{ "rejection-response", "letter", LETTER(REJ_BODY) },
	{ "rejection-response", "phone", REJ_CALL },
	{ "withdraw-notice", "email", EMAIL(WD_SUBJECT, WD_BODY) },
	{ "withdraw-notice", "letter", LETTER(WD_BODY) },
	{ "withdraw-notice", "phone", WD_CALL },
	{ "find-contact", "checklist", FIND_CONTACT_LIST },
	{ "closure", "checklist", CLOSURE_LIST },
	{ "offer-review", "checklist", OFFER_LIST },
};

/* The file-name word of a channel: "email", "phone", "letter",
 * "checklist" (a social message reads the e-mail template). */
const char *fu__draft_channel_file(fu_channel ch)
{
	switch (ch) {
	case FU_CH_EMAIL:
	case FU_CH_SOCIAL: return "email";
	case FU_CH_PHONE: return "phone";
	case FU_CH_LETTER: return "letter";
	case FU_CH_NONE: return "checklist";
	default: return NULL;
	}
}

const char *fu_draft_builtin(const fu_draft_input *in)
{
	const char *ch = fu__draft_channel_file(in->channel);
	size_t count = 0, first = 0;
	if (!in->action || !ch)
		return "";
	for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
		if (!strcmp(builtins[i].action, in->action) &&
		    !strcmp(builtins[i].channel, ch)) {
			if (!count)
				first = i;
			count++;
		}
	if (!count)
		return "";
	size_t pick = in->seq > 0 ? (size_t)(in->seq - 1) % count : 0;
	return builtins[first + pick].text;
}
